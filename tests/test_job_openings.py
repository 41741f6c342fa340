"""JOLTS job openings: FRED CSVs on the real files, the BLS API client on recorded responses and errors."""

import json
import logging
from pathlib import Path

import pandas as pd
import pytest

from ingest import runner
from ingest.errors import IngestError
from ingest.sources import _bls_api, job_openings
from tests._http_fake import Response

FIXTURES = Path(__file__).parent / "fixtures" / "bls_api"
FRED = Path(job_openings.__file__).resolve().parents[2] / "data" / "raw" / "jolts" / "fred"
HC, TOTAL = "JTS620000000000000JOL", "JTS000000000000000JOL"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class ApiSession:
    """Answers every POST with the next recorded body; GETs (the FRED fallback) with a CSV."""

    has_contact = True

    def __init__(self, *bodies: bytes, status: int = 200):
        self.bodies = list(bodies)
        self.status = status
        self.posts: list[dict] = []
        self.gets: list[str] = []

    def post(self, url, json=None, **kwargs):
        assert url == _bls_api.API_URL
        self.posts.append(json)
        return Response(self.bodies.pop(0) if len(self.bodies) > 1 else self.bodies[0], self.status)

    def get(self, url, **kwargs):
        self.gets.append(url)
        fred_id = url.rsplit("=", 1)[-1]
        return Response(f"observation_date,{fred_id}\n2025-11-01,1500\n".encode())


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    df, _ = runner.build(job_openings)
    return df


def test_fred_files_parse_to_the_published_values(table):
    hc, total = table[table["series_id"] == HC], table[table["series_id"] == TOTAL]
    assert (len(hc), len(total)) == (299, 298)
    assert (hc["date"].min(), hc["date"].max()) == (pd.Timestamp("2000-12-01"), pd.Timestamp("2025-10-01"))
    assert total["date"].min() == pd.Timestamp("2001-01-01")  # one month after the health care series
    assert hc.set_index("date").loc["2025-10-01", "value"] == 1424
    assert hc.set_index("date").loc["2000-12-01", "value"] == 864
    assert total.set_index("date").loc["2001-01-01", "value"] == 5234
    assert set(hc["industry"]) == {"Health care and social assistance"}
    assert set(table["unit"]) == {"thousands"} and set(table["source"]) == {"FRED JTS6200JOL", "FRED JTSJOL"}


def test_series_ids_are_described_from_their_21_characters():
    assert job_openings.describe("JTS620000000000000JOR") == {
        "series_id": "JTS620000000000000JOR", "industry_code": "620000",
        "industry": "Health care and social assistance", "measure": "job openings rate", "unit": "percent",
        "seasonal_adjustment": "SA"}
    with pytest.raises(IngestError, match="21-character"):
        job_openings.describe("JTS62000000JOL")  # the old flat-file ID


def test_chunks_keep_to_25_series_and_10_years_with_stable_names():
    got = _bls_api.chunks(list(job_openings.SERIES), 2000, 2026)
    assert [(name, first, last) for name, _, first, last in got] == [
        ("bls_api/from_2000.json", 2000, 2009), ("bls_api/from_2010.json", 2010, 2019),
        ("bls_api/from_2020.json", 2020, 2026)]
    many = [f"S{i:02d}" for i in range(30)]
    split = _bls_api.chunks(many, 2020, 2021)
    assert [(name, len(ids)) for name, ids, _, _ in split] == [("bls_api/group1_from_2020.json", 25),
                                                               ("bls_api/group2_from_2020.json", 5)]


def test_request_body_carries_a_key_only_when_given():
    assert _bls_api.request_body([HC], 2016, 2025, None) == {"seriesid": [HC], "startyear": "2016",
                                                            "endyear": "2025"}
    assert _bls_api.request_body([HC], 2016, 2025, "k")["registrationkey"] == "k"


def test_recorded_success_equals_the_fred_values():
    api = _bls_api.parse(fixture("success_from_2016.json"), source="job_openings")
    fred = job_openings._parse_fred((FRED / "JTS6200JOL.csv").read_bytes(), "fred/JTS6200JOL.csv")
    fred = fred[fred["date"].dt.year >= 2016].set_index("date")["value"]
    hc = api[api["series_id"] == HC].set_index("date")["value"].sort_index()
    assert len(hc) == 118 and hc.equals(fred)
    assert api["footnote_codes"].isna().all()


def test_fetch_posts_chunks_and_keeps_each_body():
    session = ApiSession(fixture("success_from_2016.json"))
    files = _bls_api.fetch(session, [HC, TOTAL], 2016, 2025, source="job_openings")
    assert list(files) == ["bls_api/from_2016.json"]
    assert files["bls_api/from_2016.json"] == fixture("success_from_2016.json")
    assert session.posts == [{"seriesid": [HC, TOTAL], "startyear": "2016", "endyear": "2025"}]


def test_no_data_for_a_new_year_is_a_note_not_an_error(caplog):
    session = ApiSession(fixture("no_data_from_2026.json"))
    with caplog.at_level(logging.INFO):
        files = _bls_api.fetch(session, [HC, TOTAL], 2026, 2026, source="job_openings")
    assert _bls_api.parse(files["bls_api/from_2026.json"], source="job_openings").empty
    assert "No Data Available" in caplog.text


@pytest.mark.parametrize(("name", "match"), [
    ("threshold.json", "REQUEST_NOT_PROCESSED.*daily threshold"),
    ("failed.json", "REQUEST_FAILED: no message"),
    ("reduced_range.json", "shortened the year range"),
    ("invalid_series.json", "refused a series"),
])
def test_each_error_sent_as_http_200_is_an_error(name, match):
    with pytest.raises(IngestError, match=match):
        _bls_api.fetch(ApiSession(fixture(name)), [HC, TOTAL], 2016, 2025, source="job_openings")


