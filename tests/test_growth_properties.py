"""Growth analysis on generated frames: shuffles, zero and negative changes, sums and ranks hold or fail typed."""

import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.growth import growth_by_role, healthcare_vs_all, top_roles

# (code, occupation type, healthcare): the total, the two healthcare major groups and line items around them
CODES = [("00-0000", "summary", False), ("29-0000", "summary", True), ("31-0000", "summary", True),
         ("29-1171", "line_item", True), ("29-1141", "line_item", True), ("31-1122", "line_item", True),
         ("11-9111", "line_item", True), ("21-1018", "line_item", True), ("15-1252", "line_item", False),
         ("47-2061", "line_item", False), ("43-9022", "line_item", False)]
VINTAGE = "2030-40"

employment = st.floats(0, 5_000, allow_nan=False).map(lambda x: round(x, 1))
change = st.floats(-99, 300, allow_nan=False).map(lambda x: round(x, 1))


@st.composite
def frames(draw):
    rows = []
    for code, otype, _ in CODES:
        base, pct = draw(employment), draw(change)
        change_k = round(base * pct / 100, 1)
        rows.append({"vintage": VINTAGE, "base_year": 2030, "target_year": 2040, "soc_code": code,
                     "title": f"Role {code}", "occupation_type": otype, "employment_base_k": base,
                     "employment_target_k": round(base + change_k, 1), "change_k": change_k, "change_pct": pct,
                     "openings_annual_k": draw(st.none() | employment)})
    projections = pd.DataFrame(rows)
    roles = pd.DataFrame({"soc_code": [c for c, _, _ in CODES], "is_healthcare": [h for _, _, h in CODES],
                          "major_code": [f"{c[:2]}-0000" for c, _, _ in CODES], "major_title": "x",
                          "minor_code": None, "themes": None})
    order = draw(st.permutations(range(len(rows))))
    return projections.iloc[list(order)].reset_index(drop=True), roles


@settings(max_examples=60, deadline=None)
@given(data=frames())
def test_growth_by_role_is_relative_to_the_published_average_and_ignores_row_order(data):
    projections, roles = data
    before = projections.copy()
    growth = growth_by_role(projections, roles, vintage=VINTAGE)
    pd.testing.assert_frame_equal(projections, before)  # inputs are never mutated
    average = float(projections.loc[projections["soc_code"] == "00-0000", "change_pct"].iloc[0])
    assert len(growth) == len(CODES)
    assert (growth["change_vs_average_pp"] == (growth["change_pct"] - average).round(1)).all()
    if average == 0:
        assert growth["growth_ratio"].isna().all()  # undefined, not infinite
    shuffled = growth_by_role(projections.sample(frac=1, random_state=1), roles, vintage=VINTAGE)
    key = ["soc_code"]
    pd.testing.assert_frame_equal(growth.sort_values(key).reset_index(drop=True),
                                  shuffled.sort_values(key).reset_index(drop=True))


@settings(max_examples=60, deadline=None)
@given(data=frames(), by=st.sampled_from(["change_pct", "change_k", "openings_annual_k"]), n=st.integers(1, 8),
       healthcare_only=st.booleans())
def test_top_roles_are_the_n_largest_line_items_whatever_the_order(data, by, n, healthcare_only):
    projections, roles = data
    growth = growth_by_role(projections, roles, vintage=VINTAGE)
    top = top_roles(growth, by=by, n=n, healthcare_only=healthcare_only)
    eligible = growth[(growth["occupation_type"] == "line_item") & growth[by].notna()]
    if healthcare_only:
        eligible = eligible[eligible["is_healthcare"]]
    assert len(top) == min(n, len(eligible))
    assert top[by].is_monotonic_decreasing
    assert (top["occupation_type"] == "line_item").all() and (top["is_healthcare"] | (not healthcare_only)).all()
    if len(top):
        left_out = eligible[~eligible["soc_code"].isin(top["soc_code"])]
        assert (left_out[by] <= top[by].min()).all()
    again = top_roles(growth.iloc[::-1], by=by, n=n, healthcare_only=healthcare_only)
    assert list(again["soc_code"]) == list(top["soc_code"])  # ties broken the same way in any order


@settings(max_examples=60, deadline=None)
@given(data=frames())
def test_group_sums_equal_their_rows_and_percentages_follow(data):
    projections, roles = data
    growth = growth_by_role(projections, roles, vintage=VINTAGE)
    summary = healthcare_vs_all(growth).set_index("group")
    lens = growth[(growth["occupation_type"] == "line_item") & growth["is_healthcare"]]
    majors = growth[growth["soc_code"].isin(["29-0000", "31-0000"])]
    for group, rows in (("Healthcare lens (all healthcare roles)", lens),
                        ("Healthcare occupations (SOC 29 + 31)", majors)):
        row = summary.loc[group]
        assert row["rows"] == len(rows)
        for col in ("employment_base_k", "employment_target_k", "change_k"):
            assert math.isclose(row[col], rows[col].sum(), abs_tol=1e-6)
        base = rows["employment_base_k"].sum()
        if base > 0:
            assert row["change_pct"] == round(rows["change_k"].sum() / base * 100, 1)
        else:
            assert math.isnan(row["change_pct"])  # no base: no percentage, never an infinite one
    total = projections.loc[projections["soc_code"] == "00-0000", "change_pct"].iloc[0]
    assert summary.loc["All occupations", "change_pct"] == total  # BLS's own figure, not recomputed


@settings(max_examples=10, deadline=None)
@given(data=frames())
def test_an_unknown_vintage_is_a_typed_error(data):
    projections, roles = data
    with pytest.raises(ValueError, match="no projections for vintage"):
        growth_by_role(projections, roles, vintage="1999-09")


@settings(max_examples=10, deadline=None)
@given(data=frames())
def test_a_group_without_base_employment_has_no_percentage(data):
    projections, roles = data
    healthcare_items = projections["soc_code"].isin(["29-1171", "29-1141", "31-1122", "11-9111", "21-1018"])
    projections.loc[healthcare_items, ["employment_base_k", "change_k", "change_pct"]] = [0.0, 5.0, float("nan")]
    summary = healthcare_vs_all(growth_by_role(projections, roles, vintage=VINTAGE)).set_index("group")
    lens = summary.loc["Healthcare lens (all healthcare roles)"]
    assert lens["change_k"] == 25.0 and math.isnan(lens["change_pct"])
