"""Every live source under every network and content fault, replayed from loopback: recover or fail cleanly.

A source opts in by declaring REPLAY = {live URL: path of a committed raw file under data/<raw_dir>} (the
bytes that URL answers). The loopback adapter replaces the session's transport, so nothing here can reach
the network: a URL a source fetches without declaring it gets a 404 and the test says so.
"""

import contextlib
import hashlib
import io
import json
import shutil
import time

import pandas as pd
import pytest

import ingest.http
from contract import paths
from ingest.__main__ import main
from ingest.errors import IngestError
from ingest.registry import SOURCES
from tests.conftest import ROOT
from tests.loopback import FaultServer, route

LIVE = {name: m for name, m in SOURCES.items() if getattr(m, "fetch", None) is not None}
REPLAYED = {name: m for name, m in LIVE.items() if hasattr(m, "REPLAY")}
SKIPPED = {name: m.REPLAY_SKIP for name, m in LIVE.items() if hasattr(m, "REPLAY_SKIP")}  # with the reason

CONTACT = "reliability-contact@example.org"
API_KEY = "sk-test-0123456789abcdef"  # never used by a source here; it must not leak if one did
SECRETS = (CONTACT, API_KEY)
HTML = b"<!DOCTYPE html><html><head><title>Access Denied</title></head><body>Error</body></html>"
ALWAYS = 12  # more faults than retries: the fault never clears

# (id, faults queued on the source's URLs, expected: "recover" or a phrase of the one FAIL line)
FAULTS = [
    ("403", [("status", 403, {}, b"Access Denied")], "HTTP 403"),
    ("404", [("status", 404, {}, HTML)], "HTTP 404 Not Found"),
    ("429-then-ok", [("status", 429, {}, b"")], "recover"),
    ("429-retry-after-then-ok", [("status", 429, {"Retry-After": "1"}, b"")], "recover"),
    ("429-always", [("status", 429, {}, b"")] * ALWAYS, "HTTP 429"),
    ("429-retry-after-an-hour", [("status", 429, {"Retry-After": "3600"}, b"")], "asks to wait 3600 s"),
    ("500-then-ok", [("status", 500, {}, HTML)], "recover"),
    ("503-nonsense-retry-after-then-ok", [("status", 503, {"Retry-After": "soon"}, b"")], "recover"),
    ("503-always", [("status", 503, {}, HTML)] * ALWAYS, "HTTP 503"),
    ("stall-then-ok", [("stall",)], "recover"),
    ("stall-always", [("stall",)] * ALWAYS, "timed out"),
    ("stall-mid-body-then-ok", [("stall_body",)], "recover"),
    ("stall-mid-body-always", [("stall_body",)] * ALWAYS, "timed out"),
    ("dropped-then-ok", [("drop",)], "recover"),
    ("dropped-always", [("drop",)] * ALWAYS, "closed the connection"),
    ("truncated-then-ok", [("truncate",)], "recover"),
    ("truncated-always", [("truncate",)] * ALWAYS, "broke off"),
    # Content faults: each parser words its own message; the line must still name source, URL and fix.
    ("truncated-no-length", [("truncate_unannounced",)], ""),
    ("truncated-at-a-line-end", [("truncate_lines",)], ""),
    ("html-error-page", [("body", HTML)], ""),
    ("empty-file", [("body", b"")], ""),
    ("garbage", [("body", b"\x00\x01 not the file \xff" * 50)], ""),
]


def digest(folder) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def stable_digest(folder) -> dict[str, str]:
    """digest(), with JSON files compared without retrieval times (two runs differ in those alone)."""
    out = digest(folder)
    for rel in out:
        if rel.endswith(".json") and not rel.rsplit("/", 1)[-1].startswith("."):
            content = without_dates(json.loads((folder / rel).read_text()))
            out[rel] = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
    return out


def without_dates(obj):
    """A manifest or ORIGINS.json without what a refetch changes: retrieval time, note, where a file came from."""
    if isinstance(obj, dict):
        drop = {"retrieved_at", "note"} | ({"url"} if "sha256" in obj else set())
        return {k: without_dates(v) for k, v in obj.items() if k not in drop}
    if isinstance(obj, list):
        return [without_dates(v) for v in obj]
    return obj


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("user"))
    monkeypatch.setenv("HLT_DATA_DIR", str(target))
    monkeypatch.setenv(ingest.http.CONTACT_ENV, CONTACT)
    monkeypatch.setenv("BLS_API_KEY", API_KEY)
    return target


