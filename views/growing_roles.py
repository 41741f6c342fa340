"""Growing roles: fastest-growing and most-openings roles of a projections vintage, and the full table."""

import streamlit as st

from analysis.categories import has_bands
from analysis.growth import detailed, growth_by_role, healthcare_vs_all, top_roles, vintages
from charts.growth import MEASURES, group_comparison, ranked_bars
from dashboard import role_search, state
from dashboard.layout import chart, computed, footer, require, source_for

# Load
data = require("projections", "roles")
projections, roles = data["projections"], data["roles"]

# Filter (every widget bound to the URL through dashboard.state)
st.title("Growing roles")
all_vintages = vintages(projections)
c1, c2, c3, c4 = st.columns([1, 1, 2, 1])
vintage = state.vintage(all_vintages, where=c1)
lens_options = {"healthcare": "Healthcare roles", "all": "All occupations"}
lens = state.select("Lens", list(lens_options), param="lens", where=c2, widget="radio", format_func=lens_options.get,
                    horizontal=True)
measure = state.select("Rank by", list(MEASURES), param="by", where=c3, widget="radio",
                       format_func=lambda m: MEASURES[m][0], horizontal=True)
n = state.select("How many", [10, 15, 20, 30], param="n", where=c4)
healthcare_only = lens == "healthcare"

# Compute
growth = computed(growth_by_role, "projections", "roles", vintage=vintage)  # once per vintage, not per rerun
summary = healthcare_vs_all(growth)
top = top_roles(growth, by=measure, n=n, healthcare_only=healthcare_only)
base, target = int(growth["base_year"].iloc[0]), int(growth["target_year"].iloc[0])
source = source_for("projections", extra=f"Employment Projections {vintage}, Table 1.2")

# Render
lens_row = summary.iloc[0]
bls_row = summary.iloc[1]
all_row = summary.iloc[2]
m1, m2, m3, m4 = st.columns(4)
m1.metric(f"Healthcare occupations (SOC 29+31), {base}–{target}", f"{bls_row.change_pct:+.1f}%",
          f"{bls_row.change_pct - all_row.change_pct:+.1f} pts vs all occupations")
m2.metric("All occupations", f"{all_row.change_pct:+.1f}%")
m3.metric("Healthcare jobs added (SOC 29+31)", f"{bls_row.change_k / 1000:,.2f} million")
if vintage.startswith("2014"):
    m4.metric("Annual openings", "not comparable",
              help="The 2014–24 release published decade totals with an older method.")
else:
    m4.metric("Healthcare openings a year (SOC 29+31)", f"{bls_row.openings_annual_k / 1000:,.2f} million")
st.caption(
    f"Healthcare lens (all {int(lens_row.rows)} healthcare roles, incl. counsellors, health managers and "
    f"others outside SOC 29/31): {lens_row.change_pct:+.1f}%, {lens_row.change_k / 1000:,.2f} million jobs added."
)

label = MEASURES[measure][0].split(",")[0].lower()
who = "healthcare roles" if healthcare_only else "occupations"
leader = top.iloc[0] if not top.empty else None
title = f"Top {n} {who} by {label}, {vintage}"
if leader is not None:
    st.subheader(f"{leader.title} leads {who} by {label} ({MEASURES[measure][1].format(leader[measure])})")
fig = ranked_bars(top, measure=measure, title=title, source=source,
                  average=all_row.change_pct if measure == "change_pct" else None)
plotted = top[["soc_code", "title", measure, "growth_category", "is_healthcare"]]
chart(fig, plotted, key="top")

fig2 = group_comparison(summary, title=f"Projected employment change {base}–{target}: healthcare vs all",
                        source=source)
chart(fig2, summary, key="groups")

st.subheader("All occupations" if not healthcare_only else "All healthcare roles")
query = state.text("Search any job title or SOC code", param="q", placeholder=role_search.EXAMPLES)
table = detailed(growth, healthcare_only=healthcare_only)
table, matched = role_search.rank_rows(table, query, vintage)
if matched:
    st.markdown(matched)
columns = {
    "soc_code": "SOC", "title": "Occupation", "employment_base_k": f"Employment {base}, k",
    "employment_target_k": f"Employment {target}, k", "change_k": "Change, k", "change_pct": "Change, %",
    "growth_category": "Outlook", "openings_annual_k": "Openings a year, k",
    "median_wage_usd": "Median wage, $", "education": "Typical entry education",
}
st.dataframe((table if query.strip() else table.sort_values("change_pct", ascending=False))[list(columns)]
             .rename(columns=columns),
             hide_index=True, column_config={"Median wage, $": st.column_config.NumberColumn(format="dollar")})
notes = [f"{len(table)} occupations shown."]
if not has_bands(vintage):
    notes.append(f"BLS's growth-phrase bands for {vintage} are not recorded here, so no outlook phrase is "
                 "given rather than a guess.")
if table["median_wage_usd"].notna().any() and growth["wage_topcoded"].any():
    notes.append("Wages shown at the top-code (e.g. $239,200) mean 'at least this much'.")
st.caption(" ".join(notes))

footer("projections", "roles")
