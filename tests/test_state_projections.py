"""State projections: the committed 2020-30 file read exactly, totals against their parts, and the live clients
on replayed answers (paging, omitted occupations, Hawaii absent from one release, an unexpected release)."""

import csv
import json

import pandas as pd
import pytest

import ingest.http
from analysis.states import missing_occupations, total_check
from contract import areas
from ingest.errors import IngestError
from ingest.runner import run
from ingest.sources import _projections_central as pc
from ingest.sources import state_projections as sp
from tests.conftest import ROOT
from tests.loopback import FaultServer, route

RAW = ROOT / "data" / "raw" / "projections_central_longterm" / "2020-30" / "ltprojections.csv"
FIELDS = {"employment_base": "base", "employment_target": "proj", "change": "change", "change_pct": "percentchange",
          "openings_annual": "avgannualopenings"}


@pytest.fixture(scope="module")
def dataset() -> pd.DataFrame:
    return pd.read_parquet(ROOT / "data" / "state_projections.parquet")


@pytest.fixture(scope="module")
def raw_rows() -> list[dict]:
    with RAW.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def published(raw_rows, stfips: str, code: str) -> dict:
    return next(r for r in raw_rows if r["stfips"] == stfips and r["code"] == code)


def test_one_release_from_the_rows_own_years(dataset):
    assert dataset["release"].unique().tolist() == ["2020-30"]
    assert (dataset["base_year"] == 2020).all() and (dataset["target_year"] == 2030).all()
    assert dataset["area_fips"].nunique() == 55 and len(dataset) == 34_484
    assert dataset.loc[dataset["area_fips"] == "00", "area_name"].unique().tolist() == ["United States"]


def test_us_rows_equal_the_national_figures_of_the_same_file(dataset, raw_rows):
    us = dataset[dataset["area_fips"] == "00"].set_index("soc_code")
    national = [r for r in raw_rows if r["stfips"] == "0"]
    assert len(us) == len(national) == 791
    for r in national:
        row = us.loc[r["code"]]
        assert row["title"] == r["name"]
        assert {k: row[k] for k in FIELDS} == {k: float(r[v]) for k, v in FIELDS.items()}, r["code"]


@pytest.mark.parametrize("stfips, fips, postal", [("48", "48", "TX"), ("39", "39", "OH"), ("6", "06", "CA"),
                                                  ("15", "15", "HI")])
@pytest.mark.parametrize("code", ["29-1141", "31-1120"])  # registered nurses; home health and personal care aides
def test_state_values_for_two_roles_match_the_raw_file(dataset, raw_rows, stfips, fips, postal, code):
    row = dataset[(dataset["area_fips"] == fips) & (dataset["soc_code"] == code)].iloc[0]
    raw = published(raw_rows, stfips, code)
    assert row["area_postal"] == postal and row["title"] == raw["name"]
    assert {k: row[k] for k in FIELDS} == {k: float(v) for k, v in ((k, raw[f]) for k, f in FIELDS.items())}


def test_texas_registered_nurses_by_hand(dataset):
    # The raw line: "48","Texas","29-1141","Registered Nurses","2020","220980","2030","258720","37740","17.1","16210"
    row = dataset[(dataset["area_fips"] == "48") & (dataset["soc_code"] == "29-1141")].iloc[0]
    assert (row["employment_base"], row["employment_target"]) == (220_980, 258_720)
    assert row["change"] == 258_720 - 220_980 == 37_740
    assert round(row["change"] / row["employment_base"] * 100, 1) == row["change_pct"] == 17.1
    assert row["openings_annual"] == 16_210


def test_every_total_equals_its_occupations_within_rounding_or_the_omitted_ones_are_named(dataset):
    check = total_check(dataset, release="2020-30").set_index("area_fips")
    nation = check.loc["00"]
    assert nation["missing_occupations"] == 0 and nation["within_rounding"]  # 790 rows to the nearest 100
    assert nation["gap"] == 800
    off = check[~check["within_rounding"]]
    assert (off["missing_occupations"] > 0).all()  # a gap beyond rounding only where occupations are omitted
    assert len(off) == 47 and "48" in off.index  # Texas omits occupations and misses 113,550 jobs
    assert off.loc["48", "gap"] == -113_550
    omitted = missing_occupations(dataset, release="2020-30", area="48")
    assert len(omitted) == check.loc["48", "missing_occupations"] == 790 - 740
    assert not set(omitted["soc_code"]) & set(dataset.loc[dataset["area_fips"] == "48", "soc_code"])