def served(server: FaultServer) -> None:
    for module in REPLAYED.values():
        folder = paths.data_dir() / module.SOURCE.raw_dir
        for url, answer in module.REPLAY.items():
            server.files[url] = answer_bytes(answer, folder)


def answer_bytes(answer, folder) -> bytes:
    """A REPLAY value: the bytes, a zero-argument callable that builds them, or a file under the raw folder."""
    if callable(answer):
        return answer()
    return answer if isinstance(answer, bytes) else (folder / answer).read_bytes()


def run_cli(server: FaultServer, monkeypatch, names: list[str], capsys) -> tuple[int, str]:
    """`python -m ingest NAMES` with the shared session routed to loopback: 1 s time-outs, 2 retries."""
    real = ingest.http.build_session

    def session(*args, **kwargs):
        return route(real(retries=2, backoff=0, timeout=(1, 1)), server)

    monkeypatch.setattr(ingest.http, "build_session", session)
    code = main(names or [n for n in SOURCES if n not in SKIPPED])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_every_live_source_declares_what_its_urls_answer():
    missing = sorted(set(LIVE) - set(REPLAYED) - set(SKIPPED))
    assert missing == [], (f"{missing}: declare REPLAY = {{live URL: committed raw file}} in the module so the "
                           "fault tests cover it (see ingest/sources/projections.py)")
    for name, module in REPLAYED.items():
        folder = ROOT / "data" / module.SOURCE.raw_dir
        for url, answer in module.REPLAY.items():
            assert url.startswith("https://"), name
            assert callable(answer) or isinstance(answer, bytes) or (folder / answer).is_file(), (name, answer)


def test_clean_replay_reproduces_the_committed_data(data_copy, monkeypatch, capsys):
    before = digest(data_copy)
    with FaultServer() as server:
        served(server)
        code, out = run_cli(server, monkeypatch, [], capsys)
    assert code == 0, out
    assert {url for _, url, _ in server.requests} == set(server.files)  # every declared URL, nothing else
    assert all(CONTACT in headers["User-Agent"] for _, _, headers in server.requests)  # the secret is used
    after = digest(data_copy)
    kept = {k: v for k, v in before.items() if k.startswith("raw/") and not k.endswith(".json")}
    assert {k: after.get(k) for k in kept} == kept  # every raw file as it was (a snapshot source adds files)
    for name in (n for n, m in REPLAYED.items() if not m.SOURCE.output_dir):  # user-folder sources: own manifest
        entry = json.loads((data_copy / "manifest.json").read_text())["datasets"][name]
        old = json.loads((ROOT / "data" / "manifest.json").read_text())["datasets"][name]
        if len(entry["raw_files"]) == len(old["raw_files"]):  # no new snapshot: the same table (parquet_sha256)
            assert without_dates(entry) == without_dates(old), name
    # What a user exports from a chart carries the manifest's provenance, never a secret.
    import plotly.graph_objects as go

    from charts.theme import source_line
    from dashboard.export import csv_bytes, html_bytes, provenance_lines
    entry = json.loads((data_copy / "manifest.json").read_text())["datasets"]["projections"]
    lines = provenance_lines(title="Top roles", source=source_line(entry))
    table = pd.read_parquet(data_copy / "projections.parquet").head(20)
    exported = csv_bytes(table, provenance=lines) + html_bytes(go.Figure(), provenance=lines)
    assert b"U.S. Bureau of Labor Statistics" in exported
    assert not any(secret.encode() in exported for secret in SECRETS)


def _projections_without(header_start: str, *, rename: bool):
    """Served in place of the live workbook: Table 1.2 with one column renamed or removed."""
    def make() -> bytes:
        from tests.workbooks import HEADER_ROW, column, table_rows, workbook

        rows, j = table_rows(), column(header_start)
        if rename:
            rows[HEADER_ROW][j] = "Employment shift, share"
            return workbook(rows)
        return workbook([r[:j] + r[j + 1:] for r in rows])
    return make


