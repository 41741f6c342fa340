"""Trends from the articles: each trend's roles against healthcare and all occupations; claims checked."""

import streamlit as st

from analysis.growth import growth_by_role, vintages
from analysis.roles import trend_summary, without_code_sentence
from analysis.trends import check_claims, trend_vs_benchmarks
from charts.roles import trend_bars
from dashboard import freshness, state
from dashboard.layout import chart, computed, derived, figure, footer, optional, reference, require, source_for

data = require("projections", "roles")
projections, roles = data["projections"], data["roles"]
trends = reference("trends.csv")
claims = reference("articles/claims.csv")

st.title("Trends you read about, against the data")
options = vintages(projections)
vintage = state.vintage(options)
freshness.show(freshness.projections_phrase(vintage))
growth = computed(growth_by_role, "projections", "roles", vintage=vintage)
crosswalk = optional("soc_crosswalk")  # older releases hold the roles under their SOC 2010 codes
# Once per vintage (and trend list), shared by every session
summary = derived(trend_summary, growth, trends, crosswalk, key=(vintage,))
rows = derived(trend_vs_benchmarks, summary, growth, key=(vintage,))
source = source_for("projections", extra=f"Employment Projections {vintage}; trend sets: data/reference/trends.csv")
leader = summary.iloc[0]
chart(figure(trend_bars, rows, key=(vintage,), source=source,
             title=f"{leader.trend} roles grow fastest ({leader.change_pct:+.1f}%), {vintage}"), rows, key="trends")
if gaps := derived(without_code_sentence, trends, growth, roles.set_index("soc_code")["title"], crosswalk,
                   key=(vintage,)):
    st.caption(gaps)

st.subheader("Claims, checked")
checked = derived(check_claims, claims, growth, key=(vintage,), vintage=vintage, track_record=optional("track_record"))
st.dataframe(checked[["verdict", "claim", "figure"]].rename(columns=str.capitalize), hide_index=True)
st.caption("A claim is supported when the data agrees within 10% (job counts), gives the same BLS phrase, or "
           "ranks the role within the claimed place. Phrases exist only for vintages whose bands are recorded.")

st.subheader("What each trend is made of")
names = dict(zip(trends["trend_id"], trends["trend"], strict=False))
ids = list(names)
pick = state.select("Trend", ids, param="trend", format_func=names.get)
members = trends[trends["trend_id"] == pick].merge(growth, on="soc_code", how="left")
st.dataframe(members[["soc_code", "title", "why", "change_pct", "growth_category", "openings_annual_k",
                      "median_wage_usd"]], hide_index=True)
footer("projections", "roles")
