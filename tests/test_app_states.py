"""The state dimension under AppTest: the States page, and the state chosen once on Overview, Growing roles, Profile."""

import pandas as pd
import pytest

from contract import areas
from tests.conftest import ROOT, figures, open_page


@pytest.fixture(scope="module")
def states() -> pd.DataFrame:
    return pd.read_parquet(ROOT / "data" / "state_projections.parquet")


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def cell(fig: dict, postal: str) -> float:
    row, col = areas.by_postal()[postal].tile
    return fig["data"][1]["z"][row][col]


def test_states_page_maps_a_role_in_every_state(states):
    at = open_page("states")
    assert not at.exception
    fig = figures(at)[0]
    title = "Registered Nurses: projected change is highest in Arizona (+39.3%), 2020-30"
    assert fig["layout"]["meta"]["title"] == title
    nurses = states[(states["soc_code"] == "29-1141")].set_index("area_postal")["change_pct"]
    for postal in ("TX", "OH", "CA", "HI"):
        assert cell(fig, postal) == nurses[postal]
    assert fig["data"][2]["type"] == "scatter" and "<b>TX</b><br>+17%" in fig["data"][2]["text"]
    table = next(d.value for d in at.dataframe if "Rank" in d.value.columns)
    assert table["State"].iloc[0] == "Arizona" and len(table) == len(nurses) - 1  # every area but the nation
    assert "Get it with `python -m ingest oews_state`" in at.info[0].value  # state wages not loaded here


def test_states_page_follows_role_state_and_measure_from_the_link(states):
    at = open_page("states", soc="29-1171", area="OH", map="openings_annual")
    assert not at.exception
    titles = [f["layout"]["meta"]["title"] for f in figures(at)]
    assert titles[0] == "Nurse Practitioners: openings a year is highest in California (2,120), 2020-30"
    assert titles[1].startswith("Ohio: ") and titles[1].endswith("grow fastest, 2020-30")
    assert at.header[0].value == "Healthcare roles in Ohio"
    ohio = states[(states["area_fips"] == "39") & (states["soc_code"] == "29-1171")].iloc[0]
    assert cell(figures(at)[0], "OH") == ohio["openings_annual"]


def test_a_role_some_states_omit_is_grey_and_named(states):
    code = "29-1211"  # anesthesiologists: omitted by many states
    at = open_page("states", soc=code)
    published = set(states.loc[states["soc_code"] == code, "area_postal"])
    absent = [a for a in areas.areas() if a.tile and a.postal not in published]
    assert absent, "pick a role some state omits"
    assert all(cell(figures(at)[0], a.postal) is None for a in absent)
    assert f"{absent[0].name}" in captions(at) and "Not published for" in captions(at)


def test_the_state_follows_to_overview_and_the_page_says_national():
    at = open_page("overview", area="TX")
    assert not at.exception
    assert "national (United States)" in captions(at)
    assert "Texas, 2020-30" in [s.value for s in at.subheader]
    titles = [f["layout"]["meta"]["title"] for f in figures(at)]
    # the national chart stays national
    assert titles[0] == "Nurse practitioners grow fastest of healthcare (BLS, SOC 29+31), 2024-34"
    assert any(t.startswith("Texas: ") for t in titles)
    at = open_page("overview")
    assert "are national (United States)" in captions(at) and not any(
        s.value.endswith("2020-30") for s in at.subheader)


def test_growing_roles_adds_the_state_and_keeps_national_figures():
    at = open_page("growing_roles", area="OH", n="10")
    assert not at.exception
    assert "These figures and charts are national (United States)" in captions(at)
    assert any(f["layout"]["meta"]["title"].startswith("Ohio: ") for f in figures(at))


def test_profile_puts_the_state_beside_the_nation_each_release_named(states):
    at = open_page("profile", soc="29-1141", area="OH")
    assert not at.exception
    table = next(d.value for d in at.dataframe if "Release" in d.value.columns)
    assert table[["Where", "Release"]].values.tolist() == [["Ohio", "2020-30"], ["United States", "2020-30"],
                                                         ["United States", "2024-34"]]
    ohio = states[(states["area_fips"] == "39") & (states["soc_code"] == "29-1141")].iloc[0]
    assert table.iloc[0]["Change, %"] == ohio["change_pct"]
    assert table.iloc[2]["Publisher"] == "BLS Employment Projections"


def test_an_unknown_state_in_the_link_falls_back_to_the_nation_with_a_note():
    at = open_page("states", area="<b>ZZ</b>")
    assert not at.exception
    assert "Ignored an unknown value for “area”" in captions(at)
    assert at.header[0].value == "Healthcare roles in United States"


def test_with_the_oews_state_file_loaded_the_map_offers_wage_and_location_quotient(data_copy):
    from ingest.runner import run
    from ingest.sources import oews_state

    folder = data_copy / "user" / "raw" / "bls_oews_state"
    folder.mkdir(parents=True)
    (folder / "state_M2025_dl.xlsx").write_bytes(oews_state.layout_fixture(("48", "39")))  # the layout fixture
    assert [r.ok for r in run({"oews_state": oews_state}, offline=True, echo=lambda s: None)] == [True]
    wages = pd.read_parquet(data_copy / "user" / "oews_state.parquet")
    at = open_page("states", map="median_wage_annual_usd")
    assert not at.exception and not at.info  # no "not loaded" note
    fig = figures(at)[0]
    texas = wages[(wages["area_postal"] == "TX") & (wages["soc_code"] == "29-1141")].iloc[0]
    assert cell(fig, "TX") == texas["median_wage_annual_usd"]
    assert cell(fig, "CA") is None  # California is not in this file: grey, not zero
    assert "OEWS May 2025" in fig["layout"]["meta"]["source"]
    table = next(d.value for d in at.dataframe if "Rank" in d.value.columns)
    assert {"Median wage, $", "Location quotient"} <= set(table.columns)
