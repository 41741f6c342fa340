"""A run killed at any write, a download that parses but breaks the dataset, an API error inside HTTP 200."""

import json
import os
import shutil
import subprocess
import sys

import pytest

import ingest.http
from contract import paths
from ingest.errors import IngestError
from tests.conftest import ROOT
from tests.faults import API_KEY, CONTACT, copy_data, digest, environment, first_url, run_cli, served, stable_digest
from tests.loopback import FaultServer, route


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    target = copy_data(tmp_path / "data")
    environment(monkeypatch, target)
    return target


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
from ingest import hooks
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
    from dashboard import datasets

    def attempt(kill_at: int) -> tuple[object, dict[str, str], int]:
        data = tmp_path / f"data-{kill_at}"
        shutil.copytree(committed, data)
        env = {**os.environ, "HLT_DATA_DIR": str(data), "PYTHONPATH": str(ROOT), "HLT_CONTACT_EMAIL": CONTACT}
        with FaultServer() as server:
            server.files[projections_url] = new_bytes
            proc = subprocess.run([sys.executable, "-c", KILLER, str(server.port), str(kill_at)], env=env,
                                  capture_output=True, timeout=120, cwd=tmp_path)
        return data, stable_digest(data), proc.returncode

    projections_url = first_url("projections")
    new_bytes = changed_workbook()
    committed = copy_data(tmp_path / "committed", "projections")  # what the run reads and may write
    old = stable_digest(committed)
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
        server.files[first_url("projections")] = workbook(rows)
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
    assert sorted(files) == ["fred/JTS6200JOL.csv", "fred/JTSJOL.csv"]  # the rates: no observations, left out
    posted = [h for m, _, h in server.requests if m == "POST"]
    assert posted and all(CONTACT in h["User-Agent"] for h in posted)
    assert API_KEY not in str(err.value)
