"""Server capacity of one page over the websocket protocol: CPU per rerun, a fresh session, users held."""

import asyncio
import os
import time
from pathlib import Path

from appdriver.protocol import Session
from benchmarks.common import median, p95, read_log, reruns, server_cpu_s
from benchmarks.users import choose_change, min_charts, run_crowd
from dashboard.pages import Page

# Targets (issue 14): an active user changes a filter every 5 s (benchmarks.users.THINK_S); a server "holds"
# N such users when the time from a change to its finished rerun has p95 <= 1 s and no user saw an error.
P95_LIMIT_S = 1.0
TARGET_USERS = 50
TARGET_PAGES = ("overview", "growing-roles", "profile", "compare")  # the pages the 50-user target is for
LADDER = (5, 10, 20, 30, 50, 75, 100, 150, 200)  # user counts tried, starting at the target
CPU_CHANGES = 20  # sequential filter changes by one user for the CPU-per-rerun figure
FRESH_OPENS = 5  # fresh sessions opened one after another on a warm server
SETTLE_S = 3.0  # pause between trials so one trial's backlog does not land in the next
RAMP_S = 10.0  # users arrive over 10 s (a class opening the link); their change times count after that


def _path(page: Page) -> str:
    return "" if page.default else page.url_path


async def _changes(base: str, page: Page, n: int, pid: int) -> tuple[list[float], float]:
    session = await Session.open(base, _path(page), timeout=60)
    change, there, back = choose_change(session, page)
    before = server_cpu_s(pid)  # after the session's first run: only the changes count
    seconds = []
    for i in range(n):
        run = await session.change(change.kind, change.label, there if i % 2 == 0 else back)
        if run.problems(min_charts(page)):
            raise RuntimeError(f"{page.url_path}: {run.problems(min_charts(page))}")
        seconds.append(run.seconds)
    used = server_cpu_s(pid) - before
    await session.close()
    return seconds, used


def cpu_per_rerun(base: str, page: Page, pid: int, log: Path, n: int = CPU_CHANGES) -> dict:
    """One user changes the page's filter n times in a row: the script thread's CPU per rerun (median, p95,
    from the timed server) and the server process's CPU per rerun (everything: script, Streamlit, socket)."""
    _, mark = read_log(log)
    latencies, used = asyncio.run(_changes(base, page, n, pid))
    process = used / n
    records = reruns(log, mark)
    cpu = [r["cpu_s"] for r in records]
    return {"reruns": len(records), "fragment_reruns": sum(bool(r.get("fragment")) for r in records),
            "script_cpu_median_s": median(cpu), "script_cpu_p95_s": p95(cpu), "process_cpu_per_rerun_s": process,
            "latency_median_s": median(latencies), "latency_p95_s": p95(latencies), "load": os.getloadavg()[0]}


async def _opens(base: str, page: Page, n: int) -> tuple[list[float], list[float]]:
    opens, charts = [], []
    for _ in range(n):
        start = time.perf_counter()
        session = await Session.open(base, _path(page), timeout=60)
        opens.append(time.perf_counter() - start)
        if session.last.first_chart_s is not None:
            charts.append(session.last.first_chart_s)
        await session.close()
    return opens, charts


def fresh_session(base: str, page: Page, n: int = FRESH_OPENS) -> dict:
    """A new session on a warm server: seconds to its first chart message and to the finished first run."""
    opens, charts = asyncio.run(_opens(base, page, n))
    return {"open_median_s": median(opens), "first_chart_median_s": median(charts) if charts else None}


def users_held(base: str, page: Page, seconds: float, *, ladder=LADDER, start: int = TARGET_USERS,
               log=print) -> dict:
    """The most users (from `ladder`) the server holds on `page`: from `start`, up while held, down while not."""
    trials: dict[int, dict] = {}

    def holds(users: int) -> bool:
        result = run_crowd(base, page, users, seconds, ramp=RAMP_S)
        result["load"] = os.getloadavg()[0]
        trials[users] = result
        ok = result["errors"] == 0 and result["p95_s"] <= P95_LIMIT_S
        log(f"  {page.url_path}: {users} users: p95 {result['p95_s'] * 1000:,.0f} ms, {result['errors']} errors, "
            f"load {result['load']:.1f} -> {'held' if ok else 'not held'}")
        time.sleep(SETTLE_S)
        return ok

    i = ladder.index(start) if start in ladder else len(ladder) - 1
    held = 0
    if holds(ladder[i]):
        held = ladder[i]
        while i + 1 < len(ladder) and holds(ladder[i + 1]):
            i += 1
            held = ladder[i]
    else:
        while i > 0:
            i -= 1
            if holds(ladder[i]):
                held = ladder[i]
                break
    return {"held": held, "ceiling": held == ladder[-1], "seconds": seconds,
            "trials": {n: trials[n] for n in sorted(trials)}}
