"""The projections parser under odd input: every header renamed or dropped, shuffles, sentinels, unicode."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.errors import IngestError
from ingest.sources import projections
from tests.conftest import ROOT
from tests.workbooks import HEADER_ROW, REAL_2024, column, table_rows, workbook

ROWS = table_rows()
HEADER = ROWS[HEADER_ROW]
FIRST_DATA = HEADER_ROW + 1
DATA = [r for r in ROWS[FIRST_DATA:] if projections.soc.is_code(str(r[1]))]
FOOTNOTES = ROWS[FIRST_DATA + len(DATA):]
EXPECTED = projections.parse(workbook(ROWS)).set_index("soc_code")
CONFORMED = projections.SCHEMA.conform(EXPECTED.reset_index(), "projections").set_index("soc_code")
OPTIONAL_NUMBERS = {"Percent self employed": "self_employed_pct",
                    "Occupational openings": "openings_annual_k",
                    "Median annual wage": "median_wage_usd"}
REQUIRED_NUMBERS = {"Employment change, numeric": "change_k", "Employment change, percent": "change_pct",
                    "Employment, 2024": "employment_base_k"}


def small(row_i: int) -> tuple[list[list], int]:
    """A table of the total, the chosen row and its neighbours (fast to write); and the chosen row's index."""
    picked = sorted({0, *range(max(row_i - 2, 0), min(row_i + 3, len(DATA)))})
    rows = [list(ROWS[0]), list(HEADER), *[list(DATA[i]) for i in picked], *[list(r) for r in FOOTNOTES]]
    return rows, FIRST_DATA + picked.index(row_i)


def parse_conformed(rows: list[list]) -> pd.DataFrame:
    return projections.SCHEMA.conform(projections.parse(workbook(rows)), "projections").set_index("soc_code")


def test_table_rebuilt_from_the_real_rows_parses_like_the_real_workbook():
    real = projections.parse(REAL_2024.read_bytes())
    pd.testing.assert_frame_equal(EXPECTED, real.set_index("soc_code"))
    assert len(EXPECTED) == 1113 and len(DATA) == 1113


@pytest.mark.parametrize("j", range(len(HEADER)), ids=[h[:30] for h in HEADER])
@pytest.mark.parametrize("edit", ["renamed", "dropped"])
def test_each_column_renamed_or_dropped_is_an_error_or_changes_nothing(j, edit):
    rows = [list(r) for r in ROWS]
    if edit == "renamed":
        rows[HEADER_ROW][j] = "Something else entirely"
    else:
        rows = [r[:j] + r[j + 1:] for r in rows]
    try:
        got = projections.parse(workbook(rows)).set_index("soc_code")
    except IngestError as err:
        assert err.source == "projections"
        return
    pd.testing.assert_frame_equal(got, EXPECTED)  # a column the parser does not use


def unicode_variant(text: str, how: str) -> str:
    return {"en": text.replace("–", "-"), "em": text.replace("–", "—"), "minus": text.replace("–", "\u2212"),
            "nbsp": text.replace(" ", "\xa0"), "spaces": f"  {text}  ".replace(" ", "  "),
            "footnote": f"{text}[2]", "same": text}[how]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    picked=st.lists(st.integers(0, len(DATA) - 1), min_size=1, max_size=12, unique=True),
    order=st.randoms(use_true_random=False),
    header_style=st.sampled_from(["en", "em", "minus", "nbsp", "spaces", "footnote", "same"]),
    extra_at=st.none() | st.integers(0, len(HEADER)),
    blanks=st.lists(st.tuples(st.integers(0, 11), st.sampled_from(sorted(OPTIONAL_NUMBERS)),
                              st.sampled_from(["—", "–", "", "N/A"])), max_size=5),
)
def test_shuffled_rows_extra_columns_unicode_headers_and_sentinels(picked, order, header_style, extra_at, blanks):
    chosen = [list(DATA[i]) for i in picked]
    order.shuffle(chosen)
    expected = CONFORMED.loc[[r[1] for r in chosen]].copy()
    for row_i, header, sentinel in blanks:
        if row_i < len(chosen):
            chosen[row_i][column(header)] = sentinel
            expected.loc[chosen[row_i][1], OPTIONAL_NUMBERS[header]] = np.nan
            if header == "Median annual wage":
                expected.loc[chosen[row_i][1], "wage_topcoded"] = False
    header = [unicode_variant(h, header_style) for h in HEADER]
    rows = [ROWS[0], header, *chosen, *FOOTNOTES]
    if extra_at is not None:
        def cell(i):  # BLS would leave the title and footnote rows blank in a new column
            return "Remarks" if i == HEADER_ROW else ("x" if HEADER_ROW < i < 2 + len(chosen) else "")
        rows = [[*r[:extra_at], cell(i), *r[extra_at:]] for i, r in enumerate(rows)]
    got = parse_conformed(rows)
    pd.testing.assert_frame_equal(got.sort_index(), expected.sort_index())


