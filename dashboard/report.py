"""The report figures (no Streamlit): what `python -m dashboard export` renders for a vintage."""

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analysis.growth import growth_by_role, healthcare_vs_all, top_roles
from charts.growth import group_comparison, ranked_bars
from charts.theme import source_line


@dataclass
class Exported:
    name: str
    figure: go.Figure
    data: pd.DataFrame


def report_figures(projections: pd.DataFrame, roles: pd.DataFrame, *, manifest_entry: dict,
                   vintage: str, n: int = 10) -> list[Exported]:
    growth = growth_by_role(projections, roles, vintage=vintage)
    summary = healthcare_vs_all(growth)
    average = float(summary.loc[summary["group"] == "All occupations", "change_pct"].iloc[0])
    source = source_line(manifest_entry, extra=f"Employment Projections {vintage}, Table 1.2")
    fastest = top_roles(growth, by="change_pct", n=n)
    most = top_roles(growth, by="openings_annual_k", n=n)
    return [
        Exported("fastest-growing-healthcare-roles", ranked_bars(
            fastest, measure="change_pct", source=source, average=average,
            title=f"Fastest-growing healthcare roles, {vintage}"),
            fastest[["soc_code", "title", "change_pct", "growth_category"]]),
        Exported("most-openings-healthcare-roles", ranked_bars(
            most, measure="openings_annual_k", source=source,
            title=f"Healthcare roles with the most openings a year, {vintage}"),
            most[["soc_code", "title", "openings_annual_k"]]),
        Exported("healthcare-vs-all-occupations", group_comparison(
            summary, source=source, title=f"Projected employment change, healthcare vs all, {vintage}"), summary),
    ]
