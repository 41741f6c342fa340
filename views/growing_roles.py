"""Growing roles: fastest-growing and most-openings roles of a projections vintage, and the full table."""

import streamlit as st

from analysis.categories import has_bands
from analysis.growth import detailed, top_roles, vintages
from charts.growth import MEASURES, group_comparison, ranked_bars
from dashboard import area, definition, freshness, role_search, state
from dashboard.labels import plain_values, whole_dollars
from dashboard.layout import chart, derived, figure, footer, require, source_for

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
hc_def = definition.choose()
freshness.show(freshness.projections_phrase(vintage))

# Compute (each analysis once per distinct choice, shared across sessions)
chosen = (vintage, hc_def.key, hc_def.leave_out)
growth = definition.growth(vintage, hc_def)
summary = definition.summary(growth, vintage, hc_def)
top = derived(top_roles, growth, key=chosen, by=measure, n=n, healthcare_only=healthcare_only)
base, target = int(growth["base_year"].iloc[0]), int(growth["target_year"].iloc[0])
source = source_for("projections", extra=f"Employment Projections {vintage}, Table 1.2")

# Render
hc_row, all_row = summary.iloc[0], summary.iloc[1]
m1, m2, m3, m4 = st.columns(4)
m1.metric(f"{hc_def.heading}, {base}–{target}", f"{hc_row.change_pct:+.1f}%",
          f"{hc_row.change_pct - all_row.change_pct:+.1f} pts vs all occupations", help=hc_row.basis)
m2.metric("All occupations", f"{all_row.change_pct:+.1f}%")
m3.metric(f"Jobs added, {hc_def.short}", f"{hc_row.change_k / 1000:,.2f} million")
if vintage.startswith("2014"):
    m4.metric("Annual openings", "not comparable",
              help="The 2014–24 release published decade totals with an older method.")
else:
    m4.metric(f"Openings a year, {hc_def.short}", f"{hc_row.openings_annual_k / 1000:,.2f} million")
area.national_note(place, "These figures and charts")
st.caption(f"Healthcare means {hc_def.name}: {int(hc_row.rows)} detailed roles (change it in the sidebar). "
           f"BLS projections vintage {vintage}.")

label = MEASURES[measure][0].split(",")[0].lower()
who = hc_def.short.replace("healthcare", "healthcare roles", 1) if healthcare_only else "occupations"
leader = top.iloc[0] if not top.empty else None
title = f"Top {n} {who} by {label}, {vintage}"
if leader is not None:
    st.subheader(f"{leader.title} leads {who} by {label} ({MEASURES[measure][1].format(leader[measure])})")
fig = figure(ranked_bars, top, key=(vintage, measure, n, healthcare_only), measure=measure, title=title,
             source=source, average=all_row.change_pct if measure == "change_pct" else None)
plotted = top[["soc_code", "title", measure, "growth_category", "is_healthcare"]]
chart(fig, plotted, key="top")

fig2 = figure(group_comparison, summary, key=chosen, source=source,
              title=f"Projected employment change {base}–{target} ({vintage}): healthcare vs all")
chart(fig2, summary, key="groups")

area.state_outlook(place, n=n, key="growing-state")
st.subheader("All occupations" if not healthcare_only else "All healthcare roles")
query = state.text("Search any job title or SOC code", param="q", placeholder=role_search.EXAMPLES)
table = detailed(growth, healthcare_only=healthcare_only)
table, matched = role_search.rank_rows(table, query, vintage)
if matched:
    st.markdown(matched)
columns = {
    "soc_code": "SOC", "title": "Occupation", "employment_base_k": f"Employment {base}, thousands",
    "employment_target_k": f"Employment {target}, thousands", "change_k": "Change, thousands",
    "change_pct": "Change, %",
    "growth_category": "Outlook", "openings_annual_k": "Openings a year, thousands",
    "median_wage_usd": "Median wage, $", "education": "Typical entry education",
}
st.dataframe(plain_values((table if query.strip() else table.sort_values("change_pct", ascending=False))
                                 [list(columns)]).rename(columns=columns),
             hide_index=True, column_config={"Median wage, $": whole_dollars()})
notes = [f"{len(table)} occupations shown."]
if not has_bands(vintage):
    notes.append(f"BLS's growth-phrase bands for {vintage} are not recorded here, so no outlook phrase is "
                 "given rather than a guess.")
if table["median_wage_usd"].notna().any() and growth["wage_topcoded"].any():
    notes.append("Wages shown at the top-code (e.g. $239,200) mean 'at least this much'.")
st.caption(" ".join(notes))

footer("projections", "roles")
