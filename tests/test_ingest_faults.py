"""Every live source under every network and content fault, replayed from loopback: recover or fail cleanly.

A source opts in by declaring REPLAY = {live URL: path of a committed raw file under data/<raw_dir>} (the
bytes that URL answers). The loopback adapter replaces the session's transport, so nothing here can reach
the network: a URL a source fetches without declaring it gets a 404 and the test says so.
"""

import contextlib
import io
import json
import time

import pandas as pd
import pytest

import ingest.http
from ingest.__main__ import main
from tests.conftest import ROOT
from tests.faults import (
    ALWAYS,
    CONTACT,
    CONTRACTS,
    FAULTS,
    LIVE,
    PARTNER,
    REPLAYED,
    SECRETS,
    SKIPPED,
    copy_data,
    digest,
    environment,
    first_url,
    routed,
    run_cli,
    served,
    stable_digest,
    without_dates,
)
from tests.loopback import FaultServer


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """All of data/ for a run of every source, with a contact address and an API key that must never leak."""
    target = copy_data(tmp_path / "data")
    environment(monkeypatch, target)
    return target


def test_every_live_source_declares_what_its_urls_answer():
    missing = sorted(set(LIVE) - set(REPLAYED) - set(SKIPPED))
    assert missing == [], (f"{missing}: declare REPLAY = {{live URL: committed raw file}} in the module so the "
                           "fault tests cover it (see docs/adding-a-source.md)")
    for name, module in REPLAYED.items():
        folder = ROOT / "data" / module.SOURCE.raw_dir
        for url, answer in CONTRACTS[name].replay.items():
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


def is_csv(name: str) -> bool:
    return all(str(answer).endswith(".csv") for answer in CONTRACTS[name].replay.values())


def cases():
    for name in sorted(REPLAYED):
        for fault_id, queue, expected in FAULTS:
            yield pytest.param(name, queue, expected, id=f"{name}-{fault_id}")
        if is_csv(name):
            yield pytest.param(name, [("transform", renamed_header)], "", id=f"{name}-csv-header-renamed")
        declared = {**FORMAT_FAULTS.get(name, {}), **CONTRACTS[name].replay_faults}
        for fault_id, body in declared.items():
            yield pytest.param(name, [("body", body)], "", id=f"{name}-{fault_id}")


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory):
    """What a fault-free run of [source, PARTNER] leaves (stable digest): what a recovered run must equal."""
    cache: dict[str, dict[str, str]] = {}

    def get(name: str) -> dict[str, str]:
        if name not in cache:
            target = copy_data(tmp_path_factory.mktemp(f"clean-{name}") / "data", name, PARTNER)
            with pytest.MonkeyPatch.context() as mp, FaultServer() as server:
                environment(mp, target)
                served(server)
                routed(mp, server)
                with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                    assert main([name, PARTNER]) == 0
            cache[name] = stable_digest(target)
        return cache[name]

    return get


@pytest.mark.parametrize(("name", "queue", "expected"), list(cases()))
def test_fault(name, queue, expected, tmp_path, monkeypatch, capsys, clean_run):
    data = copy_data(tmp_path / "data", name, PARTNER)  # what the run reads; everything it could write
    environment(monkeypatch, data)
    queue = [(kind, *(a() if callable(a) and kind != "transform" else a for a in rest)) for kind, *rest in queue]
    before = digest(data)
    start = time.monotonic()
    with FaultServer() as server:
        served(server)
        server.faults[first_url(name)] = list(queue)
        code, out = run_cli(server, monkeypatch, [name, PARTNER], capsys)
    seconds = time.monotonic() - start
    results = [line for line in out.splitlines() if line.startswith(("ok  ", "FAIL"))]
    assert f"ok   {PARTNER} " in out, out  # the rest of the run succeeds
    assert not any(secret in out for secret in SECRETS)
    for path in data.rglob("*"):
        assert not path.is_file() or not any(s.encode() in path.read_bytes() for s in SECRETS), path
    assert seconds < 30  # 1 s time-outs, 2 retries: a fault never hangs the run
    if expected == "recover":
        assert code == 0, out
        assert stable_digest(data) == clean_run(name)  # the same data as a run without the fault
        return
    assert code == 1, out
    failed = [line for line in results if line.startswith("FAIL")]
    assert len(failed) == 1 and failed[0].split()[1] == name, out
    line = failed[0]
    assert expected in line and " Fix: " in line, line
    assert first_url(name) in line, line  # names the URL that failed
    assert digest(data) == before  # Parquet, raw files, ORIGINS.json and manifest byte-identical


def test_one_source_failing_leaves_every_other_source_built_and_recorded(data_copy, monkeypatch, capsys):
    before = json.loads((data_copy / "manifest.json").read_text())["datasets"]
    with FaultServer() as server:
        served(server)
        server.faults[first_url("projections")] = [("status", 403, {}, b"")] * ALWAYS
        code, out = run_cli(server, monkeypatch, [], capsys)
    assert code == 1
    results = {line.split()[1]: line.split()[0] for line in out.splitlines() if line.startswith(("ok  ", "FAIL"))}
    assert results.pop("projections") == "FAIL"
    assert set(results.values()) == {"ok"} and set(REPLAYED) - {"projections"} <= set(results)
    after = json.loads((data_copy / "manifest.json").read_text())["datasets"]
    assert after["projections"] == before["projections"]  # its entry untouched
    user = data_copy / "user" / "manifest.json"  # sources that write under data/user/ (oews_state) record there
    after |= json.loads(user.read_text())["datasets"] if user.exists() else {}
    assert all(after[n]["retrieved_at"] for n in REPLAYED if n != "projections")  # the others recorded


def test_403_without_contact_names_the_variable_to_set(data_copy, monkeypatch, capsys):
    monkeypatch.delenv(ingest.http.CONTACT_ENV)
    with FaultServer() as server:
        served(server)
        server.faults[first_url("projections")] = [("status", 403, {}, b"")]
        code, out = run_cli(server, monkeypatch, ["projections"], capsys)
    assert code == 1
    assert f"set {ingest.http.CONTACT_ENV}=you@example.org" in out and "--offline" in out


def test_retry_after_is_waited_for(data_copy, monkeypatch, capsys):
    url = first_url("projections")
    with FaultServer() as server:
        served(server)
        server.faults[url] = [("status", 503, {"Retry-After": "1"}, b"")]
        start = time.monotonic()
        code, out = run_cli(server, monkeypatch, ["projections"], capsys)
        assert code == 0, out
        assert time.monotonic() - start >= 1.0
        assert len([u for _, u, _ in server.requests if u == url]) == 2
