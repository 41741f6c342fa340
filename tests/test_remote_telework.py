"""Telework (Dingel & Neiman) crosswalk to SOC 2018: real codes, hand-computed weights, coverage, bounds."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from contract import paths
from ingest.errors import IngestError
from ingest.sources import soc_crosswalk, telework

RAW = paths.REPO_ROOT / "data" / "raw"


@pytest.fixture(scope="module")
def crosswalk() -> pd.DataFrame:
    return soc_crosswalk.parse((RAW / "soc_crosswalks/bls/soc_2010_to_2018_crosswalk.xlsx").read_bytes())


@pytest.fixture(scope="module")
def dn() -> pd.DataFrame:
    return telework.parse((RAW / "dingel_neiman_workathome/onet_teleworkable_blscodes.csv").read_bytes())


@pytest.fixture(scope="module")
def built(crosswalk, dn) -> pd.DataFrame:
    projections = pd.read_parquet(paths.REPO_ROOT / "data" / "projections.parquet")
    roles = pd.read_parquet(paths.REPO_ROOT / "data" / "roles.parquet")
    out = telework.combine({"x": dn}, projections=projections, roles=roles, soc_crosswalk=crosswalk)
    return telework.SCHEMA.conform(out, "telework").set_index("soc_code")


def test_crosswalk_shape_and_markers(crosswalk):
    assert len(crosswalk) == 900
    assert crosswalk["soc_2010_code"].nunique() == 840
    assert crosswalk["soc_2018_code"].nunique() == 867
    # (#) marks 102 split rows and (##) 64 merged rows: the flags find the same rows; titles lose the marks.
    assert crosswalk["is_split"].sum() == 102
    assert crosswalk["is_merge"].sum() == 64
    assert not crosswalk["soc_2010_title"].str.contains("#").any()
    row = crosswalk[crosswalk["soc_2010_code"] == "39-9021"].iloc[0]
    assert (row["soc_2018_code"], row["soc_2018_title"]) == ("31-1122", "Personal Care Aides")


def test_crosswalk_rejects_a_file_without_the_header():
    import io

    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["something else"])
    buf = io.BytesIO()
    book.save(buf)
    with pytest.raises(IngestError, match="no header row"):
        soc_crosswalk.parse(buf.getvalue())


def test_dn_file(dn):
    assert len(dn) == 764
    assert dn.set_index("oes_code").loc["29-1141", "share"] == 0  # registered nurses
    assert (dn["share"] % 1 != 0).sum() == 33  # fractional: their own employment-weighted pools


def test_dn_rejects_out_of_range_share():
    with pytest.raises(IngestError, match=r"0\.\.1"):
        telework.parse(b"OCC_CODE,OES_TITLE,teleworkable\n11-1011,Chief Executives,1.5\n")


def test_every_projection_line_item_gets_a_row(built):
    projections = pd.read_parquet(paths.REPO_ROOT / "data" / "projections.parquet")
    latest = projections[projections["vintage"] == "2024-34"]
    lines = latest[latest["occupation_type"] == "line_item"]
    assert set(built.index) == set(lines["soc_code"])
    assert len(built) == 832
    counts = built["crosswalk"].value_counts().to_dict()
    assert counts == {"direct": 729, "split": 61, "merge": 30, "aggregate": 12}


def test_direct_and_split(built):
    assert built.loc["29-1141", "crosswalk"] == "direct"  # registered nurses
    assert built.loc["31-1131", ["teleworkable_share", "soc_2010_codes"]].tolist() == [0.0, "31-1014"]
    # EMTs and paramedics (29-2041) split into 29-2042 and 29-2043: each keeps the parent's value.
    for code in ("29-2042", "29-2043"):
        assert built.loc[code, "crosswalk"] == "split"
        assert built.loc[code, "soc_2010_codes"] == "29-2041"
    assert built.loc["15-1252", "teleworkable_share"] == 1.0  # software developers (a merge of two 1s)


def test_merge_weighted_by_employment_by_hand(built):
    # 29-9021 takes part of 29-2071 (DN 1) and part of 29-9099 (DN 0). EP 2016 employment of the parents,
    # split over their 2018 children by EP 2024 employment:
    #   29-2071: 206.3 x 41.9 / (194.8 + 41.9) = 36.5176   (children 29-2072, 29-9021)
    #   29-9099:  40.0 x 41.9 / (41.9 + 25.3 + 41.7) = 15.3903   (children 29-9021, 29-9093, 29-9099)
    w1, w2 = 206.3 * 41.9 / 236.7, 40.0 * 41.9 / 108.9
    row = built.loc["29-9021"]
    assert row["crosswalk"] == "merge"
    assert row["weighting"] == "employment"
    assert row["teleworkable_share"] == pytest.approx(w1 / (w1 + w2))
    assert row["teleworkable_share"] == pytest.approx(0.703514, abs=1e-6)


def test_aggregates_rebuilt_from_parts_by_hand(built):
    # 31-1120 = 31-1121 (from 31-1011 home health aides) + 31-1122 (from 39-9021 personal care aides): both 0.
    row = built.loc["31-1120"]
    assert (row["crosswalk"], row["soc_2010_codes"], row["teleworkable_share"]) == (
        "aggregate", "31-1011;39-9021", 0.0)
    # 53-1047 = 53-1042 + 53-1043 + 53-1044 + 53-1049. Sources: 53-1021 (OES pool 53-1048: 0.79337096,
    # 184.4k),
    # 53-1031 (same pool, 204.2k, all its children inside), and a third of 39-1021 (0.60051215, 276.1k split
    # equally over 39-1014, 39-1022, 53-1044 because 53-1044 has no EP employment of its own).
    w = 276.1 / 3
    expected = (w * 0.60051215 + (184.4 + 204.2) * 0.79337096) / (w + 184.4 + 204.2)
    row = built.loc["53-1047"]
    assert row["teleworkable_share"] == pytest.approx(expected)
    assert row["method"] == "dingel_neiman_oes_pool"
    # 29-2010 is an aggregate on both sides: OES pooled it too (clinical lab technologists and technicians).
    assert built.loc["29-2010", ["crosswalk", "teleworkable_share"]].tolist() == ["aggregate", 0.0]


def test_all_other_codes_without_a_value_are_reported_not_guessed(built):
    # Dingel & Neiman score no "all other" residual for these; the row stays with method "none".
    row = built.loc["29-1129"]  # therapists, all other
    assert np.isnan(row["teleworkable_share"])
    assert (row["method"], row["value_weight_share"]) == ("none", 0.0)


def test_coverage_figures(built):
    cov = telework.coverage(built.reset_index())
    assert cov["occupations"] == 832
    assert cov["with_value"] == 784
    assert cov["employment_coverage"] == pytest.approx(0.9857, abs=1e-4)
    assert cov["healthcare_employment_coverage"] == pytest.approx(0.9970, abs=1e-4)
    assert built["teleworkable_share"].dropna().between(0, 1).all()


def test_hand_built_merge_and_equal_fallback():
    cw = pd.DataFrame({"soc_2010_code": ["A", "B", "C", "D"], "soc_2018_code": ["X", "X", "Y", "Y"]})
    values = pd.DataFrame({"soc_2010_code": list("ABCD"), "share": [1.0, 0.0, 0.5, np.nan],
                           "pooled": [False] * 4})
    pairs = telework.flows(cw, pd.Series({"A": 30.0, "B": 10.0}), pd.Series({"X": 5.0, "Y": 1.0}))
    out = telework.crosswalk_shares(values, pairs, ["X", "Y"]).set_index("soc_code")
    assert out.loc["X", "teleworkable_share"] == pytest.approx(0.75)  # 30 x 1 + 10 x 0 over 40
    assert out.loc["Y", "weighting"] == "equal"  # C and D have no 2010 employment
    assert out.loc["Y", ["teleworkable_share", "value_weight_share"]].tolist() == [0.5, 0.5]




@settings(max_examples=60, deadline=None)
@given(
    links=st.lists(st.tuples(st.sampled_from(list("ABCDEF")), st.sampled_from(["X", "Y", "Z"])),
                   min_size=1, max_size=12, unique=True),
    shares=st.lists(st.one_of(st.none(), st.floats(0, 1)), min_size=6, max_size=6),
    emp10=st.lists(st.one_of(st.none(), st.floats(0, 1e4)), min_size=6, max_size=6),
    emp18=st.lists(st.one_of(st.none(), st.floats(0, 1e4)), min_size=3, max_size=3),
)
def test_shares_stay_within_0_1(links, shares, emp10, emp18):
    cw = pd.DataFrame(links, columns=["soc_2010_code", "soc_2018_code"])
    values = pd.DataFrame({"soc_2010_code": list("ABCDEF"),
                           "share": [np.nan if s is None else s for s in shares], "pooled": [False] * 6})
    e10 = pd.Series({k: v for k, v in zip("ABCDEF", emp10, strict=True) if v is not None}, dtype="float64")
    e18 = pd.Series({k: v for k, v in zip("XYZ", emp18, strict=True) if v is not None}, dtype="float64")
    out = telework.crosswalk_shares(values, telework.flows(cw, e10, e18), sorted(set(cw["soc_2018_code"])))
    got = out["teleworkable_share"].dropna()
    assert got.between(0, 1).all()
    assert out["value_weight_share"].between(0, 1).all()
    # A target has a value exactly when one of its sources has one.
    has_source_value = cw.assign(v=cw["soc_2010_code"].map(values.set_index("soc_2010_code")["share"]))
    expect = has_source_value.groupby("soc_2018_code")["v"].apply(lambda v: v.notna().any())
    assert (out.set_index("soc_code")["teleworkable_share"].notna() == expect).all()


def test_hand_kept_aggregate_lists_match_the_files(crosswalk, dn):
    # Every OES pooled code Dingel & Neiman use is a code the crosswalk lacks, and vice versa.
    assert set(telework.OES_AGGREGATES) == set(dn["oes_code"]) - set(crosswalk["soc_2010_code"])
    members = {m for ms in telework.OES_AGGREGATES.values() for m in ms}
    assert members <= set(crosswalk["soc_2010_code"])
    # EP aggregates' parts are exactly the civilian 2018 codes that EP does not project on their own.
    projections = pd.read_parquet(paths.REPO_ROOT / "data" / "projections.parquet")
    latest = projections[(projections["vintage"] == "2024-34") & (projections["occupation_type"] == "line_item")]
    parts = {p for ps in telework.EP_AGGREGATES.values() for p in ps}
    unprojected = set(crosswalk["soc_2018_code"]) - set(latest["soc_code"])
    assert parts == {c for c in unprojected if not c.startswith("55-")}
    assert set(telework.EP_AGGREGATES) == set(latest["soc_code"]) - set(crosswalk["soc_2018_code"])
    for aggregate, kids in telework.EP_AGGREGATES.items():
        assert all(k[:4] == aggregate[:4] for k in kids), aggregate  # same minor group
