"""usajobs_postings built from the real 2016 sample: counts, quirks and the facts PROVENANCE.md lists."""

from pathlib import Path

import pandas as pd
import pytest

from ingest.errors import IngestError
from ingest.runner import build
from ingest.sources import usajobs_postings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def postings() -> pd.DataFrame:
    df, _ = build(usajobs_postings)
    return df


def test_one_row_per_announcement_of_the_2016_sample(postings):
    assert len(postings) == 3879 and postings["control_number"].is_unique
    assert postings["open_date"].min() == pd.Timestamp("2016-01-01")
    assert postings["open_date"].max() == pd.Timestamp("2016-12-31")
    assert postings["close_date"].min() == pd.Timestamp("2016-01-20")
    assert postings["close_date"].max() == pd.Timestamp("2018-04-20")


def test_multi_series_and_department_counts(postings):
    assert (postings["series_count"] > 1).sum() == 142
    assert postings["series_count"].max() == 12
    assert (postings["department_code"] == "VA").sum() == 1114
    assert (postings["series"] == "0602").sum() == 522 - (
        postings["series_all"].str.contains("0602") & (postings["series"] != "0602")).sum()


def test_telework_flag_is_unpopulated_and_no_remote_label_in_2016(postings):
    # The API's teleworkEligible is 'N' for every historic record we have: it is not charted.
    assert postings["telework_eligible"].unique().tolist() == ["N"]
    assert not postings["is_remote"].any()


def test_total_openings_text_and_number(postings):
    text = postings["total_openings_text"]
    assert text.isna().sum() == 1178
    assert (text == "1").sum() == 1401 and postings["total_openings"].eq(1).sum() == 1401
    assert text.str.lower().isin(["many", "few"]).sum() == 452 + 334 + 175 + 4 + 23 + 3
    assert postings["total_openings"].notna().sum() == 1710  # numeric where given, nothing invented


def test_a_known_record(postings):
    row = postings.set_index("control_number").loc["425479600"]
    assert row["position_title"] == "MAINTENANCE MECHANIC (NA-09)"
    assert row["series_all"] == "4749" and row["locations"] == "Fort Derussy, Hawaii"
    assert row["total_openings_text"] == "Many" and pd.isna(row["total_openings"])
    assert row["minimum_salary_usd"] == 19.51 and row["salary_type"] == "Per Hour"


def test_parse_rejects_a_file_that_is_not_historic_joa():
    buf = pd.DataFrame({"a": [1]}).to_parquet()
    with pytest.raises(IngestError, match="lacks Historic JOA field"):
        usajobs_postings.parse(buf, path="odd.parquet")


def test_later_files_win_on_duplicate_control_numbers():
    a = pd.DataFrame({"control_number": ["1", "2"], "status": ["Open", "Open"]})
    b = pd.DataFrame({"control_number": ["2"], "status": ["Job canceled"]})
    out = usajobs_postings.combine({"historicjoa_2017_0610.parquet": b, "historical_jobs_2016.parquet": a})
    assert out.set_index("control_number")["status"].to_dict() == {"1": "Open", "2": "Job canceled"}


def test_health_series_pulled_by_default_are_the_mapped_ones():
    mapping = pd.read_csv(ROOT / "data/reference/usajobs/series_soc.csv", dtype=str)
    assert set(usajobs_postings.HEALTH_SERIES) == set(mapping["series_code"])
