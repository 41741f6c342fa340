"""Benchmark 2, interaction: a filter change to the redrawn chart in Chromium, and the server's rerun time."""

import time
from pathlib import Path

from appdriver.harness import (
    Filter,
    apply,
    current_value,
    generic_change,
    remember_chart,
    wait_chart_changed,
    wait_settled,
)
from benchmarks.common import median, ms, p95, read_log, verdict

MEDIAN_LIMIT_S = 0.3  # target: median filter change to redrawn chart under 300 ms
VIEWPORT = {"width": 1400, "height": 1000}


def measure(browser, base: str, page_info, log: Path, n: int) -> dict:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(page_info.url(base))
    wait_settled(page)
    change = page_info.change or generic_change(page)
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


def rows(i: dict) -> list[str]:
    return [f"| 2 | filter change → redrawn chart, {i['changes']} changes ({i['widget']}) | median "
            f"{ms(i['median_s'])}, p95 {ms(i['p95_s'])} | server script rerun median "
            f"{ms(i['script_median_s'])}, p95 {ms(i['script_p95_s'])} | median < {ms(MEDIAN_LIMIT_S)} | "
            f"{verdict(i['median_s'] < MEDIAN_LIMIT_S)} |"]