def test_area_codes_come_from_the_one_area_table(dataset):
    table = areas.by_fips()
    assert set(dataset["area_fips"]) <= set(table)
    assert {table[f].postal for f in dataset["area_fips"].unique()} >= {"US", "DC", "PR", "GU", "VI"}
    assert areas.fips_code("0") == "00" and areas.fips_code("6") == "06" and areas.fips_code("TX") == "48"
    assert areas.fips_code("99") is None


# --- live clients on replayed answers --------------------------------------------------------------------

def rest_rows(stfips: tuple[str, ...], *, years=("2020", "2030")) -> tuple[dict, ...]:
    """Rows of the committed file in the REST service's fields, for some areas, with the years given."""
    renamed = dict(zip(pc.CSV_FIELDS, pc.REST_FIELDS, strict=True))
    with RAW.open(newline="", encoding="utf-8") as f:
        rows = [{renamed[k]: v for k, v in r.items()} for r in csv.DictReader(f) if r["stfips"] in stfips]
    return tuple({**r, "BaseYear": years[0], "ProjYear": years[1]} for r in rows)


def bulk_csv(rows: list[list[str]]) -> bytes:
    header = ",".join(f'"{f}"' for f in pc.CSV_FIELDS)
    return (header + "\n" + "\n".join(",".join(f'"{c}"' for c in r) for r in rows) + "\n").encode()


HAND_2022 = [  # a hand-built 2022-32 bulk file: the nation, Alaska and Texas, and no Hawaii
    ["0", " United States", "00-0000", "Total, All Occupations", "2022", "1000000", "2032", "1100000", "100000",
     "10.0", "120000"],
    ["0", " United States", "29-1141", "Registered Nurses", "2022", "3000", "2032", "3300", "300", "10.0", "200"],
    ["2", "Alaska", "00-0000", "Total, All Occupations", "2022", "300000", "2032", "306000", "6000", "2.0", "30000"],
    ["2", "Alaska", "29-1141", "Registered Nurses", "2022", "600", "2032", "660", "60", "10.0", "40"],
    ["48", "Texas", "00-0000", "Total, All Occupations", "2022", "400000", "2032", "480000", "80000", "20.0",
     "50000"],
    ["48", "Texas", "29-1141", "Registered Nurses", "2022", "2400", "2032", "2880", "480", "20.0", "160"],
]


def serve(server: FaultServer, *, bulk: bytes, pages: list[bytes]) -> None:
    link = "https://projectionscentral.s3.amazonaws.com/longterm/ltprojections.csv"
    server.files[pc.BULK_URL] = json.dumps({"content": link}).encode()
    server.files[link] = bulk
    for i, page in enumerate(pages):
        server.files[pc.page_url(i)] = page


def session_for(server):
    return route(ingest.http.build_session(retries=1, backoff=0, timeout=(2, 5)), server)


