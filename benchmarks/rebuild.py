"""Benchmark 3, offline rebuild: `python -m ingest --offline` on a copy of data/, against a naive read of the raw files.

Each side runs in a fresh process (`python benchmarks/rebuild.py KIND DATA_DIR` prints its JSON line).
"""

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.common import median, verdict  # noqa: E402

KINDS = ("ingest", "naive", "naive-calamine")  # target: the rebuild is faster than the naive pandas read


def child(kind: str, data_dir: str) -> None:
    """Run in a fresh process: the rebuild or the naive read; print seconds of work and peak RSS."""
    start = time.perf_counter()
    if kind == "ingest":
        os.environ["HLT_DATA_DIR"] = data_dir
        from ingest.__main__ import main

        with open(os.devnull, "w") as quiet:
            sys.stdout, sys.stderr = quiet, quiet
            code = main(["--offline"])
            sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        if code:
            raise SystemExit(f"python -m ingest --offline failed with {code}")
        files = None
    else:
        import pandas as pd

        files = 0
        for path in sorted((Path(data_dir) / "raw").rglob("*")):
            name = path.name.lower()
            if name.endswith((".xlsx", ".xls", ".xlsm")):
                pd.read_excel(path, sheet_name=None, engine="calamine" if kind == "naive-calamine" else None)
            elif name.endswith((".csv", ".csv.gz", ".csv.zip")):
                pd.read_csv(path, low_memory=False)
            else:
                continue
            files += 1
    work = time.perf_counter() - start
    print(json.dumps({"work_s": work, "peak_mb": peak_rss_mb(), "files": files}))


def peak_rss_mb() -> float:
    """This process's peak RSS. VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent on exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_child(kind: str, data_dir: Path) -> dict:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, kind, str(data_dir)], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall_s"] = time.perf_counter() - start
    return result


def measure(runs: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"  # a copy, so the committed snapshot is never rewritten by a benchmark
        shutil.copytree(ROOT / "data", copy)
        results = {kind: [] for kind in KINDS}
        for _ in range(runs):
            for kind in results:
                results[kind].append(run_child(kind, copy))
    summary = {}
    for kind, rs in results.items():
        summary[kind] = {key: median([r[key] for r in rs]) for key in ("wall_s", "work_s", "peak_mb")}
        summary[kind]["files"] = rs[0]["files"]
    summary["runs"] = runs
    summary["raw_files"] = sorted(str(p.relative_to(ROOT / "data" / "raw")) for p in (ROOT / "data" / "raw").rglob("*")
                                  if p.is_file() and p.name.lower().endswith((".xlsx", ".xls", ".csv", ".csv.gz")))
    return summary


def rows(r: dict) -> list[str]:
    ing, nai, cal = r["ingest"], r["naive"], r["naive-calamine"]
    return [f"| 3 | offline rebuild of all datasets (median of {r['runs']}) | {ing['wall_s']:.2f} s "
            f"wall ({ing['work_s']:.2f} s after start-up), peak {ing['peak_mb']:.0f} MB | naive "
            f"`read_excel(sheet_name=None)` of the same {nai['files']} files: {nai['wall_s']:.2f} s "
            f"({nai['work_s']:.2f} s), peak {nai['peak_mb']:.0f} MB; with engine=calamine "
            f"{cal['wall_s']:.2f} s, peak {cal['peak_mb']:.0f} MB | faster than naive | "
            f"{verdict(ing['wall_s'] < nai['wall_s'])} |"]


if __name__ == "__main__":
    child(sys.argv[1], sys.argv[2])
