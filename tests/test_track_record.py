"""Track record: roles across the SOC 2010 -> 2018 change checked by hand against the workbook cells."""

from functools import cache

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from analysis import track_record as tr
from ingest import soc_match
from ingest.errors import IngestError
from tests.conftest import RAW, ROOT

BOOKS = RAW / "bls_ep_occupation_xlsx"


@cache
def cells(vintage: str, sheet: str = "Table 1.2") -> dict[str, list]:
    """Row of a workbook sheet by the SOC code in its second column, read straight from the file."""
    rows = CalamineWorkbook.from_path(str(BOOKS / vintage / "occupation.xlsx")).get_sheet_by_name(sheet).to_python()
    return {str(r[1]).strip(): r for r in rows if len(r) > 4 and str(r[1]).strip()[:2].isdigit()}


def base(vintage: str, code: str) -> float:
    return float(cells(vintage)[code][3])  # Table 1.2: column D is base-year employment in every release


def target(vintage: str, code: str) -> float:
    return float(cells(vintage)[code][4])  # column E: target-year employment


@pytest.fixture(scope="module")
def track():
    return pd.read_parquet(ROOT / "data" / "track_record.parquet")


def row(track, vintage, code):
    return track[(track["vintage"] == vintage) & (track["soc_code"] == code)].iloc[0]


def test_the_columns_read_by_hand_are_the_years_they_claim():
    header = CalamineWorkbook.from_path(str(BOOKS / "2014-24" / "occupation.xlsx")).get_sheet_by_name(
        "Table 1.2").to_python()[3]
    assert header[3:5] == [2014.0, 2024.0]
    header = CalamineWorkbook.from_path(str(BOOKS / "2024-34" / "occupation.xlsx")).get_sheet_by_name(
        "Table 1.2").to_python()[1]
    assert header[3] == "Employment, 2024"


@pytest.mark.parametrize(("code", "old", "how"), [
    ("29-1141", ["29-1141"], soc_match.SAME),  # registered nurses: one code, same number
    ("19-5011", ["29-9011"], soc_match.SAME),  # safety specialists left group 29 with the same jobs
    ("31-1120", ["31-1011", "39-9021"], soc_match.MERGE),  # home health + personal care aides
    ("21-1018", ["21-1011", "21-1014"], soc_match.MERGE),  # substance abuse + mental health counsellors
    ("29-2010", ["29-2011", "29-2012"], soc_match.MERGE),  # EP sums the two laboratory codes
])
def test_whole_codes_and_merges_by_hand(track, code, old, how):
    r = row(track, "2014-24", code)
    projected = round(sum(target("2014-24", c) for c in old), 1)
    actual = base("2024-34", code)
    assert (r["comparable"], r["release_codes"].split(";")) == (how, old)
    assert (r["projected_k"], r["actual_k"]) == (projected, actual)
    assert r["error_k"] == round(projected - actual, 1)
    assert r["error_pct"] == pytest.approx((projected - actual) / actual * 100)
    grew = actual > sum(base("2014-24", c) for c in old)
    assert bool(r["direction_right"]) == ((projected > sum(base("2014-24", c) for c in old)) == grew)
    assert r["in_summary"]


def test_home_health_and_personal_care_aides_figures():
    # 2014-24 Table 1.2: 31-1011 913.5 -> 1,261.9 and 39-9021 1,768.4 -> 2,226.5; 2024-34: 31-1120 4,347.7
    assert [target("2014-24", "31-1011"), target("2014-24", "39-9021")] == [1261.9, 2226.5]
    assert base("2024-34", "31-1120") == 4347.7


def test_a_split_is_apportioned_by_the_stated_rule(track):
    # 19-3031 (SOC 2010) became 19-3033 and 19-3034; shares from 2021-31, the first release with both codes.
    w33, w34 = base("2021-31", "19-3033"), base("2021-31", "19-3034")
    for code, w in (("19-3033", w33), ("19-3034", w34)):
        r = row(track, "2014-24", code)
        assert r["comparable"] == soc_match.SPLIT and not r["in_summary"]
        assert r["share"] == pytest.approx(w / (w33 + w34))
        assert r["projected_k"] == round(target("2014-24", "19-3031") * w / (w33 + w34), 1)
        assert "2021-31" in r["match_note"]
    both = row(track, "2014-24", "19-3033")["projected_k"] + row(track, "2014-24", "19-3034")["projected_k"]
    assert both == pytest.approx(target("2014-24", "19-3031"), abs=0.1)  # the split conserves the total


def test_same_number_different_content_is_not_same_content(track):
    # 29-2099 kept its number but lost medical dosimetrists and gained respiratory therapy technicians
    r = row(track, "2014-24", "29-2099")
    assert r["comparable"] == soc_match.SPLIT and set(r["release_codes"].split(";")) == {"29-2054", "29-2099"}
    assert "same code" not in r["match_note"]
    assert row(track, "2014-24", "29-9099")["comparable"] == soc_match.SPLIT


def test_interim_check_is_the_straight_line(track):
    r = row(track, "2023-33", "29-1141")
    line = base("2023-33", "29-1141") + (target("2023-33", "29-1141") - base("2023-33", "29-1141")) / 10
    assert r["check"] == "interim (straight line)" and r["projected_k"] == round(line, 1)
    r = row(track, "2016-26", "31-1120")  # a SOC 2010 release through the crosswalk, 8 of 10 years
    olds = ["31-1011", "39-9021"]
    b, t = sum(base("2016-26", c) for c in olds), sum(target("2016-26", c) for c in olds)
    assert r["projected_k"] == round(b + (t - b) * 8 / 10, 1)


