"""A tile-grid map of the states (one square per state, no map tiles or topology fetched) and its colours."""

import plotly.graph_objects as go

from charts.theme import finish

SEQUENTIAL = "Blues"
DIVERGING = "RdBu"  # red falling, blue growing; centred on zero
MISSING = "#e5e5e5"
ROWS, COLS = 9, 11


def short(value: float, fmt: str) -> str:
    """A tile's label: few characters, so eleven tiles fit across a phone; the exact value is in the hover."""
    if "%" in fmt:
        return f"{value:+.0f}%"
    money = "$" if fmt.startswith("$") else ""
    if abs(value) >= 10_000:
        return f"{money}{value / 1000:,.0f}k"
    if abs(value) >= 1_000:
        return f"{money}{value / 1000:,.1f}k"
    return fmt.format(value)


def tile_map(table, *, measure: str, label: str, fmt: str, title: str, source: str, tiles: dict[str, tuple],
             names: dict[str, str], chosen: str | None = None) -> go.Figure:
    """Squares laid out like the country; colour = `measure` of `table` (one row per area, column area_postal).
    `tiles` maps every postal code with a tile to (row, column), so a state the data lack shows grey, named."""
    values = dict(zip(table["area_postal"], table[measure], strict=True))
    z = [[None] * COLS for _ in range(ROWS)]
    hover = [[None] * COLS for _ in range(ROWS)]
    background = [[None] * COLS for _ in range(ROWS)]
    xs, ys, text, colours = [], [], [], []
    present = [v for v in values.values() if v == v]
    low, high = (min(present), max(present)) if present else (0, 1)
    diverging = low < 0 < high
    span = max(abs(low), abs(high)) if diverging else (high - low) or 1
    for postal, (row, col) in tiles.items():
        background[row][col] = 0
        value = values.get(postal)
        shown = value is not None and value == value
        if shown:
            z[row][col] = value
        hover[row][col] = f"{names.get(postal, postal)}: " + (fmt.format(value) if shown else "not published")
        xs.append(col)
        ys.append(row)
        text.append(f"<b>{postal}</b><br>{short(value, fmt) if shown else '—'}")
        strength = (abs(value) / span) if diverging and shown else ((value - low) / span if shown else 0)
        colours.append("white" if strength > 0.6 else "#222")
    fig = go.Figure()
    fig.add_trace(go.Heatmap(z=background, colorscale=[[0, MISSING], [1, MISSING]], showscale=False,
                             hoverinfo="skip", xgap=3, ygap=3))
    fig.add_trace(go.Heatmap(
        z=z, text=hover, hovertemplate="%{text}<extra></extra>", xgap=3, ygap=3,
        colorscale=DIVERGING if diverging else SEQUENTIAL, zmid=0 if diverging else None,
        # Under the map, not beside it: a phone has no width to spare beside eleven columns of tiles.
        colorbar={"title": {"text": label, "side": "top"}, "orientation": "h", "x": 0.5, "xanchor": "center",
                  "y": 0.0, "yanchor": "bottom", "len": 0.5, "thickness": 10},
    ))
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="text", text=text, textfont={"color": colours, "size": 11},
                             hoverinfo="skip", showlegend=False))
    if chosen in tiles:
        row, col = tiles[chosen]
        fig.add_shape(type="rect", x0=col - 0.5, x1=col + 0.5, y0=row - 0.5, y1=row + 0.5,
                      line={"color": "#000", "width": 3})
    fig.update_xaxes(visible=False, range=[-0.6, COLS - 0.4], fixedrange=True)
    fig.update_yaxes(visible=False, autorange="reversed", scaleanchor="x", fixedrange=True, domain=[0.16, 1])
    fig.update_layout(plot_bgcolor="white")
    return finish(fig, title=title, source=source, height=560)
