"""One layout for every figure: title, subtitle, axes, legend and source placed so that no text collides.

A figure builder calls `finish` once. The result is self-contained (title, subtitle and source drawn in it);
`screen` derives what the page draws (the page writes title, subtitle and source as text that wraps at any
width, so the figure keeps only plot, axes and legend), `publication` what a slide or file export gets (16:9,
always light, title and subtitle left-aligned, source and a link to the view bottom-left).
"""

import textwrap

import plotly.graph_objects as go

SIZES = {"title": 20, "subtitle": 14, "source": 11, "body": 13}
CHAR = 0.56  # average glyph width / font size for Source Sans Pro and Arial: how many characters fit a line
LINE = 1.35  # line height / font size
SIDE = 24  # px of paper left and right of the text blocks in an export
SLIDE = (1280, 720)
SCREEN_CHARS = 32  # characters per line of axis titles and legend names on screen: fits a 390 px phone
LIGHT = {"text": "#222222", "muted": "#555555", "grid": "#e5e5e5", "zero": "#999999", "paper": "white"}
DARK = {"text": "#fafafa", "muted": "#c8c8d0", "grid": "rgba(250,250,250,0.16)", "zero": "#888888",
        "paper": "rgba(0,0,0,0)"}


def wrap(text: str, width_px: float, size: int) -> list[str]:
    """Lines of text that fit width_px at a font size (estimated from the average glyph width)."""
    if not text:
        return []
    return textwrap.wrap(text, max(12, int(width_px / (size * CHAR)))) or [text]


def _height(lines: list[str], size: int) -> int:
    return round(len(lines) * size * LINE)


def finish(fig: go.Figure, *, title: str, source: str, subtitle: str = "", height: int = 480) -> go.Figure:
    """Store title, subtitle (the measure and its units) and source with the figure, and draw them."""
    fig.update_layout(template="hlt", height=height, meta={"title": title, "subtitle": subtitle, "source": source})
    # x labels a little below the axis, so the first date never touches the lowest y label in the corner.
    fig.update_xaxes(automargin=True, ticklabelstandoff=8)
    fig.update_yaxes(automargin=True)
    for note in fig.layout.annotations:  # reference-line labels at the top go above the plot, not over its bars
        if note.yref in ("paper", "y domain") and (note.y or 0) >= 1 and note.yanchor == "top":
            note.yanchor = "bottom"
    return decorate(fig, width=1200, height=height)


def decorate(fig: go.Figure, *, width: int, height: int, link: str = "", show_title: bool = True,
             colours: dict = LIGHT) -> go.Figure:
    """Draw title, subtitle and source at a known size. Every block gets its own band, sized from its wrapped
    lines, and margins are fixed (no autoexpand), so the source can sit at a known distance below the plot."""
    meta = fig.layout.meta or {}
    room = width - 2 * SIDE
    title = wrap(meta.get("title", ""), room, SIZES["title"]) if show_title else []
    subtitle = wrap(meta.get("subtitle", ""), room, SIZES["subtitle"])
    source = wrap(meta.get("source", ""), room, SIZES["source"]) + ([f"View: {link}"] if link else [])
    head = 12 + _height(title, SIZES["title"]) + (6 if title and subtitle else 0) + _height(subtitle, SIZES["subtitle"])
    top = head + 14 + _top_notes(fig)
    foot = _height(source, SIZES["source"]) + 10
    legend = _legend_height(fig, room)
    axis_b, axis_l, axis_r = _axis_room(fig)
    bottom = axis_b + legend + foot + (8 if legend else 0)
    fig.update_layout(
        title={"text": "<br>".join(title), "x": SIDE / width, "xref": "container", "xanchor": "left",
               "yref": "container", "y": 1, "yanchor": "top", "pad": {"t": 12},
               "font": {"size": SIZES["title"], "color": colours["text"]},
               "subtitle": {"text": "<br>".join(subtitle),
                            "font": {"size": SIZES["subtitle"], "color": colours["muted"]}}},
        margin={"l": SIDE + axis_l, "r": SIDE + axis_r, "t": top, "b": bottom, "autoexpand": False},
        legend=_legend_below((foot + 4) / height, x=SIDE / width),
    )
    fig.layout.annotations = [a for a in fig.layout.annotations if a.name != "source"]
    # Paper y=0 is the plot's bottom; with fixed margins the bottom band starts `bottom` px below it.
    fig.add_annotation(name="source", text="<br>".join(source), showarrow=False, xref="paper", yref="paper",
                       x=-axis_l / max(room - axis_l - axis_r, 1), y=0, xanchor="left", yanchor="top",
                       yshift=-(bottom - foot), align="left", font={"size": SIZES["source"], "color": colours["muted"]})
    return fig


