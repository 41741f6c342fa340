"""Benchmarks of the dashboard in a real browser on this machine: prints a table and writes BENCHMARKS.md.

python benchmarks/run.py [--page URL_PATH] [--quick] [--only cold,interaction,rebuild,memory,load]

Run in the order BENCHMARKS.md documents them, one module each (its targets are named constants there):
1. cold start to the first chart drawn, against a bare one-chart Streamlit app (benchmarks/cold.py);
2. interaction: filter change to redrawn chart and the server-side rerun time (benchmarks/interaction.py);
3. offline rebuild against a naive pandas read (benchmarks/rebuild.py);
4. server RSS after visiting every page, the largest figure JSON (benchmarks/memory.py);
5. load: concurrent browser sessions changing filters (benchmarks/browser_load.py).
Server capacity without browsers (users held per page, replicas): benchmarks/load.py.
"""

import argparse
import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from appdriver.harness import CHROMIUM, LAUNCH_ARGS, Filter, app_pages, default_page, stop_server
from benchmarks import browser_load, cold, interaction, memory, rebuild
from benchmarks.common import machine, save_raw, timed_server, versions, write_block

START, END = "<!-- results: written by benchmarks/run.py -->", "<!-- /results -->"
MEASURES = ("cold", "interaction", "rebuild", "memory", "load")  # the documented order


def table(results: dict, page_info) -> list[str]:
    rows = ["| # | measure | result | reference | target | |", "|---|---|---|---|---|---|"]
    if "cold" in results:
        rows += cold.rows(results["cold"], page_info)
    if "interaction" in results:
        rows += interaction.rows(results["interaction"])
    if "rebuild" in results:
        rows += rebuild.rows(results["rebuild"])
    if "memory" in results:
        rows += memory.rows(results["memory"])
    if "load" in results:
        rows += browser_load.rows(results["load"])
    return rows


def run(page_info, only: set, quick: bool, sessions: list[int], seconds: float) -> dict:
    from playwright.sync_api import sync_playwright

    runs, changes = (2, 6) if quick else (5, 20)
    results, proc = {}, None
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        log = workdir / "server.jsonl"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
                if "cold" in only:
                    print("1. cold start ...", flush=True)
                    results["cold"] = cold.measure(browser, page_info, runs, workdir)
                if only & {"interaction", "memory", "load"}:
                    proc, base = timed_server(log, workdir)
                if only & {"interaction", "load"}:  # the load test flips the filter this finds
                    print("2. interaction ...", flush=True)
                    results["interaction"] = interaction.measure(browser, base, page_info, log, changes)
                if "rebuild" in only:
                    print("3. offline rebuild ...", flush=True)
                    results["rebuild"] = rebuild.measure(1 if quick else 3)
                if "memory" in only:
                    print("4. memory and figure sizes ...", flush=True)
                    results["memory"] = memory.measure(browser, base, proc, log)
                browser.close()
            if "load" in only:  # asyncio, outside the sync Playwright session
                found = results["interaction"]
                results["load"] = []
                for n in sessions:
                    print(f"5. load, {n} browser sessions × {seconds:.0f} s ...", flush=True)
                    results["load"].append(browser_load.measure(base, page_info, Filter(*found["change"]),
                                                                found["values"], n, seconds, log))
            if "interaction" not in only:
                results.pop("interaction", None)
        finally:
            if proc is not None:
                stop_server(proc)
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--page", help="url_path of the page to benchmark (default: the app's default page)")
    parser.add_argument("--quick", action="store_true", help="few runs, short load test (while developing)")
    parser.add_argument("--only", default=",".join(MEASURES), help=f"comma-separated subset of: {','.join(MEASURES)}")
    parser.add_argument("--sessions", default="10,25", help="concurrent sessions for the load test")
    parser.add_argument("--seconds", type=float, default=60, help="duration of each load test")
    parser.add_argument("--write", action="store_true", help="write BENCHMARKS.md even with --quick")
    args = parser.parse_args(argv)

    pages = app_pages()
    page_info = next((p for p in pages if p.url_path == args.page), None) if args.page else default_page()
    if page_info is None:
        parser.error(f"no page {args.page!r}; choose from {', '.join(p.url_path for p in pages)}")
    only = set(args.only.split(","))
    if only - set(MEASURES):
        parser.error(f"unknown measure(s) {', '.join(sorted(only - set(MEASURES)))}")
    sessions = [3] if args.quick else [int(s) for s in args.sessions.split(",")]
    seconds = 10 if args.quick else args.seconds
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    host = machine()
    print(f"{started}; {host}\nbenchmarking page {page_info.url_path} ({page_info.script})")

    results = run(page_info, only, args.quick, sessions, seconds)
    save_raw("benchmarks.json", results)
    rows = table(results, page_info)
    print("\n" + "\n".join(rows))
    if not args.quick or args.write:
        write_block(START, END, [
            f"Run {started} on {host}.", "",
            f"Versions: {versions()}. Page benchmarked: **{page_info.title}** (`{page_info.url_path}`, "
            f"`{page_info.script}`){' — the default page' if page_info.default else ''}. Command: "
            f"`python benchmarks/run.py {' '.join(sys.argv[1:])}`.", "", *rows, "",
            "Raw figures (seconds):", "", "```json", json.dumps(results, indent=1, default=str)[:6000], "```"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
