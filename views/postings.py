"""Postings: federal health announcements by month, their remote share, next to projected growth; yours too."""

import streamlit as st

from analysis.federal_postings import (
    by_series_month,
    next_to_projections,
    remote_share_over_time,
    series_options,
)
from charts.federal_postings import announcements_over_time, postings_vs_growth, share_over_time
from dashboard import freshness, state, upload_view
from dashboard.layout import chart, computed, figure, footer, manifest_entry, optional, require, source_for

# Load
data = require("usajobs_monthly", "usajobs_series_soc", "projections", "roles")
projections, roles = data["projections"], data["roles"]
user = optional("user_postings", output_dir="user")  # ingested on the server from the command line

# Filter
st.title("Postings")
st.caption("Individual job announcements counted by month: federal ones from USAJOBS (the VA is the largest "
           "US healthcare employer) and, if you upload them, your own (kept private to your session).")
options = computed(series_options, "usajobs_monthly", "usajobs_series_soc")
labels = dict(zip(options["series_code"], options["label"], strict=True))
default = options.loc[options["announcements"] > 0, "series_code"].head(4).tolist()
c1, c2, c3 = st.columns([3, 1, 1])
picked = state.multi("Occupational series (health)", list(labels), param="series", default=default,
                     format_func=labels.get, where=c1)
count_rules = {"each": "Once per listed series", "first": "First listed series only"}
rule = state.select("A multi-series announcement counts", list(count_rules), param="count", widget="radio",
                    format_func=count_rules.get, where=c2)
vintage = state.vintage(sorted(projections["vintage"].unique(), reverse=True), where=c3)
picked = picked or default
freshness.show(freshness.phrase("USAJOBS announcements", "usajobs_monthly"), freshness.projections_phrase(vintage))

# Compute (once per choice of series, rule and vintage; shared by every session)
chosen = (tuple(picked), rule)
long = computed(by_series_month, "usajobs_monthly", series=chosen[0], first_series_only=rule == "first")
long["label"] = long["series_code"].map(labels)
remote = computed(remote_share_over_time, "usajobs_monthly", series=chosen[0])
side = computed(next_to_projections, "usajobs_monthly", "usajobs_series_soc", "projections", series=tuple(labels),
                vintage=vintage)
coverage = manifest_entry("usajobs_postings").get("coverage", {})
span = f"{long['month'].min():%b %Y}–{long['month'].max():%b %Y}" if not long.empty else "no months"
source = source_for("usajobs_postings", extra="USAJOBS Historic JOA announcements by month of open date")

# Render
sample = str(coverage.get("open_date_max", "")).startswith("2016")
if sample:
    st.warning("The committed USAJOBS data is a **real but biased sample**: the 3,879 announcements opened in "
               "2016 that were still in the API's store later (long-running ones only), collected by a third "
               "party. It shows the method, not the federal trend. Run `python -m ingest usajobs_postings` "
               "(no key needed) to pull 2017 onwards for the health series.")
m1, m2, m3 = st.columns(3)
m1.metric(f"Announcements in the chosen series, {span}", f"{int(long['announcements'].sum()):,}")
m2.metric("Remote announcements (“Anywhere in the U.S.”)", f"{int(remote['remote_announcements'].sum()):,}")
tele = coverage.get("telework_eligible_values", {})
m3.metric("Records with teleworkEligible = Y", f"{int(tele.get('Y', 0)):,} of {sum(tele.values()):,}",
          help="The Historic JOA field is not populated ('N' in every record examined), so it is not charted.")

title = f"Federal announcements by month of open date, {span}"
fig = figure(announcements_over_time, long, key=chosen, label="label", title=title, source=source)
chart(fig, long.drop(columns="label"), key="monthly")
st.caption(f"Counting rule: {count_rules[rule].lower()} (an announcement can list up to 12 series). "
           "Announcements are not vacancies: one VA announcement can stay open for a year and fill many posts.")

fig2 = figure(share_over_time, remote, key=chosen, title=f"Share of announcements that are remote, chosen series, "
              f"{span}", source=source, measure="Remote share of announcements")
chart(fig2, remote, key="remote")
st.caption("Remote = a location of “Anywhere in the U.S. (remote job)”, USAJOBS's own label (not expected to "
           "report to an agency worksite). That label postdates 2016, so the committed sample shows none. "
           "Telework-eligible is not the same as remote and is not available in historic records.")

st.subheader("Federal postings next to the projected growth of the same roles")
fig3 = figure(postings_vs_growth, side, key=(vintage,), vintage=vintage,
              source=source + " Projections: BLS Employment Projections.",
              title=f"Federal announcements vs projected change of the mapped SOC role, {vintage}")
chart(fig3, side, key="growth")
st.caption("Series are joined to SOC 2018 with this project's reviewed mapping "
           "(data/reference/usajobs/series_soc.csv; no official crosswalk exists). 0602 Medical Officer sits at "
           "the Physicians group, 0644 at EP's combined 29-2010.")

upload_view.section(shared=user, roles=roles, projections=projections, vintage=vintage)  # private upload

footer("usajobs_postings", "usajobs_monthly", "opm_series", "usajobs_series_soc", "projections")