# Faults in a source's own format. A source module may declare more as REPLAY_FAULTS = {id: bytes}
# (e.g. a BLS API reply with status REQUEST_NOT_PROCESSED, a FRED CSV with "." for missing values): each
# is served in place of the real answer and must fail cleanly, changing nothing.
FORMAT_FAULTS = {
    "projections": {
        "renamed-column": _projections_without("Employment change, percent", rename=True),
        "missing-column": _projections_without("Occupational openings", rename=False),
        "missing-wage-column": _projections_without("Median annual wage", rename=False),
    },
}


def renamed_header(raw: bytes) -> bytes:
    """A CSV whose every column name has changed (publishers rename; a parser must notice)."""
    header, _, rest = raw.partition(b"\n")
    return b",".join(b'"%s (renamed)"' % f.strip().strip(b'"') for f in header.split(b",")) + b"\n" + rest


def is_csv(module) -> bool:
    return all(str(answer).endswith(".csv") for answer in module.REPLAY.values())


def cases():
    for name in sorted(REPLAYED):
        for fault_id, queue, expected in FAULTS:
            yield pytest.param(name, queue, expected, id=f"{name}-{fault_id}")
        if is_csv(REPLAYED[name]):
            yield pytest.param(name, [("transform", renamed_header)], "", id=f"{name}-csv-header-renamed")
        declared = {**FORMAT_FAULTS.get(name, {}), **getattr(REPLAYED[name], "REPLAY_FAULTS", {})}
        for fault_id, body in declared.items():
            yield pytest.param(name, [("body", body)], "", id=f"{name}-{fault_id}")


# A derived source (no download) runs beside the faulted one: it must still succeed, and as it rebuilds from
# committed files its outputs stay byte-identical, so a failed run can be checked file for file.
PARTNER = next(n for n, m in SOURCES.items() if getattr(m, "fetch", None) is None and not m.SOURCE.output_dir)


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory):
    """What a fault-free run of [source, PARTNER] leaves (stable digest): what a recovered run must equal."""
    cache: dict[str, dict[str, str]] = {}

    def get(name: str) -> dict[str, str]:
        if name not in cache:
            target = tmp_path_factory.mktemp(f"clean-{name}") / "data"
            shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("user"))
            with pytest.MonkeyPatch.context() as mp, FaultServer() as server:
                mp.setenv("HLT_DATA_DIR", str(target))
                mp.setenv(ingest.http.CONTACT_ENV, CONTACT)
                mp.setenv("BLS_API_KEY", API_KEY)
                served(server)
                real = ingest.http.build_session
                mp.setattr(ingest.http, "build_session",
                           lambda *a, **k: route(real(retries=2, backoff=0, timeout=(1, 1)), server))
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                    assert main([name, PARTNER]) == 0
            cache[name] = stable_digest(target)
        return cache[name]

    return get


@pytest.mark.parametrize(("name", "queue", "expected"), cases())
def test_fault(name, queue, expected, data_copy, monkeypatch, capsys, clean_run):
    module = REPLAYED[name]
    queue = [(kind, *(a() if callable(a) and kind != "transform" else a for a in rest)) for kind, *rest in queue]
    before = digest(data_copy)
    start = time.monotonic()
    with FaultServer() as server:
        served(server)
        for url in module.REPLAY:
            server.faults[url] = list(queue)
        code, out = run_cli(server, monkeypatch, [name, PARTNER], capsys)
    seconds = time.monotonic() - start
    results = [line for line in out.splitlines() if line.startswith(("ok  ", "FAIL"))]
    assert f"ok   {PARTNER} " in out, out  # the rest of the run succeeds
    assert not any(secret in out for secret in SECRETS)
    for path in data_copy.rglob("*"):
        assert not path.is_file() or not any(s.encode() in path.read_bytes() for s in SECRETS), path
    assert seconds < 30  # 1 s time-outs, 2 retries: a fault never hangs the run
    if expected == "recover":
        assert code == 0, out
        assert stable_digest(data_copy) == clean_run(name)  # the same data as a run without the fault
        return
    assert code == 1, out
    failed = [line for line in results if line.startswith("FAIL")]
    assert len(failed) == 1 and failed[0].split()[1] == name, out
    line = failed[0]
    assert expected in line and " Fix: " in line, line
    assert any(url in line for url in module.REPLAY), line  # names the URL
    assert digest(data_copy) == before  # Parquet, raw files, ORIGINS.json and manifest byte-identical


