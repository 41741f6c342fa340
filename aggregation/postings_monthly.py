"""Postings by role and month with the remote share: one SQL text, run by DuckDB (default) or Spark.

Input: Parquet (a file, or a folder of partitions) or a DataFrame with one row per posting and role, with
columns <role> (text; null = unmatched, kept as its own group), posted_date (date or timestamp) and work_mode
('remote', 'hybrid', 'on-site', 'unknown'). Output: one row per role and month.
remote_share = remote postings / all postings of the role and month (unknown work mode counts in the
denominator: a posting that does not say it is remote is not counted as remote).
"""

from pathlib import Path

import pandas as pd

# Only functions both engines share with the same meaning: make_date, year, month, count, sum, CASE, CAST.
SQL = """
SELECT {role} AS role,
       make_date(year(posted_date), month(posted_date), 1) AS month,
       count(*) AS postings,
       CAST(sum(CASE WHEN work_mode = 'remote' THEN 1 ELSE 0 END) AS BIGINT) AS remote_postings,
       CAST(sum(CASE WHEN work_mode = 'hybrid' THEN 1 ELSE 0 END) AS BIGINT) AS hybrid_postings,
       CAST(sum(CASE WHEN work_mode = 'unknown' THEN 1 ELSE 0 END) AS BIGINT) AS unknown_postings,
       CAST(sum(CASE WHEN work_mode = 'remote' THEN 1 ELSE 0 END) AS DOUBLE) / count(*) AS remote_share
FROM postings
WHERE posted_date IS NOT NULL
GROUP BY {role}, make_date(year(posted_date), month(posted_date), 1)
"""
COLUMNS = ["role", "month", "postings", "remote_postings", "hybrid_postings", "unknown_postings",
           "remote_share"]
ENGINES = ("duckdb", "spark")


def sql(role: str = "role") -> str:
    if not role.replace("_", "").isalnum():
        raise ValueError(f"role column {role!r} is not a plain column name")
    return SQL.format(role=role)


def tidy(df: pd.DataFrame) -> pd.DataFrame:
    """Same dtypes and order whatever the engine, so results compare exactly."""
    out = df[COLUMNS].copy()
    out["role"] = out["role"].astype("str")
    out["month"] = pd.to_datetime(out["month"]).astype("datetime64[us]")
    for col in ("postings", "remote_postings", "hybrid_postings", "unknown_postings"):
        out[col] = out[col].astype("int64")
    out["remote_share"] = out["remote_share"].astype("float64")
    return out.sort_values(["role", "month"], na_position="first", kind="stable").reset_index(drop=True)


def _parquet_glob(path: Path) -> str:
    return str(path / "**" / "*.parquet") if path.is_dir() else str(path)


def run_duckdb(source: Path | str | pd.DataFrame, *, role: str = "role", threads: int | None = None,
               memory_limit: str | None = None) -> pd.DataFrame:
    """The default engine: embedded, streams Parquet, no server."""
    import duckdb

    con = duckdb.connect()
    try:
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        if memory_limit:
            con.execute(f"SET memory_limit = '{memory_limit}'")
        if isinstance(source, pd.DataFrame):
            con.register("postings", source)
        else:
            con.read_parquet(_parquet_glob(Path(source)), hive_partitioning=True).create_view("postings")
        return tidy(con.execute(sql(role)).df())
    finally:
        con.close()


def spark_session(*, cores: int = 2, memory: str = "2g"):
    """A local Spark (local[cores]); point SPARK_MASTER-style config at a cluster to scale out."""
    from pyspark.sql import SparkSession

    return (SparkSession.builder.master(f"local[{cores}]").appName("postings_monthly")
            .config("spark.driver.memory", memory)
            .config("spark.sql.shuffle.partitions", str(cores * 2))
            .config("spark.sql.session.timeZone", "UTC")  # dates must not shift with the machine's zone
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")  # local mode needs no outside interface
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .getOrCreate())


def run_spark(source: Path | str | pd.DataFrame, *, role: str = "role", spark=None) -> pd.DataFrame:
    """The distributed engine: the same SQL on Spark; a folder of month partitions is read as one table."""
    spark = spark or spark_session()
    frame = spark.createDataFrame(source) if isinstance(source, pd.DataFrame) else spark.read.parquet(str(source))
    frame.createOrReplaceTempView("postings")
    return tidy(spark.sql(sql(role)).toPandas())


def run(source, *, engine: str = "duckdb", role: str = "role", **kwargs) -> pd.DataFrame:
    if engine == "duckdb":
        return run_duckdb(source, role=role, **kwargs)
    if engine == "spark":
        return run_spark(source, role=role, **kwargs)
    raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
