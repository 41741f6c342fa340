"""Figures of projected growth by role: ranked bars, healthcare against the average, growth vs wage."""

import pandas as pd
import plotly.graph_objects as go

from charts.layout import labels_above_bars
from charts.theme import AVERAGE, HEALTHCARE, OTHER, PALETTE, finish

MEASURES = {
    "change_pct": ("Projected employment change, %", "{:.1f}%"),
    "change_k": ("Projected employment change, thousands", "{:,.1f}k"),
    "openings_annual_k": ("Annual openings, thousands (average)", "{:,.1f}k"),
}


def ranked_bars(rows: pd.DataFrame, *, measure: str, title: str, source: str,
                average: float | None = None) -> go.Figure:
    """Horizontal bars, largest on top; the all-occupations average as a reference line when given."""
    label, fmt = MEASURES[measure]
    rows = rows.sort_values(measure)
    fig = go.Figure(go.Bar(
        x=rows[measure], y=rows["title"], orientation="h",
        marker_color=[HEALTHCARE if h else OTHER for h in rows["is_healthcare"]],
        text=[fmt.format(v) for v in rows[measure]], textposition="outside", cliponaxis=False,
        customdata=rows[["soc_code"]], hovertemplate="%{y} (%{customdata[0]})<br>%{x}<extra></extra>",
    ))
    if average is not None:
        fig.add_vline(x=average, line_dash="dash", line_color=AVERAGE,
                      annotation_text=f"All occupations {average:.1f}%", annotation_position="top right")
    fig.update_xaxes(title=label)
    rows_px = labels_above_bars(fig, rows["title"])
    return finish(fig, title=title, source=source, height=max(360, rows_px + 150))


def group_comparison(summary: pd.DataFrame, *, title: str, source: str) -> go.Figure:
    """Projected percent change of healthcare definitions against all occupations."""
    colours = [PALETTE[0], PALETTE[4], AVERAGE][: len(summary)]
    rows = summary.iloc[::-1]  # first group on top
    fig = go.Figure(go.Bar(
        y=rows["group"], x=rows["change_pct"], orientation="h", marker_color=colours[::-1],
        text=[f"{v:.1f}%" for v in rows["change_pct"]], textposition="outside", cliponaxis=False,
        customdata=rows[["change_k", "openings_annual_k"]],
        hovertemplate="%{y}<br>%{x:.1f}%<br>change %{customdata[0]:,.1f}k"
                      "<br>openings %{customdata[1]:,.1f}k a year<extra></extra>",
    ))
    fig.update_xaxes(title="Projected employment change, %", rangemode="tozero")
    rows_px = labels_above_bars(fig, rows["group"])
    return finish(fig, title=title, source=source, height=max(300, rows_px + 150))


def growth_vs_wage(rows: pd.DataFrame, *, title: str, source: str) -> go.Figure:
    """Growth against median wage, bubble area = annual openings; healthcare coloured, the rest grey."""
    rows = rows.dropna(subset=["change_pct", "median_wage_usd"])
    fig = go.Figure()
    for is_hc, name, colour in ((False, "Other occupations", OTHER), (True, "Healthcare roles", HEALTHCARE)):
        part = rows[rows["is_healthcare"] == is_hc]
        if part.empty:
            continue
        openings = part["openings_annual_k"].fillna(0).clip(lower=0)
        fig.add_trace(go.Scatter(
            x=part["median_wage_usd"], y=part["change_pct"], mode="markers", name=name,
            marker={"size": openings, "sizemode": "area", "sizeref": 2.0 * 800 / 45**2, "sizemin": 4,
                    "color": colour, "opacity": 0.7, "line": {"width": 0.5, "color": "white"}},
            customdata=part[["title", "soc_code", "openings_annual_k"]],
            hovertemplate="%{customdata[0]} (%{customdata[1]})<br>median wage $%{x:,.0f}"
                          "<br>change %{y:.1f}%<br>openings %{customdata[2]:,.1f}k a year<extra></extra>",
        ))
    fig.update_xaxes(title="Median annual wage, USD", tickprefix="$", tickformat=",.0f")
    fig.update_yaxes(title="Projected employment change, %")
    return finish(fig, title=title, source=source, height=520)
