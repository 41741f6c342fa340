"""The roles table: SOC hierarchy, the documented healthcare list and trend sets, on the real codes."""

import pandas as pd
import pytest

from ingest import soc
from tests.conftest import ROOT

REFERENCE = ROOT / "data" / "reference"


@pytest.fixture(scope="module")
def roles():
    return pd.read_parquet(ROOT / "data" / "roles.parquet").set_index("soc_code")


@pytest.mark.parametrize(
    ("code", "level", "major", "minor", "broad"),
    [
        ("29-1171", "detailed", "29-0000", "29-1000", "29-1170"),
        ("31-1122", "detailed", "31-0000", "31-1100", "31-1120"),  # minor group ending in 100
        ("15-1252", "detailed", "15-0000", "15-1200", "15-1250"),
        ("31-1120", "broad", "31-0000", "31-1100", "31-1120"),
        ("29-1000", "minor", "29-0000", "29-1000", None),
        ("29-0000", "major", "29-0000", None, None),
    ],
)
def test_soc_hierarchy(code, level, major, minor, broad):
    known = {"15-1200", "31-1100", "51-5100"}
    assert (soc.level(code), soc.major(code), soc.minor(code, known), soc.broad(code)) == (
        level, major, minor, broad)


def test_every_current_healthcare_code_is_in_the_latest_vintage(roles):
    listed = pd.read_csv(REFERENCE / "healthcare_roles.csv", dtype=str)
    trends = pd.read_csv(REFERENCE / "trends.csv", dtype=str)
    current = set(roles.index[roles["latest_vintage"] == "2024-34"])
    assert set(listed.loc[listed["soc_version"] == "2018", "soc_code"]) <= current
    assert set(trends["soc_code"]) <= current
    old = listed.loc[listed["soc_version"] == "2010", "soc_code"]
    assert not roles.loc[old, "in_latest_vintage"].any()
    assert roles.loc[old, "is_healthcare"].all()


def test_healthcare_flag(roles):
    assert roles.loc["29-1171", "is_healthcare"] and roles.loc["31-1120", "is_healthcare"]
    assert roles.loc["21-1018", "healthcare_basis"].startswith("listed:")
    assert not roles.loc["15-1252", "is_healthcare"]
    assert not roles.loc["00-0000", "is_healthcare"]



def test_healthcare_lens_is_groups_29_and_31_plus_the_listed_roles(roles):
    projections = pd.read_parquet(ROOT / "data" / "projections.parquet")
    items = projections[(projections["vintage"] == "2024-34") & (projections["occupation_type"] == "line_item")]
    in_29_31 = items["soc_code"].str[:2].isin(["29", "31"]).sum()
    listed = pd.read_csv(REFERENCE / "healthcare_roles.csv", dtype=str)
    current = roles.loc[items["soc_code"]]
    outside = set(current.index[current["is_healthcare"] & ~current.index.str[:2].isin(["29", "31"])])
    # 19-3034 (school psychologists) comes in through the listed SOC 2010 code 19-3031, which it was part of
    assert outside == set(listed.loc[listed["soc_version"] == "2018", "soc_code"]) | {"19-3034"}
    assert current["is_healthcare"].sum() == in_29_31 + len(outside)


def test_healthcare_list_follows_code_changes_both_ways(roles):
    assert roles.loc["19-3034", "healthcare_basis"].endswith("linked to 19-3031, which is listed")
    assert roles.loc["19-3031", "is_healthcare"] and roles.loc["19-3033", "is_healthcare"]


def test_soc_29_31_on_the_soc_2018_basis(roles):
    # SOC 2010 codes count where their jobs went in SOC 2018: personal care aides in, safety specialists out
    assert roles.loc["39-9021", "in_soc_29_31"] and roles.loc["31-1120", "in_soc_29_31"]
    assert not roles.loc["29-9011", "in_soc_29_31"] and not roles.loc["29-9012", "in_soc_29_31"]
    assert not roles.loc["29-9011", "is_healthcare"]  # its successor 19-5011 is outside healthcare
    assert roles.loc["29-2099", "in_soc_29_31"] and not roles.loc["00-0000", "in_soc_29_31"]


def test_titles_and_themes(roles):
    assert roles.loc["31-1120", "minor_title"].startswith("Home health and personal care aides; and nursing")
    assert roles.loc["29-1171", "themes"] == "telehealth;integrated_care;advanced_practice"
    assert roles.loc["39-9021", ["in_latest_vintage", "latest_vintage"]].tolist() == [False, "2016-26"]
