"""Demand now's sections below the posting trends: momentum, snapshots side by side, JOLTS, OEWS history.

Each section is an st.fragment: its own filter reruns only that section (a whole-page rerun costs several
times more), and its analyses and figures are cached by the filter values they depend on.
"""

import pandas as pd
import streamlit as st

from analysis import history, openings, postings
from charts import demand
from contract.domain import ALL_OCCUPATIONS
from dashboard import state
from dashboard.labels import whole_dollars
from dashboard.layout import chart, derived, figure, source_for


@st.fragment
def momentum(index: pd.DataFrame, mapping: pd.DataFrame, projections: pd.DataFrame, *, snapshot: str,
             vintage: str, last: pd.Timestamp) -> None:
    """Each category's posting momentum against the projected growth of the roles mapped to it."""
    moved = derived(postings.momentum, index, key=(), snapshot=snapshot)
    projected = derived(postings.projected_by_category, mapping, projections, key=(), vintage=vintage)
    points = projected.merge(moved, on="category", how="inner")
    total = projections[(projections["vintage"] == vintage) & (projections["soc_code"] == ALL_OCCUPATIONS)]
    axes = {"vs_all": "Postings against all postings (100 = same change since Feb 2020)",
            "yoy_pct": "Postings, % change on a year earlier"}
    x = state.select("Momentum measure", list(axes), param="momentum", widget="radio",
                     format_func=lambda k: axes[k].split(" (")[0], horizontal=True)
    fig = figure(
        demand.momentum_vs_projected, points, key=(snapshot, vintage), x=x, x_title=axes[x],
        average_pct=float(total["change_pct"].iloc[0]) if not total.empty else None,
        title=f"Posting momentum on {last:%d %b %Y} against projected growth {vintage}",
        note=f"Postings: index (not a count), snapshot {snapshot}. Projections: roles mapped to each category. "
             "Bubble area = employment of those roles.",
        source=source_for("postings_index", extra=f"snapshot {snapshot}; BLS Employment Projections "
                          f"{vintage}; category-to-SOC mapping of this project"))
    chart(fig, points[["category", "roles", "employment_base_k", "projected_change_pct", "date", "index",
                       "yoy_pct", "vs_all"]], key="momentum")


@st.fragment
def snapshots(index: pd.DataFrame, *, start) -> None:
    """One series in every Indeed snapshot, each its own line (revisions rewrite history, so never joined)."""
    st.subheader("Newer data, kept as separate snapshots")
    st.caption("Indeed revised its seasonal adjustment in November 2024 and rewrote history, so each download is "
               "its own line; lines are never joined. The data-portal export does not say whether it is "
               "seasonally adjusted; its seasonal swings suggest it is not.")
    pair = state.select("Series", [postings.ALL_POSTINGS, "Medical Technician"], param="pair", widget="radio",
                        horizontal=True)
    both = derived(postings.lines, index, key=(), categories=[pair])
    both = both[(both["seasonal_adjustment"] != "NSA") & (both["date"] >= pd.Timestamp(start))]
    both_plotted = derived(postings.weekly, both, key=(pair, str(start)))[["snapshot", "category",
                                                                          "seasonal_adjustment", "date", "index"]]
    if both_plotted.empty:  # a start after every snapshot's end: say so instead of drawing empty axes
        st.info(f"No {pair} data from {start:%d %b %Y} on in any snapshot. Choose an earlier start date.")
        return
    snaps = ", ".join(sorted(both["snapshot"].unique()))
    fig = figure(
        demand.postings_lines, both_plotted, key=(pair, str(start)), y="index", reference=100,
        y_title="Index, 1 Feb 2020 = 100",
        title=f"{pair}: every snapshot as its own line",
        note=f"{demand.INDEX_NOTE} Snapshots: {snaps}. Weekly points shown.",
        source=source_for("postings_index", extra=f"Job Postings Index, snapshots {snaps}"))
    chart(fig, both_plotted, key="snapshots")


