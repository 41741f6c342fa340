"""Historic JOA client on pages built from the real 2016 records: paging, 204, 503, key case, duplicates."""

import http.server
import json
import threading
from pathlib import Path
from typing import ClassVar

import pandas as pd
import pytest

from ingest.errors import IngestError
from ingest.http import RETRY_STATUSES, build_session
from ingest.sources import _usajobs, usajobs_postings
from tests._http_fake import Response

RAW = Path(__file__).resolve().parent.parent / "data/raw/usajobs_historicjoa/historical_jobs_2016.parquet"


@pytest.fixture(scope="module")
def records() -> list[dict]:
    """Real records in the API's shape: arrays as JSON arrays, the API's own 'disableAppyOnline' spelling."""
    out = []
    for rec in _usajobs.parquet_records(pd.read_parquet(RAW)):
        rec = {("disableAppyOnline" if k == "disableApplyOnline" else k): v for k, v in rec.items()}
        for key in ("HiringPaths", "JobCategories", "PositionLocations"):
            rec[key] = json.loads(rec[key])
        rec = {k: (None if isinstance(v, float) and v != v else v) for k, v in rec.items()}
        out.append(rec)
    return out


def lower_arrays(rec: dict) -> dict:
    """The 2026 shape: hiringpaths, jobcategories, positionlocations."""
    return {(k.lower() if k in ("HiringPaths", "JobCategories", "PositionLocations") else k): v
            for k, v in rec.items()}


class FakeSession:
    """Serves a scripted list of responses (after the real session's retries) and records the URLs asked."""

    def __init__(self, responses):
        self.responses = list(responses)
        self.calls = []

    def get(self, url, params=None, hooks=None, **kwargs):
        self.calls.append((url, params))
        resp = self.responses.pop(0)
        if hooks and hooks.get("response"):
            hooks["response"](resp)
        return resp


def page(data, *, token=None, total=None, query="positionseries=0610"):
    paging = {"metadata": {"totalCount": total, "pageSize": len(data), "continuationToken": token}}
    paging["next"] = f"/api/historicjoa?continuationtoken={token}&{query}" if token else None
    return Response(status_code=200, body={"paging": paging, "data": data})


def test_follows_paging_next_to_the_end(records):
    nurses = [r for r in records if r["JobCategories"] == [{"series": "0610"}]]
    assert len(nurses) >= 150
    pages = [nurses[:60], nurses[60:120], nurses[120:150]]
    session = FakeSession([page(pages[0], token="AAA%3D%3D", total=150),
                           page(pages[1], token="BBB", total=150), page(pages[2], total=150)])
    got = _usajobs.fetch_records(session, {"PositionSeries": "0610"})
    assert len(got) == 150
    assert session.calls[0] == (_usajobs.ENDPOINT + "?PositionSeries=0610", None)
    # later pages: the relative next link on the API host, with no params added again
    assert session.calls[1] == ("https://data.usajobs.gov/api/historicjoa?continuationtoken=AAA%3D%3D"
                                "&positionseries=0610", None)
    assert session.calls[2][0].endswith("continuationtoken=BBB&positionseries=0610")


def test_paging_that_stops_short_of_total_count_is_an_error(records):
    session = FakeSession([page(records[:10], total=25)])
    with pytest.raises(IngestError, match="paging stopped early: 10 of 25"):
        _usajobs.fetch_records(session, {"PositionSeries": "0610"})


def test_a_looping_continuation_token_is_an_error(records):
    session = FakeSession([page(records[:2], token="X"), page(records[2:4], token="X")])
    with pytest.raises(IngestError, match="same continuation link twice"):
        _usajobs.fetch_records(session, {})


@pytest.mark.parametrize("response", [Response(b"204 No Content"), Response(b"", status_code=204),
                                      Response(b"  no content\n")])
def test_plain_text_204_is_an_empty_page(response):
    assert _usajobs.fetch_records(FakeSession([response]), {"PositionSeries": "0603"}) == []


@pytest.mark.parametrize("body", [b"", b"204 No C", b"\x00\x01garbage", b'{"data": 3}'])
def test_an_empty_cut_off_or_strange_200_is_an_error_not_an_empty_page(body):
    with pytest.raises(IngestError, match=r"historicjoa\?PositionSeries=0603"):
        _usajobs.fetch_records(FakeSession([Response(status_code=200, body=body)]), {"PositionSeries": "0603"})


def test_204_after_a_full_page_ends_the_paging(records):
    session = FakeSession([page(records[:5], token="T"), Response(status_code=200, body=b"204 No Content")])
    assert len(_usajobs.fetch_records(session, {})) == 5


def test_a_non_json_body_is_a_clear_error():
    with pytest.raises(IngestError, match="neither JSON nor '204 No Content'"):
        _usajobs.fetch_records(FakeSession([Response(status_code=200, body=b"<html>oops</html>")]), {})


