"""Figures for one role or a few: the outlook across vintages, side-by-side comparisons, trend sets."""

import pandas as pd
import plotly.graph_objects as go

from charts.layout import labels_above_bars
from charts.theme import AVERAGE, HEALTHCARE, OTHER, PALETTE, finish


def outlook_over_vintages(history: pd.DataFrame, *, title: str, source: str) -> go.Figure:
    """Projected percent change in each vintage; bars from predecessor SOC codes are hatched and labelled."""
    shown = history.dropna(subset=["change_pct"]).iloc[::-1]  # oldest vintage on top, read downwards
    same = shown["basis"] == "same code"
    fig = go.Figure(go.Bar(
        y=shown["vintage"], x=shown["change_pct"], orientation="h",
        marker={"color": HEALTHCARE, "pattern": {"shape": ["" if s else "/" for s in same]}},
        text=[f"{v:+.1f}%" for v in shown["change_pct"]], textposition="outside", cliponaxis=False,
        customdata=shown[["codes", "basis", "employment_base_k", "change_k"]],
        hovertemplate="%{y}: %{x:+.1f}%<br>%{customdata[0]} (%{customdata[1]})"
                      "<br>base employment %{customdata[2]:,.1f}k, change %{customdata[3]:+,.1f}k<extra></extra>",
    ))
    fig.update_yaxes(type="category")
    fig.update_xaxes(title="Projected employment change, %", zeroline=True)
    rows_px = labels_above_bars(fig, [f"{v} projections" for v in shown["vintage"]])
    fig.update_yaxes(tickvals=list(shown["vintage"]))
    return finish(fig, title=title, source=source, height=max(320, rows_px + 150))


def compare_bars(rows: pd.DataFrame, *, measure: str, label: str, title: str, source: str,
                 fmt: str = "{:,.1f}", series: bool = False) -> go.Figure:
    """One horizontal bar per row, first on top, its full name above it; distinct colours for different roles,
    one colour for a series over time."""
    rows = rows.iloc[::-1]
    fig = go.Figure(go.Bar(
        y=rows["title"], x=rows[measure].fillna(0), orientation="h",
        marker_color=HEALTHCARE if series else PALETTE[: len(rows)][::-1],
        text=[fmt.format(v) if pd.notna(v) else "n/a" for v in rows[measure]], textposition="outside",
        cliponaxis=False, hovertemplate="%{y}<br>%{x}<extra></extra>",
    ))
    fig.update_xaxes(title=label, rangemode="tozero")
    rows_px = labels_above_bars(fig, rows["title"], chars=44)
    return finish(fig, title=title, source=source, height=max(300, rows_px + 150))


def trend_bars(rows: pd.DataFrame, *, title: str, source: str) -> go.Figure:
    """Each trend's projected growth; the healthcare and all-occupation benchmarks in their own colours."""
    rows = rows.iloc[::-1]
    bench = rows["trend_id"].str.startswith("_")
    colours = [AVERAGE if t == "_all" else (OTHER if b else HEALTHCARE) for t, b in zip(rows["trend_id"], bench,
                                                                                         strict=True)]
    fig = go.Figure(go.Bar(
        x=rows["change_pct"], y=rows["trend"], orientation="h", marker_color=colours,
        text=[f"{v:+.1f}%" for v in rows["change_pct"]], textposition="outside", cliponaxis=False,
        customdata=rows[["roles", "change_k", "openings_annual_k"]],
        hovertemplate="%{y}: %{x:+.1f}%<br>%{customdata[0]} roles, %{customdata[1]:+,.1f}k jobs"
                      "<br>%{customdata[2]:,.1f}k openings a year<extra></extra>",
    ))
    fig.update_xaxes(title="Projected employment change of the trend's roles combined, %")
    rows_px = labels_above_bars(fig, rows["trend"])
    return finish(fig, title=title, source=source, height=max(360, rows_px + 150))
