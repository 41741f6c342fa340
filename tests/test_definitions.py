"""One named definition of healthcare: BLS's groups by default, the wider list as an option, human patients only."""

import pandas as pd
import pytest

from analysis.definitions import apply_definition, healthcare_summary, left_out, name
from analysis.growth import growth_by_role, top_roles
from tests.conftest import ROOT, open_page


@pytest.fixture(scope="module")
def growth():
    projections = pd.read_parquet(ROOT / "data" / "projections.parquet")
    roles = pd.read_parquet(ROOT / "data" / "roles.parquet")
    return growth_by_role(projections, roles, vintage="2024-34")


def test_default_is_bls_groups_with_the_published_figures(growth):
    hc, total = healthcare_summary(growth).itertuples()
    # BLS Table 1.2, 2024-34: 29-0000 + 31-0000 change 726.9k + 988.3k; openings 1,921.6k a year
    assert hc.group == "BLS healthcare groups (SOC 29 + 31)"
    assert (round(hc.change_k, 1), round(hc.openings_annual_k, 1), hc.change_pct) == (1715.2, 1921.6, 9.5)
    assert (total.group, total.change_pct) == ("All occupations", 3.1)


def test_wider_list_is_named_and_larger(growth):
    hc = healthcare_summary(growth, definition="wide").iloc[0]
    assert hc.group == "Wider healthcare list (SOC 29 + 31 and related roles)"
    assert (hc.rows, round(hc.change_k, 1), hc.change_pct) == (104, 2097.9, 9.9)  # 104: 19-3034 joined


def test_human_patients_only_leaves_out_veterinary_roles(growth):
    vets = growth[growth["soc_code"].isin(["29-1131", "29-2056", "31-9096"])]
    assert len(vets) == 3
    hc = healthcare_summary(growth, leave_out=left_out(humans_only=True)).iloc[0]
    assert hc.group == "BLS healthcare groups (SOC 29 + 31) without veterinary roles"
    assert round(hc.change_k, 1) == round(1715.2 - vets["change_k"].sum(), 1)
    assert round(hc.employment_base_k, 1) == round(18050.3 - vets["employment_base_k"].sum(), 1)
    massage = left_out(humans_only=True, massage=True)
    assert name("bls", massage).endswith("without veterinary roles and massage therapists")
    top = top_roles(apply_definition(growth, leave_out=massage), by="openings_annual_k", n=40)
    assert not set(top["soc_code"]) & {"29-1131", "29-2056", "31-9096", "31-9011"}
    assert left_out(humans_only=False, massage=True) == ()


def test_bls_definition_keeps_only_soc_29_and_31(growth):
    marked = apply_definition(growth)
    assert set(marked.loc[marked["is_healthcare"], "soc_code"].str[:2]) == {"29", "31"}
    assert "11-9111" not in set(top_roles(marked, by="change_pct", n=5)["soc_code"])
    with pytest.raises(ValueError, match="unknown healthcare definition 'x'"):
        apply_definition(growth, definition="x")


def test_overview_states_definition_and_it_sticks_across_pages():
    at = open_page("overview", **{"def": "wide", "humans": "1"})
    assert not at.exception
    sentence = at.markdown[0].value
    assert "grow 9.9% from 2024 to 2034" in sentence
    assert "Healthcare means Wider healthcare list (SOC 29 + 31 and related roles) without veterinary roles" in sentence
    at.switch_page("views/growing_roles.py").run()
    assert at.query_params["def"] == "wide" and at.query_params["humans"] == "1"
    assert any("without veterinary roles" in c.value for c in at.caption)


def test_soc_2010_releases_use_the_soc_2018_rebuild_less_the_roles_left_out():
    projections = pd.read_parquet(ROOT / "data" / "projections.parquet")
    roles = pd.read_parquet(ROOT / "data" / "roles.parquet")
    old = growth_by_role(projections, roles, vintage="2014-24")
    hc = healthcare_summary(old).iloc[0]
    assert hc.basis.startswith("SOC 2018 basis, rebuilt") and (hc.rows, hc.change_pct) == (77, 19.6)
    humans = healthcare_summary(old, leave_out=left_out(humans_only=True)).iloc[0]
    vets = old[old["soc_code"].isin(["29-1131", "29-2056", "31-9096"])]
    assert round(humans.change_k, 1) == round(hc.change_k - vets["change_k"].sum(), 1)
