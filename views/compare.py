"""Compare: two to five roles side by side, in a table and in charts."""

import streamlit as st

from analysis.growth import detailed, growth_by_role, vintages
from charts.roles import compare_bars
from dashboard import freshness, role_search, state
from dashboard.labels import plain_values, whole_dollars
from dashboard.layout import chart, computed, figure, footer, require, source_for

data = require("projections", "roles")
projections, roles = data["projections"], data["roles"]

st.title("Compare roles")
options = vintages(projections)
vintage = state.vintage(options)
freshness.show(freshness.projections_phrase(vintage))
growth = computed(growth_by_role, "projections", "roles", vintage=vintage)
items = detailed(growth, healthcare_only=False).sort_values("title")
labels = dict(zip(items["soc_code"], items["title"] + " (" + items["soc_code"] + ")", strict=True))
default = [c for c in ("29-1171", "29-1071", "29-1141") if c in labels]
pick = st.columns([2, 3])
query = role_search.finder("Add a role by any job title", vintage=vintage, target="roles", multi=True, where=pick[0])
chosen = state.multi("Roles (2 to 5, official BLS titles)", list(labels), param="roles", default=default, most=5,
                     format_func=labels.get, max_selections=5, where=pick[1])
role_search.matches_note(query, vintage)
if len(chosen) < 2:
    st.info("Choose at least two roles to compare.")
    st.stop()

rows = items.set_index("soc_code").loc[chosen].reset_index()
source = source_for("projections", extra=f"Employment Projections {vintage}, Table 1.2")
best = rows.loc[rows["change_pct"].idxmax()]
st.subheader(f"{best.title} grows fastest of these ({best.change_pct:+.1f}%)")
table = {"soc_code": "SOC", "title": "Occupation", "employment_base_k": "Employment, thousands",
         "change_pct": "Change, %", "growth_category": "Outlook", "openings_annual_k": "Openings a year, thousands",
         "median_wage_usd": "Median wage, $", "education": "Typical entry education",
         "work_experience": "Work experience", "training": "On-the-job training"}
st.dataframe(plain_values(rows[list(table)]).rename(columns=table), hide_index=True,
             column_config={"Median wage, $": whole_dollars()})
for measure, label, fmt, key in (("change_pct", "Projected employment change, %", "{:+.1f}%", "pct"),
                                 ("openings_annual_k", "Openings a year, thousands", "{:,.1f}k", "openings"),
                                 ("median_wage_usd", "Median annual wage, USD", "${:,.0f}", "wage")):
    chart(figure(compare_bars, rows, key=(vintage, *chosen), measure=measure, label=label, fmt=fmt,
                 source=source, title=f"{label.split(',')[0]}: {', '.join(rows['title'].str[:30])} ({vintage})"),
          rows[["soc_code", "title", measure]], key=key)
footer("projections", "roles")
