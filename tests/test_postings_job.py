"""The postings aggregation: answers computed by hand on DuckDB, and Spark giving identical results."""

import importlib.util
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from aggregation import postings_monthly as job

ROOT = Path(__file__).resolve().parent.parent
HAS_SPARK = importlib.util.find_spec("pyspark") is not None and shutil.which("java") is not None
SPARK_REASON = ("the distributed engine is the optional extra: pip install '.[scale]' (PySpark) and a "
                "Java 17+ runtime on PATH; CI installs both")


def hand_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "role": ["29-1141", "29-1141", "29-1141", "29-1071", None, "29-1141"],
        "posted_date": pd.to_datetime(["2024-01-03", "2024-01-31", "2024-01-15", "2024-02-01", "2024-01-05",
                                       "2024-02-29"]),
        "work_mode": ["remote", "on-site", "hybrid", "remote", "unknown", "unknown"],
    })


def test_counts_and_remote_share_by_hand():
    got = job.run_duckdb(hand_frame())
    expected = pd.DataFrame({
        "role": [None, "29-1071", "29-1141", "29-1141"],
        "month": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-01-01", "2024-02-01"]),
        "postings": [1, 1, 3, 1], "remote_postings": [0, 1, 1, 0], "hybrid_postings": [0, 0, 1, 0],
        "unknown_postings": [1, 0, 0, 1], "remote_share": [0.0, 1.0, 1 / 3, 0.0],
    })
    pd.testing.assert_frame_equal(got, job.tidy(expected))


def test_reads_a_folder_of_month_partitions(tmp_path):
    df = hand_frame()
    for month, part in df.groupby(df["posted_date"].dt.strftime("%Y-%m")):
        (tmp_path / f"month={month}").mkdir()
        part.to_parquet(tmp_path / f"month={month}" / "mine.parquet", index=False)
    pd.testing.assert_frame_equal(job.run_duckdb(tmp_path), job.run_duckdb(hand_frame()))


def test_role_column_is_chosen_by_name_only():
    renamed = hand_frame().rename(columns={"role": "soc_code"})
    assert job.run_duckdb(renamed, role="soc_code")["postings"].sum() == 6
    with pytest.raises(ValueError, match="plain column name"):
        job.sql("role; DROP TABLE x")


def synthetic(n: int, seed: int = 7) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    roles = np.array(["29-1141", "29-1171", "29-1051", "31-1131", "43-6013"], dtype=object)
    role = roles[rng.integers(0, len(roles), n)]
    role[rng.random(n) < 0.05] = None
    return pd.DataFrame({
        "role": role,
        "posted_date": pd.Timestamp("2017-01-01") + pd.to_timedelta(rng.integers(0, 3000, n), unit="D"),
        "work_mode": rng.choice(["remote", "hybrid", "on-site", "unknown"], n, p=[0.05, 0.1, 0.8, 0.05]),
    })


@pytest.fixture(scope="module")
def spark():
    if not HAS_SPARK:
        pytest.skip(SPARK_REASON)
    session = job.spark_session(cores=2, memory="1g")
    yield session
    session.stop()


@pytest.mark.filterwarnings("ignore::FutureWarning")
def test_duckdb_and_spark_give_identical_results(spark, tmp_path):
    frames = {"hand": hand_frame(), "synthetic": synthetic(20_000)}
    postings = pd.read_parquet(ROOT / "data/usajobs_postings.parquet")
    long = postings.assign(role=postings["series_all"].str.split(";")).explode("role")
    frames["usajobs_2016"] = pd.DataFrame({
        "role": long["role"], "posted_date": long["open_date"],
        "work_mode": np.where(long["is_remote"], "remote", "on-site")})
    for name, df in frames.items():
        path = tmp_path / f"{name}.parquet"
        df.to_parquet(path, index=False)
        duck, spk = job.run_duckdb(path), job.run_spark(path, spark=spark)
        pd.testing.assert_frame_equal(duck, spk, check_exact=True, obj=name)
        assert duck["postings"].sum() == len(df)
