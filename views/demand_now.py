"""Demand now: Indeed postings by category, JOLTS job openings, and OEWS history by role beside projections."""

from datetime import timedelta

import pandas as pd
import streamlit as st

from analysis import history, openings, postings
from analysis.growth import vintages
from charts import demand
from dashboard import freshness, state
from dashboard.labels import whole_dollars
from dashboard.layout import chart, footer, require, source_for

# Load
data = require("postings_index", "postings_index_portal", "job_openings", "oews", "projections",
               "indeed_category_soc")
index = pd.concat([data["postings_index"], data["postings_index_portal"]], ignore_index=True)
jolts, oews, projections, mapping = (data["job_openings"], data["oews"], data["projections"],
                                     data["indeed_category_soc"])

st.title("Demand now")
st.caption("Projections say where jobs will be in ten years. Here: how many jobs are advertised and open now, "
           "and how each role's employment and pay got here.")
# Lead with the freshest number, and say how old every series on the page is (from the data, not a note).
aggregate = index[(index["category"] == postings.ALL_POSTINGS) & (index["seasonal_adjustment"] == "SA")]
newest = aggregate.sort_values(["date", "snapshot"]).iloc[-1]
st.metric(f"All US job postings (Indeed), {newest['date']:%d %b %Y}", f"{newest['index']:.1f}",
          help="Index, 1 February 2020 = 100, seasonally adjusted: postings relative to before the pandemic.")
freshness.show(freshness.phrase("Indeed all postings", "postings_index", contains="All postings · SA"),
               freshness.phrase("Indeed categories", "postings_index", contains="· SA", excluding="All postings"),
               freshness.phrase("Indeed Medical Technician (data portal)", "postings_index_portal"),
               freshness.phrase("JOLTS job openings", "job_openings"), freshness.phrase("OEWS", "oews"))

# Filter: posting trends
st.header("Job postings by category (Indeed)")
with_categories = sorted(s for s in index["snapshot"].unique() if len(postings.categories(index, snapshot=s)) > 1)
snapshot = with_categories[-1]
labels = postings.categories(index, snapshot=snapshot)
mapped = [c for c in mapping["category"].unique() if c in labels]
# ?soc=29-1141 (as on the role profile) opens the page on that role's category.
role_category = postings.category_of(mapping, state.param("soc"))
c1, c2, c3 = st.columns([3, 2, 1])
cats = state.multi("Categories", labels, param="cats", sep="|", where=c1,
                   default=[role_category] if role_category in labels else mapped,
                   help="Labels as Indeed's file names them.")
views = {"index": "Index as published", "rebased": "Rebased to a start date", "vs_all": "Against all postings",
         "yoy": "Change on a year earlier"}
view = state.select("Show", list(views), param="view", widget="radio", format_func=views.get, where=c2)
smoothing = {"0": "None", "7": "7 days", "28": "28 days"}
days = state.select("Extra smoothing", list(smoothing), param="smooth", widget="radio", format_func=smoothing.get,
                    where=c3)
# The picker offers only days with category data: the category series end long before "All postings".
in_snapshot = index[index["snapshot"] == snapshot]
first_day, last_day = in_snapshot["date"].min().date(), in_snapshot["date"].max().date()
st.caption(f"Indeed's category series end {last_day:%d %b %Y} ({freshness.age(in_snapshot['date'].max())}); only "
           f"All postings continues, to {newest['date']:%d %b %Y} (see “Newer data” below).")
start = state.day("From", param="start", low=first_day, high=last_day - timedelta(days=28),  # a month to draw
                  default=pd.Timestamp("2023-01-01" if view == "rebased" else "2020-02-01").date())

# Compute: posting trends
rows = postings.lines(index, snapshot=snapshot, categories=[*cats, postings.ALL_POSTINGS], adjustment="SA")
column = "index"
if days != "0":
    rows, column = postings.smooth(rows, days=int(days)), "smoothed"
if view == "rebased":
    shown, y, y_title = postings.rebase(rows, start=start, column=column), "rebased", f"Index, {start} = 100"
elif view == "vs_all":
    shown, y, y_title = postings.vs_all(rows, rows, column=column), "vs_all", "Category index / all postings x 100"
elif view == "yoy":
    shown, y, y_title = postings.yoy(rows, column=column), "yoy_pct", "% change on a year earlier"
else:
    shown, y, y_title = rows, column, "Index, 1 Feb 2020 = 100"
shown = shown[shown["date"] >= pd.Timestamp(start)].dropna(subset=[y])
plotted = postings.weekly(shown)[["snapshot", "category", "seasonal_adjustment", "date", y]]
last = rows["date"].max()
posting_source = source_for("postings_index", extra=f"Job Postings Index, snapshot {snapshot}")
note = (f"{demand.INDEX_NOTE} Snapshot {snapshot}, data to {last:%d %b %Y}, Indeed's seasonal adjustment "
        "before its Nov 2024 revision. Weekly points shown.")

# Render: posting trends
if cats and shown["date"].nunique() < 2:  # no line to draw: say so instead of drawing empty axes
    st.info(f"Too little category data from {start:%d %b %Y}: the series end {last:%d %b %Y}. Choose an earlier start.")
elif cats:
    fig = demand.postings_lines(plotted, y=y, y_title=y_title, note=note, source=posting_source,
                                title=f"Job postings by category: {views[view].lower()}",
                                reference={"rebased": 100, "vs_all": 100, "yoy": 0}.get(view))
    chart(fig, plotted, key="postings")
else:
    st.info("Choose at least one category.")

