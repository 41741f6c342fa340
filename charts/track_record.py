"""Figures of how projections turned out: projected against actual employment, and the error by role."""

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from charts.layout import labels_above_bars
from charts.theme import AVERAGE, HEALTHCARE, OTHER, PALETTE, finish

LABELS = {"same content": "Same content", "summed merge": "Summed SOC 2010 codes",
          "apportioned split": "Apportioned split (not in the summary)"}


def projected_vs_actual(rows: pd.DataFrame, *, title: str, source: str, check_year: int) -> go.Figure:
    """One point per role on log axes; on the diagonal the projection was exact, above it too high."""
    rows = rows.dropna(subset=["projected_k", "actual_k"])
    rows = rows[(rows["projected_k"] > 0) & (rows["actual_k"] > 0)]
    fig = go.Figure()
    for (how, label), colour in zip(LABELS.items(), (HEALTHCARE, PALETTE[1], OTHER), strict=True):
        part = rows[rows["comparable"] == how]
        if part.empty:
            continue
        fig.add_trace(go.Scatter(
            x=part["actual_k"], y=part["projected_k"], mode="markers", name=label,
            marker={"color": colour, "size": 8, "opacity": 0.75, "line": {"width": 0.5, "color": "white"},
                    "symbol": "circle" if how != "apportioned split" else "diamond-open"},
            customdata=part[["title", "soc_code", "error_pct", "match_note"]],
            hovertemplate="%{customdata[0]} (%{customdata[1]})<br>actual %{x:,.1f}k, projected %{y:,.1f}k"
                          "<br>error %{customdata[2]:+.1f}%<br>%{customdata[3]}<extra></extra>",
        ))
    if not rows.empty:  # the diagonal spans the actual values (so its end points are data, not made up)
        low, high = float(rows["actual_k"].min()), float(rows["actual_k"].max())
        fig.add_trace(go.Scatter(x=[low, high], y=[low, high], mode="lines", name="Projection exact",
                                 line={"color": AVERAGE, "dash": "dash", "width": 1.5}, hoverinfo="skip"))
    fig.update_xaxes(title=f"Actual {check_year}, thousands (log scale)", type="log", dtick=1)
    fig.update_yaxes(title=f"Projected {check_year}, thousands (log)", type="log", dtick=1)
    return finish(fig, title=title, source=source, height=560)


def error_bars(rows: pd.DataFrame, *, title: str, source: str) -> go.Figure:
    """Percent error per role, largest on top: right of zero the projection was too high, left too low."""
    rows = rows.iloc[::-1]
    fig = go.Figure(go.Bar(
        x=rows["error_pct"], y=rows["title"], orientation="h",
        marker_color=[PALETTE[5] if e > 0 else HEALTHCARE for e in rows["error_pct"]],
        text=[f"{e:+.1f}%" for e in rows["error_pct"]], textposition="outside", cliponaxis=False,
        customdata=np.column_stack([rows["soc_code"], rows["projected_k"], rows["actual_k"]]),
        hovertemplate="%{y} (%{customdata[0]})<br>projected %{customdata[1]:,.1f}k, actual %{customdata[2]:,.1f}k"
                      "<br>error %{x:+.1f}%<extra></extra>",
    ))
    fig.add_vline(x=0, line_color="#555", line_width=1)
    fig.update_xaxes(title="Error: projected minus actual, % of actual")
    # Role names above their bars; the axis range is padded on both sides for the values at the bars' ends.
    rows_px = labels_above_bars(fig, rows["title"])
    return finish(fig, title=title, source=source, height=max(360, rows_px + 150))


def summary_bars(summary: pd.DataFrame, *, title: str, source: str) -> go.Figure:
    """Mean absolute percent error of BLS's projection and the naive forecasts, healthcare and all."""
    fig = go.Figure()
    for forecast, colour in zip(summary["forecast"].unique(), (HEALTHCARE, OTHER, PALETTE[1]), strict=False):
        part = summary[summary["forecast"] == forecast]
        fig.add_trace(go.Bar(
            x=[g.replace(" (", "<br>(") for g in part["group"]], y=part["mape_pct"], name=forecast,
            marker_color=colour, text=[f"{v:.1f}%" for v in part["mape_pct"]], textposition="outside",
            cliponaxis=False, hovertemplate=f"{forecast}<br>%{{x}}: MAPE %{{y:.1f}}%<extra></extra>",
        ))
    fig.update_layout(barmode="group")
    fig.update_yaxes(title="Mean absolute percent error, %", rangemode="tozero")
    fig.update_xaxes(tickangle=0)
    return finish(fig, title=title, source=source, height=480)
