"""One look for every figure: Okabe-Ito colour-blind-safe palette, readable fonts, the source inside."""

import textwrap

import plotly.graph_objects as go
import plotly.io as pio

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
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "xanchor": "left", "x": 0},
    )
)


def finish(fig: go.Figure, *, title: str, source: str, height: int = 480) -> go.Figure:
    """Title, theme and a source line drawn inside the figure, so an exported PNG still says its origin."""
    wrapped = "<br>".join(textwrap.wrap(source, 140))
    lines = wrapped.count("<br>") + 1
    fig.update_layout(
        template="hlt",
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": 17}},
        height=height,
        margin={"l": 10, "r": 20, "t": 70, "b": 70 + 16 * lines},
        meta={"source": source, "title": title},
    )
    fig.add_annotation(
        text=wrapped, showarrow=False, xref="paper", yref="paper", x=0, y=0, xanchor="left",
        yanchor="top", yshift=-(52 + 4 * lines), align="left", font={"size": 11, "color": "#555"},
    )
    return fig


def source_line(manifest_entry: dict, *, extra: str = "") -> str:
    """'Source: publisher, title (vintage). Retrieved date. Licence.' from a manifest entry."""
    parts = [f"Source: {manifest_entry.get('publisher', '?')}"]
    if extra:
        parts.append(extra.rstrip("."))
    if manifest_entry.get("retrieved_at"):
        parts.append(f"Retrieved {str(manifest_entry['retrieved_at'])[:10]}")
    parts.append(manifest_entry.get("licence", ""))
    return ". ".join(p for p in parts if p) + "."
