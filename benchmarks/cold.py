"""Benchmark 1, cold start: `streamlit run` to the page's first chart drawn, against a bare one-chart app."""

import time
from pathlib import Path

from appdriver.harness import start_server, stop_server, wait_healthy
from benchmarks.common import ROOT, median, verdict

RATIO_LIMIT = 1.3  # target: the app's first chart within 1.3x the bare app's
FIRST_CHART = ".js-plotly-plot .main-svg"
VIEWPORT = {"width": 1400, "height": 1000}

BARE_APP = '''"""A bare one-chart Streamlit app: the floor for the cold-start benchmark."""
import plotly.io as pio
import streamlit as st

st.set_page_config(layout="wide")
{data}st.plotly_chart(pio.from_json(open({path!r}, encoding="utf-8").read()))
'''
# The same, after importing pandas and reading the two datasets every page needs: the floor for any page
# that draws from our data (what the app must do before its first chart, and the bare app skips).
DATA_LINES = ("import pandas as pd\n"
              "frames = [pd.read_parquet({p!r}) for p in ({projections!r}, {roles!r})]\n")


def bare_app(figure_path: Path, data: str = "") -> str:
    """The bare app's script drawing the figure JSON at figure_path, after `data` (DATA_LINES or nothing)."""
    return BARE_APP.replace("{path!r}", repr(str(figure_path))).replace("{data}", data)


def first_figure_json(page) -> str:
    """The page's first figure as Streamlit sends it (AppTest runs the page script, no browser)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()  # through the router
    if not page.default:
        at.switch_page(page.script).run()
    specs = [el.proto.spec for el in at.get("plotly_chart")]
    if not specs:
        raise SystemExit(f"page {page.url_path} draws no Plotly chart")
    return specs[0]


def cold_once(browser, script: str, cwd: Path, url_path: str) -> tuple[float, float]:
    """Seconds from launching `streamlit run` to health, and to the first chart drawn in a fresh context."""
    context = browser.new_context(viewport=VIEWPORT)  # a fresh context: empty cache, like a first visit
    page = context.new_page()
    start = time.perf_counter()
    proc, base = start_server(script, cwd=cwd, wait=False)
    try:
        wait_healthy(proc, base)
        healthy = time.perf_counter() - start
        page.goto(f"{base}/{url_path}")
        page.wait_for_selector(FIRST_CHART, timeout=120_000)
        drawn = time.perf_counter() - start
    finally:
        stop_server(proc)
        context.close()
    return healthy, drawn


def measure(browser, page, runs: int, workdir: Path) -> dict:
    fig = workdir / "figure.json"
    fig.write_text(first_figure_json(page), encoding="utf-8")
    bare, data = workdir / "bare_app.py", workdir / "bare_data_app.py"
    bare.write_text(bare_app(fig), encoding="utf-8")
    lines = DATA_LINES.replace("{projections!r}", repr(str(ROOT / "data" / "projections.parquet"))).replace(
        "{roles!r}", repr(str(ROOT / "data" / "roles.parquet"))).replace("{p!r}", "p")
    data.write_text(bare_app(fig, lines), encoding="utf-8")
    times = {"app": [], "bare": [], "bare_data": []}
    for _ in range(runs):  # interleaved, so load from elsewhere on the machine hits all alike
        times["app"].append(cold_once(browser, "app.py", ROOT, "" if page.default else page.url_path))
        times["bare"].append(cold_once(browser, str(bare), workdir, ""))
        times["bare_data"].append(cold_once(browser, str(data), workdir, ""))
    out = {"runs": runs, "figure_bytes": fig.stat().st_size}
    for name, ts in times.items():
        out[f"{name}_health_s"] = median([t[0] for t in ts])
        out[f"{name}_first_chart_s"] = median([t[1] for t in ts])
        out[f"{name}_all_s"] = [round(t[1], 3) for t in ts]
    out["ratio"] = out["app_first_chart_s"] / out["bare_first_chart_s"]
    out["ratio_data"] = out["app_first_chart_s"] / out["bare_data_first_chart_s"]
    return out


def rows(c: dict, page) -> list[str]:
    return [f"| 1 | cold start to first chart, `{page.url_path}` (median of {c['runs']}) | "
            f"{c['app_first_chart_s']:.2f} s (health {c['app_health_s']:.2f} s) | bare one-chart app "
            f"{c['bare_first_chart_s']:.2f} s (health {c['bare_health_s']:.2f} s); the same after "
            f"importing pandas and reading 2 datasets {c['bare_data_first_chart_s']:.2f} s | ≤ {RATIO_LIMIT}× "
            f"floor: {c['ratio']:.2f}× bare, {c['ratio_data']:.2f}× with data | {verdict(c['ratio'] <= RATIO_LIMIT)} |"]
