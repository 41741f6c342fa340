"""The protocol figures against a real browser at low load, and a fresh tab's first chart per page (Chromium)."""

import asyncio
import time

from appdriver.harness import (
    CHROMIUM,
    LAUNCH_ARGS,
    Filter,
    apply,
    current_value,
    generic_change,
    remember_chart,
    wait_chart_changed,
    wait_settled,
)
from appdriver.protocol import Session
from benchmarks.common import median
from benchmarks.users import choose_change
from dashboard.pages import PAGES, Page

AGREE_MS = 150  # the browser's median may exceed the protocol's by its own drawing time, at most this much
FIRST_CHART_LIMIT_S = 2.0  # a fresh tab on a warm server draws the page's first chart within this
CHANGES = 10
VIEWPORT = {"width": 1400, "height": 1000}
FIRST_CHART = ".js-plotly-plot .main-svg"


def browser_changes(browser, base: str, page_info: Page, n: int = CHANGES) -> list[float]:
    """Seconds from the click to the main chart redrawn with other data, n alternating changes."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(page_info.url(base))
    wait_settled(page)
    change = page_info.change or generic_change(page)
    original = current_value(page, change)
    index = page_info.main_chart or 0
    out = []
    for i in range(n):
        remember_chart(page, index)
        clock = {}
        target = Filter(change.kind, change.label, original) if i % 2 else change
        apply(page, target, on_commit=lambda c=clock: c.setdefault("t", time.perf_counter()))
        wait_chart_changed(page, index)
        out.append(time.perf_counter() - clock["t"])
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


def fresh_tab(browser, base: str, page_info: Page, context=None) -> float:
    """Seconds from opening the page's address in a new tab to its first chart drawn: in a new context (a
    first visit, empty cache) unless `context` is given (a browser that has seen the app: its scripts cached)."""
    own = context is None
    context = context or browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(page_info.url(base))
    page.wait_for_selector(FIRST_CHART, timeout=60_000)
    seconds = time.perf_counter() - start
    page.close()
    if own:
        context.close()
    return seconds


def check(base: str, page: Page, *, tabs: bool = True) -> dict:
    """Browser and protocol change times on the same server, one after the other; fresh tabs per page."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        in_browser = browser_changes(browser, base, page)
        first_charts, returning = {}, {}
        if tabs:
            seen = browser.new_context(viewport=VIEWPORT)
            fresh_tab(browser, base, PAGES[0], seen)  # this browser has now loaded the app once
            for info in PAGES:
                if info.main_chart is not None:
                    first_charts[info.url_path] = median([fresh_tab(browser, base, info) for _ in range(3)])
                    returning[info.url_path] = median([fresh_tab(browser, base, info, seen) for _ in range(3)])
            seen.close()
        browser.close()
    over_protocol = asyncio.run(_protocol_changes(base, page, CHANGES))  # outside Playwright's own event loop
    gap_ms = (median(in_browser) - median(over_protocol)) * 1000
    return {"page": page.url_path, "browser_median_s": median(in_browser), "protocol_median_s": median(over_protocol),
            "gap_ms": gap_ms, "agree": -AGREE_MS <= gap_ms <= AGREE_MS, "browser_all_s": in_browser,
            "protocol_all_s": over_protocol, "fresh_tab_first_chart_s": first_charts,
            "returning_tab_first_chart_s": returning}
