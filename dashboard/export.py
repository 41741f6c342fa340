"""Export payloads for a chart: CSV of exactly the plotted data and standalone HTML, each with provenance."""

import io
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


# A text cell a spreadsheet would run as a formula (=HYPERLINK(...), @SUM, +cmd|...); a signed number is data.
FORMULA_START = r"^[=@\t\r]|^[+-](?![\d.,]+%?$)"


def neutralised(data: pd.DataFrame) -> pd.DataFrame:
    """Text cells that start like a formula, prefixed with ' so a spreadsheet shows them instead of running
    them (OWASP's advice on CSV injection). Numbers and other cells are left as they are."""
    out = data
    for col in data.columns:
        if data[col].dtype == object or pd.api.types.is_string_dtype(data[col]):
            text = data[col].astype("object")
            hit = text.map(lambda v: isinstance(v, str)).astype(bool)
            hit &= text.where(hit, "").astype(str).str.contains(FORMULA_START, regex=True)
            if hit.any():
                out = out.copy() if out is data else out
                out[col] = text.where(~hit, "'" + text.where(hit, "").astype(str))
    return out


def csv_bytes(data: pd.DataFrame, *, provenance: list[str]) -> bytes:
    """CSV whose first lines are '# '-comments carrying title, source and each column's readable name
    (pandas: read_csv(comment='#')); the columns keep their stable machine names. Formula-like text cells are
    neutralised (see neutralised)."""
    header = "".join(f"# {line}\n" for line in [*provenance, *header_lines(data)])
    return (header + neutralised(data).to_csv(index=False)).encode("utf-8")


def parquet_bytes(data: pd.DataFrame) -> bytes:
    """The frame as a Parquet file, in memory (a dataset's download as committed)."""
    out = io.BytesIO()
    data.to_parquet(out, index=False)
    return out.getvalue()


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
