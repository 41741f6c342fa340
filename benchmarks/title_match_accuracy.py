"""Accuracy of the title -> SOC matcher on O*NET's Sample of Reported Titles, held out of the matcher's index.

    python benchmarks/title_match_accuracy.py [--workers 2]

Prints top-1 accuracy at the 6-digit SOC and major-group level, for the dev half (used to choose the scorer
and threshold), the test half (reported) and all 7,796 titles; unmatched titles count as wrong. Also the
federal check: USAJOBS 2016 health announcements' titles against the SOC their series maps to.
"""

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matching.title_match import MATCH_THRESHOLD, build_index, evaluate, match_titles  # noqa: E402


def federal_check(titles: pd.DataFrame, workers: int) -> dict:
    """Posting titles of mapped health series vs the series' SOC codes (any mapped code counts as a hit)."""
    postings = pd.read_parquet(ROOT / "data/usajobs_postings.parquet")
    mapping = pd.read_parquet(ROOT / "data/usajobs_series_soc.parquet")
    allowed = mapping.groupby("series_code")["soc_code"].agg(set)
    part = postings[postings["series"].isin(allowed.index)]
    matches = match_titles(part["position_title"], build_index(titles[titles["title_kind"] != "reported"]),
                           workers=workers).set_index("title")
    pred = part["position_title"].map(matches["soc_code"]).map(lambda p: p if isinstance(p, str) else "")
    # a hit: a mapped code, or a detailed code inside a mapped broad group (0602 -> 29-1210 Physicians)
    ok6 = [p in allowed[s] or (p != "" and p[:6] in {c[:6] for c in allowed[s] if c.endswith("0")})
           for p, s in zip(pred, part["series"], strict=True)]
    ok2 = [p[:2] in {c[:2] for c in allowed[s]} for p, s in zip(pred, part["series"], strict=True)]
    return {"announcements": len(part), "top1_soc_in_mapping": sum(ok6) / len(part),
            "top1_major_group": sum(ok2) / len(part)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--federal-only", action="store_true", help="only the USAJOBS title check")
    args = parser.parse_args()
    titles = pd.read_parquet(ROOT / "data/onet_titles.parquet")
    thresholds = (0, 50, 60, MATCH_THRESHOLD, 80, 85, 90, 100)
    for half in ([] if args.federal_only else ["dev", "test", None]):
        start = time.perf_counter()
        res = evaluate(titles, thresholds=thresholds, half=half, workers=args.workers)
        print(f"\n## {half or 'all'} ({time.perf_counter() - start:.0f} s)")
        print(res.round(3).to_string(index=False))
    print("\n## USAJOBS 2016 health announcements (title vs series mapping)")
    print(federal_check(titles, args.workers))


if __name__ == "__main__":
    main()
