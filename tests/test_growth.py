"""Growth bands at their edges, growth by role on hand-built and real frames, and the roles table."""

import pandas as pd
import pytest

from analysis.categories import UNKNOWN, growth_category, whole_percent
from analysis.growth import growth_by_role, healthcare_vs_all, top_roles
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("change", "phrase"),
    [
        (40.1, "Much faster than average"), (6.5, "Much faster than average"),
        (6.4, "Faster than average"), (4.5, "Faster than average"), (4.4, "As fast as average"),
        (2.5, "As fast as average"), (2.4, "Slower than average"), (0.5, "Slower than average"),
        (0.4, "Little or no change"), (0.0, "Little or no change"), (-0.4, "Little or no change"),
        (-0.5, "Decline"), (-4.9, "Decline"),
    ],
)
def test_2024_34_bands_at_their_edges(change, phrase):
    assert growth_category(change, "2024-34") == phrase


def test_rounding_is_half_away_from_zero():
    assert [whole_percent(x) for x in (6.5, 6.49, -0.5, -0.49, 0.0)] == [7, 6, -1, 0, 0]


def test_unknown_bands_are_said_not_guessed():
    assert growth_category(12.0, "2019-29") == UNKNOWN
    assert growth_category(float("nan"), "2024-34") is None


@pytest.fixture
def tiny():
    """Three line items and the total, with answers worked by hand."""
    proj = pd.DataFrame({
        "vintage": "2030-40", "base_year": 2030, "target_year": 2040,
        "soc_code": ["00-0000", "29-1171", "31-1120", "47-2061"],
        "title": ["Total", "NPs", "Aides", "Labourers"],
        "occupation_type": ["summary", "line_item", "line_item", "line_item"],
        "employment_base_k": [200.0, 50.0, 100.0, 50.0], "employment_target_k": [210.0, 60.0, 105.0, 45.0],
        "change_k": [10.0, 10.0, 5.0, -5.0], "change_pct": [5.0, 20.0, 5.0, -10.0],
        "openings_annual_k": [30.0, 6.0, 20.0, 4.0],
    })
    roles = pd.DataFrame({
        "soc_code": ["00-0000", "29-1171", "31-1120", "47-2061"],
        "is_healthcare": [False, True, True, False], "major_code": ["00-0000", "29-0000", "31-0000", "47-0000"],
        "major_title": "x", "minor_code": None, "themes": None,
    })
    return proj, roles


def test_growth_relative_to_average(tiny):
    proj, roles = tiny
    g = growth_by_role(proj, roles, vintage="2030-40").set_index("soc_code")
    assert g.loc["29-1171", "change_vs_average_pp"] == 15.0
    assert g.loc["29-1171", "growth_ratio"] == 4.0
    assert g.loc["47-2061", "change_vs_average_pp"] == -15.0
    assert (g["growth_category"] == UNKNOWN).all()


def test_healthcare_lens_sums_line_items_and_recomputes_percent(tiny):
    proj, roles = tiny
    summary = healthcare_vs_all(growth_by_role(proj, roles, vintage="2030-40")).set_index("group")
    lens = summary.loc["Healthcare lens (all healthcare roles)"]
    assert (lens["employment_base_k"], lens["change_k"], lens["change_pct"]) == (150.0, 15.0, 10.0)
    assert lens["openings_annual_k"] == 26.0
    assert summary.loc["All occupations", "change_pct"] == 5.0


def test_inputs_are_not_mutated(tiny):
    proj, roles = tiny
    before = proj.copy(), roles.copy()
    growth_by_role(proj, roles, vintage="2030-40")
    pd.testing.assert_frame_equal(proj, before[0])
    pd.testing.assert_frame_equal(roles, before[1])


def test_unknown_vintage_is_a_clear_error(tiny):
    with pytest.raises(ValueError, match="no projections for vintage '1999-09'"):
        growth_by_role(*tiny, vintage="1999-09")


@pytest.fixture(scope="module")
def real():
    return pd.read_parquet(ROOT / "data" / "projections.parquet"), pd.read_parquet(ROOT / "data" / "roles.parquet")


def test_real_2024_34_healthcare_against_all(real):
    summary = healthcare_vs_all(growth_by_role(*real, vintage="2024-34")).set_index("group")
    bls = summary.loc["Healthcare occupations (SOC 29 + 31)"]
    # 29-0000 (726.9k) + 31-0000 (988.3k) on 10,067.5k + 7,982.8k employed, BLS Table 1.2
    assert round(bls["change_k"], 1) == 1715.2
    assert round(bls["openings_annual_k"], 1) == 1921.6
    assert bls["change_pct"] == 9.5
    assert summary.loc["All occupations", "change_pct"] == 3.1


def test_real_fastest_growing_healthcare_role(real):
    top = top_roles(growth_by_role(*real, vintage="2024-34"), by="change_pct", n=3)
    assert top["soc_code"].tolist() == ["29-1171", "11-9111", "31-2021"]
    assert top["growth_category"].eq("Much faster than average").all()
