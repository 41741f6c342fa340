"""Figures of postings over time, remote share over time, and federal postings next to projected growth."""

import pandas as pd
import plotly.graph_objects as go

from charts.theme import HEALTHCARE, PALETTE, finish


def announcements_over_time(long: pd.DataFrame, *, label: str, title: str, source: str,
                            value: str = "announcements") -> go.Figure:
    """One line per role (label column), monthly counts."""
    fig = go.Figure()
    for i, (name, part) in enumerate(long.groupby(label, sort=False)):
        fig.add_trace(go.Scatter(
            x=part["month"], y=part[value], mode="lines+markers", name=str(name),
            line={"color": PALETTE[i % len(PALETTE)], "width": 2}, marker={"size": 5},
            hovertemplate=f"{name}<br>%{{x|%b %Y}}: %{{y:,}}<extra></extra>",
        ))
    fig.update_yaxes(title="Postings opened in the month", rangemode="tozero")
    fig.update_xaxes(title=None)
    return finish(fig, title=title, source=source)


def share_over_time(df: pd.DataFrame, *, title: str, source: str, measure: str) -> go.Figure:
    """The remote share per month as one line; months without postings are gaps, not zeros."""
    fig = go.Figure(go.Scatter(
        x=df["month"], y=df["remote_share"], mode="lines+markers", line={"color": HEALTHCARE, "width": 2},
        customdata=df[["announcements"]] if "announcements" in df else None, name=measure,
        hovertemplate="%{x|%b %Y}: %{y:.1%}<extra></extra>",
    ))
    top = max(0.05, float(df["remote_share"].max() or 0) * 1.2) if df["remote_share"].notna().any() else 0.05
    fig.update_yaxes(title=measure, tickformat=".0%", range=[0, top])
    fig.update_xaxes(title=None)
    return finish(fig, title=title, source=source)


def postings_vs_growth(df: pd.DataFrame, *, title: str, source: str, vintage: str,
                       noun: str = "federal announcements",
                       y_title: str = "Federal announcements in the data (USAJOBS, log scale)") -> go.Figure:
    """Each series (or role) at (projected change of its SOC role, its postings, log scale: one series can
    outnumber the others tenfold); bubble = projected openings. Series without postings are left out."""
    df = df[df["change_pct"].notna() & (df["announcements"] > 0)]
    size = df["openings_annual_k"].fillna(0)
    scale = max(float(size.max()), 1.0) if len(size) else 1.0
    fig = go.Figure()
    # One trace per series, named in the legend: names written beside the bubbles collide where series sit close.
    for i, (_, row) in enumerate(df.iterrows()):
        fig.add_trace(go.Scatter(
            x=[row["change_pct"]], y=[row["announcements"]], mode="markers", name=str(row["series_title"]).title(),
            marker={"size": [10 + 40 * (float(size.loc[row.name]) / scale) ** 0.5], "color": PALETTE[i % 7],
                    "symbol": ["circle", "square", "diamond", "triangle-up", "x"][(i // 7) % 5], "opacity": 0.8,
                    "line": {"width": 1, "color": "white"}},
            customdata=[[row["series_code"], row["projected_title"], row["openings_annual_k"], row["series_title"]]],
            hovertemplate="%{customdata[0]} %{customdata[3]}<br>SOC role: %{customdata[1]}<br>projected change "
                          "%{x:+.1f}%<br>openings a year %{customdata[2]:,.1f}k<br>" + noun + " %{y:,}<extra></extra>",
        ))
    fig.update_layout(showlegend=True)
    fig.update_xaxes(title=f"Projected employment change of the SOC role, {vintage} (%)", ticksuffix="%")
    # Labels at 1, 10, 100 only: a log axis's minor labels (2 ... 9) collide on a short plot.
    fig.update_yaxes(title=y_title, type="log", dtick=1)
    return finish(fig, title=title, source=source, height=520)