def test_unexpected_message_missing_series_and_non_json_are_errors():
    odd = json.dumps({"status": "REQUEST_SUCCEEDED", "message": ["Something new"], "Results": {"series": []}})
    with pytest.raises(IngestError, match="unexpected message"):
        _bls_api.fetch(ApiSession(odd.encode()), [HC], 2016, 2025, source="job_openings")
    short = json.dumps({"status": "REQUEST_SUCCEEDED", "message": [], "Results": {"series": []}})
    with pytest.raises(IngestError, match="lacks series"):
        _bls_api.fetch(ApiSession(short.encode()), [HC], 2016, 2025, source="job_openings")
    with pytest.raises(IngestError, match="not JSON"):
        _bls_api.fetch(ApiSession(b"<html>busy</html>"), [HC], 2016, 2025, source="job_openings")
    with pytest.raises(IngestError, match="HTTP 503"):
        _bls_api.fetch(ApiSession(b"", status=503), [HC], 2016, 2025, source="job_openings")


def test_the_key_is_sent_but_never_logged_nor_kept(monkeypatch, caplog):
    secret = "abc123secretkey"
    monkeypatch.setenv(_bls_api.KEY_ENV, secret)
    echoed = fixture("threshold.json").replace(b"key  has", f"key {secret} has".encode())
    session = ApiSession(echoed)
    with caplog.at_level(logging.DEBUG):
        files = job_openings.fetch(session)  # the API refuses, so the FRED fallback runs
    assert all(body["registrationkey"] == secret for body in session.posts)
    assert secret not in caplog.text and "<BLS_API_KEY>" in caplog.text
    assert all(secret.encode() not in raw for raw in files.values())


def test_fallback_to_fred_when_the_api_refuses():
    session = ApiSession(fixture("threshold.json"))
    files = job_openings.fetch(session)
    assert sorted(files) == ["fred/JTS6200JOL.csv", "fred/JTS6200JOR.csv", "fred/JTSJOL.csv",
                             "fred/JTSJOR.csv"]
    assert session.gets[0] == "https://fred.stlouisfed.org/graph/fredgraph.csv?id=JTS6200JOL"
    rate = job_openings.parse(files["fred/JTS6200JOR.csv"], path="fred/JTS6200JOR.csv")
    assert rate["series_id"].tolist() == ["JTS620000000000000JOR"]


def test_api_months_skip_annual_averages_and_dashes_and_keep_preliminary_marks():
    body = {"status": "REQUEST_SUCCEEDED", "message": [], "Results": {"series": [{"seriesID": HC, "data": [
        {"year": "2026", "period": "M02", "periodName": "February", "latest": "true", "value": "1450",
         "footnotes": [{"code": "P", "text": "preliminary"}]},
        {"year": "2026", "period": "M01", "periodName": "January", "value": "-", "footnotes": [{}]},
        {"year": "2025", "period": "M13", "periodName": "Annual", "value": "1400", "footnotes": [{}]},
    ]}]}}
    df = _bls_api.parse(json.dumps(body).encode(), source="job_openings")
    assert df.to_dict("records") == [{"series_id": HC, "date": pd.Timestamp("2026-02-01"), "value": 1450.0,
                                      "footnote_codes": "P"}]


def test_one_origin_per_series_never_spliced():
    fred = job_openings._parse_fred((FRED / "JTS6200JOL.csv").read_bytes(), "fred/JTS6200JOL.csv")
    api = job_openings.parse(fixture("success_from_2016.json"), path="bls_api/from_2016.json")
    both = job_openings.combine({"fred/JTS6200JOL.csv": fred, "bls_api/from_2016.json": api})
    # Both end in 2025-10: the API wins for every series it has, FRED's older months are not stitched on.
    assert set(both["source"]) == {"BLS API"} and both["date"].min() == pd.Timestamp("2016-01-01")
    newer = pd.concat([fred, fred.tail(1).assign(date=pd.Timestamp("2025-11-01"))])
    picked = job_openings.combine({"fred/JTS6200JOL.csv": newer, "bls_api/from_2016.json": api})
    assert set(picked.loc[picked["series_id"] == HC, "source"]) == {"FRED JTS6200JOL"}
    assert set(picked.loc[picked["series_id"] == TOTAL, "source"]) == {"BLS API"}


def test_fred_missing_marks_and_bad_values():
    raw = b"observation_date,JTSJOL\n2025-09-01,7000\n2025-10-01,.\n"
    ok = job_openings._parse_fred(raw, "fred/JTSJOL.csv")
    assert ok["value"].tolist() == [7000.0]
    with pytest.raises(IngestError, match="non-numeric"):
        job_openings._parse_fred(b"observation_date,JTSJOL\n2025-09-01,n/a\n", "fred/JTSJOL.csv")
    with pytest.raises(IngestError, match="unknown FRED series"):
        job_openings.parse(b"observation_date,X\n", path="fred/X.csv")


def test_a_live_run_records_each_files_own_url(tmp_path, monkeypatch):
    from ingest import manifest, runner

    monkeypatch.setenv("HLT_DATA_DIR", str(tmp_path))
    built = {}
    result = runner.run_one(job_openings, offline=False, session=ApiSession(fixture("threshold.json")),
                            built=built)
    assert result.ok, result.message
    origins = manifest.load_origins(tmp_path / "raw" / "jolts")
    assert origins["fred/JTSJOL.csv"]["url"] == "https://fred.stlouisfed.org/graph/fredgraph.csv?id=JTSJOL"
    assert set(built["job_openings"]["date"]) == {pd.Timestamp("2025-11-01")}
