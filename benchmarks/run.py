"""Benchmarks of the dashboard on this machine: prints a table and writes BENCHMARKS.md (not timed tests).

python benchmarks/run.py [--page URL_PATH] [--quick] [--only cold,interaction,rebuild,memory,load]

1. cold start to the first chart drawn, against a bare one-chart Streamlit app with the same figure;
2. interaction: filter change to redrawn chart (median, p95) and the server-side rerun time;
3. offline rebuild (`python -m ingest --offline`): time and peak memory, against a naive pandas read;
4. server RSS after visiting every page, and the largest figure JSON sent to the browser;
5. load: 10 and 25 concurrent browser sessions changing filters (median, p95, errors).
"""

import argparse
import asyncio
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from appdriver.harness import (  # noqa: E402
    CHROMIUM,
    LAUNCH_ARGS,
    TESTIDS,
    Filter,
    app_pages,
    apply,
    charts,
    current_value,
    default_page,
    errors,
    generic_change,
    remember_chart,
    start_server,
    stop_server,
    wait_chart_changed,
    wait_healthy,
    wait_settled,
)

FIRST_CHART = ".js-plotly-plot .main-svg"
VIEWPORT = {"width": 1400, "height": 1000}
RESULTS_START, RESULTS_END = "<!-- results: written by benchmarks/run.py -->", "<!-- /results -->"


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def p95(xs):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]


# --- 1. cold start -----------------------------------------------------------------------------------

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


def bench_cold(browser, page, runs: int, workdir: Path) -> dict:
    fig = workdir / "figure.json"
    fig.write_text(first_figure_json(page), encoding="utf-8")
    bare, data = workdir / "bare_app.py", workdir / "bare_data_app.py"
    bare.write_text(BARE_APP.replace("{path!r}", repr(str(fig))).replace("{data}", ""), encoding="utf-8")
    lines = DATA_LINES.replace("{projections!r}", repr(str(ROOT / "data" / "projections.parquet"))).replace(
        "{roles!r}", repr(str(ROOT / "data" / "roles.parquet"))).replace("{p!r}", "p")
    data.write_text(BARE_APP.replace("{path!r}", repr(str(fig))).replace("{data}", lines), encoding="utf-8")
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


# --- 2. interaction, 4. memory and figure sizes (one instrumented server) ---------------------------

def read_log(path: Path, start: int = 0) -> tuple[list[dict], int]:
    if not path.exists():
        return [], start
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines[start:]], len(lines)


def change_for(page_obj, page_info) -> Filter:
    return page_info.change or generic_change(page_obj)


def bench_interaction(browser, base: str, page_info, log: Path, n: int) -> dict:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(page_info.url(base))
    wait_settled(page)
    change = change_for(page, page_info)
    index = page_info.main_chart or 0
    original = current_value(page, change)
    wait_settled(page)
    _, mark = read_log(log)
    latencies, picked = [], []
    for i in range(n):
        remember_chart(page, index)
        clock = {}
        undo = i % 2 == 1
        target = Filter(change.kind, change.label, original) if undo else change
        picked.append(apply(page, target, on_commit=lambda c=clock: c.setdefault("t", time.perf_counter())))
        wait_chart_changed(page, index)
        latencies.append(time.perf_counter() - clock["t"])
        wait_settled(page)
    runs, _ = read_log(log, mark)
    script = [r["run_s"] for r in runs if "run_s" in r]
    context.close()
    return {"changes": n, "widget": f"{change.kind} {change.label or '(first)'}: {original} <-> {picked[0]}",
            "median_s": median(latencies), "p95_s": p95(latencies), "all_s": latencies,
            "script_median_s": median(script), "script_p95_s": p95(script), "script_runs": len(script),
            "values": (original, picked[0]), "change": (change.kind, change.label)}


def rss_mb(pid: int) -> float:
    import psutil

    proc = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]) / 2**20


def bench_memory(browser, base: str, proc, log: Path) -> dict:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    per_page = {}
    _, mark = read_log(log)
    for info in app_pages():
        page.goto(info.url(base))
        wait_settled(page)
        if errors(page):
            print(f"  ! {info.url_path}: error element on the page", file=sys.stderr)
        records, mark = read_log(log, mark)
        sizes = [r["figure_bytes"] for r in records if "figure_bytes" in r]
        per_page[info.url_path] = {"charts": len(charts(page)), "largest_figure_bytes": max(sizes, default=0)}
    context.close()
    time.sleep(1)
    return {"rss_mb": rss_mb(proc.pid), "pages": per_page,
            "largest_figure_bytes": max((p["largest_figure_bytes"] for p in per_page.values()), default=0)}


