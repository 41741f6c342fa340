"""The demand datasets rebuild offline to exactly the committed Parquet and manifest entries."""

import pandas as pd
import pytest

from ingest import manifest
from ingest.registry import SOURCES
from ingest.runner import build
from tests.conftest import ROOT

DEMAND = ["oews", "postings_index", "postings_index_portal", "job_openings", "indeed_category_soc"]


@pytest.mark.parametrize("name", DEMAND)
def test_offline_rebuild_equals_committed_snapshot(name):
    rebuilt, entry = build(SOURCES[name])
    pd.testing.assert_frame_equal(rebuilt, pd.read_parquet(ROOT / "data" / f"{name}.parquet"))
    recorded = manifest.load(ROOT / "data" / "manifest.json")["datasets"][name]
    assert {k: v for k, v in entry.items() if k != "parquet_sha256"} == {
        k: v for k, v in recorded.items() if k != "parquet_sha256"}


@pytest.mark.parametrize("name", DEMAND[:4])
def test_every_raw_file_has_its_origin(name):
    entry = manifest.load(ROOT / "data" / "manifest.json")["datasets"][name]
    for raw in entry["raw_files"]:
        assert raw["url"].startswith("https://github.com/") and raw["retrieved_at"] and raw["note"]
