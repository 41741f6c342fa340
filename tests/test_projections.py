"""The projections parser on all seven real BLS workbooks, a rewritten next vintage, and broken files."""

import io

import openpyxl
import pytest

from ingest.errors import IngestError
from ingest.sources import projections
from tests.conftest import RAW

WORKBOOKS = RAW / "bls_ep_occupation_xlsx"
# vintage: (line items, summary rows, wage year, top-coded wages) read from the workbooks themselves
EXPECTED = {
    "2014-24": (819, 272, 2015, 9),
    "2016-26": (819, 272, 2017, 8),
    "2019-29": (790, 258, 2020, 9),
    "2021-31": (832, 281, 2021, 20),
    "2022-32": (832, 281, 2022, 12),
    "2023-33": (832, 281, 2023, 17),
    "2024-34": (832, 281, 2024, 19),
}


def parsed(vintage: str):
    return projections.parse((WORKBOOKS / vintage / "occupation.xlsx").read_bytes(), path=vintage)


def row(df, code):
    return df.set_index("soc_code").loc[code]


@pytest.mark.parametrize("vintage", sorted(EXPECTED))
def test_every_vintage_parses_with_its_own_years(vintage):
    df = parsed(vintage)
    line_items, summaries, wage_year, topcoded = EXPECTED[vintage]
    assert (df["vintage"] == vintage).all()
    assert df["base_year"].iloc[0] == int(vintage[:4])
    assert df["target_year"].iloc[0] == int(vintage[:4]) + 10
    assert df["occupation_type"].value_counts().to_dict() == {"line_item": line_items, "summary": summaries}
    assert not df["soc_code"].duplicated().any()
    assert (df["wage_year"] == wage_year).all()
    assert int(df["wage_topcoded"].sum()) == topcoded
    assert not df["title"].str.startswith(" ").any()
    projections.SCHEMA.conform(df, "projections")  # types, key and required columns hold


def test_known_published_values():
    latest = parsed("2024-34")
    assert row(latest, "00-0000")["change_pct"] == 3.1
    np_ = row(latest, "29-1171")
    assert (np_["title"], np_["change_pct"], np_["employment_base_k"], np_["employment_target_k"]) == (
        "Nurse practitioners", 40.1, 320.4, 448.8)
    assert (np_["change_k"], np_["openings_annual_k"], np_["median_wage_usd"]) == (128.4, 29.5, 129210.0)
    assert (np_["education"], np_["work_experience"], np_["training"]) == ("Master's degree", "None", "None")
    assert row(parsed("2023-33"), "00-0000")["change_pct"] == 4.0


def test_missing_values_and_top_codes():
    latest = parsed("2024-34")
    total = row(latest, "00-0000")
    assert total["education"] is None or total["education"] != total["education"]  # "—" is missing
    top = latest[latest["wage_topcoded"]]
    assert set(top["median_wage_usd"]) == {239200.0}
    assert latest["median_wage_usd"].isna().sum() == 9  # the nine "—" cells


def test_older_vintages_take_wages_from_table_1_7():
    old = parsed("2014-24")
    np_ = row(old, "29-1171")
    assert (np_["median_wage_usd"], np_["education"], np_["change_pct"]) == (98190.0, "Master's degree", 35.2)
    # 2014-24 published decade totals of openings with the old method, not annual averages
    assert np_["openings_total_k"] == 74.7 and np_["openings_annual_k"] != np_["openings_annual_k"]
    assert row(parsed("2022-32"), "29-1171")["median_wage_usd"] == 121610.0


def rewrite(vintage: str, edit) -> bytes:
    book = openpyxl.load_workbook(WORKBOOKS / vintage / "occupation.xlsx")
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def next_vintage(book):
    """What BLS's 2025-35 workbook changes: years, en dashes, the wage header without [1], a new sheet."""
    sheet = book["Table 1.2"]
    for cell in sheet[2]:
        if isinstance(cell.value, str):
            cell.value = (cell.value.replace("2024–34", "2025–35").replace("2034", "2035")
                          .replace("2024", "2025").replace("[1]", ""))
    book.create_sheet("AI Exposure Categories")


def test_next_vintage_parses_without_code_change():
    df = projections.parse(rewrite("2024-34", next_vintage), path="2025-35")
    assert set(df["vintage"]) == {"2025-35"}
    assert (df["base_year"].iloc[0], df["target_year"].iloc[0], df["wage_year"].iloc[0]) == (2025, 2035, 2025)
    assert row(df, "29-1171")["change_pct"] == 40.1
    assert len(df) == 1113


def drop_sheet(book):
    del book["Table 1.2"]


def rename_percent(book):
    for cell in book["Table 1.2"][2]:
        if cell.value == "Employment change, percent, 2024–34":
            cell.value = "Something else"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: rewrite("2024-34", drop_sheet), "no sheet 'Table 1.2'"),
        (lambda: rewrite("2024-34", rename_percent), "no column for change_pct"),
        (lambda: b"<!DOCTYPE html><html><body>Access Denied</body></html>", "looks like an HTML page"),
        (lambda: (WORKBOOKS / "2024-34" / "occupation.xlsx").read_bytes()[:150_000], "not a readable Excel"),
    ],
    ids=["missing-sheet", "renamed-column", "html-page", "truncated"],
)
def test_malformed_workbooks_fail_with_one_clear_error(make, message):
    with pytest.raises(IngestError) as err:
        projections.parse(make(), path="x/occupation.xlsx")
    assert err.value.source == "projections"
    assert message in str(err.value)