def test_one_source_failing_leaves_every_other_source_built_and_recorded(data_copy, monkeypatch, capsys):
    before = json.loads((data_copy / "manifest.json").read_text())["datasets"]
    with FaultServer() as server:
        served(server)
        server.faults[next(iter(REPLAYED["projections"].REPLAY))] = [("status", 403, {}, b"")] * ALWAYS
        code, out = run_cli(server, monkeypatch, [], capsys)
    assert code == 1
    results = {line.split()[1]: line.split()[0] for line in out.splitlines() if line.startswith(("ok  ", "FAIL"))}
    assert results.pop("projections") == "FAIL"
    assert set(results.values()) == {"ok"} and set(REPLAYED) - {"projections"} <= set(results)
    after = json.loads((data_copy / "manifest.json").read_text())["datasets"]
    assert after["projections"] == before["projections"]  # its entry untouched
    assert all(after[n]["retrieved_at"] for n in REPLAYED if n != "projections")  # the others recorded


def test_403_without_contact_names_the_variable_to_set(data_copy, monkeypatch, capsys):
    monkeypatch.delenv(ingest.http.CONTACT_ENV)
    with FaultServer() as server:
        served(server)
        server.faults[next(iter(REPLAYED["projections"].REPLAY))] = [("status", 403, {}, b"")]
        code, out = run_cli(server, monkeypatch, ["projections"], capsys)
    assert code == 1
    assert f"set {ingest.http.CONTACT_ENV}=you@example.org" in out and "--offline" in out


def test_retry_after_is_waited_for(data_copy, monkeypatch, capsys):
    url = next(iter(REPLAYED["projections"].REPLAY))
    with FaultServer() as server:
        served(server)
        server.faults[url] = [("status", 503, {"Retry-After": "1"}, b"")]
        start = time.monotonic()
        code, out = run_cli(server, monkeypatch, ["projections"], capsys)
        assert code == 0, out
        assert time.monotonic() - start >= 1.0
        assert len([u for _, u, _ in server.requests if u == url]) == 2


KILLER = """
import os, signal, sys
import ingest.http
from tests.loopback import route
port, kill_at = int(sys.argv[1]), int(sys.argv[2])
real_session, real_replace, calls = ingest.http.build_session, os.replace, [0]
ingest.http.build_session = lambda *a, **k: route(real_session(retries=0, timeout=(2, 5)), port)
def replace(src, dst):
    calls[0] += 1
    if calls[0] == kill_at:  # the temp file is written and synced; die before the rename
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(src, dst)
os.replace = replace
from ingest.__main__ import main
from ingest.errors import IngestError
sys.exit(main(["projections"]))
"""


def changed_workbook() -> bytes:
    """The 2024-34 table with one published figure changed, so a refetch changes every output."""
    from tests.workbooks import column, table_rows, workbook

    rows = table_rows()
    nurse_practitioners = next(r for r in rows if r[1] == "29-1171")
    nurse_practitioners[column("Employment change, percent")] = 41.0
    return workbook(rows)