def _top_notes(fig: go.Figure) -> int:
    """Room above the plot for reference-line labels placed at its top edge."""
    notes = [a for a in fig.layout.annotations
             if a.name != "source" and a.yref in ("paper", "y domain") and (a.y or 0) >= 1]
    return 20 if notes else 0


def legend_shown(fig: go.Figure) -> bool:
    if fig.layout.showlegend is not None:
        return bool(fig.layout.showlegend)
    return sum(1 for t in fig.data if t.showlegend is not False) > 1


def _legend_height(fig: go.Figure, room: int) -> int:
    """Rows of a horizontal legend at this width, each as tall as its tallest (multi-line) name."""
    if not legend_shown(fig):
        return 0
    size = SIZES["body"]
    rows, used, tallest, total = 1, 0.0, 1, 0
    for trace in fig.data:
        if trace.showlegend is False:
            continue
        parts = str(trace.name or "").split("<br>")
        item = 44 + max(len(p) for p in parts) * size * CHAR
        if used and used + item > room:
            total += round(tallest * size * LINE) + 6
            rows, used, tallest = rows + 1, 0.0, 1
        used += item
        tallest = max(tallest, len(parts))
    return total + round(tallest * size * LINE) + 6


def _axis_room(fig: go.Figure) -> tuple[int, int, int]:
    """Pixels under, left of and right of the plot for tick labels and axis titles (fixed margins)."""
    x, y = fig.layout.xaxis, fig.layout.yaxis
    labels = list(x.ticktext or []) + [v for t in fig.data if t.type == "bar" and getattr(t, "orientation", None) != "h"
                                       for v in (t.x if t.x is not None else []) if isinstance(v, str)]
    tick_lines = max((str(v).count("<br>") + 1 for v in labels), default=1)
    # Tick labels sit 8 px (ticklabelstandoff) below the axis; Plotly puts the title about 12 px under them.
    bottom = (0 if x.showticklabels is False else 12 + tick_lines * 17) + (
        12 + 17 * (str(x.title.text).count("<br>") + 1) if x.title.text else 0)
    inside = str(y.ticklabelposition or "").startswith("inside") or y.showticklabels is False
    left = (0 if inside else 64) + (26 if y.title.text else 0)
    right = 34 if x.type == "date" or any(t.type in ("scatter", "scattergl") for t in fig.data) else 18
    return bottom, left, right


def _legend_below(bottom: float, x: float = 0) -> dict:
    # Container coordinates: on screen Plotly pushes the plot up by the legend's real height at any width,
    # and wraps its items within the figure's full width.
    return {"orientation": "h", "x": x, "xanchor": "left", "xref": "container", "y": bottom, "yanchor": "bottom",
            "yref": "container", "title": {"text": ""}, "bgcolor": "rgba(0,0,0,0)"}


def screen(fig: go.Figure, *, dark: bool = False) -> go.Figure:
    """What the page draws: no title, subtitle or source (the page writes them as wrapping text), transparent
    paper, text in the colours of Streamlit's light or dark theme, margins grown by Plotly to fit any width."""
    out = go.Figure(fig)
    c = DARK if dark else LIGHT
    out.layout.annotations = [a for a in out.layout.annotations if a.name != "source"]
    out.update_layout(
        title={"text": "", "subtitle": {"text": ""}}, paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)",
        font={"color": c["text"]}, margin={"l": 4, "r": 12, "t": 8 + _top_notes(out), "b": 8, "autoexpand": True},
        legend=_legend_below(0), hoverlabel={"font": {"color": "#222222"}, "bgcolor": "white"},
    )
    # A legend of many names takes many rows at phone width; the figure grows by that, so the plot keeps room.
    if legend_shown(out):
        out.update_layout(height=(out.layout.height or 480) + max(0, _legend_height(out, 330) - 48))
    out.update_xaxes(gridcolor=c["grid"], zerolinecolor=c["zero"], automargin=True)
    out.update_yaxes(gridcolor=c["grid"], zerolinecolor=c["zero"], automargin=True)
    # The page may be a phone: axis titles and legend names on lines that fit 390 px (Plotly never wraps).
    out.for_each_xaxis(lambda a: a.update(title_text=_lines(a.title.text, SCREEN_CHARS)))
    out.for_each_yaxis(lambda a: a.update(title_text=_lines(a.title.text, SCREEN_CHARS)))
    for trace in out.data:
        if trace.name and "<br>" not in trace.name:
            trace.name = _lines(trace.name, SCREEN_CHARS)
    if dark:  # black reference lines and labels would vanish on a dark page
        for trace in out.data:
            line = getattr(trace, "line", None)
            if line is not None and str(line.color).lower() in ("#000000", "black"):
                line.color = c["text"]
    return out


