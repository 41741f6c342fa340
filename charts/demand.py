"""Figures of demand now: posting-index lines, momentum against projections, JOLTS openings, OEWS history."""

import pandas as pd
import plotly.graph_objects as go

from charts.layout import labels_above_bars
from charts.theme import AVERAGE, HEALTHCARE, OTHER, PALETTE, finish
from contract.domain import ALL_POSTINGS

SYMBOLS = ["circle", "square", "diamond", "triangle-up", "x"]
SNAPSHOT_DASHES = ["solid", "dash", "dashdot", "longdash"]
INDEX_NOTE = "Index, 1 Feb 2020 = 100 (7-day average of Indeed postings): not a count of jobs."


def _label(row: pd.Series, *, several_categories: bool, several_snapshots: bool) -> str:
    """Only what tells the lines apart, on short lines so the legend leaves the plot its width."""
    parts = [row["category"]] if several_categories or not several_snapshots else []
    if several_snapshots:
        parts.append(row["snapshot"])
    if row["seasonal_adjustment"] != "SA":
        parts.append(f"({row['seasonal_adjustment']})")
    return "<br>".join(parts)


def postings_lines(rows: pd.DataFrame, *, y: str, y_title: str, title: str, source: str, note: str,
                   reference: float | None = None) -> go.Figure:
    """One WebGL line per (snapshot, category, adjustment); snapshots are separate lines, never joined."""
    keys = ["snapshot", "category", "seasonal_adjustment"]
    several = {"several_snapshots": rows["snapshot"].nunique() > 1,
               "several_categories": rows["category"].nunique() > 1}
    fig = go.Figure()
    order = sorted(rows[keys].drop_duplicates().itertuples(index=False),
                   key=lambda k: (k.category != ALL_POSTINGS, k.category, k.snapshot))
    colours = PALETTE[:-1]  # black is kept for all postings
    # A line that differs from an earlier one only by snapshot (same category, same adjustment) gets the next
    # dash pattern, and all postings a colour instead of black: two downloads never look like one line.
    seen: dict[tuple, int] = {}
    j = 0
    for key in order:
        part = rows[(rows["snapshot"] == key.snapshot) & (rows["category"] == key.category)
                    & (rows["seasonal_adjustment"] == key.seasonal_adjustment)]
        is_all = key.category == ALL_POSTINGS
        colour = "#000000" if is_all else colours[j % len(colours)]
        # Past seven colours the lines repeat a colour, dashed; a not seasonally adjusted line is dotted.
        dash = "dot" if key.seasonal_adjustment != "SA" else ("solid" if is_all or j < len(colours) else "dash")
        twin = seen.get((key.category, key.seasonal_adjustment), 0)
        seen[(key.category, key.seasonal_adjustment)] = twin + 1
        if twin:
            dash = SNAPSHOT_DASHES[twin % len(SNAPSHOT_DASHES)]
            colour = colours[(twin - 1) % len(colours)] if is_all else colour
        j += 0 if is_all else 1
        fig.add_trace(go.Scattergl(
            x=part["date"], y=part[y], mode="lines", name=_label(part.iloc[0], **several),
            line={"color": colour, "width": 2.5 if is_all else 1.8, "dash": dash},
            hovertemplate="%{x|%d %b %Y}: %{y:.1f}",
        ))
    if reference is not None:
        fig.add_hline(y=reference, line_dash="dash", line_color=OTHER)
    fig.update_yaxes(title=y_title)
    fig.update_xaxes(title=None)
    fig = finish(fig, title=title, source=source, subtitle=note, height=520)
    return fig.update_layout(hovermode="x unified")


