"""Benchmark the postings aggregation on synthetic postings: pandas vs DuckDB vs Spark.

    python benchmarks/postings_scale.py --rows 1000000 10000000 [--engines pandas duckdb spark] [--out /tmp/x]

Synthetic rows follow the real sample: the role (occupational series) frequencies and the month-of-year of
open dates in data/usajobs_postings.parquet (the 2016 Historic JOA sample, multi-series announcements counted
once per series), spread over open years 2017-2026; the remote share is the one the API notes report for
2025 announcements (265 of 16,563, 'Anywhere in the U.S. (remote job)'), because the 2016 sample has none.
Files go to /tmp (never the repository). Each engine runs in its own process; peak memory is the highest
summed RSS of that process and its children (Spark's JVM included), sampled every 50 ms.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REMOTE_SHARE = 265 / 16_563  # usajobs-api.md §0 item 3
YEARS = np.arange(2017, 2027)
FILES = 8  # several files, so both engines can read in parallel


def distributions() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    postings = pd.read_parquet(ROOT / "data/usajobs_postings.parquet", columns=["series_all", "open_date"])
    roles = postings["series_all"].str.split(";").explode().value_counts(normalize=True)
    months = postings["open_date"].dt.month.value_counts(normalize=True).sort_index()
    return roles.index.to_numpy(dtype=object), roles.to_numpy(), months.reindex(range(1, 13), fill_value=0).to_numpy()


def generate(rows: int, folder: Path, seed: int = 2016) -> None:
    """Write `rows` synthetic postings as FILES Parquet files in folder (skipped if already there)."""
    if (folder / "_SUCCESS").exists():
        return
    folder.mkdir(parents=True, exist_ok=True)
    role_values, role_p, month_p = distributions()
    rng = np.random.default_rng(seed)
    per_file = -(-rows // FILES)
    for i in range(FILES):
        n = min(per_file, rows - i * per_file)
        year = rng.choice(YEARS, n)
        month = rng.choice(np.arange(1, 13), n, p=month_p)
        day = rng.integers(1, 29, n)  # days 1-28 exist in every month
        dates = pd.to_datetime({"year": year, "month": month, "day": day}).astype("datetime64[us]")
        df = pd.DataFrame({
            "role": pd.Series(rng.choice(role_values, n, p=role_p), dtype="str"),
            "posted_date": dates,
            "work_mode": pd.Series(np.where(rng.random(n) < REMOTE_SHARE, "remote", "on-site"), dtype="str"),
        })
        df.to_parquet(folder / f"part-{i:02d}.parquet", index=False, row_group_size=1_000_000)
    (folder / "_SUCCESS").write_text(str(rows))


def run_pandas(folder: Path) -> pd.DataFrame:
    """The baseline: what one would write without an engine (same output as the SQL)."""
    from aggregation.postings_monthly import tidy

    df = pd.read_parquet(folder, columns=["role", "posted_date", "work_mode"])
    df = df[df["posted_date"].notna()]
    mode = df["work_mode"]
    grouped = pd.DataFrame({
        "role": df["role"], "month": df["posted_date"].dt.to_period("M").dt.to_timestamp(),
        "remote": (mode == "remote").astype("int64"), "hybrid": (mode == "hybrid").astype("int64"),
        "unknown": (mode == "unknown").astype("int64"),
    }).groupby(["role", "month"], dropna=False, observed=True)
    out = grouped.agg(postings=("remote", "size"), remote_postings=("remote", "sum"),
                      hybrid_postings=("hybrid", "sum"), unknown_postings=("unknown", "sum")).reset_index()
    out["remote_share"] = out["remote_postings"] / out["postings"]
    return tidy(out)


def child(engine: str, folder: Path, result_path: Path) -> None:
    """Runs in the measured process: one engine, one aggregation; writes timings and the result."""
    from aggregation import postings_monthly as job

    start = time.perf_counter()
    setup = 0.0
    if engine == "pandas":
        out = run_pandas(folder)
    elif engine == "duckdb":
        out = job.run_duckdb(folder)
    else:
        import warnings

        warnings.simplefilter("ignore")
        spark = job.spark_session(cores=os.cpu_count() or 2, memory="3g")
        setup = time.perf_counter() - start
        out = job.run_spark(folder, spark=spark)
    total = time.perf_counter() - start
    out.to_parquet(result_path.with_suffix(".parquet"), index=False)
    result_path.write_text(json.dumps({"seconds_total": total, "seconds_setup": setup,
                                       "seconds_query": total - setup, "groups": len(out)}))
    if engine == "spark":
        spark.stop()


def measure(engine: str, folder: Path, out_dir: Path) -> dict:
    import psutil

    result_path = out_dir / f"{engine}-{folder.name}.json"
    proc = subprocess.Popen([sys.executable, __file__, "--child", engine, str(folder), str(result_path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    parent = psutil.Process(proc.pid)
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            try:
                procs = [parent, *parent.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in procs if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    rc = proc.wait()
    done.set()
    thread.join()
    if rc != 0:
        raise RuntimeError(f"{engine} on {folder} exited with {rc}")
    result = json.loads(result_path.read_text())
    return {"engine": engine, "rows": int((folder / "_SUCCESS").read_text()), "peak_mb": peak / 2**20, **result}


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    cpu = platform.processor() or platform.machine()
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GB RAM, {platform.system()} {platform.release()}, " \
           f"Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000])
    parser.add_argument("--engines", nargs="+", default=["pandas", "duckdb", "spark"])
    parser.add_argument("--out", type=Path, default=Path("/tmp/postings_scale"))
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        engine, folder, result = args.child
        child(engine, Path(folder), Path(result))
        return
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {machine()}")
    rows = []
    for n in args.rows:
        folder = args.out / f"rows_{n}"
        t = time.perf_counter()
        generate(n, folder)
        print(f"generated {n:,} rows in {time.perf_counter() - t:.1f} s", flush=True)
        results = {}
        for engine in args.engines:
            rec = measure(engine, folder, args.out)
            results[engine] = pd.read_parquet(args.out / f"{engine}-{folder.name}.parquet")
            rows.append(rec)
            print(json.dumps(rec), flush=True)
        first = next(iter(results.values()))
        for engine, res in results.items():
            pd.testing.assert_frame_equal(first, res, check_exact=False, rtol=1e-12, obj=engine)
        print(f"all engines agree on {len(first)} groups", flush=True)
    print("| rows | engine | total s | of which setup s | query s | peak MB |")
    print("|---:|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['rows']:,} | {r['engine']} | {r['seconds_total']:.2f} | {r['seconds_setup']:.2f} | "
              f"{r['seconds_query']:.2f} | {r['peak_mb']:.0f} |")


if __name__ == "__main__":
    main()
