"""Command line: `python -m dashboard export` writes the report figures to files, no browser needed."""

import argparse
import sys
from pathlib import Path

from dashboard import datasets, images
from dashboard.export import csv_bytes, html_bytes, provenance_lines
from dashboard.report import report_figures

FORMATS = ("png", "svg", "pdf", "html", "csv")


def export(out: Path, *, vintage: str | None, formats: list[str]) -> list[Path]:
    projections, roles = datasets.read("projections"), datasets.read("roles")
    vintage = vintage or max(projections["vintage"])
    entry = datasets.manifest()["datasets"].get("projections", {})
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for item in report_figures(projections, roles, manifest_entry=entry, vintage=vintage):
        lines = provenance_lines(title=item.figure.layout.meta["title"], source=item.figure.layout.meta["source"])
        for fmt in formats:
            path = out / f"{item.name}.{fmt}"
            if fmt == "csv":
                payload = csv_bytes(item.data, provenance=lines)
            elif fmt == "html":
                payload = html_bytes(item.figure, provenance=lines)
            else:
                payload = images.image_bytes(item.figure, fmt)
            path.write_bytes(payload)
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dashboard", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    cmd = sub.add_parser("export", help="write the report figures (PNG, SVG, PDF, HTML, CSV) to a folder")
    cmd.add_argument("--out", type=Path, default=Path("exports"), help="folder to write into (default: exports)")
    cmd.add_argument("--vintage", help="projections vintage, e.g. 2024-34 (default: the newest)")
    cmd.add_argument("--format", default="png,svg,csv,html",
                     help=f"comma-separated, from {', '.join(FORMATS)} (default: png,svg,csv,html)")
    args = parser.parse_args(argv)
    formats = [f.strip() for f in args.format.split(",") if f.strip()]
    if bad := [f for f in formats if f not in FORMATS]:
        parser.error(f"unknown format(s) {', '.join(bad)}; choose from {', '.join(FORMATS)}")
    if any(f in images.FORMATS for f in formats) and not images.available():
        parser.error(f"PNG/SVG/PDF need kaleido and a browser: {images.why_unavailable()}; "
                     "use --format csv,html meanwhile")
    try:
        written = export(args.out, vintage=args.vintage, formats=formats)
    except datasets.MissingDataset as exc:
        print(exc, file=sys.stderr)
        return 1
    except ValueError as exc:  # an unknown vintage
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
