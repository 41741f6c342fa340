"""OEWS state file: read with the national file's sentinel rules, May 2025 falling back to May 2024, never committed."""

import io
import zipfile

import openpyxl
import pandas as pd
import pytest
from python_calamine import CalamineWorkbook

import ingest.http
from ingest.errors import IngestError
from ingest.registry import SOURCES
from ingest.runner import run
from ingest.sources import oews, oews_state
from tests.conftest import RAW, ROOT
from tests.loopback import FaultServer, route


@pytest.fixture(scope="module")
def fixture_bytes() -> bytes:
    return oews_state.layout_fixture(("48", "39"))


def edited(raw: bytes, edits: dict[tuple[str, str, str], object], *, year: int = 2025) -> bytes:
    """The fixture with cells replaced: {(area, occ_code, column): value}."""
    rows = CalamineWorkbook.from_filelike(io.BytesIO(raw)).get_sheet_by_name(f"state_M{year}_dl").to_python()
    at = {h: i for i, h in enumerate(rows[0])}
    for (area, code, column), value in edits.items():
        row = next(r for r in rows[1:] if str(r[at["AREA"]]) == area and r[at["OCC_CODE"]] == code)
        row[at[column]] = value
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet(f"state_M{year}_dl")
    for r in rows:
        ws.append([None if c == "" else c for c in r])
    book.create_sheet("Field Descriptions").append(
        ["#  = indicates a wage equal to or greater than $115.00 per hour or $239,200 per year"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_same_columns_as_the_national_file(fixture_bytes):
    state = CalamineWorkbook.from_filelike(io.BytesIO(fixture_bytes)).get_sheet_by_name("state_M2025_dl")
    national = CalamineWorkbook.from_path(str(RAW / "bls_oews_national" / "national_M2025_dl.xlsx"))
    assert state.to_python()[0] == national.get_sheet_by_name("national_M2025_dl").to_python()[0]
    assert len(state.to_python()[0]) == 32


def test_values_and_flags_read_exactly_as_the_national_source_reads_them(fixture_bytes):
    df = oews_state.SCHEMA.conform(oews_state.parse(fixture_bytes, path="state_M2025_dl.xlsx"), "oews_state")
    national = oews.SCHEMA.conform(oews.parse((RAW / "bls_oews_national" / "national_M2025_dl.xlsx").read_bytes(),
                                              path="national_M2025_dl.xlsx"), "oews").set_index("soc_code")
    texas = df[df["area_postal"] == "TX"].set_index("soc_code")
    assert len(texas) == len(national) and set(df["area_name"]) == {"Texas", "Ohio"}
    columns = [c for c in national.columns if c in texas.columns and c not in ("year",)]
    pd.testing.assert_frame_equal(texas[columns], national[columns], check_names=False)
    assert (texas["location_quotient"].dropna() == 1.0).all()
    assert texas.loc["29-1141", "jobs_per_1000"] == pytest.approx(
        national.loc["29-1141", "employment"] / national.loc["00-0000", "employment"] * 1000, abs=5e-4)


def test_every_sentinel_becomes_a_missing_value_with_its_reason(fixture_bytes):
    raw = edited(fixture_bytes, {("48", "29-1141", "A_MEDIAN"): "#", ("48", "29-1141", "LOC_QUOTIENT"): "~",
                                 ("39", "29-1141", "TOT_EMP"): "**", ("39", "29-1141", "H_MEAN"): "*"})
    df = oews_state.parse(raw, path="state_M2025_dl.xlsx").set_index(["area_postal", "soc_code"])
    tx, oh = df.loc[("TX", "29-1141")], df.loc[("OH", "29-1141")]
    assert (tx.median_wage_annual_usd != tx.median_wage_annual_usd, tx.median_wage_annual_flag) == (True, "topcoded")
    assert tx.location_quotient_flag == "under_half_pct_establishments"
    assert oh.employment_flag == "employment_not_available" and oh.mean_wage_hourly_flag == "wage_not_available"
    assert tx.topcode_annual_usd == 239_200  # from the Field Descriptions note, as for the national file


@pytest.mark.parametrize("edit, phrase", [
    ({("48", "29-1141", "PRIM_STATE"): "OK"}, "PRIM_STATE says 'OK'"),
    ({("48", "29-1141", "AREA"): "99"}, "AREA '99' is no state"),
    ({("48", "29-1141", "A_MEAN"): "n/a"}, "a_mean of 29-1141 is 'n/a'"),
])
def test_a_bad_cell_names_this_source_and_the_problem(fixture_bytes, edit, phrase):
    with pytest.raises(IngestError, match=phrase) as err:
        oews_state.parse(edited(fixture_bytes, edit), path="state_M2025_dl.xlsx")
    assert str(err.value).startswith("oews_state: ")


def zipped(xlsx: bytes, name: str) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(f"{name[:8]}/{name}", xlsx)
    return buf.getvalue()


def test_may_2025_missing_falls_back_to_may_2024(data_copy, fixture_bytes):
    may_2024 = oews_state.layout_fixture(("15",), year=2024)
    with FaultServer() as server:
        server.files[oews_state.URLS[1]] = zipped(may_2024, "state_M2024_dl.xlsx")  # 2025: 404 (not served)
        session = route(ingest.http.build_session(retries=1, backoff=0, timeout=(2, 5)), server)
        results = run({"oews_state": oews_state}, offline=False, session=session, echo=lambda s: None)
    assert [r.ok for r in results] == [True], results[0].message
    assert [u for _, u, _ in server.requests] == list(oews_state.URLS)
    df = pd.read_parquet(data_copy / "user" / "oews_state.parquet")
    assert df["year"].unique().tolist() == [2024] and df["area_postal"].unique().tolist() == ["HI"]
    assert (data_copy / "user" / "raw" / "bls_oews_state" / "state_M2024_dl.xlsx").read_bytes() == may_2024


def test_other_failures_do_not_fall_back():
    with FaultServer() as server:
        server.faults[oews_state.URLS[0]] = [("status", 403, {}, b"Access Denied")]
        server.files[oews_state.URLS[1]] = b"never asked for"
        session = route(ingest.http.build_session(retries=0, backoff=0, timeout=(2, 5)), server)
        with pytest.raises(IngestError, match="HTTP 403"):
            oews_state.fetch(session)
    assert [u for _, u, _ in server.requests] == [oews_state.URLS[0]]


def test_an_offline_full_run_skips_it_and_says_how_to_get_it(data_copy):
    said = []
    results = run({n: SOURCES[n] for n in ("oews_state", "oews")}, offline=True, echo=said.append)
    assert [r.name for r in results] == ["oews"]
    assert "oews_state: skipped (not committed; download it with: python -m ingest oews_state)" in " ".join(said)
    assert not (ROOT / "data" / "oews_state.parquet").exists()
