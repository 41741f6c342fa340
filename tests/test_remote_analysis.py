"""Remote roll-ups and frames: hand-computed weighted means, coverage, bounds, and the real datasets."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import remote
from tests.conftest import ROOT

ROLES = pd.DataFrame({
    "soc_code": ["29-1141", "29-1171", "29-2010", "31-1120", "15-1252"],
    "title": ["Registered nurses", "Nurse practitioners", "Clinical laboratory technologists and technicians",
              "Home health and personal care aides", "Software developers"],
    "major_code": ["29-0000", "29-0000", "29-0000", "31-0000", "15-0000"],
    "minor_code": ["29-1100", "29-1100", "29-2000", "31-1100", "15-1200"],
    "broad_code": ["29-1140", "29-1170", "29-2010", "31-1120", "15-1250"],
    "is_healthcare": [True, True, True, True, False],
})
TITLES = pd.DataFrame({"soc_code": ["29-0000", "31-0000", "15-0000", "29-1100", "29-2000", "31-1100",
                                    "15-1200"],
                       "title": ["Healthcare practitioners", "Healthcare support", "Computer", "Practitioners",
                                 "Technologists", "Aides", "Computer occupations"]})
ROLES_ALL = pd.concat([ROLES, TITLES], ignore_index=True)
ROWS = pd.DataFrame({
    "soc_code": ["29-1141", "29-1171", "29-2010", "31-1120", "15-1252"],
    "teleworkable_share": [0.0, 1.0, np.nan, 0.2, 1.0],
    "employment_base_k": [300.0, 100.0, 50.0, 400.0, 150.0],
})


def test_rollup_major_by_hand():
    out = remote.rollup(ROWS, ROLES_ALL, level="major").set_index("group_code")
    # 29: (300 x 0 + 100 x 1) / 400 = 0.25; 29-2010 has no value: coverage 400 / 450.
    assert out.loc["29-0000", "share"] == pytest.approx(0.25)
    assert out.loc["29-0000", "coverage"] == pytest.approx(400 / 450)
    assert out.loc["29-0000", ["occupations", "occupations_with_value"]].tolist() == [3, 2]
    assert out.loc["31-0000", "share"] == pytest.approx(0.2)
    assert out.loc["29-0000", "group_title"] == "Healthcare practitioners"
    assert set(out["measure"]) == {remote.MEASURES["teleworkable"]}


def test_rollup_minor_healthcare_all_by_hand():
    minor = remote.rollup(ROWS, ROLES_ALL, level="minor").set_index("group_code")
    assert minor.loc["29-1100", "share"] == pytest.approx(0.25)
    assert np.isnan(minor.loc["29-2000", "share"]) and minor.loc["29-2000", "coverage"] == 0
    health = remote.rollup(ROWS, ROLES_ALL, level="healthcare").iloc[0]
    # (300 x 0 + 100 x 1 + 400 x 0.2) / 800 = 0.225; coverage 800 / 850.
    assert health["share"] == pytest.approx(0.225)
    assert health["coverage"] == pytest.approx(800 / 850)
    every = remote.rollup(ROWS, ROLES_ALL, level="all").iloc[0]
    assert every["share"] == pytest.approx((100 + 80 + 150) / 950)
    assert every["employment_k"] == 1000


def test_rollup_detailed_and_bad_level():
    out = remote.rollup(ROWS, ROLES_ALL, level="detailed")
    assert out.set_index("group_code").loc["29-1171", "share"] == 1.0
    with pytest.raises(ValueError, match="level"):
        remote.rollup(ROWS, ROLES_ALL, level="country")


def test_rollup_does_not_mutate_inputs():
    before = ROWS.copy()
    remote.rollup(ROWS, ROLES_ALL, level="major")
    pd.testing.assert_frame_equal(ROWS, before)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), st.floats(0, 1)), st.floats(0, 1e5)), min_size=5, max_size=5))
def test_rollup_shares_stay_within_0_1(values):
    rows = ROWS.assign(teleworkable_share=[np.nan if s is None else s for s, _ in values],
                       employment_base_k=[w for _, w in values])
    for level in ("major", "minor", "healthcare", "all"):
        out = remote.rollup(rows, ROLES_ALL, level=level)
        assert out["share"].dropna().between(0, 1).all()
        assert out["coverage"].dropna().between(0, 1 + 1e-12).all()


@pytest.fixture(scope="module")
def real():
    read = lambda n: pd.read_parquet(ROOT / "data" / f"{n}.parquet")  # noqa: E731
    return {n: read(n) for n in ("telework", "roles", "projections", "cps_telework", "remote_postings_share")}


def test_real_rollups_match_dataset_coverage(real):
    every = remote.rollup(real["telework"], real["roles"], level="all").iloc[0]
    assert every["coverage"] == pytest.approx(0.9857, abs=1e-4)
    assert every["share"] == pytest.approx(0.3846, abs=1e-4)
    health = remote.rollup(real["telework"], real["roles"], level="healthcare").iloc[0]
    assert health["coverage"] == pytest.approx(0.9970, abs=1e-4)
    assert health["share"] == pytest.approx(0.1433, abs=1e-4)  # with school psychologists (19-3034)
    # Healthcare support (31): every occupation is scored and only 31-9000's few office-like roles are not 0.
    major = remote.rollup(real["telework"], real["roles"], level="major").set_index("group_code")
    assert major.loc["31-0000", "coverage"] == 1.0
    assert major.loc["31-0000", "share"] < 0.02


def test_measures_side_by_side(real):
    out = remote.measures_by_major(real["telework"], real["roles"], real["cps_telework"],
                                   majors=["29-0000"])
    assert out["measure"].tolist() == [remote.MEASURES["teleworkable"], remote.MEASURES["teleworked"]]
    assert out["share"].iloc[1] == pytest.approx(0.12)  # CPS December 2023, healthcare practitioners
    assert out["period"].iloc[1] == "December 2023"
    every = remote.measures_by_major(real["telework"], real["roles"], real["cps_telework"], majors=["00-0000"])
    assert every["share"].tolist() == pytest.approx([0.3846, 0.219], abs=1e-4)  # CPS total 21.9%


def test_wfh_by_major_weights_by_postings():
    wfh = pd.DataFrame({"vintage": "2024-10-15", "date": pd.to_datetime(["2024-09-01"] * 2),
                        "soc_code": ["29-1000", "29-2000"], "remote_share": [0.04, 0.01],
                        "postings_n": [300.0, 100.0]})
    out = remote.wfh_by_major(wfh, months=12).set_index("major_code")["share"]
    assert out["29-0000"] == pytest.approx((12 + 1) / 400)  # 300 x 4% + 100 x 1% remote ads of 400
    assert out["00-0000"] == pytest.approx((12 + 1) / 400)  # all groups pooled: here the same ads


def test_growing_and_remote(real):
    frame = remote.growing_and_remote(real["telework"], real["projections"], vintage="2024-34")
    assert (frame["growth_threshold_pct"] == 3.1).all()  # all-occupations change 2024-34
    picked = frame[frame["growing_and_remote"]]
    assert (picked["change_pct"] > 3.1).all() and (picked["teleworkable_share"] >= 0.5).all()
    assert "29-9021" in set(picked["soc_code"])  # health information technologists: 0.70, growing
    assert frame["teleworkable_share"].notna().all()


def test_postings_monthly(real):
    out = remote.postings_monthly(real["remote_postings_share"], countries=("US",))
    april = out[out["month"] == "2026-04-01"].iloc[0]
    us = real["remote_postings_share"]
    days = us[(us["country"] == "US") & (us["date"] >= "2026-04-01")]
    assert april["days"] == 30
    assert april["share"] == pytest.approx(days["remote_share"].mean())
