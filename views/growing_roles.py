"""Growing roles: fastest-growing and most-openings roles of a projections vintage, and the full table."""

import streamlit as st

from analysis.categories import has_bands
from analysis.growth import detailed, growth_by_role, healthcare_vs_all, top_roles, vintages
from charts.growth import MEASURES, group_comparison, ranked_bars
from dashboard import area, state
from dashboard.layout import chart, computed, derived, figure, footer, require, source_for

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
place = area.choose()

# Compute
growth = computed(growth_by_role, "projections", "roles", vintage=vintage)  # once per vintage, not per rerun
summary = derived(healthcare_vs_all, growth, key=(vintage,))
top = derived(top_roles, growth, key=(vintage,), by=measure, n=n, healthcare_only=healthcare_only)
base, target = int(growth["base_year"].iloc[0]), int(growth["target_year"].iloc[0])
source = source_for("projections", extra=f"Employment Projections {vintage}, Table 1.2")

# Render
lens_row = summary.iloc[0]
bls_row = summary.iloc[1]
all_row = summary.iloc[2]
m1, m2, m3, m4 = st.columns(4)
m1.metric(f"Healthcare occupations (SOC 29+31), {base}–{target}", f"{bls_row.change_pct:+.1f}%",
          f"{bls_row.change_pct - all_row.change_pct:+.1f} pts vs all occupations", help=bls_row.basis)
m2.metric("All occupations", f"{all_row.change_pct:+.1f}%")
m3.metric("Healthcare jobs added (SOC 29+31)", f"{bls_row.change_k / 1000:,.2f} million")
if vintage.startswith("2014"):
    m4.metric("Annual openings", "not comparable",
              help="The 2014–24 release published decade totals with an older method.")
else:
    m4.metric("Healthcare openings a year (SOC 29+31)", f"{bls_row.openings_annual_k / 1000:,.2f} million")
area.national_note(place, "These figures and charts")
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
fig = figure(ranked_bars, top, key=(vintage, measure, n, healthcare_only), measure=measure, title=title,
             source=source, average=all_row.change_pct if measure == "change_pct" else None)
plotted = top[["soc_code", "title", measure, "growth_category", "is_healthcare"]]
chart(fig, plotted, key="top")

fig2 = figure(group_comparison, summary, key=(vintage,), source=source,
              title=f"Projected employment change {base}–{target}: healthcare vs all")
chart(fig2, summary, key="groups")

area.state_outlook(place, n=n, key="growing-state")
st.subheader("All occupations" if not healthcare_only else "All healthcare roles")
query = state.text("Search by title or SOC code", param="q")
table = detailed(growth, healthcare_only=False)
if healthcare_only:
    table = table[table["is_healthcare"]]
if query:
    needle = query.strip().lower()
    table = table[table["title"].str.lower().str.contains(needle, regex=False)
                  | table["soc_code"].str.contains(needle, regex=False)]
columns = {
    "soc_code": "SOC", "title": "Occupation", "employment_base_k": f"Employment {base}, k",
    "employment_target_k": f"Employment {target}, k", "change_k": "Change, k", "change_pct": "Change, %",
    "growth_category": "Outlook", "openings_annual_k": "Openings a year, k",
    "median_wage_usd": "Median wage, $", "education": "Typical entry education",
}
st.dataframe(table[list(columns)].rename(columns=columns).sort_values("Change, %", ascending=False),
             hide_index=True, column_config={"Median wage, $": st.column_config.NumberColumn(format="dollar")})
notes = [f"{len(table)} occupations shown."]
if not has_bands(vintage):
    notes.append(f"BLS's growth-phrase bands for {vintage} are not recorded here, so no outlook phrase is "
                 "given rather than a guess.")
if table["median_wage_usd"].notna().any() and growth["wage_topcoded"].any():
    notes.append("Wages shown at the top-code (e.g. $239,200) mean 'at least this much'.")
st.caption(" ".join(notes))

footer("projections", "roles")
