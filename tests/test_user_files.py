"""Files a user supplies (`python -m ingest SOURCE --file PATH`): hostile ones fail in one line, change nothing."""

import io
import types

import pandas as pd
import pytest

from ingest import hooks, runner
from ingest.errors import IngestError
from ingest.registry import SOURCES
from ingest.source import Schema, Source
from tests.conftest import digest

USER_SOURCES = sorted(name for name, m in SOURCES.items() if hooks.of(m).takes_user_file)


def fake_module(store_as: str = "mine.csv") -> types.ModuleType:
    """A source that takes a CSV from the user, like the WFH Map and postings sources do."""
    module = types.ModuleType("userfile")
    module.SOURCE = Source(name="userfile", title="t", publisher="p", url="https://example.org/", licence="l",
                           citation="c", raw_dir="user/raw/userfile", raw_glob="*.csv", output_dir="user")
    module.SCHEMA = Schema(columns={"soc_code": "str", "share": "float64"}, key=("soc_code",))

    def parse(raw: bytes, *, path: str) -> pd.DataFrame:
        df = pd.read_csv(io.BytesIO(raw), dtype={"soc_code": str})
        if "share" not in df or not df["share"].between(0, 1).all():
            raise IngestError("userfile", f"{path}: a share column between 0 and 1 is needed.")
        return df

    module.parse = parse
    module.fetch = None
    module.load_user_file = lambda path, **options: {store_as: path.read_bytes()}
    return module




def make(tmp_path, kind):
    path = tmp_path / "upload.csv"
    if kind == "missing":
        return tmp_path / "no-such-file.csv"
    if kind == "folder":
        return tmp_path
    if kind == "huge":
        with open(path, "wb") as fh:  # sparse: costs no disk
            fh.truncate(runner.MAX_USER_FILE_BYTES + 1)
        return path
    path.write_bytes({"empty": b"", "html": b"<html><body><script>alert(1)</script></body></html>",
                      "binary": b"\x00\xff" * 500, "out-of-range": b"soc_code,share\n29-1171,1.7\n",
                      "duplicate": b"soc_code,share\n29-1171,0.1\n29-1171,0.2\n"}[kind])
    return path


@pytest.mark.parametrize("kind", ["missing", "folder", "huge", "empty", "html", "binary", "out-of-range",
                                  "duplicate"])
def test_a_hostile_user_file_fails_in_one_line_and_changes_nothing(kind, data_copy, tmp_path):
    before = digest(data_copy)
    result = runner.run_one(fake_module(), offline=True, session=None, built={}, user_file=make(tmp_path, kind))
    assert not result.ok and result.message.startswith("userfile: ") and "\n" not in result.message
    assert "unexpected" not in result.message  # a typed error, not a crash
    assert digest(data_copy) == before


def test_a_stored_name_cannot_escape_the_raw_folder(data_copy, tmp_path):
    good = tmp_path / "ok.csv"
    good.write_bytes(b"soc_code,share\n29-1171,0.5\n")
    result = runner.run_one(fake_module("../../../evil.csv"), offline=True, session=None, built={}, user_file=good)
    assert not result.ok and "refusing to store" in result.message
    assert not (data_copy / "evil.csv").exists() and not (data_copy.parent / "evil.csv").exists()


def test_a_good_user_file_is_kept_under_data_user(data_copy, tmp_path):
    good = tmp_path / "ok.csv"
    good.write_bytes(b"soc_code,share\n29-1171,0.5\n")
    result = runner.run_one(fake_module(), offline=True, session=None, built={}, user_file=good)
    assert result.ok and result.rows == 1
    assert (data_copy / "user" / "raw" / "userfile" / "mine.csv").read_bytes() == good.read_bytes()
    assert pd.read_parquet(data_copy / "user" / "userfile.parquet")["share"].tolist() == [0.5]


@pytest.mark.parametrize("name", USER_SOURCES or [pytest.param("none", marks=pytest.mark.skip(
    reason="no source on this branch takes a user file yet"))])
@pytest.mark.parametrize("kind", ["empty", "html", "binary", "huge"])
def test_every_real_user_file_source_refuses_hostile_files(name, kind, data_copy, tmp_path):
    before = digest(data_copy)
    result = runner.run_one(SOURCES[name], offline=True, session=None, built={}, user_file=make(tmp_path, kind))
    assert not result.ok and result.message.startswith(f"{name}: ") and "\n" not in result.message
    assert "unexpected" not in result.message
    assert digest(data_copy) == before