def paged(rows: tuple[dict, ...], size: int) -> list[bytes]:
    return [sp.rest_page(i, rows, size=size) for i in range(-(-len(rows) // size))]


def test_rest_client_follows_every_page_and_checks_the_total():
    rows = rest_rows(("15", "66"), years=("2024", "2034"))  # Hawaii and Guam: 695 rows
    with FaultServer() as server:
        serve(server, bulk=bulk_csv(HAND_2022), pages=paged(rows, 250))
        got = pc.fetch_rest(session_for(server))
        assert len(got) == len(rows) == 695
        assert [u for _, u, _ in server.requests] == [pc.page_url(i) for i in range(3)]
        server.files[pc.page_url(2)] = json.dumps({"rows": [], "pager": {"total_items": 695,
                                                                          "total_pages": 3}}).encode()
        with pytest.raises(IngestError, match="paging stopped early: 500 of the 695 rows"):
            pc.fetch_rest(session_for(server))


def test_releases_side_by_side_hawaii_absent_from_one_and_omitted_occupations_stay_absent(data_copy):
    rows = rest_rows(("0", "15", "66"), years=("2024", "2034"))  # a 2024-34 answer with Hawaii and Guam
    with FaultServer() as server:
        serve(server, bulk=bulk_csv(HAND_2022), pages=paged(rows, 1000))
        results = run({"state_projections": sp}, offline=False, session=session_for(server), echo=lambda s: None)
    assert [r.ok for r in results] == [True], results[0].message
    folder = data_copy / "raw" / "projections_central_longterm"
    assert (folder / "2022-32" / "ltprojections.csv").read_bytes() == bulk_csv(HAND_2022)  # byte for byte
    assert (folder / "2024-34" / "longterm_rest.json").is_file()
    df = pd.read_parquet(data_copy / "state_projections.parquet")
    assert sorted(df["release"].unique()) == ["2020-30", "2022-32", "2024-34"]  # the committed one kept too
    hawaii = df[df["area_postal"] == "HI"]
    assert sorted(hawaii["release"].unique()) == ["2020-30", "2024-34"]  # never filled in from another release
    manifest = json.loads((data_copy / "manifest.json").read_text())["datasets"]["state_projections"]
    assert "HI" in manifest["coverage"]["by_release"]["2022-32"]["absent_areas"]
    guam = df[(df["area_postal"] == "GU") & (df["release"] == "2024-34")]
    assert len(guam) == 185  # Guam publishes 184 occupations and its total; the others are absent, not zero
    assert len(missing_occupations(df, release="2024-34", area="66")) == 790 - 184
    nurses = df[(df["soc_code"] == "29-1141") & (df["area_postal"] == "TX")].set_index("release")
    assert nurses.loc["2022-32", "employment_base"] == 2400 and nurses.loc["2020-30", "employment_base"] == 220_980


def test_an_unexpected_release_is_filed_under_its_own_years(data_copy):
    newer = [[c.replace("2022", "2024").replace("2032", "2034") if i in (4, 6) else c for i, c in enumerate(r)]
             for r in HAND_2022]  # the bulk file, said to serve 2022-32, answers 2024-34
    with FaultServer() as server:
        serve(server, bulk=bulk_csv(newer), pages=paged(rest_rows(("66",), years=("2026", "2036")), 1000))
        files = sp.fetch(session_for(server))
    assert sorted(files) == ["2024-34/ltprojections.csv", "2026-36/longterm_rest.json"]


def test_a_bulk_file_mixing_releases_is_refused():
    mixed = [*HAND_2022[:2], [*HAND_2022[2][:4], "2024", "300000", "2034", *HAND_2022[2][7:]]]
    with FaultServer() as server:
        serve(server, bulk=bulk_csv(mixed), pages=[])
        with pytest.raises(IngestError, match="mixes releases 2022-32, 2024-34"):
            sp.fetch(session_for(server))


@pytest.mark.parametrize("answer, phrase", [
    (b'{"content": "http://example.org/x.csv"}', "not JSON with an https link"),
    (b"<html>maintenance</html>", "not JSON with an https link"),
])
def test_a_bad_bulk_link_is_refused(answer, phrase):
    with FaultServer() as server:
        server.files[pc.BULK_URL] = answer
        with pytest.raises(IngestError, match=phrase):
            pc.fetch_bulk(session_for(server))


@pytest.mark.parametrize("edit, phrase", [
    (lambda r: {**r, "Base": "n/a"}, "employment_base is 'n/a', not a number"),
    (lambda r: {**r, "STFIPS": "99"}, "area code '99'"),
    (lambda r: {**r, "OccCode": "29-11"}, "'29-11' is not a SOC code"),
    (lambda r: {**r, "ProjYear": "soon"}, "projected year"),
])
def test_a_bad_row_names_the_field(edit, phrase):
    rows = [dict(r) for r in rest_rows(("66",))]
    rows[3] = edit(rows[3])
    with pytest.raises(IngestError, match=phrase):
        sp.parse(json.dumps({"rows": rows}).encode(), path="2020-30/longterm_rest.json")


def test_a_blank_figure_is_missing_not_zero():
    rows = [dict(r) for r in rest_rows(("66",))]
    whole = sp.parse(json.dumps({"rows": rows}).encode(), path="2020-30/longterm_rest.json")
    rows[3]["AvgAnnualOpenings"] = ""
    df = sp.parse(json.dumps({"rows": rows}).encode(), path="2020-30/longterm_rest.json")
    assert df["openings_annual"].isna().tolist() == [i == 3 for i in range(len(df))]
    zeros = (whole["openings_annual"] == 0).sum() - (whole["openings_annual"][3] == 0)
    assert (df["openings_annual"] == 0).sum() == zeros  # published zeros stay zeros; the blank is no zero
