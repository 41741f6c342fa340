"""Remote-work sources end to end: offline rebuild equals the snapshot; online fetch with a recorded session."""

import shutil

import pandas as pd

from ingest import manifest
from ingest.registry import SOURCES
from ingest.runner import run
from tests._http_fake import Response
from tests.conftest import RAW, ROOT

MINE = ["soc_crosswalk", "telework", "cps_telework", "remote_postings_share", "remote_searches_share"]


def test_telework_manifest_reports_coverage():
    cov = manifest.load(ROOT / "data" / "manifest.json")["datasets"]["telework"]["coverage"]
    assert cov["employment_coverage"] == 0.9857
    assert cov["healthcare_employment_coverage"] == 0.997


RECORDED = {  # live URL -> the committed copy of what it serves
    "https://raw.githubusercontent.com/jdingel/DingelNeiman-workathome/master/onet_to_BLS_crosswalk/output/"
    "onet_teleworkable_blscodes.csv": RAW / "dingel_neiman_workathome/onet_teleworkable_blscodes.csv",
    "https://www.bls.gov/soc/2018/soc_2010_to_2018_crosswalk.xlsx":
        RAW / "soc_crosswalks/bls/soc_2010_to_2018_crosswalk.xlsx",
    "https://www.bls.gov/cps/telework-tables-2022-12.xlsx": RAW / "bls_cps_telework/telework-tables-2022-12.xlsx",
    "https://www.bls.gov/cps/telework-tables-2023-12.xlsx": RAW / "bls_cps_telework/telework-tables-2023-12.xlsx",
    "https://raw.githubusercontent.com/hiring-lab/remote-tracker/main/remote_postings.csv":
        RAW / "indeed_remote_tracker/remote_postings.csv",
    "https://raw.githubusercontent.com/hiring-lab/remote-tracker/main/remote_searches.csv":
        RAW / "indeed_remote_tracker/remote_searches.csv",
}


class RecordedSession:
    """Serves the committed raw files at their live URLs; anything else is a 404."""

    has_contact = True

    def __init__(self):
        self.urls = []

    def get(self, url, **kwargs):
        self.urls.append(url)
        path = RECORDED.get(url)
        return Response(path.read_bytes(), 200) if path else Response(b"<html>not found</html>", 404)


def test_online_run_fetches_live_urls_and_reproduces_the_snapshot(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("user", "raw"))
    monkeypatch.setenv("HLT_DATA_DIR", str(data))
    session = RecordedSession()
    results = run({n: SOURCES[n] for n in MINE}, offline=False, session=session, echo=lambda s: None)
    assert all(r.ok for r in results), [r.message for r in results]
    assert sorted(session.urls) == sorted(RECORDED)
    for name in MINE:
        pd.testing.assert_frame_equal(pd.read_parquet(data / f"{name}.parquet"),
                                      pd.read_parquet(ROOT / "data" / f"{name}.parquet"))
    origin = manifest.load_origins(data / "raw" / "bls_cps_telework")["telework-tables-2023-12.xlsx"]
    assert origin["note"] == "downloaded live"


def test_a_moved_file_fails_with_the_source_and_a_fix(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("user"))
    monkeypatch.setenv("HLT_DATA_DIR", str(data))

    class Moved(RecordedSession):
        def get(self, url, **kwargs):
            return Response(b"", 404)

    [result] = run({"cps_telework": SOURCES["cps_telework"]}, offline=False, session=Moved(), echo=lambda s: None)
    assert not result.ok
    assert "cps_telework" in result.message and "404" in result.message and "offline" in result.message
