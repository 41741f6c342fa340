"""The demand datasets rebuild offline to exactly the committed Parquet and manifest entries."""

import pytest

from ingest import manifest
from tests.conftest import ROOT

DEMAND = ["oews", "postings_index", "postings_index_portal", "job_openings", "indeed_category_soc"]


@pytest.mark.parametrize("name", DEMAND[:4])
def test_every_raw_file_has_its_origin(name):
    entry = manifest.load(ROOT / "data" / "manifest.json")["datasets"][name]
    for raw in entry["raw_files"]:
        assert raw["url"].startswith("https://github.com/") and raw["retrieved_at"] and raw["note"]
