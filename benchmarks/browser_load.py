"""Benchmark 5, load in browsers: N Chromium contexts changing the page's filter (measures browsers as well as
the server on a small machine; benchmarks/load.py measures the server alone over the protocol)."""

import asyncio
import time
from pathlib import Path

from appdriver.harness import CHROMIUM, LAUNCH_ARGS, TESTIDS, Filter
from benchmarks.common import median, ms, p95, read_log, verdict

REDRAW_TIMEOUT_MS = 30_000  # a redraw that has not come after 30 s counts as an error (target: no errors)
VIEWPORT = {"width": 1400, "height": 1000}


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
                    arg=index, timeout=REDRAW_TIMEOUT_MS)
                out["latencies"].append(time.perf_counter() - start)
                await page.wait_for_function(SETTLED_JS, timeout=REDRAW_TIMEOUT_MS)
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


def measure(base: str, page_info, change: Filter, values, sessions: int, seconds: float, log: Path) -> dict:
    index = page_info.main_chart or 0
    _, mark = read_log(log)
    out = asyncio.run(_load(page_info.url(base), change, values, sessions, seconds, index))
    script = [r["run_s"] for r in read_log(log, mark)[0] if "run_s" in r]
    lat = out["latencies"]
    return {"sessions": sessions, "seconds": seconds, "changes": len(lat), "median_s": median(lat),
            "script_median_s": median(script), "script_p95_s": p95(script), "script_runs": len(script),
            "p95_s": p95(lat), "errors": len(out["errors"]), "error_kinds": sorted(set(out["errors"]))[:5],
            "load_median_s": median(out["loads"]), "load_max_s": max(out["loads"], default=float("nan"))}


def rows(loads: list[dict]) -> list[str]:
    return [f"| 5 | {load['sessions']} concurrent browser sessions × {load['seconds']:.0f} s, "
            f"{load['changes']} changes | median {ms(load['median_s'])}, p95 {ms(load['p95_s'])}, "
            f"errors {load['errors']} | server rerun median {ms(load['script_median_s'])}, p95 "
            f"{ms(load['script_p95_s'])}; first load median {load['load_median_s']:.1f} s, "
            f"slowest {load['load_max_s']:.1f} s | no errors | {verdict(load['errors'] == 0)} |" for load in loads]
