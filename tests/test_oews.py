"""OEWS national parser on the real May 2019..2025 workbooks, and its sentinels one by one."""

import io
import zipfile

import numpy as np
import pandas as pd
import pytest

from contract import paths
from ingest import runner
from ingest.errors import IngestError
from ingest.sources import oews
from tests._http_fake import Response

RAW = paths.REPO_ROOT / "data" / "raw" / "bls_oews_national"


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    df, _ = runner.build(oews)
    return df


def _row(df, year, code):
    hit = df[(df["year"] == year) & (df["soc_code"] == code)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_row_counts_per_year_after_merging_broad_detailed_pairs(table):
    # Sheet rows minus the codes listed twice (13 pairs in 2019-2020, 7 from 2021).
    assert table.groupby("year").size().to_dict() == {
        2019: 1329 - 13, 2020: 1329 - 13, 2021: 1403 - 7, 2022: 1402 - 7, 2023: 1403 - 7, 2024: 1403 - 7,
        2025: 1401 - 7,
    }
    detailed = table[table["o_group"] == "detailed"].groupby("year").size()
    assert detailed[2024] == 831 and detailed[2025] == 830 and detailed[2020] == 789


def test_known_values_read_from_the_files(table):
    rn = _row(table, 2024, "29-1141")
    assert rn["title"] == "Registered Nurses"
    assert rn["employment"] == 3282010 and rn["median_wage_annual_usd"] == 93600
    assert _row(table, 2025, "29-1141")["employment"] == 3379720
    assert _row(table, 2019, "00-0000")["employment"] == 146875480  # lower-case headers in 2019
    assert _row(table, 2019, "00-0000")["mean_wage_annual_usd"] == 53490


def test_lower_case_2019_headers_give_the_same_columns(table):
    y2019 = table[table["year"] == 2019]
    assert y2019["employment"].notna().all()
    assert y2019["soc_basis"].eq("OEWS hybrid SOC 2010/2018").all()
    assert table.loc[table["year"] == 2021, "soc_basis"].eq("SOC 2018").all()


def test_duplicated_31_1120_becomes_one_detailed_row_marked_also_broad(table):
    for year in range(2019, 2026):
        row = _row(table, year, "31-1120")
        assert row["o_group"] == "detailed" and bool(row["also_broad"])
    assert _row(table, 2024, "31-1120")["employment"] == 3988140
    assert not bool(_row(table, 2024, "29-1141")["also_broad"])


def test_broad_and_detailed_rows_that_differ_are_refused():
    df = pd.DataFrame({"soc_code": ["31-1120", "31-1120"], "o_group": ["broad", "detailed"],
                       "employment": [1.0, 2.0]})
    with pytest.raises(IngestError, match="differ"):
        oews._merge_broad_detailed(df, "x.xlsx")


@pytest.mark.parametrize(("cell", "flag"), [
    ("*", "wage_not_available"),
    ("**", "employment_not_available"),
    ("#", "topcoded"),
    ("~", "under_half_pct_establishments"),
    (" # ", "topcoded"),
])
def test_each_sentinel_is_missing_with_its_flag_never_zero(cell, flag):
    value, got = oews._cell(cell, "a_median", "29-1229")
    assert np.isnan(value) and got == flag


def test_numbers_pass_through_unflagged():
    assert oews._cell(93600.0, "a_median", "29-1141") == (93600.0, None)
    assert oews._cell("93,600", "a_median", "29-1141") == (93600.0, None)


def test_unknown_special_value_is_an_error():
    with pytest.raises(IngestError, match="neither a number nor a sentinel"):
        oews._cell("n/a?", "a_median", "29-1141")


def test_sentinels_in_the_real_files(table):
    # '**': the one employment estimate BLS withheld (May 2020), wages still published.
    row = _row(table, 2020, "13-1074")
    assert np.isnan(row["employment"]) and row["employment_flag"] == "employment_not_available"
    assert row["median_wage_annual_usd"] == 47780
    # '*': actors are paid by the hour only, so annual wages are not available.
    actors = _row(table, 2024, "27-2011")
    assert bool(actors["hourly_only"]) and actors["median_wage_annual_flag"] == "wage_not_available"
    assert actors["median_wage_hourly_usd"] == 23.33
    # '#': top-coded wages are missing, never the threshold and never zero.
    doc = _row(table, 2024, "29-1229")
    assert np.isnan(doc["median_wage_annual_usd"]) and doc["median_wage_annual_flag"] == "topcoded"
    assert doc["topcode_annual_usd"] == 239200
    assert (table.filter(like="_usd").fillna(1) != 0).all().all()


def test_topcoding_thresholds_by_year_and_none_in_2025(table):
    thresholds = table.groupby("year")["topcode_annual_usd"].first()
    assert thresholds[2019] == 208000 and thresholds[2021] == 208000 and thresholds[2024] == 239200
    assert np.isnan(thresholds[2025])
    counts = table[table["median_wage_annual_flag"] == "topcoded"].groupby("year").size()
    assert counts[2024] == 19 and 2025 not in counts.index
    # From 2025 BLS publishes wages above the old threshold as numbers.
    assert _row(table, 2025, "29-1229")["median_wage_annual_usd"] == 265930


def test_fetch_keeps_the_workbook_out_of_the_zip():
    xlsx = (RAW / "national_M2025_dl.xlsx").read_bytes()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("oesm25nat/national_M2025_dl.xlsx", xlsx)
        zf.writestr("oesm25nat/readme.txt", "x")

    class Session:
        has_contact = True

        def get(self, url, **kwargs):
            assert url == oews.SOURCE.url
            return Response(buf.getvalue())

    assert oews.fetch(Session()) == {"national_M2025_dl.xlsx": xlsx}


def test_fetch_of_an_html_page_says_so():
    with pytest.raises(IngestError, match="HTML page"):
        oews._xlsx_from_zip(b"<!DOCTYPE html><html>blocked</html>")

