"""A user's postings: column mapping, validation, month partitions in data/user/, SOC match, work mode."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from contract import paths
from ingest.errors import IngestError
from ingest.runner import run_one
from ingest.sources import user_postings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def real_rows() -> pd.DataFrame:
    """Forty real announcements from the 2016 USAJOBS sample, in a user's own column names."""
    df = pd.read_parquet(ROOT / "data/usajobs_postings.parquet")
    df = df[df["series"].isin(["0610", "0660", "0603"])].head(40)
    return pd.DataFrame({"job_title": df["position_title"].to_numpy(),
                         "posted": df["open_date"].dt.strftime("%Y-%m-%d").to_numpy(),
                         "city": df["locations"].to_numpy(), "job_id": df["control_number"].to_numpy(),
                         "series": df["series"].to_numpy()})


def write(df: pd.DataFrame, path: Path) -> Path:
    if path.suffix == ".csv":
        df.to_csv(path, index=False)
    elif path.suffix == ".jsonl":
        df.to_json(path, orient="records", lines=True)
    else:
        df.to_parquet(path, index=False)
    return path


OPTIONS = {"title": "job_title", "date": "posted", "location": "city", "id": "job_id"}


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_each_format_reads_to_the_same_rows(real_rows, tmp_path, suffix):
    got = user_postings.normalise_file(write(real_rows, tmp_path / f"mine{suffix}"), **OPTIONS)
    assert len(got) == 40 and got["posting_id"].str.startswith("mine:").all()
    assert got["title"].tolist() == real_rows["job_title"].tolist()
    assert got["posted_date"].dt.strftime("%Y-%m-%d").tolist() == real_rows["posted"].tolist()


def test_partitions_by_month(real_rows, tmp_path):
    files = user_postings.load_user_file(write(real_rows, tmp_path / "mine.csv"), **OPTIONS)
    months = sorted(real_rows["posted"].str[:7].unique())
    assert sorted(files) == [f"month={m}/mine.parquet" for m in months]
    back = pd.concat([user_postings.parse(b, path=p) for p, b in files.items()])
    assert len(back) == 40


@pytest.mark.parametrize(("options", "message"), [
    ({"title": "job_title"}, "which column holds the date"),
    ({**OPTIONS, "title": "nope"}, "no column for title=nope"),
    ({**OPTIONS, "colour": "x"}, "unknown option"),
])
def test_bad_options_are_clear_errors(real_rows, tmp_path, options, message):
    with pytest.raises(IngestError, match=message):
        user_postings.normalise_file(write(real_rows, tmp_path / "mine.csv"), **options)


def test_bad_rows_are_clear_errors(real_rows, tmp_path):
    bad = real_rows.copy()
    bad.loc[3, "posted"] = "last Tuesday"
    with pytest.raises(IngestError, match=r"1 row\(s\) have no readable date \(e.g. 'last Tuesday'\)"):
        user_postings.normalise_file(write(bad, tmp_path / "bad.csv"), **OPTIONS)
    dup = real_rows.copy()
    dup.loc[1, "job_id"] = dup.loc[0, "job_id"]
    with pytest.raises(IngestError, match="duplicate id"):
        user_postings.normalise_file(write(dup, tmp_path / "dup.csv"), **OPTIONS)
    with pytest.raises(IngestError, match="cannot tell the format"):
        odd = write(real_rows, tmp_path / "x.csv").rename(tmp_path / "x.txt")
        user_postings.normalise_file(odd, **OPTIONS)


def test_end_to_end_into_data_user(real_rows, tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ROOT / "data/onet_titles.parquet", data / "onet_titles.parquet")
    monkeypatch.setenv("HLT_DATA_DIR", str(data))
    src = write(real_rows.assign(remote="no"), tmp_path / "my postings.parquet")
    result = run_one(user_postings, offline=True, session=None, built={}, user_file=src,
                     options={**OPTIONS, "remote": "remote"})
    assert result.ok, result.message
    out = pd.read_parquet(paths.dataset_path("user_postings", "user"))
    assert out["posting_id"].str.startswith("my_postings:").all() and len(out) == 40
    assert set(out["work_mode"]) == {"on-site"}
    assert (data / "user/postings").is_dir() and (data / "user/manifest.json").exists()
    assert not (data / "user_postings.parquet").exists()  # nothing beside the committed datasets
    # the nurse, pharmacist and PA titles mostly land in their SOC major group 29
    assert (out["soc_code"].str[:2] == "29").mean() > 0.8
    assert out["match_method"].isin(["exact", "fuzzy", "unmatched"]).all()