def momentum_vs_projected(points: pd.DataFrame, *, x: str, x_title: str, title: str, source: str,
                          note: str, average_pct: float | None = None) -> go.Figure:
    """Categories placed by posting momentum now (x) and projected growth of their roles (y)."""
    points = points.dropna(subset=[x, "projected_change_pct"])
    # One trace per category, told apart by colour and symbol in the legend: names written beside bubbles
    # collide wherever categories sit close together, and no fixed offset avoids that at every width.
    sizeref = 2.0 * max(points["employment_base_k"].max(), 1) / 50**2 if len(points) else 1
    fig = go.Figure()
    for i, (_, row) in enumerate(points.sort_values("category").iterrows()):
        fig.add_trace(go.Scatter(
            x=[row[x]], y=[row["projected_change_pct"]], mode="markers", name=row["category"],
            marker={"size": [row["employment_base_k"]], "sizemode": "area", "sizeref": sizeref, "sizemin": 6,
                    "color": PALETTE[i % 7], "symbol": SYMBOLS[(i // 7) % len(SYMBOLS)], "opacity": 0.8,
                    "line": {"width": 0.5, "color": "white"}},
            customdata=[[row["category"], row["roles"], row["employment_base_k"]]],
            hovertemplate="%{customdata[0]}<br>postings %{x:.1f}<br>projected %{y:.1f}%<br>%{customdata[1]} roles, "
                          "%{customdata[2]:,.0f}k employed<extra></extra>",
        ))
    if average_pct is not None:
        fig.add_hline(y=average_pct, line_dash="dash", line_color=AVERAGE,
                      annotation_text=f"All occupations {average_pct:.1f}%", annotation_position="bottom right")
    if x == "vs_all":
        fig.add_vline(x=100, line_dash="dash", line_color=OTHER)
    if x == "yoy_pct":
        fig.add_vline(x=0, line_dash="dash", line_color=OTHER)
    fig.update_xaxes(title=x_title)
    fig.update_yaxes(title="Projected employment change of the category's roles, %")
    fig.update_layout(showlegend=True)
    return finish(fig, title=title, source=source, subtitle=note, height=540)


def openings_levels(table: pd.DataFrame, *, title: str, source: str) -> go.Figure:
    """Job openings in thousands (a count), health care and total nonfarm on one axis."""
    fig = go.Figure()
    for col, name, colour in (("total_k", "Total nonfarm", "#000000"),
                              ("healthcare_k", "Health care and social assistance", HEALTHCARE)):
        fig.add_trace(go.Scatter(x=table["date"], y=table[col], mode="lines", name=name,
                                 line={"color": colour, "width": 2},
                                 hovertemplate=f"{name}<br>%{{x|%b %Y}}: %{{y:,.0f}}k<extra></extra>"))
    fig.update_yaxes(title="Job openings, thousands (seasonally adjusted)", rangemode="tozero")
    fig = finish(fig, title=title, source=source, height=440,
                 subtitle="JOLTS job openings on the last business day of each month: a count, not an index.")
    return fig.update_layout(hovermode="x unified")


def openings_share(table: pd.DataFrame, *, title: str, source: str, rates: bool = False) -> go.Figure:
    """Health care's share of all openings (%), or both openings rates (%) when the data carry them."""
    fig = go.Figure()
    if rates:
        for col, name, colour in (("total_rate_pct", "Total nonfarm", "#000000"),
                                  ("healthcare_rate_pct", "Health care and social assistance", HEALTHCARE)):
            fig.add_trace(go.Scatter(x=table["date"], y=table[col], mode="lines", name=name,
                                     line={"color": colour, "width": 2}))
        y_title = "Job openings rate, % (openings / (employment + openings))"
    else:
        fig.add_trace(go.Scatter(x=table["date"], y=table["healthcare_share"] * 100, mode="lines",
                                 name="Health care share", line={"color": HEALTHCARE, "width": 2},
                                 hovertemplate="%{x|%b %Y}: %{y:.1f}%<extra></extra>"))
        y_title = "% of all job openings"
    fig.update_yaxes(title=y_title, rangemode="tozero")
    return finish(fig, title=title, source=source, height=400)


def history_vs_projection(rows: pd.DataFrame, *, title: str, source: str, history_label: str,
                          projection_label: str) -> go.Figure:
    """Per role, the annual employment growth seen in OEWS beside the annual rate BLS projects."""
    rows = rows.sort_values("employment_annual_rate_pct")
    fig = go.Figure()
    for col, name, colour in (("employment_annual_rate_pct", history_label, HEALTHCARE),
                              ("projected_annual_rate_pct", projection_label, PALETTE[1])):
        fig.add_trace(go.Bar(
            y=rows["title"], x=rows[col], name=name, orientation="h", marker_color=colour,
            customdata=rows[["soc_code"]],
            hovertemplate="%{y} (%{customdata[0]})<br>" + name + ": %{x:.1f}% a year<extra></extra>"))
    fig.add_vline(x=0, line_color="#999")
    fig.update_layout(barmode="group")
    fig.update_xaxes(title="Employment growth, % a year (compound)")
    rows_px = labels_above_bars(fig, rows["title"])
    return finish(fig, title=title, source=source, height=max(380, rows_px + 190))
