"""Time and memory of a browser upload of 1 million postings: read, check, match titles, classify work mode.

    python benchmarks/upload_memory.py [--rows 1000000] [--out /tmp/upload-memory.json]

The file is a CSV built in memory (never written) from the real 2016 USAJOBS sample: its position titles
(distinct titles as they are, drawn in their sample frequencies), locations and open dates spread over
2023-2025 in five date formats. Each stage runs the code the Postings page runs (dashboard/upload_read.py,
matching/postings_frame.py, analysis/user_postings.py) in this process; peak memory is the process's
highest resident set (sampled every 20 ms) minus what it held before the upload (the file's bytes
included), and `held` is what the session keeps (the matched frame, pandas deep memory_usage).
"""

import argparse
import gc
import io
import json
import platform
import resource
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.user_postings import monthly_by_role  # noqa: E402
from dashboard.upload_read import read_upload  # noqa: E402
from matching import postings_frame  # noqa: E402

FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%d %B %Y", "%b %d, %Y", "%Y-%m-%dT%H:%M:%SZ")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux: the high-water mark


class Sampler(threading.Thread):
    """The highest resident set seen while the stages run, sampled every 20 ms."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak, self.running = rss_mb(), True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.02)


def build_csv(rows: int, *, titles: int | None = None, location: bool = True, seed: int = 0) -> bytes:
    """titles: keep only the most frequent N distinct titles (the matcher's cost grows with distinct titles,
    not rows); location=False leaves the column out (a smaller file, under the 50 MB cap)."""
    sample = pd.read_parquet(ROOT / "data/usajobs_postings.parquet", columns=["position_title", "locations"])
    if titles is not None:
        sample = sample[sample["position_title"].isin(sample["position_title"].value_counts().index[:titles])]
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(sample), rows)
    days = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 3 * 365, rows), unit="D")
    fmt = rng.integers(0, len(FORMATS), rows)
    dates = np.empty(rows, dtype=object)
    for i, f in enumerate(FORMATS):
        dates[fmt == i] = days[fmt == i].strftime(f)
    frame = pd.DataFrame({"Job Title": sample["position_title"].to_numpy()[pick], "Posted": dates})
    if location:
        frame["Location"] = sample["locations"].to_numpy()[pick]
    buf = io.StringIO()
    frame.to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8")


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--titles", type=int, help="keep only the N most frequent distinct titles")
    parser.add_argument("--no-location", action="store_true", help="leave the location column out")
    parser.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    onet = pd.read_parquet(ROOT / "data/onet_titles.parquet")
    index = postings_frame.title_index(onet)  # built once per server, not per upload
    data = build_csv(args.rows, titles=args.titles, location=not args.no_location)
    gc.collect()
    base = rss_mb()
    sampler = Sampler()
    sampler.start()
    stages = {}
    start = time.perf_counter()
    table = read_upload("postings.csv", data)
    stages["read_s"] = time.perf_counter() - start
    mapping = postings_frame.guess_mapping(table.frame.columns)
    t = time.perf_counter()
    clean = postings_frame.normalise(table.frame, mapping, file_name="postings.csv")
    stages["check_s"] = time.perf_counter() - t
    t = time.perf_counter()
    matched = postings_frame.enrich(clean, index)
    stages["match_and_work_mode_s"] = time.perf_counter() - t
    t = time.perf_counter()
    monthly_by_role(matched)
    stages["monthly_by_role_s"] = time.perf_counter() - t
    sampler.running = False
    sampler.join()
    result = {
        "rows": args.rows, "titles_option": args.titles, "location_column": not args.no_location,
        "file_mb": round(len(data) / 2**20, 1),
        "distinct_titles": int(clean["title"].nunique()),
        **{k: round(v, 2) for k, v in stages.items()},
        "total_s": round(time.perf_counter() - start, 2),
        "peak_rss_above_baseline_mb": round(max(sampler.peak, rss_mb()) - base, 0),
        "held_per_session_mb": round(matched.memory_usage(deep=True).sum() / 2**20, 0),
        "python": platform.python_version(), "pandas": pd.__version__, "cpus": __import__("os").cpu_count(),
    }
    print(json.dumps(result, indent=2))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2) + "\n")
    return result


if __name__ == "__main__":
    main()