# Compute and render: momentum against projected growth
latest_vintage = vintages(projections)[0]
momentum = postings.momentum(index, snapshot=snapshot)
projected = postings.projected_by_category(mapping, projections, vintage=latest_vintage)
points = projected.merge(momentum, on="category", how="inner")
total = projections[(projections["vintage"] == latest_vintage) & (projections["soc_code"] == "00-0000")]
axes = {"vs_all": "Postings against all postings (100 = same change since Feb 2020)",
        "yoy_pct": "Postings, % change on a year earlier"}
x = state.select("Momentum measure", list(axes), param="momentum", widget="radio",
                 format_func=lambda k: axes[k].split(" (")[0], horizontal=True)
fig = demand.momentum_vs_projected(
    points, x=x, x_title=axes[x], average_pct=float(total["change_pct"].iloc[0]) if not total.empty else None,
    title=f"Posting momentum on {last:%d %b %Y} against projected growth {latest_vintage}",
    note=f"Postings: index (not a count), snapshot {snapshot}. Projections: roles mapped to each category. "
         "Bubble area = employment of those roles.",
    source=source_for("postings_index", extra=f"snapshot {snapshot}; BLS Employment Projections "
                      f"{latest_vintage}; category-to-SOC mapping of this project"))
chart(fig, points[["category", "roles", "employment_base_k", "projected_change_pct", "date", "index",
                   "yoy_pct", "vs_all"]], key="momentum")

# Compute and render: snapshots side by side
st.subheader("Newer data, kept as separate snapshots")
st.caption("Indeed revised its seasonal adjustment in November 2024 and rewrote history, so each download is "
           "its own line; lines are never joined. The data-portal export does not say whether it is "
           "seasonally adjusted; its seasonal swings suggest it is not.")
pair = state.select("Series", [postings.ALL_POSTINGS, "Medical Technician"], param="pair", widget="radio",
                    horizontal=True)
both = postings.lines(index, categories=[pair])
both = both[(both["seasonal_adjustment"] != "NSA") & (both["date"] >= pd.Timestamp(start))]
both_plotted = postings.weekly(both)[["snapshot", "category", "seasonal_adjustment", "date", "index"]]
snaps = ", ".join(sorted(both["snapshot"].unique()))
fig = demand.postings_lines(
    both_plotted, y="index", y_title="Index, 1 Feb 2020 = 100", reference=100,
    title=f"{pair}: every snapshot as its own line",
    note=f"{demand.INDEX_NOTE} Snapshots: {snaps}. Weekly points shown.",
    source=source_for("postings_index", extra=f"Job Postings Index, snapshots {snaps}"))
chart(fig, both_plotted, key="snapshots")

# Compute and render: JOLTS
st.header("Job openings (JOLTS)")
table = openings.healthcare_vs_total(jolts)
now = openings.latest(table)
j1, j2, j3 = st.columns(3)
j1.metric(f"Health care and social assistance, {now['date']:%b %Y}", f"{now['healthcare_k']:,.0f}k",
          f"{now['healthcare_yoy_pct']:+.1f}% on a year earlier", delta_color="off")
j2.metric(f"Total nonfarm, {now['date']:%b %Y}", f"{now['total_k']:,.0f}k",
          f"{now['total_yoy_pct']:+.1f}% on a year earlier", delta_color="off")
j3.metric("Health care share of openings", f"{now['healthcare_share'] * 100:.1f}%")
years_jolts = list(range(table["date"].dt.year.min(), table["date"].dt.year.max() + 1))
options = [str(y) for y in years_jolts]
since_year = state.select("JOLTS from", options, param="jolts_from", default="2015", widget="select_slider")
recent = openings.since(table, start=f"{since_year}-01-01")
jolts_source = source_for("job_openings", extra="JOLTS, " + ", ".join(sorted(jolts["source"].unique())))
fig = demand.openings_levels(recent, title=f"Job openings since {since_year}: health care against all",
                             source=jolts_source)
chart(fig, recent[["date", "healthcare_k", "total_k"]], key="openings")
rates = openings.has_rates(jolts)
fig = demand.openings_share(recent, rates=rates, source=jolts_source,
                            title="Job openings rates" if rates
                            else "Health care and social assistance: share of all job openings")
chart(fig, recent, key="share")
if not rates:
    st.caption("Openings rates are not in the committed data (the FRED copies hold levels only); a live "
               "`python -m ingest job_openings` fetches them from the BLS API.")

# Filter, compute and render: OEWS history by role
st.header("How each role got here (OEWS)")
oews_years = [str(y) for y in history.years(oews)]
h1, h2, h3 = st.columns([1, 1, 2])
y0 = state.select("From May", oews_years[:-1], param="from", default="2021", where=h1)
ends = [y for y in oews_years if y > y0]
y1 = state.select("To May", ends, param="to", default=ends[-1], where=h2)
category = state.select("Roles of the postings category", list(mapping["category"].unique()), param="category",
                        default=role_category or "Nursing", where=h3)
grown = history.with_projection(history.growth_between(oews, start_year=int(y0), end_year=int(y1)),
                                projections, vintage=latest_vintage)
codes = mapping.loc[mapping["category"] == category, "soc_code"]
picked = grown[grown["soc_code"].isin(codes)].dropna(subset=["employment_annual_rate_pct"])
fig = demand.history_vs_projection(
    picked, title=f"{category} roles: employment growth May {y0}–May {y1} and projected {latest_vintage}",
    history_label=f"OEWS May {y0}–May {y1}", projection_label=f"Projected {latest_vintage}",
    source=source_for("oews", extra=f"OEWS May {y0} and May {y1}; BLS Employment Projections {latest_vintage}"))
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
           "top-coded (at or above $208,000 a year to May 2021, $239,200 from May 2022 to May 2024; no top-coding "
           "from May 2025) or withheld stay blank.")

footer("postings_index", "postings_index_portal", "indeed_category_soc", "job_openings", "oews", "projections")
