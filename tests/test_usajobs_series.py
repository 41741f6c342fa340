"""OPM series titles and the reviewed series -> SOC mapping, checked against the real files and postings."""

import csv

import pandas as pd
import pytest

from ingest.errors import IngestError
from ingest.runner import build
from ingest.sources import opm_series, usajobs_postings, usajobs_series_soc
from tests.conftest import RAW


@pytest.fixture(scope="module")
def series() -> pd.DataFrame:
    return build(opm_series)[0]


@pytest.fixture(scope="module")
def mapping(series) -> pd.DataFrame:
    return build(usajobs_series_soc, {"opm_series": series})[0]


def test_opm_series_titles(series):
    # Every series of OPM's lookup, read here with the csv module, less the '****' unspecified one (668 in the
    # committed file; counted, not pinned, so a newer lookup passes too).
    with (RAW / "opm_occupational_series" / "DTocc.txt").open(newline="", encoding="latin-1") as f:
        rows = [r for r in csv.DictReader(f) if r["OCC"] != "****"]
    assert len(series) == len(rows) and series["series_code"].is_unique
    assert series["series_code"].str.fullmatch(r"\d{4}").all()
    titles = series.set_index("series_code")["series_title"]
    assert titles["0610"] == "NURSE" and titles["0644"] == "MEDICAL TECHNOLOGIST"
    assert titles["1560"] == "DATA SCIENCE SERIES"  # as the file spells it
    assert (series["family_code"] == "06").sum() == sum(r["OCCFAM"] == "06" for r in rows)
    family = series.set_index("series_code").loc["0602", "family_title"]
    assert family == "MEDICAL, HOSPITAL, DENTAL & PUB HEALTH"


def test_mapping_examples_from_the_issue(mapping):
    primary = mapping[mapping["is_primary"]].set_index("series_code")
    assert primary.loc["0603", "soc_code"] == "29-1071"
    assert primary.loc["0660", "soc_code"] == "29-1051"
    assert primary.loc["0675", "soc_code"] == "29-2072"
    assert primary.loc["0610", "soc_code"] == "29-1141"
    nurse = set(mapping.loc[mapping["series_code"] == "0610", "soc_code"])
    assert nurse == {"29-1141", "29-1171", "29-1151", "29-1161"}  # RNs and advanced practice nurses
    # EP publishes only 29-2010 for lab technologists: the projections join goes there
    assert primary.loc["0644", ["soc_code", "projections_soc_code"]].tolist() == ["29-2011", "29-2010"]


def test_mapping_agrees_with_real_posting_titles(mapping):
    """Spot-check the mapping on the real 2016 announcements: titles under each series name the role."""
    postings = build(usajobs_postings)[0]
    expect = {"0610": "nurs", "0620": "nurse|lpn|lvn", "0603": "physician assistant", "0660": "pharmacist",
              "0602": "physician|medical officer|surgeon|psychiatrist|doctor"}
    for code, pattern in expect.items():
        titles = postings.loc[postings["series"] == code, "position_title"].str.lower()
        share = titles.str.contains(pattern).mean()
        assert share > 0.8, (code, share)


def test_mapping_rejects_a_series_without_a_primary():
    bad = b"series_code,soc_code,is_primary,projections_soc_code,confidence,reason\n" \
          b"0610,29-1171,false,29-1171,high,nurse practitioners are 0610 too\n"
    with pytest.raises(IngestError, match="exactly one primary"):
        usajobs_series_soc.parse(bad, path="series_soc.csv")


def test_monthly_counts_by_series(series, mapping):
    from ingest.sources import usajobs_monthly

    postings = build(usajobs_postings)[0]
    monthly = build(usajobs_monthly, {"usajobs_postings": postings, "opm_series": series,
                                      "usajobs_series_soc": mapping})[0]
    by_series = monthly.groupby("series_code")["announcements"].sum()
    assert by_series["0602"] == 522 and by_series["0610"] == 205  # PROVENANCE.md §17
    assert monthly["announcements_first_series"].sum() == 3879  # each announcement once
    assert monthly["announcements"].sum() == postings["series_count"].sum()  # once per listed series
    assert monthly["remote_share"].eq(0).all()  # no remote label in 2016
    nurses = postings[postings["series_all"].str.split(";").map(lambda s: "0610" in s)]
    openings = monthly.loc[monthly["series_code"] == "0610", "numeric_openings"].sum()
    assert openings == nurses["total_openings"].sum()
    assert monthly.loc[monthly["series_code"] == "0610", "soc_code"].unique().tolist() == ["29-1141"]
