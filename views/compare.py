"""Compare: two to five roles side by side, in a table and in charts."""

import streamlit as st

from analysis.growth import growth_by_role, vintages
from analysis.roles import by_title
from charts.roles import compare_bars
from dashboard import freshness, role_search, state
from dashboard.export import csv_bytes, provenance_lines
from dashboard.labels import plain_values, role_labels
from dashboard.layout import chart, computed, derived, figure, footer, require, source_for

data = require("projections", "roles")
projections, roles = data["projections"], data["roles"]

st.title("Compare roles")
options = vintages(projections)
vintage = state.vintage(options)
freshness.show(freshness.projections_phrase(vintage))
growth = computed(growth_by_role, "projections", "roles", vintage=vintage)
items = derived(by_title, growth, key=(vintage,))
labels = derived(role_labels, items, key=(vintage,))
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
wage_year = int(rows["wage_year"].dropna().iloc[0]) if rows["wage_year"].notna().any() else None
best = rows.loc[rows["change_pct"].idxmax()]
st.subheader(f"{best.title} grows fastest of these ({best.change_pct:+.1f}%)")

# One table with everything a comparison needs; on screen in two parts so that neither scrolls sideways.
wage = f"Median wage, May {wage_year} ($)" if wage_year else "Median wage ($)"
numbers = {"title": "Occupation", "change_pct": f"Change {vintage}, %", "openings_annual_k": "Openings a year, k",
           "median_wage_usd": wage}
entry = {"title": "Occupation", "education": "Entry education", "work_experience": "Work experience",
         "training": "On-the-job training"}
shown = rows[list(numbers)].rename(columns=numbers)
shown[wage] = [f"${v:,.0f}" if v == v else "n/a" for v in rows["median_wage_usd"]]  # whole dollars
st.dataframe(shown, hide_index=True)
st.markdown("**What it takes to enter** (BLS education and training categories)")
st.dataframe(plain_values(rows[list(entry)]).rename(columns=entry).fillna("n/a"), hide_index=True)
machine = ["soc_code", "title", "change_pct", "change_k", "openings_annual_k", "median_wage_usd", "wage_year",
           "education", "work_experience", "training"]
codes = "-".join(rows["soc_code"])
st.download_button("Download the comparison table (CSV)", icon=":material/table:", key="compare-table",
                   data=lambda: csv_bytes(rows[machine], provenance=provenance_lines(
                       title=f"Compare roles, {vintage}: {', '.join(rows['title'])}", source=source)),
                   file_name=f"compare-{codes}.csv", mime="text/csv", on_click="ignore")

names = ", ".join(rows["title"])
for measure, label, fmt, key, when in (
        ("change_pct", "Projected employment change, %", "{:+.1f}%", "pct", vintage),
        ("openings_annual_k", "Openings a year, thousands (average)", "{:,.1f}k", "openings", vintage),
        ("median_wage_usd", "Median annual wage, USD", "${:,.0f}", "wage", f"May {wage_year}" if wage_year else "")):
    # Whole names in titles and files: a role cut at 30 characters is not the role.
    chart(figure(compare_bars, rows, key=(vintage, *chosen), measure=measure, label=label, fmt=fmt,
                 source=source, title=f"{label.split(',')[0]}, {when}: {names}"),
          rows[["soc_code", "title", measure]], key=key, file_name=f"compare-{key}-{codes}")
footer("projections", "roles")
