"""History like for like across SOC 2010 -> 2018: group totals on one basis, labels from the crosswalk, trend sets."""

import pandas as pd
import pytest

from analysis.growth import PUBLISHED_BASIS, growth_by_role, healthcare_vs_all
from analysis.roles import outlook_history, trend_codes, trend_summary
from analysis.trends import check_claims
from tests.conftest import ROOT, open_page
from tests.test_track_record import base, target


@pytest.fixture(scope="module")
def data():
    read = lambda n: pd.read_parquet(ROOT / "data" / f"{n}.parquet")  # noqa: E731
    return read("projections"), read("roles"), read("soc_crosswalk"), read("track_record")


def test_soc_29_31_of_2014_24_is_rebuilt_on_the_soc_2018_basis(data):
    projections, roles, *_ = data
    hc = healthcare_vs_all(growth_by_role(projections, roles, vintage="2014-24")).set_index("group").loc[
        "Healthcare occupations (SOC 29 + 31)"]
    # By hand from Table 1.2: the two published groups, less safety specialists and technicians (now 19-5011/12),
    # plus personal care aides (39-9021, now 31-1122). Line items vs unrounded summary rows: within 0.5k.
    by_hand = {when: sum(f("2014-24", c) for c in ("29-0000", "31-0000", "39-9021"))
               - f("2014-24", "29-9011") - f("2014-24", "29-9012") for when, f in (("base", base), ("target", target))}
    assert hc["employment_base_k"] == pytest.approx(by_hand["base"], abs=0.5)
    assert hc["employment_target_k"] == pytest.approx(by_hand["target"], abs=0.5)
    assert "rebuilt" in hc["basis"] and "39-9021" in hc["basis"] and "29-9011" in hc["basis"]


def test_soc_2018_releases_keep_the_published_rows(data):
    projections, roles, *_ = data
    hc = healthcare_vs_all(growth_by_role(projections, roles, vintage="2024-34")).set_index("group").loc[
        "Healthcare occupations (SOC 29 + 31)"]
    assert hc["basis"] == PUBLISHED_BASIS
    assert hc["employment_base_k"] == base("2024-34", "29-0000") + base("2024-34", "31-0000")


@pytest.mark.parametrize(("code", "basis_2014"), [
    ("29-1141", "same code"),
    ("29-2099", "not comparable: same number, different content in SOC 2010"),
    ("29-9099", "not comparable: same number, different content in SOC 2010"),
    ("31-1120", "sum of SOC 2010 codes"),
    ("21-1018", "sum of SOC 2010 codes"),
    ("19-5011", "SOC 2010 code"),
])
def test_history_labels_follow_the_crosswalk(data, code, basis_2014):
    projections, _, crosswalk, _ = data
    history = outlook_history(projections, code=code, crosswalk=crosswalk).set_index("vintage")
    assert history.loc["2014-24", "basis"] == basis_2014
    if basis_2014.startswith("not comparable"):
        assert pd.isna(history.loc["2014-24", "change_pct"])


def test_trend_roles_are_held_through_predecessors_or_named(data):
    projections, roles, crosswalk, _ = data
    trends = pd.DataFrame({"trend_id": "t", "trend": "T", "soc_code": ["21-1018", "19-3033", "29-1141"]})
    growth = growth_by_role(projections, roles, vintage="2014-24")
    codes = trend_codes(trends, growth, crosswalk)
    assert sorted(codes.loc[codes["role_code"] == "21-1018", "soc_code"]) == ["21-1011", "21-1014"]
    assert codes.loc[codes["role_code"] == "19-3033", "note"].item() == "its SOC 2010 predecessor was split"
    s = trend_summary(growth, trends, crosswalk).iloc[0]
    assert s["roles"] == 2
    assert s["employment_base_k"] == pytest.approx(sum(base("2014-24", c) for c in ("21-1011", "21-1014", "29-1141")))


def test_accuracy_claim_is_checked_against_the_track_record(data):
    projections, roles, _, track = data
    claims = pd.read_csv(ROOT / "data" / "reference" / "articles" / "claims.csv", dtype=str)
    checked = check_claims(claims, growth_by_role(projections, roles, vintage="2024-34"), vintage="2024-34",
                           track_record=track).set_index("claim_id")
    accuracy = checked.loc["projection_accuracy"]
    assert accuracy["verdict"] == "Not supported"
    assert accuracy["figure"].startswith("29% of 751 occupations were within 10%")
    assert check_claims(claims, growth_by_role(projections, roles, vintage="2024-34"), vintage="2024-34").set_index(
        "claim_id").loc["projection_accuracy", "verdict"] == "Cannot tell"


def test_track_record_page_and_profile_section():
    at = open_page("track_record")
    assert not at.exception
    assert "16.93 million" in at.markdown[0].value and "18.05 million" in at.markdown[0].value
    at = open_page("profile", soc="31-1120")
    assert not at.exception
    texts = [c.value for c in at.caption]
    assert any(t.startswith("Of 765.8 thousand openings a year, 74.0 thousand from growth") for t in texts)
    assert any("underestimated this role by 19.8%" in t for t in texts)
