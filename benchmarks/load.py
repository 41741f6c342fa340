"""Server capacity per page, measured with simulated users over Streamlit's websocket protocol (no browsers).

python benchmarks/load.py [--pages overview,compare] [--seconds 20] [--quick] [--no-replicas] [--no-browser]

In the order BENCHMARKS.md documents them:
1. per page on one warm server: CPU per rerun (script thread median/p95; whole server process per rerun),
   a fresh session's first chart, and the users held (each changing a filter every 5 s) at p95 <= 1 s with
   zero errors;
2. one against two replicas behind nginx (deploy/serve.py), users held on one page;
3. once, at low load: the protocol's change time against a real browser's on the same server, and a fresh
   browser tab's first chart on every page.
Prints a table; writes its block of BENCHMARKS.md unless --quick (or with --write).
"""

import argparse
import json
import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from appdriver.harness import free_port, stop_server
from benchmarks import agreement, capacity
from benchmarks.common import load_average, machine, ms, save_raw, timed_server, verdict, versions, write_block
from dashboard.pages import PAGES, by_path

START, END = "<!-- load: written by benchmarks/load.py -->", "<!-- /load -->"
REPLICA_PAGE = "overview"


def measure_pages(pages, seconds: float, ladder, workdir: Path, cpu_only: bool = False) -> dict:
    log = workdir / "server.jsonl"
    proc, base = timed_server(log, workdir)
    out = {}
    try:
        for page in pages:
            print(f"1. {page.url_path}: CPU per rerun, fresh session, users held ...", flush=True)
            out[page.url_path] = {"cpu": capacity.cpu_per_rerun(base, page, proc.pid, log),
                                  "fresh": capacity.fresh_session(base, page)}
            if not cpu_only:
                out[page.url_path]["capacity"] = capacity.users_held(base, page, seconds, ladder=ladder)
            out[page.url_path]["load_after"] = load_average()
            print(f"  {page.url_path}: {out[page.url_path]}", flush=True)
            save_raw("load-partial.json", {"pages": out})  # kept if a long run is cut short
    finally:
        stop_server(proc)
    return out


def measure_replicas(seconds: float, ladder, workdir: Path) -> dict:
    from deploy import serve

    if not serve.nginx_available():
        return {"skipped": serve.NGINX_HINT}
    page = by_path(REPLICA_PAGE)
    out = {}
    for n in (1, 2):
        print(f"2. {n} replica(s) behind nginx, {page.url_path} ...", flush=True)
        run_dir = workdir / f"replicas-{n}"
        port, first = free_port(), free_port()
        state = serve.start(n, port, run_dir=run_dir, replica_port=first)
        try:
            out[n] = capacity.users_held(f"http://127.0.0.1:{port}", page, seconds, ladder=ladder)
            out[n]["load"] = load_average()
        finally:
            serve.stop(Path(state["run_dir"]))
    out["ratio"] = out[2]["held"] / out[1]["held"] if out[1]["held"] else float("nan")
    return out


def measure_agreement(workdir: Path) -> dict:
    log = workdir / "agreement.jsonl"
    proc, base = timed_server(log, workdir)
    try:
        print("3. protocol against browser, fresh tabs ...", flush=True)
        return {**agreement.check(base, by_path(REPLICA_PAGE), log), "load": load_average()}
    finally:
        stop_server(proc)


def read_run(path: Path) -> dict:
    """A load.json of an earlier run, with its user counts as numbers again (JSON keeps object keys as text)."""
    def numbers(value):
        if not isinstance(value, dict):
            return value
        return {int(k) if isinstance(k, str) and k.isdigit() else k: numbers(v) for k, v in value.items()}

    return numbers(json.loads(path.read_text(encoding="utf-8")))


def before_after(results: dict, before: dict) -> list[str]:
    """CPU per rerun and users held per page, before (another run's JSON, e.g. of the previous commit) and now."""
    rows = ["| page | script CPU per rerun, median: before → now | whole server per rerun: before → now | "
            "users held: before → now |", "|---|---|---|---|"]
    for path, now in results.get("pages", {}).items():
        old = before.get("pages", {}).get(path)
        if not old:
            continue
        held = [r.get("capacity", {}).get("held") for r in (old, now)]
        rows.append(f"| {path} | {ms(old['cpu']['script_cpu_median_s'])} → {ms(now['cpu']['script_cpu_median_s'])} "
                    f"| {ms(old['cpu']['process_cpu_per_rerun_s'])} → {ms(now['cpu']['process_cpu_per_rerun_s'])} "
                    f"| {' → '.join('–' if h is None else str(h) for h in held)} |")
    return rows


