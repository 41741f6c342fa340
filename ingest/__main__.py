"""Command line: `python -m ingest [SOURCE ...] [--offline]` downloads, parses and writes the datasets."""

import argparse
import sys
from pathlib import Path

from ingest import hooks
from ingest.lock import RefreshBusy, refresh_lock
from ingest.registry import SOURCES
from ingest.runner import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ingest",
        description="Download public labour-market data and write data/*.parquet and data/manifest.json.",
    )
    parser.add_argument("sources", nargs="*", metavar="SOURCE",
                        help=f"datasets to build (default: all): {', '.join(SOURCES)}")
    parser.add_argument("--offline", action="store_true",
                        help="no network: rebuild from the raw files already under data/raw/")
    parser.add_argument("--file", type=Path, metavar="PATH",
                        help="build one source from a file you supply (e.g. a WFH Map workbook, your postings)")
    parser.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                        help="an option for --file, e.g. a column mapping title=job_title (repeatable)")
    parser.add_argument("--wait", type=float, default=0, metavar="SECONDS",
                        help="if another refresh is running, wait up to this long for it (default: exit at once)")
    parser.add_argument("--list", action="store_true",
                        help="list the sources in build order, where their raw files come from and what they need")
    args = parser.parse_args(argv)

    if args.list:
        rows = [(name, c.raw_from(), ", ".join(c.source.depends) or "-", c.source.title)
                for name, c in ((n, hooks.of(m)) for n, m in SOURCES.items())]  # build order: needs come first
        widths = [max(len(r[i]) for r in [("SOURCE", "RAW FILES", "NEEDS", ""), *rows]) for i in range(3)]
        for row in [("SOURCE", "RAW FILES", "NEEDS", "TITLE"), *rows]:
            print("  ".join(f"{cell:<{w}}" for cell, w in zip(row[:3], widths, strict=True)), row[3])
        return 0
    unknown = [s for s in args.sources if s not in SOURCES]
    if unknown:
        parser.error(f"unknown source(s) {', '.join(unknown)}; choose from {', '.join(SOURCES)}")
    chosen = {n: m for n, m in SOURCES.items() if not args.sources or n in args.sources}
    if args.file is not None and len(args.sources) != 1:
        parser.error("--file needs exactly one SOURCE, the one the file is for")
    bad = [o for o in args.option if "=" not in o]
    if bad:
        parser.error(f"--option takes KEY=VALUE, got {bad[0]!r}")
    options = dict(o.split("=", 1) for o in args.option)

    echo = lambda s: print(s, file=sys.stderr)  # noqa: E731
    try:  # two runs at once (a scheduled refresh and a manual one) would interleave their writes
        with refresh_lock(wait=args.wait, echo=echo):
            results = run(chosen, offline=args.offline, echo=echo, user_file=args.file, options=options)
    except RefreshBusy as exc:
        print(f"python -m ingest: {exc}", file=sys.stderr)
        return 2
    print("\nSummary:")
    for result in results:
        print(result.line())
    failed = [r for r in results if not r.ok]
    print(f"{len(results) - len(failed)} succeeded, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
