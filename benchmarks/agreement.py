"""The protocol figures against a real browser at low load, and a fresh tab's first chart per page (Chromium)."""

import asyncio
import base64
import tempfile
import time
from pathlib import Path

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from appdriver.harness import (
    CHROMIUM,
    LAUNCH_ARGS,
    Filter,
    apply,
    current_value,
    generic_change,
    remember_chart,
    start_server,
    stop_server,
    wait_chart_changed,
    wait_settled,
)
from appdriver.protocol import Session
from benchmarks import cold
from benchmarks.common import median, read_log, reruns
from benchmarks.users import choose_change
from dashboard.pages import PAGES, Page

# Like with like: the server's CPU per rerun (its script thread) for the browser's changes against the protocol's;
# they agree when the browser's median is within this share of the protocol's. Wall times are printed beside it:
# on two cores the browser's drawing competes with the server, so they differ by more than the work does.
AGREE_SHARE = 0.25
FIRST_CHART_LIMIT_S = 2.0  # a fresh tab on a warm server draws the page's first chart within this
CHANGES = 10
VIEWPORT = {"width": 1400, "height": 1000}
FIRST_CHART = ".js-plotly-plot .main-svg"


def websocket_clock(context, page) -> dict[str, list[float]]:
    """From now on, the network layer's own times (Chromium DevTools, one monotonic clock) of every message the
    page sends on its websocket and of every script_finished it receives: the protocol's clock, in the browser.
    (The page's JavaScript sees a message only when its main thread is free of drawing the ones before it.)"""
    times: dict[str, list[float]] = {"sent": [], "finished": []}
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")

    def received(event) -> None:
        frame = event["response"]
        if frame["opcode"] == 2 and ForwardMsg.FromString(base64.b64decode(frame["payloadData"])).WhichOneof(
                "type") == "script_finished":
            times["finished"].append(event["timestamp"])

    cdp.on("Network.webSocketFrameSent", lambda event: times["sent"].append(event["timestamp"]))
    cdp.on("Network.webSocketFrameReceived", received)
    return times


def browser_changes(browser, base: str, page_info: Page, n: int = CHANGES) -> dict[str, list[float]]:
    """n alternating changes, in seconds: from the page sending its rerun request to the server's finished rerun
    arriving (what the protocol measures), and from the click to the main chart redrawn with other data (what a
    person waits: the browser's own handling and drawing on top)."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    clock = websocket_clock(context, page)
    page.goto(page_info.url(base))
    wait_settled(page)
    change = page_info.change or generic_change(page)
    original = current_value(page, change)
    index = page_info.main_chart or 0
    out = {"finished": [], "drawn": []}
    for i in range(n):
        remember_chart(page, index)
        committed, sent, done = {}, len(clock["sent"]), len(clock["finished"])
        target = Filter(change.kind, change.label, original) if i % 2 else change
        apply(page, target, on_commit=lambda c=committed: c.setdefault("t", time.perf_counter()))
        wait_chart_changed(page, index)
        out["drawn"].append(time.perf_counter() - committed["t"])
        while len(clock["finished"]) <= done:
            page.wait_for_timeout(5)  # lets Playwright deliver the DevTools events
        out["finished"].append(clock["finished"][done] - clock["sent"][sent])
        wait_settled(page)
    context.close()
    return out


async def _protocol_changes(base: str, page: Page, n: int) -> list[float]:
    session = await Session.open(base, "" if page.default else page.url_path, timeout=60)
    change, there, back = choose_change(session, page)
    out = [(await session.change(change.kind, change.label, there if i % 2 == 0 else back)).seconds
           for i in range(n)]
    await session.close()
    return out


def fresh_tab(browser, url: str, context=None) -> float:
    """Seconds from opening the address in a new tab to its first chart drawn: in a new context (a first visit,
    empty cache) unless `context` is given (a browser that has seen the app: its scripts cached)."""
    own = context is None
    context = context or browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(FIRST_CHART, timeout=60_000)
    seconds = time.perf_counter() - start
    page.close()
    if own:
        context.close()
    return seconds


def tabs(browser, urls: dict[str, str]) -> tuple[dict, dict]:
    """Per address, the median of 3 fresh tabs' first chart: first visits, and tabs of a browser that has
    loaded the app before."""
    seen = browser.new_context(viewport=VIEWPORT)
    fresh_tab(browser, next(iter(urls.values())), seen)  # this browser has now loaded the app once
    first = {k: median([fresh_tab(browser, url) for _ in range(3)]) for k, url in urls.items()}
    again = {k: median([fresh_tab(browser, url, seen) for _ in range(3)]) for k, url in urls.items()}
    seen.close()
    return first, again


def bare_floor(browser, page: Page) -> tuple[float, float]:
    """The same two figures for a bare Streamlit app drawing only the page's first figure: what Streamlit and
    Plotly cost in this browser on this machine before any of the app's own work."""
    with tempfile.TemporaryDirectory() as tmp:
        path, script = Path(tmp) / "figure.json", Path(tmp) / "bare_app.py"
        path.write_text(cold.first_figure_json(page), encoding="utf-8")
        script.write_text(cold.bare_app(path), encoding="utf-8")
        proc, base = start_server(str(script), cwd=Path(tmp))
        try:
            first, again = tabs(browser, {"bare": base})
        finally:
            stop_server(proc)
    return first["bare"], again["bare"]


def check(base: str, page: Page, log: Path, *, with_tabs: bool = True) -> dict:
    """Browser and protocol changes on the same timed server (benchmarks/timed_server.py, log `log`), one after the
    other: the server's CPU per rerun for each, and their wall times; fresh tabs per page, and the same for a
    bare one-chart app (the floor)."""
    from playwright.sync_api import sync_playwright

    first_charts, returning, floor = {}, {}, (None, None)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        mark = read_log(log)[1]
        browser_s = browser_changes(browser, base, page)
        browser_cpu = [r["cpu_s"] for r in reruns(log, mark)]
        if with_tabs:
            first_charts, returning = tabs(browser, {info.url_path: info.url(base) for info in PAGES
                                                     if info.main_chart is not None})
            floor = bare_floor(browser, page)
        browser.close()
    mark = read_log(log)[1]
    over_protocol = asyncio.run(_protocol_changes(base, page, CHANGES))  # outside Playwright's own event loop
    protocol_cpu = [r["cpu_s"] for r in reruns(log, mark)]
    share = median(browser_cpu) / median(protocol_cpu) - 1
    return {"page": page.url_path, "browser_cpu_median_s": median(browser_cpu),
            "protocol_cpu_median_s": median(protocol_cpu), "cpu_gap_share": share,
            "agree": abs(share) <= AGREE_SHARE, "browser_median_s": median(browser_s["finished"]),
            "browser_drawn_median_s": median(browser_s["drawn"]), "protocol_median_s": median(over_protocol),
            "browser_all_s": browser_s, "protocol_all_s": over_protocol, "browser_cpu_s": browser_cpu,
            "protocol_cpu_s": protocol_cpu,
            "fresh_tab_first_chart_s": first_charts, "returning_tab_first_chart_s": returning,
            "bare_fresh_tab_s": floor[0], "bare_returning_tab_s": floor[1]}