def test_duplicates_across_pages_are_kept_once_last_state_wins(records):
    first, second = dict(records[0]), dict(records[0])
    second["positionOpeningStatus"] = "Job canceled"
    session = FakeSession([page([first, records[1]], token="T"), page([second, records[2]])])
    got = _usajobs.fetch_records(session, {})
    assert len(got) == 3
    frame = _usajobs.records_frame(got)
    row = frame.set_index("control_number").loc[str(records[0]["usajobsControlNumber"])]
    assert row["status"] == "Job canceled"


def test_array_keys_match_case_insensitively(records):
    multi = next(r for r in records if len(r["JobCategories"]) > 2 and len(r["PositionLocations"]) > 1)
    a = _usajobs.flatten(multi)
    b = _usajobs.flatten(lower_arrays(multi))
    c = _usajobs.flatten({(k[0].lower() + k[1:]): v for k, v in multi.items()})  # hiringPaths (client model)
    assert a == b == c
    assert a["series_count"] == len(multi["JobCategories"]) and ";" in a["series_all"]
    assert a["series"] == multi["JobCategories"][0]["series"]
    assert a["location_count"] == len(multi["PositionLocations"])


def test_total_openings_is_numeric_only_when_it_is_a_number():
    assert [_usajobs.openings(v) for v in ("1", "84", " 12 ", "Many", "FEW", "few", None, "")] == \
        [1, 84, 12, None, None, None, None, None]


def test_remote_location_label_sets_is_remote(records):
    rec = lower_arrays(dict(records[0]))
    rec["positionlocations"] = [{"positionLocationCity": "Anywhere in the U.S. (remote job)",
                                 "positionLocationState": None, "positionLocationCountry": "United States"}]
    assert _usajobs.flatten(rec)["is_remote"] is True
    assert _usajobs.flatten(records[0])["is_remote"] is False


def test_an_http_error_after_the_sessions_retries_names_the_status():
    with pytest.raises(IngestError, match="HTTP 503"):
        _usajobs.fetch_records(FakeSession([Response(status_code=503, body=b"Service Unavailable")]), {})


def test_fetch_writes_files_the_parser_reads_back(records):
    nurses = [lower_arrays(r) for r in records if r["JobCategories"] == [{"series": "0610"}]][:40]
    session = FakeSession([page(nurses[:25], token="T", total=40), page(nurses[25:], total=40)])
    files = usajobs_postings.fetch(session, start="2016-01-01", series=("0610",))
    assert list(files) == ["historicjoa_0610.parquet"]
    parsed = usajobs_postings.parse(files["historicjoa_0610.parquet"], path="x.parquet")
    assert len(parsed) == 40 and set(parsed["series"]) == {"0610"}
    assert session.calls[0][0] == _usajobs.ENDPOINT + "?PositionSeries=0610&StartPositionOpenDate=2016-01-01"


# --- the shared session really retries 503 with backoff (a local server, no network) ---

class _Flaky(http.server.BaseHTTPRequestHandler):
    script: ClassVar[list] = []
    hits = 0

    def do_GET(self):
        type(self).hits += 1
        status, body = type(self).script.pop(0)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def _serve(script):
    _Flaky.script, _Flaky.hits = list(script), 0
    server = http.server.HTTPServer(("127.0.0.1", 0), _Flaky)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_shared_session_retries_503_with_backoff(records, monkeypatch):
    assert 503 in RETRY_STATUSES
    session = build_session(contact="", backoff=0.01)
    retry = session.get_adapter("https://data.usajobs.gov").max_retries
    assert retry.total >= 3 and retry.backoff_factor > 0 and 503 in retry.status_forcelist
    body = json.dumps({"paging": {"metadata": {"totalCount": 2}, "next": None}, "data": records[:2]}).encode()
    server = _serve([(503, b"Service Unavailable"), (503, b"Service Unavailable"), (200, body)])
    try:
        monkeypatch.setattr(_usajobs, "ENDPOINT", f"http://127.0.0.1:{server.server_port}/api/historicjoa")
        got = _usajobs.fetch_records(session, {"PositionSeries": "0610"})
    finally:
        server.shutdown()
    assert len(got) == 2 and _Flaky.hits == 3


def test_shared_session_gives_up_after_its_retries_with_a_clear_error(monkeypatch):
    session = build_session(contact="", retries=2, backoff=0.01)
    server = _serve([(503, b"Service Unavailable")] * 3)
    try:
        monkeypatch.setattr(_usajobs, "ENDPOINT", f"http://127.0.0.1:{server.server_port}/api/historicjoa")
        with pytest.raises(IngestError, match="HTTP 503"):
            _usajobs.fetch_records(session, {})
    finally:
        server.shutdown()
    assert _Flaky.hits == 3
