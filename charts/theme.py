"""One look for every figure: Okabe-Ito colour-blind-safe palette, readable fonts, the source inside."""

import plotly.graph_objects as go
import plotly.io as pio

from charts import layout

# Okabe & Ito (2008), safe for the common colour-vision deficiencies; black last for reference lines.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
HEALTHCARE = PALETTE[0]
OTHER = "#999999"
AVERAGE = PALETTE[5]
FONT = "Source Sans Pro, Arial, sans-serif"

pio.templates["hlt"] = go.layout.Template(
    layout=go.Layout(
        font={"family": FONT, "size": 13, "color": "#222"},
        colorway=PALETTE,
        plot_bgcolor="white",
        paper_bgcolor="white",
        xaxis={"gridcolor": "#e5e5e5", "zerolinecolor": "#999", "automargin": True},
        yaxis={"gridcolor": "#e5e5e5", "zerolinecolor": "#999", "automargin": True},
        hoverlabel={"font": {"family": FONT}},
    )
)


def finish(fig: go.Figure, *, title: str, source: str, height: int = 480, subtitle: str = "") -> go.Figure:
    """Title, subtitle and a source line inside the figure, placed by the one shared layout (charts/layout.py)."""
    return layout.finish(fig, title=title, source=source, subtitle=subtitle, height=height)


def source_line(manifest_entry: dict, *, extra: str = "") -> str:
    """'Source: publisher, title (vintage). Retrieved date. Licence.' from a manifest entry."""
    parts = [f"Source: {manifest_entry.get('publisher', '?')}"]
    if extra:
        parts.append(extra.rstrip("."))
    if manifest_entry.get("retrieved_at"):
        parts.append(f"Retrieved {str(manifest_entry['retrieved_at'])[:10]}")
    parts.append(manifest_entry.get("licence", ""))
    return ". ".join(p for p in parts if p) + "."
