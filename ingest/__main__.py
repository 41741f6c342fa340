"""Command line: `python -m ingest [SOURCE ...] [--offline]` downloads, parses and writes the datasets."""

import argparse
import sys

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
    parser.add_argument("--list", action="store_true", help="list the sources and exit")
    args = parser.parse_args(argv)

    if args.list:
        for name, module in SOURCES.items():
            print(f"{name:<24} {module.SOURCE.title} — {module.SOURCE.url}")
        return 0
    unknown = [s for s in args.sources if s not in SOURCES]
    if unknown:
        parser.error(f"unknown source(s) {', '.join(unknown)}; choose from {', '.join(SOURCES)}")
    chosen = {n: m for n, m in SOURCES.items() if not args.sources or n in args.sources}

    results = run(chosen, offline=args.offline, echo=lambda s: print(s, file=sys.stderr))
    print("\nSummary:")
    for result in results:
        print(result.line())
    failed = [r for r in results if not r.ok]
    print(f"{len(results) - len(failed)} succeeded, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