# --- 3. offline rebuild against a naive read ---------------------------------------------------------

def child(kind: str, data_dir: str) -> None:
    """Run in a fresh process: the rebuild or the naive read; print seconds of work and peak RSS."""
    start = time.perf_counter()
    if kind == "ingest":
        os.environ["HLT_DATA_DIR"] = data_dir
        from ingest.__main__ import main

        with open(os.devnull, "w") as quiet:
            sys.stdout, sys.stderr = quiet, quiet
            code = main(["--offline"])
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        if code:
            raise SystemExit(f"python -m ingest --offline failed with {code}")
        files = None
    else:
        import pandas as pd

        files = 0
        for path in sorted((Path(data_dir) / "raw").rglob("*")):
            name = path.name.lower()
            if name.endswith((".xlsx", ".xls", ".xlsm")):
                pd.read_excel(path, sheet_name=None, engine="calamine" if kind == "naive-calamine" else None)
            elif name.endswith((".csv", ".csv.gz", ".csv.zip")):
                pd.read_csv(path, low_memory=False)
            else:
                continue
            files += 1
    work = time.perf_counter() - start
    print(json.dumps({"work_s": work, "peak_mb": peak_rss_mb(), "files": files}))


def peak_rss_mb() -> float:
    """This process's peak RSS. VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent on exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(kind: str, data_dir: Path) -> dict:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(data_dir)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - start
    return result


def bench_rebuild(runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"  # a copy, so the committed snapshot is never rewritten by a benchmark
        shutil.copytree(ROOT / "data", copy)
        results = {"ingest": [], "naive": [], "naive-calamine": []}
        for _ in range(runs):
            for kind in results:
                results[kind].append(run_child(kind, copy))
    summary = {}
    for kind, rs in results.items():
        summary[kind] = {key: median([r[key] for r in rs]) for key in ("wall_s", "work_s", "peak_mb")}
        summary[kind]["files"] = rs[0]["files"]
    summary["runs"] = runs
    summary["raw_files"] = sorted(str(p.relative_to(ROOT / "data" / "raw")) for p in (ROOT / "data" / "raw").rglob("*")
                                  if p.is_file() and p.name.lower().endswith((".xlsx", ".xls", ".csv", ".csv.gz")))
    return summary


# --- 5. load ----------------------------------------------------------------------------------------

async def _flip(page, change: Filter, value: str) -> None:
    group = page.locator(f'[data-testid="{TESTIDS[change.kind]}"]')
    if change.label:
        group = group.filter(has=page.locator('[data-testid="stWidgetLabel"]', has_text=change.label))
    group = group.first
    if change.kind == "radio":
        await group.locator('[role="radiogroup"] label').filter(has_text=value).first.click()
        return
    await group.locator('input[role="combobox"]').click()
    options = page.locator('[role="listbox"] [role="option"]')
    await options.first.wait_for()
    await options.filter(has_text=value).first.click()


async def _session(browser, url: str, change: Filter, values, seconds: float, index: int, out: dict) -> None:
    from appdriver.harness import CHARTS_JS, SETTLED_JS

    context = await browser.new_context(viewport=VIEWPORT)
    page = await context.new_page()
    page_errors = []
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    try:
        t0 = time.perf_counter()
        await page.goto(url)
        await page.wait_for_function(SETTLED_JS, timeout=180_000)
        out["loads"].append(time.perf_counter() - t0)
        end = time.perf_counter() + seconds
        i = 0
        while time.perf_counter() < end:
            await page.evaluate("i => { window.__hltOld = JSON.stringify((" + CHARTS_JS + ")()[i]); }", index)
            start = time.perf_counter()
            try:
                await _flip(page, change, values[(i + 1) % 2])
                await page.wait_for_function(
                    "i => { const c = (" + CHARTS_JS + ")();"
                    " return c.length > i && c[i] !== null && JSON.stringify(c[i]) !== window.__hltOld; }",
                    arg=index, timeout=30_000)
                out["latencies"].append(time.perf_counter() - start)
                await page.wait_for_function(SETTLED_JS, timeout=30_000)
                if await page.locator('[data-testid="stException"]').count():
                    out["errors"].append("exception element")
            except Exception as exc:  # a time-out or a broken page is an error of the run, counted
                out["errors"].append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
                await page.wait_for_timeout(500)
            i += 1
    except Exception as exc:
        out["errors"].append(f"load: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}")
    finally:
        out["errors"].extend(f"page error: {e[:120]}" for e in page_errors)
        await context.close()


async def _load(url: str, change: Filter, values, sessions: int, seconds: float, index: int) -> dict:
    from playwright.async_api import async_playwright

    out = {"latencies": [], "errors": [], "loads": []}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        await asyncio.gather(*(_session(browser, url, change, values, seconds, index, out)
                               for _ in range(sessions)))
        await browser.close()
    return out


def bench_load(base: str, page_info, change: Filter, values, sessions: int, seconds: float, log: Path) -> dict:
    index = page_info.main_chart or 0
    _, mark = read_log(log)
    out = asyncio.run(_load(page_info.url(base), change, values, sessions, seconds, index))
    script = [r["run_s"] for r in read_log(log, mark)[0] if "run_s" in r]
    lat = out["latencies"]
    return {"sessions": sessions, "seconds": seconds, "changes": len(lat), "median_s": median(lat),
            "script_median_s": median(script), "script_p95_s": p95(script), "script_runs": len(script),
            "p95_s": p95(lat), "errors": len(out["errors"]), "error_kinds": sorted(set(out["errors"]))[:5],
            "load_median_s": median(out["loads"]), "load_max_s": max(out["loads"], default=float("nan"))}


# --- report -----------------------------------------------------------------------------------------

def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import psutil

    mem = psutil.virtual_memory().total / 2**30
    load = os.getloadavg()
    return (f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, {mem:.0f} GiB RAM; "
            f"load average at start {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f}")


def versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    def v(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "?"

    try:
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        chromium = ""
    chromium = chromium.splitlines()[-1] if chromium else "Chromium ?"
    return (f"Python {platform.python_version()}, streamlit {v('streamlit')}, plotly {v('plotly')}, "
            f"pandas {v('pandas')}, pyarrow {v('pyarrow')}, playwright {v('playwright')}, {chromium}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def table(results: dict, page_info) -> list[str]:
    rows = ["| # | measure | result | reference | target | |", "|---|---|---|---|---|---|"]
    if "cold" in results:
        c = results["cold"]
        rows.append(f"| 1 | cold start to first chart, `{page_info.url_path}` (median of {c['runs']}) | "
                    f"{c['app_first_chart_s']:.2f} s (health {c['app_health_s']:.2f} s) | bare one-chart app "
                    f"{c['bare_first_chart_s']:.2f} s (health {c['bare_health_s']:.2f} s); the same after "
                    f"importing pandas and reading 2 datasets {c['bare_data_first_chart_s']:.2f} s | ≤ 1.3× floor: "
                    f"{c['ratio']:.2f}× bare, {c['ratio_data']:.2f}× with data | {verdict(c['ratio'] <= 1.3)} |")
    if "interaction" in results:
        i = results["interaction"]
        rows.append(f"| 2 | filter change → redrawn chart, {i['changes']} changes ({i['widget']}) | median "
                    f"{ms(i['median_s'])}, p95 {ms(i['p95_s'])} | server script rerun median "
                    f"{ms(i['script_median_s'])}, p95 {ms(i['script_p95_s'])} | median < 300 ms | "
                    f"{verdict(i['median_s'] < 0.3)} |")
    if "rebuild" in results:
        r = results["rebuild"]
        ing, nai, cal = r["ingest"], r["naive"], r["naive-calamine"]
        rows.append(f"| 3 | offline rebuild of all datasets (median of {r['runs']}) | {ing['wall_s']:.2f} s "
                    f"wall ({ing['work_s']:.2f} s after start-up), peak {ing['peak_mb']:.0f} MB | naive "
                    f"`read_excel(sheet_name=None)` of the same {nai['files']} files: {nai['wall_s']:.2f} s "
                    f"({nai['work_s']:.2f} s), peak {nai['peak_mb']:.0f} MB; with engine=calamine "
                    f"{cal['wall_s']:.2f} s, peak {cal['peak_mb']:.0f} MB | faster than naive | "
                    f"{verdict(ing['wall_s'] < nai['wall_s'])} |")
    if "memory" in results:
        m = results["memory"]
        rows.append(f"| 4a | server RSS after visiting all {len(m['pages'])} pages | {m['rss_mb']:.0f} MB | | "
                    f"< 400 MB | {verdict(m['rss_mb'] < 400)} |")
        rows.append(f"| 4b | largest figure JSON sent to the browser | {m['largest_figure_bytes'] / 1024:,.0f} KiB "
                    f"| per page: " + ", ".join(f"{k} {v['largest_figure_bytes'] / 1024:,.0f} KiB"
                                                for k, v in m["pages"].items())
                    + f" | < 1 MB | {verdict(m['largest_figure_bytes'] < 1_000_000)} |")
    for load in results.get("load", []):
        rows.append(f"| 5 | {load['sessions']} concurrent sessions × {load['seconds']:.0f} s, "
                    f"{load['changes']} changes | median {ms(load['median_s'])}, p95 {ms(load['p95_s'])}, "
                    f"errors {load['errors']} | server rerun median {ms(load['script_median_s'])}, p95 "
                    f"{ms(load['script_p95_s'])}; first load median {load['load_median_s']:.1f} s, "
                    f"slowest {load['load_max_s']:.1f} s | no errors | {verdict(load['errors'] == 0)} |")
    return rows


def write_report(results: dict, page_info, args, started: str, host: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    block = [RESULTS_START,
             f"Run {started} on {host}.",
             "",
             f"Versions: {versions()}. Page benchmarked: **{page_info.title}** (`{page_info.url_path}`, "
             f"`{page_info.script}`){' — the default page' if page_info.default else ''}. Command: "
             f"`python benchmarks/run.py {' '.join(sys.argv[1:])}`.",
             "", *table(results, page_info), "",
             "Raw figures (seconds):", "", "```json", json.dumps(results, indent=1, default=str)[:6000], "```",
             RESULTS_END]
    if path.exists() and RESULTS_START in (text := path.read_text(encoding="utf-8")):
        head, rest = text.split(RESULTS_START, 1)
        tail = rest.split(RESULTS_END, 1)[1] if RESULTS_END in rest else ""
        text = head + "\n".join(block) + tail
    else:
        text = "# Benchmarks\n\n" + "\n".join(block) + "\n"
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--page", help="url_path of the page to benchmark (default: the app's default page)")
    parser.add_argument("--quick", action="store_true", help="few runs, short load test (while developing)")
    parser.add_argument("--only", default="cold,interaction,rebuild,memory,load",
                        help="comma-separated subset of: cold,interaction,rebuild,memory,load")
    parser.add_argument("--sessions", default="10,25", help="concurrent sessions for the load test")
    parser.add_argument("--seconds", type=float, default=60, help="duration of each load test")
    parser.add_argument("--write", action="store_true", help="write BENCHMARKS.md even with --quick")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0

    pages = app_pages()
    page_info = next((p for p in pages if p.url_path == args.page), None) if args.page else default_page()
    if page_info is None:
        parser.error(f"no page {args.page!r} in app.py; choose from {', '.join(p.url_path for p in pages)}")
    only = set(args.only.split(","))
    runs = 2 if args.quick else 5
    changes = 6 if args.quick else 20
    sessions = [3] if args.quick else [int(s) for s in args.sessions.split(",")]
    seconds = 10 if args.quick else args.seconds
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    host = machine()
    print(f"{started}; {host}\nbenchmarking page {page_info.url_path} ({page_info.script})")

    from playwright.sync_api import sync_playwright

    results, proc = {}, None
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
                if "cold" in only:
                    print("1. cold start ...", flush=True)
                    results["cold"] = bench_cold(browser, page_info, runs, workdir)
                if only & {"interaction", "memory", "load"}:
                    log = workdir / "server.jsonl"
                    proc, base = start_server(python=[sys.executable, str(ROOT / "benchmarks" / "timed_server.py")],
                                              env={"HLT_BENCH_LOG": str(log)}, log=workdir / "streamlit.log")
                if "memory" in only:
                    print("4. memory and figure sizes ...", flush=True)
                    results["memory"] = bench_memory(browser, base, proc, log)
                if only & {"interaction", "load"}:
                    print("2. interaction ...", flush=True)
                    interaction = bench_interaction(browser, base, page_info, log, changes)
                    if "interaction" in only:
                        results["interaction"] = interaction
                browser.close()
            if "load" in only:  # asyncio, outside the sync Playwright session
                results["load"] = []
                change = Filter(*interaction["change"])
                for n in sessions:
                    print(f"5. load, {n} sessions × {seconds:.0f} s ...", flush=True)
                    results["load"].append(bench_load(base, page_info, change, interaction["values"], n, seconds,
                                                      log))
        finally:
            if proc is not None:
                stop_server(proc)
    if "rebuild" in only:
        print("3. offline rebuild ...", flush=True)
        results["rebuild"] = bench_rebuild(1 if args.quick else 3)

    artefacts = ROOT / "test-artifacts"
    artefacts.mkdir(exist_ok=True)
    (artefacts / "benchmarks.json").write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    print()
    print("\n".join(table(results, page_info)))
    if not args.quick or args.write:
        write_report(results, page_info, args, started, host)
    return 0


if __name__ == "__main__":
    sys.exit(main())