def client_note(trial: dict) -> str:
    """The simulated users' own CPU per change (they run on the same cores as the server)."""
    if not trial or not trial.get("changes") or "client_cpu_s" not in trial:
        return ""
    return f"; users' own CPU {ms(trial['client_cpu_s'] / (trial['changes'] + trial['opens']))}/request"


def tab_lines(agree: dict) -> list[str]:
    limit = agreement.FIRST_CHART_LIMIT_S
    out = []
    for key, bare, who in (
            ("fresh_tab_first_chart_s", "bare_fresh_tab_s", "a first visit (new browser profile, empty cache)"),
            ("returning_tab_first_chart_s", "bare_returning_tab_s",
             "a new tab in a browser that has opened the app before")):
        tabs = agree.get(key) or {}
        floor = (f"; floor: a bare Streamlit app drawing only `{agree['page']}`'s first figure "
                 f"{agree[bare]:.2f} s") if agree.get(bare) else ""
        if tabs:
            out += [f"New tab on a warm server, first chart drawn, {who} (median of 3; target ≤ {limit:.0f} s): "
                    + ", ".join(f"{k} {v:.2f} s" for k, v in tabs.items())
                    + f"{floor} — {verdict(all(v <= limit for v in tabs.values()))}.", ""]
    return out


def table(results: dict) -> list[str]:
    rows = ["| page | server CPU per rerun: script median / p95 | whole server per rerun | fresh session: first "
            "chart / finished | users held at p95 ≤ 1 s, 0 errors | p95 at that count | target | |",
            "|---|---|---|---|---|---|---|---|"]
    for path, r in results.get("pages", {}).items():
        if "capacity" not in r:
            continue
        cpu, fresh, cap = r["cpu"], r["fresh"], r["capacity"]
        held = cap["held"]
        at = cap["trials"].get(held) or {}
        target = capacity.TARGET_USERS if path in capacity.TARGET_PAGES else None
        first = f"{ms(fresh['first_chart_median_s'])}" if fresh["first_chart_median_s"] is not None else "no chart"
        above = min((n for n in cap["trials"] if n > held), default=None)
        over = cap["trials"].get(above) if above else None
        note = (f" ({above}: p95 {ms(over['p95_s'])}, {over['errors']} errors)" if over else
                " (the most tried)" if cap["ceiling"] else "")
        rows.append(f"| {path} | {ms(cpu['script_cpu_median_s'])} / {ms(cpu['script_cpu_p95_s'])} | "
                    f"{ms(cpu['process_cpu_per_rerun_s'])} | {first} / {ms(fresh['open_median_s'])} | "
                    f"**{held}**{note} | {ms(at['p95_s']) if at else '–'}, load {at.get('load', 0):.1f}"
                    f"{client_note(at)} | "
                    f"{f'≥ {target}' if target else 'report'} | "
                    f"{verdict(held >= target) if target else ''} |")
    rep = results.get("replicas")
    if rep and "skipped" not in rep:
        rows += ["", f"| replicas behind nginx (`{REPLICA_PAGE}`) | users held at p95 ≤ 1 s, 0 errors | load |",
                 "|---|---|---|"]
        rows += [f"| {n} | **{rep[n]['held']}** | {rep[n]['load']} |" for n in (1, 2)]
        rows.append(f"| ratio two : one | **{rep['ratio']:.2f}×** | |")
    agree = results.get("agreement")
    if agree:
        rows += ["", f"Protocol against browser on `{agree['page']}` (10 changes each, load {agree['load']}): the "
                 f"server's script CPU per rerun, browser's changes {ms(agree['browser_cpu_median_s'])}, protocol's "
                 f"{ms(agree['protocol_cpu_median_s'])} ({agree['cpu_gap_share']:+.0%}; agree within "
                 f"±{agreement.AGREE_SHARE:.0%}: {verdict(agree['agree'])}). Wall time, median: protocol change to "
                 f"finished rerun {ms(agree['protocol_median_s'])}; browser request to finished rerun on the "
                 f"network clock {ms(agree['browser_median_s'])} (Chromium drawing the page on the same two cores "
                 f"slows the server); click to redrawn chart {ms(agree['browser_drawn_median_s'])}.", "",
                 *tab_lines(agree)]
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", help="comma-separated url_paths (default: every page with a chart)")
    parser.add_argument("--seconds", type=float, default=20, help="duration of each capacity trial")
    parser.add_argument("--quick", action="store_true", help="short trials, small ladder (while developing)")
    parser.add_argument("--no-replicas", action="store_true", help="skip the one-vs-two replicas comparison")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser agreement check")
    parser.add_argument("--cpu-only", action="store_true", help="CPU per rerun and fresh sessions only (implies "
                        "--no-replicas --no-browser; nothing written)")
    parser.add_argument("--ladder", help="comma-separated user counts to try (default: 5..200, from 50); a short "
                        "ladder such as 10,20 probes pages without a target quickly")
    parser.add_argument("--also", type=Path, help="a load.json of an earlier run whose pages this run did not "
                        "measure: its rows join the table (each with its own load average)")
    parser.add_argument("--raw", default="load.json", help="file name for the raw JSON under test-artifacts/")
    parser.add_argument("--before", type=Path, help="a load.json of an earlier run (e.g. the previous commit): "
                        "adds a before/now table")
    parser.add_argument("--write", action="store_true", help="write BENCHMARKS.md even with --quick")
    args = parser.parse_args(argv)
    pages = [by_path(p) for p in args.pages.split(",")] if args.pages else [p for p in PAGES
                                                                            if p.main_chart is not None]
    ladder = (5, 10, 20, 50) if args.quick else capacity.LADDER
    if args.ladder:
        ladder = tuple(int(n) for n in args.ladder.split(","))
    seconds = 8 if args.quick else args.seconds
    started = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    host = machine()
    print(f"{started}; {host}", flush=True)
    results: dict = {"started": started, "machine": host}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        results["pages"] = measure_pages(pages, seconds, ladder, workdir, args.cpu_only)
        if args.cpu_only:
            save_raw(args.raw, results)
            return 0
        if not args.no_replicas:
            results["replicas"] = measure_replicas(seconds, ladder, workdir)
        if not args.no_browser:
            results["agreement"] = measure_agreement(workdir)
    results["load_at_end"] = load_average()
    if args.also:
        earlier = read_run(args.also)
        results["also_from"] = f"{earlier.get('started')} ({earlier.get('machine', '')})"
        for part in ("replicas", "agreement"):  # parts this run skipped
            if part not in results and part in earlier:
                results[part] = earlier[part]
        results["pages"] = {**{k: v for k, v in earlier.get("pages", {}).items() if k not in results["pages"]},
                            **results["pages"]}
        results["pages"] = {p.url_path: results["pages"][p.url_path] for p in PAGES if p.url_path in results["pages"]}
    save_raw(args.raw, results)
    rows = table(results)
    if args.before:
        before = read_run(args.before)
        rows += ["", f"Before and now (before: {before.get('started')}, {before.get('machine', '')}):", "",
                 *before_after(results, before)]
    print("\n" + "\n".join(rows))
    if not args.quick or args.write:
        write_block(START, END, [
            f"Run {started} on {host}; load average at the end {results['load_at_end']} (1/5/15 min)."
            + (f" Rows of pages (and replica or browser figures) not measured in this run come from the run of "
               f"{results['also_from']}."
               if args.also else ""), "",
            f"Versions: {versions(browser=not args.no_browser)}. Command: `python benchmarks/load.py "
            f"{' '.join(sys.argv[1:] if argv is None else argv)}`. Each trial: users arrive over "
            f"{capacity.RAMP_S:.0f} s, then {seconds:.0f} s of each changing the page's filter every 5 s (p95 over "
            f"those changes); cpu count {os.cpu_count()}.", "", *rows])
    return 0


if __name__ == "__main__":
    sys.exit(main())