def test_a_run_killed_at_any_write_leaves_each_file_whole_old_or_new(tmp_path):
    import os
    import subprocess
    import sys

    from dashboard import datasets

    def attempt(kill_at: int) -> tuple[object, dict[str, str], int]:
        data = tmp_path / f"data-{kill_at}"
        shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("user"))
        env = {**os.environ, "HLT_DATA_DIR": str(data), "PYTHONPATH": str(ROOT), "HLT_CONTACT_EMAIL": CONTACT}
        with FaultServer() as server:
            server.files[projections_url] = new_bytes
            proc = subprocess.run([sys.executable, "-c", KILLER, str(server.port), str(kill_at)], env=env,
                                  capture_output=True, timeout=120, cwd=tmp_path)
        return data, stable_digest(data), proc.returncode

    projections_url = next(iter(REPLAYED["projections"].REPLAY))
    new_bytes = changed_workbook()
    old = stable_digest(ROOT / "data")
    _, new, code = attempt(0)
    assert code == 0
    changed = sorted(k for k in old if new.get(k) != old[k])
    assert changed == ["manifest.json", "projections.parquet", "raw/bls_ep_occupation_xlsx/2024-34/occupation.xlsx",
                       "raw/bls_ep_occupation_xlsx/ORIGINS.json"]
    for kill_at in range(1, len(changed) + 1):  # raw file, ORIGINS.json, Parquet, manifest
        data, after, code = attempt(kill_at)
        assert code == -9
        whole = {k: v for k, v in after.items() if not k.rsplit("/", 1)[-1].startswith(".")}
        assert set(whole) == set(old)  # nothing lost; only the dying write's temp file is extra
        assert all(v in (old[k], new[k]) for k, v in whole.items())  # each file whole: old or new, never half
        assert sum(whole[k] == new[k] != old[k] for k in changed) == kill_at - 1  # writes before the kill landed
        entry = json.loads((data / "manifest.json").read_text())["datasets"]["projections"]
        os.environ["HLT_DATA_DIR"] = str(data)
        try:  # the app notices a Parquet newer than its manifest entry (killed between the two)
            assert datasets.matches_manifest("projections", entry) == (kill_at != 4)
        finally:
            del os.environ["HLT_DATA_DIR"]


def test_a_download_that_parses_but_breaks_the_dataset_changes_nothing(data_copy, monkeypatch, capsys):
    from tests.workbooks import table_rows, workbook

    rows = table_rows()
    rows.insert(5, list(rows[4]))  # a duplicated row: the file parses, the dataset's key does not hold
    before = digest(data_copy)
    with FaultServer() as server:
        served(server)
        server.files[next(iter(REPLAYED["projections"].REPLAY))] = workbook(rows)
        code, out = run_cli(server, monkeypatch, ["projections", "roles"], capsys)
    assert code == 1 and "duplicate key" in out and "ok   roles" in out
    assert digest(data_copy) == before  # the raw file was not replaced by the bad download


def test_bls_api_error_status_falls_back_to_fred(data_copy, monkeypatch):
    """A BLS API reply with an error status inside HTTP 200: job_openings turns to FRED; the key never leaks."""
    from ingest.sources import _bls_api, job_openings

    refusal = (b'{"status":"REQUEST_NOT_PROCESSED","responseTime":1,"message":["Daily threshold for total '
               b'number of requests allocated has been reached."],"Results":{}}')
    with FaultServer() as server:
        server.files[_bls_api.API_URL] = refusal
        folder = paths.data_dir() / job_openings.SOURCE.raw_dir
        for fred_id in job_openings.SERIES.values():
            if (folder / "fred" / f"{fred_id}.csv").exists():
                server.files[job_openings.FRED_URL.format(fred_id)] = (folder / "fred" / f"{fred_id}.csv").read_bytes()
            else:  # no committed rates: FRED's answer for a series with no observations
                server.files[job_openings.FRED_URL.format(fred_id)] = f"observation_date,{fred_id}\n".encode()
        session = route(ingest.http.build_session(retries=1, backoff=0, timeout=(1, 1)), server)
        with pytest.raises(IngestError) as err:
            _bls_api.fetch(session, list(job_openings.SERIES), 2000, 2026, source="job_openings", key=API_KEY)
        assert "REQUEST_NOT_PROCESSED" in str(err.value) or "threshold" in str(err.value)
        files = job_openings.fetch(session)
    methods = [(method, url) for method, url, _ in server.requests]
    assert methods[0] == ("POST", _bls_api.API_URL) and ("GET", job_openings.FRED_URL.format("JTSJOL")) in methods
    assert sorted(files) == sorted(f"fred/{i}.csv" for i in job_openings.SERIES.values())
    posted = [h for m, _, h in server.requests if m == "POST"]
    assert posted and all(CONTACT in h["User-Agent"] for h in posted)
    assert API_KEY not in str(err.value)
