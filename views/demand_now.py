"""Demand now: Indeed postings by category, JOLTS job openings, and OEWS history by role beside projections."""

from datetime import timedelta

import pandas as pd
import streamlit as st

from analysis import postings
from analysis.growth import vintages
from charts import demand
from dashboard import demand_sections as sections
from dashboard import freshness, state
from dashboard.layout import chart, computed, derived, figure, footer, require, source_for

# Load
data = require("postings_index", "postings_index_portal", "job_openings", "oews", "projections",
               "indeed_category_soc")
index = computed(postings.combined, "postings_index", "postings_index_portal")
jolts, oews, projections, mapping = (data["job_openings"], data["oews"], data["projections"],
                                     data["indeed_category_soc"])

st.title("Demand now")
st.caption("Projections say where jobs will be in ten years. Here: how many jobs are advertised and open now, "
           "and how each role's employment and pay got here.")
# Lead with the freshest number, and say how old every series on the page is (from the data, not a note).
newest = derived(postings.newest_all_postings, index, key=())
st.metric(f"All US job postings (Indeed), {newest['date']:%d %b %Y}", f"{newest['index']:.1f}",
          help="Index, 1 February 2020 = 100, seasonally adjusted: postings relative to before the pandemic.")
freshness.show(freshness.phrase("Indeed all postings", "postings_index", contains="All postings · SA"),
               freshness.phrase("Indeed categories", "postings_index", contains="· SA", excluding="All postings"),
               freshness.phrase("Indeed Medical Technician (data portal)", "postings_index_portal"),
               freshness.phrase("JOLTS job openings", "job_openings"), freshness.phrase("OEWS", "oews"))

# Filter: posting trends
st.header("Job postings by category (Indeed)")
snapshot = derived(postings.snapshots_with_categories, index, key=())[-1]
labels = derived(postings.categories, index, key=(), snapshot=snapshot)
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
rows = derived(postings.lines, index, key=(), snapshot=snapshot, adjustment="SA",
               categories=[*cats, postings.ALL_POSTINGS])
# The picker offers only dates this snapshot has data for (its categories end long before "All postings").
first_day, last_day = rows["date"].min().date(), rows["date"].max().date()
st.caption(f"Indeed's category series end {last_day:%d %b %Y} ({freshness.age(rows['date'].max())}); only "
           f"All postings continues, to {newest['date']:%d %b %Y} (see “Newer data” below).")
start = state.day("From", param="start", low=first_day, high=last_day - timedelta(days=28),  # a month to draw
                  default=pd.Timestamp("2023-01-01" if view == "rebased" else "2020-02-01").date())

# Compute: posting trends
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
if cats and plotted["date"].nunique() < 2:  # no line to draw: say so instead of drawing empty axes
    st.info(f"No data from {start:%d %b %Y} on: snapshot {snapshot} ends on {last:%d %b %Y}. "
            "Choose an earlier start date.")
elif cats:
    fig = figure(demand.postings_lines, plotted, key=(snapshot, *cats, view, days, str(start)), y=y,
                 y_title=y_title, note=note, source=posting_source,
                 title=f"Job postings by category: {views[view].lower()}",
                 reference={"rebased": 100, "vs_all": 100, "yoy": 0}.get(view))
    chart(fig, plotted, key="postings")
else:
    st.info("Choose at least one category.")

# Momentum, every snapshot, job openings and each role's history: named sections
latest_vintage = vintages(projections)[0]
sections.momentum(index, mapping, projections, snapshot=snapshot, vintage=latest_vintage, last=last)
sections.snapshots(index, start=start)
sections.job_openings(jolts)
sections.role_history(oews, projections, mapping, vintage=latest_vintage, role_category=role_category)

footer("postings_index", "postings_index_portal", "indeed_category_soc", "job_openings", "oews", "projections")
