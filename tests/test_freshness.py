"""How fresh each number is: last data points computed from the data, ages, and what the pages say."""

from datetime import date

import pandas as pd
import pytest

from analysis.freshness import age, label, months_old, phrase, series_ends
from tests.conftest import ROOT, open_page


@pytest.mark.parametrize(("last", "today", "months"), [
    ("2024-09-27", date(2026, 11, 30), 26), ("2024-09-27", date(2026, 11, 26), 25),
    ("2026-11-02", date(2026, 11, 30), 0), ("2026-12-01", date(2026, 11, 30), 0),
])
def test_months_old_counts_whole_months(last, today, months):
    assert months_old(pd.Timestamp(last), today) == months


def test_phrases_read_as_the_issue_asks():
    assert phrase("Indeed categories", pd.Timestamp("2024-09-27"), "day", date(2026, 11, 30)) == (
        "Indeed categories: to 27 Sep 2024, 26 months old")
    assert label(pd.Timestamp("2025-05-01"), "may") == "May 2025"
    assert age(pd.Timestamp("2014-12-31"), date(2026, 11, 30)) == "11 years old"
    assert age(pd.Timestamp("2026-10-30"), date(2026, 11, 30)) == "1 month old"


def test_series_ends_from_a_small_frame():
    frame = pd.DataFrame({"snapshot": ["a", "a", "a", "b"], "category": ["X", "X", "Y", "X"],
                          "seasonal_adjustment": "SA", "index": [100.0, 101.0, None, 99.0],
                          "date": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2025-01-05"])})
    ends = series_ends("postings_index", frame, today=date(2025, 3, 1)).set_index("series")
    # Y has no value: no series; a's X ends 1 Feb 2024 (its 1 Mar row is empty for Y, not X)
    assert list(ends.index) == ["a · X · SA", "b · X · SA"]
    assert ends.loc["a · X · SA", "last_label"] == "1 Feb 2024" and ends.loc["b · X · SA", "months_old"] == 1
    assert series_ends("roles", pd.DataFrame({"x": [1]}), today=date(2025, 3, 1)).empty


def test_real_series_ends():
    index = pd.read_parquet(ROOT / "data" / "postings_index.parquet")
    ends = series_ends("postings_index", index, today=date(2026, 11, 30)).set_index("series")
    assert ends.loc["tracker 2024-10-03 · Nursing · SA", "last_label"] == "27 Sep 2024"
    assert ends.loc["tracker 2026-08-19 · All postings · SA", "last_label"] == "14 Aug 2026"
    projections = series_ends("projections", pd.read_parquet(ROOT / "data" / "projections.parquet"),
                              today=date(2026, 11, 30))
    assert projections["series"].tolist() == ["2014-24", "2016-26", "2019-29", "2021-31", "2022-32", "2023-33",
                                              "2024-34"]


def test_demand_now_says_categories_end_in_september_2024_and_all_postings_later():
    at = open_page("demand_now")
    assert not at.exception
    text = " ".join(c.value for c in at.caption)
    assert "Indeed categories: to 27 Sep 2024, " in text and "Indeed all postings: to 14 Aug 2026, " in text
    assert "Indeed's category series end 27 Sep 2024" in text
    assert at.metric[0].label == "All US job postings (Indeed), 14 Aug 2026"


def test_demand_now_start_after_the_data_is_moved_back_and_still_draws():
    at = open_page("demand_now", start="2026-01-01")
    assert not at.exception
    assert at.date_input[0].value == date(2024, 8, 30)  # 28 days before the last category point
    assert not any("Too little category data" in i.value for i in at.info)


def test_sources_lists_every_vintage_and_series_end_from_the_data():
    at = open_page("sources")
    assert not at.exception
    vintages = at.dataframe[1].value
    assert {"2024-34", "2014-24", "May 2025", "tracker 2024-10-03"} <= set(vintages["Vintage or snapshot"])
    series = at.dataframe[2].value.set_index("Series")
    assert series.loc["tracker 2026-08-19 · All postings · SA", "Last data point (as published)"] == "14 Aug 2026"