@st.fragment
def job_openings(jolts: pd.DataFrame) -> None:
    """JOLTS: health care openings now, against all, as levels and as a share or rate."""
    st.header("Job openings (JOLTS)")
    table = derived(openings.healthcare_vs_total, jolts, key=())
    now = openings.latest(table)
    j1, j2, j3 = st.columns(3)
    j1.metric(f"Health care and social assistance, {now['date']:%b %Y}", f"{now['healthcare_k']:,.0f}k",
              f"{now['healthcare_yoy_pct']:+.1f}% on a year earlier", delta_color="off")
    j2.metric(f"Total nonfarm, {now['date']:%b %Y}", f"{now['total_k']:,.0f}k",
              f"{now['total_yoy_pct']:+.1f}% on a year earlier", delta_color="off")
    j3.metric("Health care share of openings", f"{now['healthcare_share'] * 100:.1f}%")
    years = [str(y) for y in range(table["date"].dt.year.min(), table["date"].dt.year.max() + 1)]
    since_year = state.select("JOLTS from", years, param="jolts_from", default="2015", widget="select_slider")
    recent = openings.since(table, start=f"{since_year}-01-01")
    jolts_source = source_for("job_openings", extra="JOLTS, " + ", ".join(sorted(jolts["source"].unique())))
    fig = figure(demand.openings_levels, recent, key=(since_year,), source=jolts_source,
                 title=f"Job openings since {since_year}: health care against all")
    chart(fig, recent[["date", "healthcare_k", "total_k"]], key="openings")
    rates = openings.has_rates(jolts)
    fig = figure(demand.openings_share, recent, key=(since_year,), rates=rates, source=jolts_source,
                                title="Job openings rates" if rates
                                else "Health care and social assistance: share of all job openings")
    chart(fig, recent, key="share")
    if not rates:
        st.caption("Openings rates are not in the committed data (the FRED copies hold levels only); a live "
                   "`python -m ingest job_openings` fetches them from the BLS API.")


@st.fragment
def role_history(oews: pd.DataFrame, projections: pd.DataFrame, mapping: pd.DataFrame, *, vintage: str,
                 role_category: str | None) -> None:
    """OEWS employment and pay of a category's roles between two Mays, beside their projected growth."""
    st.header("How each role got here (OEWS)")
    oews_years = [str(y) for y in history.years(oews)]
    h1, h2, h3 = st.columns([1, 1, 2])
    y0 = state.select("From May", oews_years[:-1], param="from", default="2021", where=h1)
    ends = [y for y in oews_years if y > y0]
    y1 = state.select("To May", ends, param="to", default=ends[-1], where=h2)
    category = state.select("Roles of the postings category", list(mapping["category"].unique()),
                            param="category", default=role_category or "Nursing", where=h3)
    between = derived(history.growth_between, oews, key=(), start_year=int(y0), end_year=int(y1))
    grown = derived(history.with_projection, between, projections, key=(y0, y1), vintage=vintage)
    codes = mapping.loc[mapping["category"] == category, "soc_code"]
    picked = grown[grown["soc_code"].isin(codes)].dropna(subset=["employment_annual_rate_pct"])
    fig = figure(
        demand.history_vs_projection, picked, key=(y0, y1, category, vintage),
        title=f"{category} roles: employment growth May {y0}–May {y1} and projected {vintage}",
        history_label=f"OEWS May {y0}–May {y1}", projection_label=f"Projected {vintage}",
        source=source_for("oews", extra=f"OEWS May {y0} and May {y1}; BLS Employment Projections {vintage}"))
    chart(fig, picked, key="history")
    missing = sorted(set(codes) - set(picked["soc_code"]))
    if missing:
        st.caption(f"Not in both OEWS years (codes changed in 2021): {', '.join(missing)}.")
    columns = {"soc_code": "SOC", "title": "Occupation", "employment_start": f"Employment May {y0}",
               "employment_end": f"Employment May {y1}", "employment_change_pct": "Change, %",
               "employment_annual_rate_pct": "Per year, %", "median_wage_annual_usd_start": f"Median wage {y0}, $",
               "median_wage_annual_usd_end": f"Median wage {y1}, $", "projected_change_pct": "Projected change, %",
               "note": "Note"}
    number = st.column_config.NumberColumn
    st.dataframe(picked[list(columns)].rename(columns=columns), hide_index=True, column_config={
        f"Employment May {y0}": number(format="localized"), f"Employment May {y1}": number(format="localized"),
        "Change, %": number(format="%.1f"), "Per year, %": number(format="%.1f"),
        "Projected change, %": number(format="%.1f"),
        f"Median wage {y0}, $": whole_dollars(), f"Median wage {y1}, $": whole_dollars()})
    st.caption("OEWS employment excludes the self-employed, projections include them, so levels differ. Wages BLS "
               "top-coded (at or above $208,000 a year to May 2021, $239,200 from May 2022 to May 2024; no "
               "top-coding from May 2025) or withheld stay blank.")
