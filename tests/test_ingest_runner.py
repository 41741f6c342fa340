"""The ingest run: offline rebuild equals the committed snapshot, failures leave previous files untouched."""

import hashlib

import pandas as pd
import pytest

from contract import paths
from ingest import manifest
from ingest.__main__ import main
from ingest.registry import SOURCES
from ingest.runner import build, run
from tests.conftest import ROOT, digest

COMMITTED = sorted(n for n, m in SOURCES.items() if not m.SOURCE.output_dir)  # not the user-file sources


@pytest.mark.parametrize("name", COMMITTED)
def test_offline_rebuild_equals_committed_snapshot(name):
    rebuilt, entry = build(SOURCES[name])
    committed = pd.read_parquet(ROOT / "data" / f"{name}.parquet")
    pd.testing.assert_frame_equal(rebuilt, committed)
    recorded = manifest.load(ROOT / "data" / "manifest.json")["datasets"][name]
    assert {k: v for k, v in entry.items() if k != "parquet_sha256"} == {
        k: v for k, v in recorded.items() if k != "parquet_sha256"}


def test_manifest_entry_carries_provenance():
    entry = manifest.load(ROOT / "data" / "manifest.json")["datasets"]["projections"]
    assert entry["licence"].startswith("Public domain")
    assert entry["url"] == "https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx"
    assert entry["coverage"]["latest_vintage"] == "2024-34"
    assert len(entry["raw_files"]) == 7
    for raw in entry["raw_files"]:
        data = (ROOT / "data" / raw["path"]).read_bytes()
        assert (raw["sha256"], raw["size_bytes"]) == (hashlib.sha256(data).hexdigest(), len(data))
        assert raw["retrieved_at"]


def test_cli_offline_rebuild_succeeds(data_copy, capsys):
    assert main(["--offline", "projections", "roles"]) == 0
    out = capsys.readouterr().out
    assert "ok   projections" in out and "2 succeeded, 0 failed" in out


def test_cli_rejects_unknown_source(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--offline", "nonsense"])
    assert exit_.value.code == 2
    assert "unknown source(s) nonsense" in capsys.readouterr().err


@pytest.mark.parametrize("damage", ["html", "truncated", "empty"])
def test_bad_raw_file_fails_loudly_and_keeps_previous_outputs(data_copy, damage):
    broken = data_copy / "raw" / "bls_ep_occupation_xlsx" / "2024-34" / "occupation.xlsx"
    good = broken.read_bytes()
    before = {k: v for k, v in digest(data_copy).items() if not k.startswith("raw/")}
    broken.write_bytes({"html": b"<html><body>Error</body></html>", "truncated": good[: len(good) // 3],
                        "empty": b""}[damage])
    results = run({"projections": SOURCES["projections"]}, offline=True, echo=lambda s: None)
    assert [r.ok for r in results] == [False]
    assert results[0].message.startswith("projections: ")
    assert "2024-34/occupation.xlsx" in results[0].message
    after = {k: v for k, v in digest(data_copy).items() if not k.startswith("raw/")}
    assert after == before  # parquet and manifest untouched


def test_one_failing_source_does_not_stop_the_others(data_copy):
    (paths.raw_dir() / "bls_ep_occupation_xlsx" / "2024-34" / "occupation.xlsx").write_bytes(b"junk")
    results = run(SOURCES, offline=True, echo=lambda s: None)
    status = {r.name: r.ok for r in results}
    assert status["projections"] is False
    assert status["roles"] is True  # built from the previous projections parquet
    assert main(["--offline", "projections"]) == 1
