"""Simulated users over the websocket protocol: each opens a page, then changes a filter every few seconds.

Bounded by design: a fixed number of users, a fixed duration, loopback (or a proxy on loopback) only, and
every user stops by itself at the deadline. Nothing here starts or stops a server.
"""

import asyncio
import random
import time
import urllib.request
from dataclasses import dataclass, field

from appdriver.protocol import ProtocolError, Session
from benchmarks.common import median, p95
from dashboard.pages import Filter, Page

THINK_S = 5.0  # each active user changes a filter every 5 s (the definition of an active user)
RUN_TIMEOUT_S = 30.0  # a rerun that has not finished after this long counts as an error
MAX_USERS = 400  # a guard: this tool never simulates more users than this
MAX_SECONDS = 600.0


@dataclass
class Tally:
    """What a crowd of users saw: seconds per filter change and per page open, errors, replicas that served."""
    latencies: list[float] = field(default_factory=list)
    warmup: list[float] = field(default_factory=list)  # changes made while users were still arriving
    opens: list[float] = field(default_factory=list)
    first_charts: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    upstreams: dict[str, int] = field(default_factory=dict)
    client_cpu_s: float = 0.0  # CPU the simulated users themselves used (they share the machine with the server)

    def summary(self) -> dict:
        return {"changes": len(self.latencies), "warmup_changes": len(self.warmup),
                "median_s": median(self.latencies), "p95_s": p95(self.latencies),
                "max_s": max(self.latencies, default=float("nan")), "opens": len(self.opens),
                "open_median_s": median(self.opens), "open_p95_s": p95(self.opens),
                "errors": len(self.errors), "error_kinds": sorted(set(self.errors))[:5],
                "upstreams": dict(self.upstreams), "client_cpu_s": self.client_cpu_s}


def min_charts(page: Page) -> int:
    """Charts the page must show: up to and including its main chart (none for a page of text and tables)."""
    return 0 if page.main_chart is None else page.main_chart + 1


def choose_change(session: Session, page: Page) -> tuple[Filter, str, str]:
    """The filter a user flips and its two values: the page table's change, else the first selectbox (or
    radio) between its current value and the next option."""
    if page.change is not None:
        w = session.widget(page.change.kind, page.change.label)
        return page.change, page.change.value or w.options[0], page.change.back or w.value
    for kind in ("selectbox", "radio"):
        try:
            w = session.widget(kind)
        except LookupError:
            continue
        other = w.options[(w.options.index(w.value) + 1) % len(w.options)] if w.value in w.options else w.options[0]
        return Filter(kind, w.label), other, w.value
    raise LookupError(f"page {page.url_path} has no selectbox or radio to change")


def _affinity_cookie(base: str, page: Page) -> str:
    """Open the page's address like a browser tab does (the HTML shell) and keep any cookie set on it, so a
    proxy that pins sessions by cookie sees what it would see from a browser."""
    name_value = ""
    with urllib.request.urlopen(page.url(base), timeout=RUN_TIMEOUT_S) as response:
        response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            name_value = header.split(";", 1)[0]
    return name_value


async def one_user(base: str, page: Page, query: str, deadline: float, tally: Tally, rng: random.Random,
                   think: float = THINK_S, measure_from: float = 0.0) -> None:
    session = None
    try:
        cookie = await asyncio.to_thread(_affinity_cookie, base, page)
        start = time.perf_counter()
        session = await Session.open(base, "" if page.default else page.url_path, query, timeout=RUN_TIMEOUT_S,
                                     cookie=cookie)
        tally.opens.append(time.perf_counter() - start)
        if session.last.first_chart_s is not None:
            tally.first_charts.append(session.last.first_chart_s)
        tally.upstreams[session.upstream] = tally.upstreams.get(session.upstream, 0) + 1
        tally.errors += [f"open: {p}" for p in session.last.problems(min_charts(page))]
        change, there, back = choose_change(session, page)
        await asyncio.sleep(rng.uniform(0, think))  # users do not act in lockstep
        flip = 0
        while flip == 0 or time.perf_counter() + think / 2 < deadline:  # every user changes at least once
            tick = time.perf_counter()
            run = await session.change(change.kind, change.label, there if flip % 2 == 0 else back)
            # Steady state: changes made while users were still arriving are kept apart.
            (tally.latencies if tick >= measure_from else tally.warmup).append(run.seconds)
            tally.errors += session.last.problems(min_charts(page))
            flip += 1
            await asyncio.sleep(max(0.0, think - (time.perf_counter() - tick)))
    except (ProtocolError, LookupError, OSError) as exc:
        tally.errors.append(f"{type(exc).__name__}: {str(exc).splitlines()[0][:120] if str(exc) else ''}")
    finally:
        if session is not None:
            await session.close()


async def crowd(base: str, page: Page, users: int, seconds: float, *, query: str = "", think: float = THINK_S,
                ramp: float | None = None, seed: int = 0) -> Tally:
    """`users` users on `page`: they arrive spread over `ramp` seconds (default: one think time), then all of
    them keep changing the filter for `seconds`; change times are counted from the end of the ramp (every
    error counts, from the first page open on)."""
    if not 0 < users <= MAX_USERS or not 0 < seconds <= MAX_SECONDS:
        raise ValueError(f"users must be 1..{MAX_USERS} and seconds 1..{MAX_SECONDS:.0f}")
    if not base.startswith(("http://127.0.0.1", "http://localhost", "http://[::1]")):
        raise ValueError(f"loopback only: {base}")
    tally = Tally()
    rng = random.Random(seed)
    ramp = think if ramp is None else ramp
    measure_from = time.perf_counter() + ramp
    deadline = measure_from + seconds

    async def arrive(i: int) -> None:
        await asyncio.sleep(ramp * i / users)
        await one_user(base, page, query, deadline, tally, random.Random(rng.random()), think, measure_from)

    cpu = time.process_time()
    await asyncio.wait_for(asyncio.gather(*(arrive(i) for i in range(users))), seconds + ramp + 2 * RUN_TIMEOUT_S)
    tally.client_cpu_s = time.process_time() - cpu
    return tally


def run_crowd(base: str, page: Page, users: int, seconds: float, **kwargs) -> dict:
    """crowd() from synchronous code; returns its summary."""
    return asyncio.run(crowd(base, page, users, seconds, **kwargs)).summary()
