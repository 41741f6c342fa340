"""Benchmark 4, memory and figure size: server RSS after visiting every page, the largest figure JSON sent."""

import sys
import time
from pathlib import Path

from appdriver.harness import app_pages, charts, errors, wait_settled
from benchmarks.common import read_log, verdict

RSS_LIMIT_MB = 400  # target: the server under 400 MB after one visit to every page
FIGURE_LIMIT_BYTES = 1_000_000  # target: no figure's JSON over 1 MB
VIEWPORT = {"width": 1400, "height": 1000}


def rss_mb(pid: int) -> float:
    import psutil

    proc = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]) / 2**20


def measure(browser, base: str, proc, log: Path) -> dict:
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


def rows(m: dict) -> list[str]:
    return [f"| 4a | server RSS after visiting all {len(m['pages'])} pages | {m['rss_mb']:.0f} MB | | "
            f"< {RSS_LIMIT_MB} MB | {verdict(m['rss_mb'] < RSS_LIMIT_MB)} |",
            f"| 4b | largest figure JSON sent to the browser | {m['largest_figure_bytes'] / 1024:,.0f} KiB "
            f"| per page: " + ", ".join(f"{k} {v['largest_figure_bytes'] / 1024:,.0f} KiB"
                                        for k, v in m["pages"].items())
            + f" | < 1 MB | {verdict(m['largest_figure_bytes'] < FIGURE_LIMIT_BYTES)} |"]