def test_every_current_role_has_a_row_or_a_reason(track):
    current = [c for c, r in cells("2024-34").items() if str(r[2]).strip() == "Line item"]
    mine = track[(track["vintage"] == "2014-24") & (track["occupation_type"] == "line_item")]
    assert sorted(mine["soc_code"]) == sorted(current)
    assert mine["match_note"].str.len().gt(0).all()
    assert mine.loc[mine["projected_k"].isna(), "comparable"].eq(soc_match.NONE).all()


def test_total_row_is_the_published_totals(track):
    r = row(track, "2014-24", "00-0000")
    assert (r["projected_k"], r["actual_k"]) == (target("2014-24", "00-0000"), base("2024-34", "00-0000"))


# --- matching on hand-built codes -----------------------------------------------------------------

def test_components_merge_split_and_open_groups():
    crosswalk = pd.DataFrame({"soc_2010_code": ["11-0001", "11-0002", "11-0003", "11-0003", "11-0004"],
                              "soc_2018_code": ["11-1001", "11-1001", "11-1002", "11-1003", "11-1009"]})
    old, new = ["11-0001", "11-0002", "11-0003", "11-0004"], ["11-1001", "11-1002", "11-1003", "11-1004"]
    with pytest.raises(IngestError, match="11-1004"):  # a new code the crosswalk does not know
        soc_match.crosswalk_pairs(crosswalk, old, new, new_aggregates={}, source="t")
    pairs = soc_match.crosswalk_pairs(crosswalk, old, new[:3], new_aggregates={}, source="t")
    got = soc_match.classify(soc_match.components(pairs, old, new[:3]), pairs).set_index("soc_code")
    assert got.loc["11-1001", "comparable"] == soc_match.MERGE
    assert got.loc[["11-1002", "11-1003"], "comparable"].eq(soc_match.SPLIT).all()
    # 11-0004 went to 11-1009, which the new release does not publish: nothing new may claim it
    assert "11-0004" not in {c for codes in got["old_codes"] for c in codes}


def test_an_old_code_losing_jobs_to_an_unpublished_code_is_not_comparable():
    crosswalk = pd.DataFrame({"soc_2010_code": ["11-0001", "11-0001"], "soc_2018_code": ["11-1001", "11-1009"]})
    pairs = soc_match.crosswalk_pairs(crosswalk, ["11-0001"], ["11-1001"], new_aggregates={}, source="t")
    got = soc_match.classify(soc_match.components(pairs, ["11-0001"], ["11-1001"]), pairs)
    assert got["comparable"].tolist() == [soc_match.NONE]


def test_summary_measures_by_hand():
    # Two roles: projected 110 vs actual 100 (+10%), 45 vs 50 (-10%); base 100 and 40; total grows 5%.
    rows = pd.DataFrame({
        "vintage": "2030-40", "soc_code": ["00-0000", "29-0001", "41-0001"], "occupation_type":
        ["total", "line_item", "line_item"], "in_soc_29_31": [False, True, False], "in_summary": [False, True, True],
        "employment_base_k": [1000.0, 100.0, 40.0], "projected_k": [1050.0, 110.0, 45.0],
        "actual_k": [1100.0, 100.0, 50.0], "direction_right": [True, False, True],
        "projected_change_pct": [5.0, 10.0, 12.5], "actual_change_pct": [10.0, 0.0, 25.0],
        "error_pct": [-4.5, 10.0, -10.0], "check": "target year"})
    s = tr.summary(rows, vintage="2030-40").set_index(["group", "forecast"])
    bls = s.loc[(tr.ALL, tr.BLS)]
    assert (bls["occupations"], bls["mape_pct"], bls["direction_right_pct"]) == (2, 10.0, 50.0)
    assert bls["weighted_mape_pct"] == round(15 / 150 * 100, 1)
    naive = s.loc[(tr.ALL, tr.NO_CHANGE)]  # |100-100|/100 = 0, |40-50|/50 = 20 -> 10
    assert naive["mape_pct"] == 10.0 and naive["weighted_mape_pct"] == round(10 / 150 * 100, 1)
    avg = s.loc[(tr.ALL, tr.average_label(5.0))]  # 105 vs 100: 5%, 42 vs 50: 16% -> 10.5
    assert avg["mape_pct"] == 10.5 and avg["direction_right_pct"] == 50.0  # 29-0001 did not grow
    assert s.loc[(tr.HEALTHCARE, tr.BLS), "occupations"] == 1


def test_real_summary_and_claim(track):
    s = tr.summary(track, vintage="2014-24").set_index(["group", "forecast"])
    counted = track[(track["vintage"] == "2014-24") & track["in_summary"] & (track["occupation_type"] == "line_item")]
    assert s.loc[(tr.ALL, tr.BLS), "occupations"] == len(counted)
    for group in (tr.HEALTHCARE, tr.ALL):  # BLS beat both naive forecasts on this decade
        mape = s.loc[group, "mape_pct"]
        assert mape[tr.BLS] < mape.drop(tr.BLS).min()
    claim = tr.claim_figure(track, within_pct=10)
    assert claim["holds"] is False and "median miss" in claim["figure"]
