"""Table 1.10: openings split into growth, labour-force exits and transfers, in every release that has it."""

import re

import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

from analysis import openings_split
from ingest.errors import IngestError
from ingest.sources import openings_split as source
from tests.conftest import RAW, ROOT

BOOKS = RAW / "bls_ep_occupation_xlsx"
RELEASES = sorted(p.name for p in BOOKS.iterdir() if p.is_dir())


@pytest.fixture(scope="module")
def split():
    return pd.read_parquet(ROOT / "data" / "openings_split.parquet")


def sheet(vintage: str) -> list[list]:
    return CalamineWorkbook.from_path(str(BOOKS / vintage / "occupation.xlsx")).get_sheet_by_name(
        "Table 1.10").to_python()


def test_every_release_with_the_split_is_parsed_and_2014_24_is_not(split):
    with_split = [v for v in RELEASES if "separations" in str(sheet(v)[0][0]).lower()]
    assert with_split == ["2016-26", "2019-29", "2021-31", "2022-32", "2023-33", "2024-34"]
    assert sorted(split["vintage"].unique()) == with_split
    assert "replacement needs" in sheet("2014-24")[0][0]  # the older method: no exits/transfers split
    assert source.parse((BOOKS / "2014-24" / "occupation.xlsx").read_bytes()).empty


@pytest.mark.parametrize("vintage", ["2016-26", "2019-29", "2024-34"])
def test_years_come_from_the_workbook(split, vintage):
    title = re.sub(r"[\u2013\u2014]", "-", sheet(vintage)[0][0])
    start, end = re.search(r"projected (\d{4})-(\d{2})", title).groups()
    one = split[split["vintage"] == vintage]
    assert (one["base_year"].unique().tolist(), one["target_year"].unique().tolist()) == (
        [int(start)], [int(start[:2] + end)])


@pytest.mark.parametrize("vintage", ["2016-26", "2019-29", "2021-31", "2022-32", "2023-33", "2024-34"])
def test_growth_exits_and_transfers_add_up_to_openings(split, vintage):
    one = split[split["vintage"] == vintage]
    total = one["change_k"] / 10 + one["labour_force_exits_k"] + one["occupational_transfers_k"]
    # four published figures rounded to 0.1 thousand: at most 0.05 + 0.05 + 0.05 + 0.005 apart
    assert (total - one["openings_annual_k"]).abs().max() <= 0.155
    assert (one["labour_force_exits_k"] + one["occupational_transfers_k"] - one["separations_k"]).abs().max() <= 0.1001
    assert len(one) > 1000


def test_openings_match_table_1_2_in_every_release(split):
    projections = pd.read_parquet(ROOT / "data" / "projections.parquet")
    both = split.merge(projections, on=["vintage", "soc_code"], suffixes=("", "_t12"))
    assert len(both) == len(split)
    assert (both["openings_annual_k"] == both["openings_annual_k_t12"]).all()
    assert (both["employment_base_k"] == both["employment_base_k_t12"]).all()


def test_home_health_and_personal_care_aides_by_hand(split):
    cells = next(r for r in sheet("2024-34") if str(r[1]).strip() == "31-1120")
    # columns: employment 2024, 2034, change, percent, exit rate, transfer rate, separations rate, exits,
    # transfers, separations, openings
    assert cells[3:14] == [4347.7, 5087.5, 739.8, 17.0, 8.6, 6.1, 14.7, 403.9, 288.0, 691.9, 765.8]
    r = split[(split["vintage"] == "2024-34") & (split["soc_code"] == "31-1120")].iloc[0]
    assert (r["labour_force_exits_k"], r["occupational_transfers_k"], r["openings_annual_k"]) == (403.9, 288.0, 765.8)
    assert (r["labour_force_exit_rate_pct"], r["occupational_transfer_rate_pct"]) == (8.6, 6.1)
    p = openings_split.parts(split, vintage="2024-34", codes=["31-1120"])
    assert openings_split.sentence(p, vintage="2024-34").startswith(
        "Of 765.8 thousand openings a year, 74.0 thousand from growth, 403.9 thousand from workers leaving the "
        "labour force, 288.0 thousand from workers moving to other occupations")


def test_2016_26_two_row_header_is_read(split):
    cells = next(r for r in sheet("2016-26") if str(r[1]).strip() == "29-1141")
    r = split[(split["vintage"] == "2016-26") & (split["soc_code"] == "29-1141")].iloc[0]
    assert [r["labour_force_exit_rate_pct"], r["occupational_transfer_rate_pct"], r["separations_rate_pct"],
            r["labour_force_exits_k"], r["occupational_transfers_k"], r["separations_k"],
            r["openings_annual_k"]] == cells[7:14]


def test_no_split_says_so():
    assert "older method" in openings_split.sentence(None, vintage="2014-24")


def test_a_renamed_column_fails_naming_the_field():
    labels = ["title", "code", "occupation type", "employment, 2030", "employment, 2040",
              "employment change, numeric, 2030-40", "employment change, percent, 2030-40",
              "labor force exit rate, 2030-40", "occupational transfer rate, 2030-40",
              "total occupational separations rate, 2030-40", "labor force leavers, 2030-40",
              "occupational transfers, 2030-40", "total occupational separations, 2030-40",
              "occupational openings, 2030-40 annual average"]
    with pytest.raises(IngestError, match="labour_force_exits_k"):
        source._columns(labels, 1, "x.xlsx")
