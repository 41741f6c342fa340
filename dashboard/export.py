"""Export payloads for a chart: CSV of exactly the plotted data and standalone HTML, each with provenance."""

import re

import pandas as pd
import plotly.graph_objects as go

from dashboard.labels import header_lines


def slug(text: str) -> str:
    """A file-name-safe version of a chart title."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:80] or "chart"


def provenance_lines(*, title: str, source: str, url: str | None = None) -> list[str]:
    lines = [f"Title: {title}", source]
    if url:
        lines.append(f"View: {url}")
    return lines


def csv_bytes(data: pd.DataFrame, *, provenance: list[str]) -> bytes:
    """CSV whose first lines are '# '-comments carrying title, source and each column's readable name
    (pandas: read_csv(comment='#')); the columns keep their stable machine names."""
    header = "".join(f"# {line}\n" for line in [*provenance, *header_lines(data)])
    return (header + data.to_csv(index=False)).encode("utf-8")


def html_bytes(fig: go.Figure, *, provenance: list[str]) -> bytes:
    """A self-contained HTML page (plotly.js inlined, so it opens offline) with the provenance under it."""
    import html

    body = fig.to_html(include_plotlyjs=True, full_html=False, config={"displaylogo": False})
    notes = "".join(f"<p>{html.escape(line)}</p>" for line in provenance)
    title = html.escape(provenance[0].removeprefix("Title: "))
    page = (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body style='font-family:sans-serif'>{body}<footer style='color:#555'>{notes}</footer>"
            "</body></html>")
    return page.encode("utf-8")
