"""Postings: federal health announcements by month, their remote share, next to projected growth; yours too."""

import streamlit as st

from aggregation.postings_monthly import run_duckdb
from analysis.federal_postings import (
    by_series_month,
    next_to_projections,
    remote_share_over_time,
    series_options,
    user_role_totals,
)
from charts.federal_postings import announcements_over_time, postings_vs_growth, share_over_time
from dashboard import freshness, state
from dashboard.layout import chart, footer, manifest_entry, optional, require, source_for

# Load
data = require("usajobs_monthly", "usajobs_series_soc", "projections", "roles")
monthly, mapping, projections, roles = (data["usajobs_monthly"], data["usajobs_series_soc"],
                                        data["projections"], data["roles"])
user = optional("user_postings", output_dir="user")  # the user's own file: shown when they ingested one

# Filter
st.title("Postings")
st.caption("Individual job announcements counted by month: federal ones from USAJOBS (the VA is the largest "
           "US healthcare employer) and, if you load them, your own.")
options = series_options(monthly, mapping)
labels = dict(zip(options["series_code"], options["label"], strict=True))
default = [c for c in options["series_code"] if options.set_index("series_code").loc[c, "announcements"] > 0][:4]
c1, c2, c3 = st.columns([3, 1, 1])
picked = state.multi("Occupational series (health)", list(labels), param="series", default=default,
                     format_func=labels.get, where=c1)
count_rules = {"each": "Once per listed series", "first": "First listed series only"}
rule = state.select("A multi-series announcement counts", list(count_rules), param="count", widget="radio",
                    format_func=count_rules.get, where=c2)
vintage = state.vintage(sorted(projections["vintage"].unique(), reverse=True), where=c3)
picked = picked or default
freshness.show(freshness.phrase("USAJOBS announcements", "usajobs_monthly"), freshness.projections_phrase(vintage))

# Compute
long = by_series_month(monthly, series=picked, first_series_only=rule == "first")
long["label"] = long["series_code"].map(labels)
remote = remote_share_over_time(monthly, series=picked)
side = next_to_projections(monthly, mapping, projections, series=list(labels), vintage=vintage)
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
fig = announcements_over_time(long, label="label", title=title, source=source)
chart(fig, long.drop(columns="label"), key="monthly")
st.caption(f"Counting rule: {count_rules[rule].lower()} (an announcement can list up to 12 series). "
           "Announcements are not vacancies: one VA announcement can stay open for a year and fill many posts.")

fig2 = share_over_time(remote, title=f"Share of announcements that are remote, chosen series, {span}",
                       source=source, measure="Remote share of announcements")
chart(fig2, remote, key="remote")
st.caption("Remote = a location of “Anywhere in the U.S. (remote job)”, USAJOBS's own label (not expected to "
           "report to an agency worksite). That label postdates 2016, so the committed sample shows none. "
           "Telework-eligible is not the same as remote and is not available in historic records.")

st.subheader("Federal postings next to the projected growth of the same roles")
fig3 = postings_vs_growth(side, vintage=vintage, source=source + " Projections: BLS Employment Projections.",
                          title=f"Federal announcements vs projected change of the mapped SOC role, {vintage}")
chart(fig3, side, key="growth")
st.caption("Series are joined to SOC 2018 with this project's reviewed mapping "
           "(data/reference/usajobs/series_soc.csv; no official crosswalk exists). 0602 Medical Officer sits at "
           "the Physicians group, 0644 at EP's combined 29-2010.")

st.subheader("Your postings")
if user is None:
    st.info("Load your own postings (CSV, JSON Lines or Parquet) to see the same charts for them: "
            "`python -m ingest user_postings --file postings.csv --option title=<column> --option date=<column> "
            "[--option location=<column>] [--option remote=<column>] [--option description=<column>]`. "
            "They stay on your machine under data/user/.")
else:
    mine = run_duckdb(user, role="soc_code")  # the same aggregation that scales to Spark
    top = user_role_totals(mine, roles)
    mine = mine.merge(top[["role", "title"]], on="role", how="inner")
    mine["label"] = mine["title"].fillna("Unmatched titles")
    u1, u2, u3 = st.columns(3)
    u1.metric("Your postings", f"{len(user):,}")
    u2.metric("Titles matched to a SOC role", f"{(user['match_method'] != 'unmatched').mean():.0%}")
    u3.metric("Remote (rule-based)", f"{(user['work_mode'] == 'remote').mean():.1%}")
    fig4 = announcements_over_time(mine.rename(columns={"postings": "announcements"}), label="label",
                                   title="Your postings by month, top roles", source="Source: your file; "
                                   "titles matched to SOC with O*NET 29.3 alternate titles (CC BY 4.0).")
    chart(fig4, mine.drop(columns="label"), key="user-monthly")
    overall = mine.groupby("month", as_index=False).agg(announcements=("postings", "sum"),
                                                        remote_postings=("remote_postings", "sum"))
    overall["remote_share"] = overall["remote_postings"] / overall["announcements"]
    fig5 = share_over_time(overall, title="Your postings: remote share by month", source="Source: your file.",
                           measure="Remote share of postings")
    chart(fig5, overall, key="user-remote")
    with st.expander("Unmatched and low-confidence titles"):
        low = user[(user["match_method"] == "unmatched") | (user["match_confidence"] < 0.5)]
        st.dataframe(low[["title", "soc_code", "matched_title", "match_method", "match_confidence"]]
                     .drop_duplicates("title"), hide_index=True)

footer("usajobs_postings", "usajobs_monthly", "opm_series", "usajobs_series_soc", "projections")