@settings(max_examples=20, deadline=None)
@given(row_i=st.integers(0, len(DATA) - 1), header=st.sampled_from(sorted(REQUIRED_NUMBERS)),
       sentinel=st.sampled_from(["—", "", "N/A", "n/a"]))
def test_a_sentinel_in_a_required_number_is_a_typed_error(row_i, header, sentinel):
    rows, at = small(row_i)
    rows[at][column(header)] = sentinel
    with pytest.raises(IngestError, match=REQUIRED_NUMBERS[header]):
        parse_conformed(rows)


@settings(max_examples=15, deadline=None)
@given(row_i=st.integers(0, len(DATA) - 1), text=st.sampled_from(["n.a.", "12,3,4", "1e", "**", "<b>9</b>"]))
def test_text_where_a_number_belongs_is_a_typed_error_naming_the_row(row_i, text):
    rows, at = small(row_i)
    rows[at][column("Employment change, percent")] = text
    with pytest.raises(IngestError, match=DATA[row_i][1]):
        projections.parse(workbook(rows))


def test_zero_and_negative_changes_are_kept_as_published():
    zero = EXPECTED[EXPECTED["change_pct"] == 0]
    negative = EXPECTED[EXPECTED["change_pct"] < 0]
    assert len(zero) > 0 and len(negative) > 100
    assert (np.sign(negative["change_k"]) <= 0).all()  # a decline is never flipped or clipped
    both = EXPECTED.dropna(subset=["change_k", "employment_base_k"])
    recomputed = both["change_k"] / both["employment_base_k"] * 100
    assert ((recomputed - both["change_pct"]).abs() <= 0.05 + 0.06 * 100 / both["employment_base_k"]).all()


@pytest.mark.parametrize("vintage", ["2014-24", "2016-26", "2019-29", "2021-31", "2022-32", "2023-33", "2024-34"])
def test_summary_rows_equal_the_sum_of_their_line_items_within_rounding(vintage):
    data = pd.read_parquet(ROOT / "data" / "projections.parquet")
    one = data[data["vintage"] == vintage].set_index("soc_code")
    items = one[one["occupation_type"] == "line_item"]
    groups = [c for c in one.index if one.loc[c, "soc_level"] in ("major", "total")]
    assert len(groups) == 23
    for code in groups:
        members = items if code == "00-0000" else items[items.index.str[:2] == code[:2]]
        for col in ("employment_base_k", "employment_target_k", "change_k"):
            # each published figure is rounded to 0.1 thousand: the sum may drift by 0.05 per row
            tolerance = 0.05 * (len(members) + 1)
            assert math.isclose(one.loc[code, col], members[col].sum(), abs_tol=tolerance), (code, col)


# FRED's CSV (job_openings' fallback): "." marks a month without a value, anywhere in the file.
FRED = ROOT / "data" / "raw" / "jolts" / "fred" / "JTSJOL.csv"


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_fred_dots_drop_exactly_those_months_and_shuffles_change_nothing(data):
    from ingest.sources import job_openings

    header, *lines = FRED.read_text(encoding="utf-8").strip().splitlines()
    full = job_openings.parse(FRED.read_bytes(), path="fred/JTSJOL.csv").set_index("date")
    dots = data.draw(st.sets(st.integers(0, len(lines) - 1), max_size=10))
    edited = [f"{line.split(',')[0]},." if i in dots else line for i, line in enumerate(lines)]
    data.draw(st.randoms(use_true_random=False)).shuffle(edited)
    got = job_openings.parse("\n".join([header, *edited]).encode(), path="fred/JTSJOL.csv").set_index("date")
    expected = full.drop(index=[full.index[i] for i in dots])
    pd.testing.assert_frame_equal(got.sort_index(), expected.sort_index())


@pytest.mark.parametrize("value", ["n/a", "1 234", "--", "5e", "<b>1</b>"])
def test_fred_text_instead_of_a_number_is_a_typed_error(value):
    from ingest.sources import job_openings

    header, first, *rest = FRED.read_text(encoding="utf-8").strip().splitlines()
    raw = "\n".join([header, f"{first.split(',')[0]},{value}", *rest]).encode()
    with pytest.raises(IngestError, match="non-numeric"):
        job_openings.parse(raw, path="fred/JTSJOL.csv")
