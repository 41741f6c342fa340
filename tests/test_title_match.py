"""Title -> SOC matcher: normalisation, exact and fuzzy matches, confidence, unmatched, held-out accuracy."""

from pathlib import Path

import pandas as pd
import pytest

from ingest.runner import build
from ingest.sources import onet_soc_crosswalk, onet_titles
from matching.title_match import build_index, evaluate, match_titles, normalise


@pytest.fixture(scope="module")
def titles() -> pd.DataFrame:
    crosswalk = build(onet_soc_crosswalk)[0]
    return build(onet_titles, {"onet_soc_crosswalk": crosswalk})[0]


def test_onet_titles_counts_from_the_real_files(titles):
    counts = titles["title_kind"].value_counts()
    assert counts["occupation"] == 1016 and counts["reported"] == 7796
    assert counts["alternate"] == 56558  # 56,559 rows less one exact duplicate (code, title)
    assert counts["short"] == 3442
    rn = titles[(titles["title"] == "Registered Nurse") & (titles["title_kind"] == "occupation")]
    assert rn.empty  # O*NET's occupation title is 'Registered Nurses'
    occ = titles[(titles["title_kind"] == "occupation") & (titles["onet_soc_code"] == "29-1141.00")]
    assert occ["title"].tolist() == ["Registered Nurses"] and occ["soc_code"].tolist() == ["29-1141"]
    # 8-digit O*NET codes collapse: 29-1141.01 Acute Care Nurses is SOC 29-1141 too
    assert set(titles.loc[titles["onet_soc_code"] == "29-1141.01", "soc_code"]) == {"29-1141"}


@pytest.mark.parametrize(("raw", "norm"), [
    ("Sr. RN - ICU", "registered nurse icu"),
    ("LVN MEDICAL SURGICAL", "licensed vocational nurse medical surgical"),
    ("MAINTENANCE MECHANIC (NA-09)", "maintenance mechanic"),
    ("CEO (Chief Executive Officer)", "chief executive officer"),
    ("Pharmacy Tech II", "pharmacy technician"),
    ("R.N. Case Mgr", "registered nurse case manager"),
    (None, ""),
])
def test_normalise(raw, norm):
    assert normalise(raw) == norm


def small_index():
    rows = [("Registered Nurse", "29-1141"), ("Staff Nurse", "29-1141"), ("Charge Nurse", "29-1141"),
            ("Nurse Practitioner", "29-1171"), ("Pharmacy Technician", "29-2052"),
            ("Case Manager", "29-1141"), ("Case Manager", "21-1022")]
    df = pd.DataFrame(rows, columns=["title", "soc_code"])
    return build_index(df.assign(title_norm=df["title"].map(normalise)))


def test_exact_fuzzy_and_unmatched_with_confidence():
    got = match_titles(["Sr. RN", "Registered Nurse - ICU Nights", "Case Manager", "Underwater Welder",
                        "Sr. RN"], small_index()).set_index("title")
    assert len(got) == 4  # one row per distinct title
    assert got.loc["Sr. RN", ["soc_code", "match_method", "match_confidence"]].tolist() == \
        ["29-1141", "exact", 1.0]
    assert got.loc["Registered Nurse - ICU Nights", "match_method"] == "fuzzy"
    assert got.loc["Registered Nurse - ICU Nights", "soc_code"] == "29-1141"
    assert 0 < got.loc["Registered Nurse - ICU Nights", "match_confidence"] < 1
    # a title O*NET lists under two occupations is at most half sure
    assert got.loc["Case Manager", "match_confidence"] == 0.5
    assert got.loc["Underwater Welder", "match_method"] == "unmatched"
    assert pd.isna(got.loc["Underwater Welder", "soc_code"])


def test_held_out_accuracy_floor_on_a_sample(titles):
    """Reported titles are held out of the index; the full figures are in README (benchmarks script)."""
    res = evaluate(titles, half="test", sample=250, thresholds=(0, 70)).set_index("threshold")
    assert res.loc[0, "titles"] == 250
    assert res.loc[70, "top1_6digit"] > 0.25 and res.loc[70, "top1_major_group"] > 0.5
    assert res.loc[0, "top1_6digit"] >= res.loc[70, "top1_6digit"]  # unmatched count as wrong
    # the index really lacks every reported title
    assert res.loc[0, "index_titles"] < titles[titles["title_kind"] != "reported"]["title_norm"].nunique()


def test_committed_dataset_is_current(titles):
    committed = pd.read_parquet(Path(__file__).resolve().parent.parent / "data/onet_titles.parquet")
    assert len(committed) == len(titles)
