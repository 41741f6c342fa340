"""Figures of remote work by role: share bars, the measures side by side, postings over time, growth vs share."""

import pandas as pd
import plotly.graph_objects as go

from charts.layout import labels_above_bars
from charts.theme import AVERAGE, HEALTHCARE, OTHER, PALETTE, finish

MEASURE_COLOURS = [PALETTE[0], PALETTE[1], PALETTE[2], PALETTE[3]]


def share_bars(rows: pd.DataFrame, *, label: str = "title", share: str = "teleworkable_share", measure: str,
               title: str, source: str, reference: float | None = None,
               reference_label: str = "All occupations") -> go.Figure:
    """Horizontal bars of a 0..1 share per role, largest on top (ties keep the given order, first on top);
    roles without a value are marked, not hidden."""
    rows = rows.iloc[::-1].sort_values(share, na_position="first", kind="stable")
    values = rows[share].fillna(0)
    text = ["no value" if pd.isna(v) else f"{v:.0%}" for v in rows[share]]
    fig = go.Figure(go.Bar(
        x=values, y=rows[label], orientation="h", text=text, textposition="outside", cliponaxis=False,
        marker_color=[OTHER if pd.isna(v) else HEALTHCARE for v in rows[share]],
        hovertemplate="%{y}<br>%{text}<extra></extra>",
    ))
    if reference is not None:
        fig.add_vline(x=reference, line_dash="dash", line_color=AVERAGE,
                      annotation_text=f"{reference_label} {reference:.0%}", annotation_position="top right")
    fig.update_xaxes(title=measure, tickformat=".0%", range=[0, 1.15])
    rows_px = labels_above_bars(fig, rows[label])
    return finish(fig, title=title, source=source, height=max(360, rows_px + 150))


def measures_side_by_side(long: pd.DataFrame, *, title: str, source: str) -> go.Figure:
    """Grouped horizontal bars: one group per SOC major group (first on top), one bar per measure."""
    groups = list(dict.fromkeys(long["major_title"]))
    measures = list(dict.fromkeys(long["measure"]))
    fig = go.Figure()
    for colour, measure in zip(MEASURE_COLOURS, measures, strict=False):
        part = long[long["measure"] == measure]
        fig.add_trace(go.Bar(
            y=part["major_title"], x=part["share"], name=measure, marker_color=colour, orientation="h",
            text=[f"{v:.0%}" for v in part["share"]], textposition="outside", cliponaxis=False,
            customdata=part[["period"]], hovertemplate="%{y}<br>%{x:.1%}<br>%{customdata[0]}<extra>"
                                                         + measure + "</extra>",
        ))
    fig.update_layout(barmode="group")
    fig.update_xaxes(title="Share (0–100%), by measure", tickformat=".0%", range=[0, 1.15])
    groups = groups[::-1]  # first group on top: categories count upwards
    fig.update_yaxes(categoryorder="array", categoryarray=groups)
    rows_px = labels_above_bars(fig, groups)
    return finish(fig, title=title, source=source, height=max(420, rows_px + 190))


def postings_over_time(monthly: pd.DataFrame, *, measure: str, title: str, source: str) -> go.Figure:
    """One line per country: monthly mean of the daily share of postings mentioning remote or hybrid work."""
    fig = go.Figure()
    for colour, (country, part) in zip(PALETTE, monthly.groupby("country", sort=True), strict=False):
        fig.add_trace(go.Scatter(
            x=part["month"], y=part["share"], mode="lines", name=country, line={"color": colour, "width": 2},
            hovertemplate=f"{country} %{{x|%b %Y}}<br>%{{y:.1%}}<extra></extra>",
        ))
    fig.update_yaxes(title=measure, tickformat=".0%", rangemode="tozero")
    fig.update_xaxes(title=None)
    return finish(fig, title=title, source=source, height=440)


def growth_vs_telework(frame: pd.DataFrame, *, title: str, source: str) -> go.Figure:
    """Projected growth against teleworkable share, bubble area = annual openings; the 'both' corner shaded."""
    fig = go.Figure()
    share_t = float(frame["share_threshold"].iloc[0])
    growth_t = float(frame["growth_threshold_pct"].iloc[0])
    top = max(float(frame["change_pct"].max()), growth_t) + 5
    fig.add_shape(type="rect", x0=share_t, x1=1.05, y0=growth_t, y1=top, line_width=0,
                  fillcolor="rgba(0,158,115,0.08)", layer="below")
    fig.add_annotation(x=1.04, y=top, text="Growing and remote-friendly", showarrow=False, xanchor="right",
                       yanchor="top", font={"color": PALETTE[2]})
    for is_hc, name, colour in ((False, "Other occupations", OTHER), (True, "Healthcare roles", HEALTHCARE)):
        part = frame[frame["is_healthcare"] == is_hc]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["teleworkable_share"], y=part["change_pct"], mode="markers", name=name,
            marker={"size": part["openings_annual_k"].fillna(0).clip(lower=0), "sizemode": "area",
                    "sizeref": 2.0 * 800 / 45**2, "sizemin": 4, "color": colour, "opacity": 0.7,
                    "line": {"width": 0.5, "color": "white"}},
            customdata=part[["title", "soc_code", "openings_annual_k", "crosswalk"]],
            hovertemplate="%{customdata[0]} (%{customdata[1]})<br>teleworkable %{x:.0%}<br>change %{y:.1f}%"
                          "<br>openings %{customdata[2]:,.1f}k a year<br>crosswalk: %{customdata[3]}"
                          "<extra></extra>",
        ))
    fig.add_hline(y=growth_t, line_dash="dash", line_color=AVERAGE,
                  annotation_text=f"All occupations {growth_t:+.1f}%", annotation_position="bottom left")
    fig.add_vline(x=share_t, line_dash="dot", line_color="#777")
    fig.update_xaxes(title="Can be done at home (Dingel & Neiman teleworkable share)", tickformat=".0%",
                     range=[-0.05, 1.05])
    fig.update_yaxes(title="Projected employment change, %")
    return finish(fig, title=title, source=source, height=560)