def _lines(text, chars: int):
    return "<br>".join(textwrap.wrap(str(text), chars)) if text and len(str(text)) > chars else text


def publication(fig: go.Figure, *, link: str = "", show_title: bool = True,
                size: tuple[int, int] = SLIDE) -> go.Figure:
    """The export layout: 16:9, light, title and subtitle left-aligned on top, source and link bottom-left."""
    out = go.Figure(fig)
    out.update_layout(width=size[0], height=size[1], paper_bgcolor="white", plot_bgcolor="white",
                      font={"color": LIGHT["text"]})
    return decorate(out, width=size[0], height=size[1], link=link, show_title=show_title)


def labels_above_bars(fig: go.Figure, categories, *, chars: int = 40) -> int:
    """Horizontal bars with each category's name on its own line above its bar, never beside it, so a long
    role name needs no left margin at phone width. Returns the height (px) the rows need."""
    categories = list(categories)
    ticktext = ["<br>".join(textwrap.wrap(str(c), chars)) or str(c) for c in categories]
    lines = max((t.count("<br>") + 1 for t in ticktext), default=1)
    bars = [t for t in fig.data if t.type == "bar"]
    each = 0.44 / max(len(bars), 1)
    for k, trace in enumerate(bars):  # bars take the lower part of each row, the name the upper part
        trace.update(offset=-0.48 + k * each, width=each * 0.92)
    fig.update_yaxes(tickmode="array", tickvals=categories, ticktext=ticktext, ticklabelposition="inside top",
                     ticks="", showgrid=False, title=None, ticklabelstandoff=2)
    values = [v for t in bars for v in (t.x if t.x is not None else []) if v == v and v is not None]
    if values and not fig.layout.xaxis.range:
        low, high = min(0.0, min(values)), max(0.0, max(values))
        pad = (high - low) * 0.22 or 1.0
        fig.update_xaxes(range=[low - (pad if low < 0 else 0), high + pad])
    # The name needs 17 px a line above the row's centre and the bars sit in the lower 48%: the upper half of
    # a row must hold the name, so a row is about twice the name's height.
    return len(categories) * round(34 * lines + 10 + 14 * (len(bars) - 1))


def description(fig: go.Figure, limit: int = 4, *, heading: bool = True) -> str:
    """A text alternative for the chart: what it shows and its largest values, in one or two sentences."""
    meta = fig.layout.meta or {}
    parts = [str(meta.get("title", "")).rstrip(".") + "."] if heading else []
    if heading and meta.get("subtitle"):
        parts.append(str(meta["subtitle"]).split(". ")[0].rstrip(".") + ".")
    traces = [t for t in fig.data if t.type in ("bar", "scatter", "scattergl")]
    singles = [t for t in traces if t.x is not None and len(t.x) == 1 and t.type != "bar"]
    if len(singles) > 1:  # one marker per named thing: list them with their two values
        parts.append(f"{len(singles)} points (x, y): " + "; ".join(
            f"{str(t.name).replace('<br>', ' ')} ({_num(t.x[0])}, {_num(t.y[0])})" for t in singles[:12]) + ".")
        traces = [t for t in traces if t not in singles]
    for trace in traces[:limit]:
        horizontal = getattr(trace, "orientation", None) == "h"
        labels = list(trace.y if horizontal else trace.x) if trace.x is not None else []
        values = list(trace.x if horizontal else trace.y) if trace.y is not None else []
        pairs = [(lab, v) for lab, v in zip(labels, values, strict=False) if v is not None and v == v]
        if not pairs:
            continue
        name = (str(trace.name).replace("<br>", " ") + ": ") if trace.name else ""
        if trace.type == "bar":
            top = sorted(pairs, key=lambda p: -abs(float(p[1])))[:3]
            parts.append(f"{name}{len(pairs)} bars; largest " + "; ".join(f"{lab} {_num(v)}" for lab, v in top) + ".")
        elif trace.mode and "lines" in trace.mode:
            parts.append(f"{name}{len(pairs)} points from {_short(pairs[0][0])} ({_num(pairs[0][1])}) "
                         f"to {_short(pairs[-1][0])} ({_num(pairs[-1][1])}).")
        else:
            parts.append(f"{name}{len(pairs)} points.")
    return " ".join(p for p in parts if p.strip(". "))


def _num(value) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):  # a date or a label: a monthly line with one point (a role posted once)
        return _short(value)
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:,.3g}" if abs(v) < 1 else f"{v:,.1f}"


def _short(value) -> str:
    text = str(value)
    return text[:10] if len(text) >= 10 and text[4:5] == "-" else text
