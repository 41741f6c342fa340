"""Role explorer: every occupation, filtered by group, outlook, education, wage and remote share."""

import streamlit as st

from analysis.growth import detailed, vintages
from analysis.roles import EDUCATION_ORDER, filter_roles
from charts.growth import growth_vs_wage
from dashboard import definition, freshness, role_search, state
from dashboard.labels import plain_values, whole_dollars
from dashboard.layout import chart, figure, footer, optional, require, source_for

data = require("projections", "roles")
projections, roles = data["projections"], data["roles"]
telework = optional("telework")

st.title("Role explorer")
options = vintages(projections)
top = st.columns([1, 1, 3])
vintage = state.vintage(options, where=top[0])
hc_def = definition.choose()
freshness.show(freshness.projections_phrase(vintage))
healthcare_only = state.toggle("Healthcare roles only", param="hc", default=True, where=top[1],
                               help=f"On: {hc_def.name} (sidebar). Off: all ~830 occupations.")
query = state.text("Search any job title or SOC code", param="q", where=top[2], placeholder=role_search.EXAMPLES)

growth = definition.growth(vintage, hc_def)
if telework is not None:
    growth = growth.merge(telework[["soc_code", "teleworkable_share"]], on="soc_code", how="left")

items = detailed(growth, healthcare_only=False)
majors = items.drop_duplicates("major_code").set_index("major_code")["major_title"].dropna().sort_index()
cats = sorted(items["growth_category"].dropna().unique())
edus = [e for e in EDUCATION_ORDER if e in set(items["education"].dropna().unique())]
wage_max = int(items["median_wage_usd"].max() // 10_000 + 1) * 10_000

with st.expander("Filters", expanded=True):
    f = st.columns(4)
    groups = state.multi("SOC major group", list(majors.index), param="groups",
                         format_func=lambda c: f"{c} {majors[c]}", where=f[0])
    chosen_cats = state.multi("Outlook", cats, param="cats", where=f[1])
    chosen_edu = state.multi("Typical entry education", edus, param="edu", where=f[2])
    wages = state.number_range("Median wage, $", param="wages", low=0, high=wage_max, step=5_000, where=f[3])
    remote = None
    if telework is not None:
        remote = state.number("Teleworkable share at least (Dingel & Neiman)", param="remote", low=0.0, high=1.0,
                              default=0.0, step=0.05)

rows = filter_roles(growth, healthcare_only=healthcare_only, major_codes=groups or None,
                    categories=chosen_cats or None, education=chosen_edu or None,
                    wage_range=None if wages == (0, wage_max) else wages,
                    min_remote_share=remote or None)
rows, matched = role_search.rank_rows(rows, query, vintage)
source = source_for("projections", extra=f"Employment Projections {vintage}, Table 1.2")
if matched:  # a search: say what matched first, then open it in one click
    st.subheader(matched)
    if len(rows):
        st.page_link("views/profile.py", label=f"Open the profile of {rows.iloc[0].title} ({rows.iloc[0].soc_code})",
                     icon="➡️", query_params={"soc": rows.iloc[0].soc_code})
else:
    st.subheader(f"{len(rows)} roles match" + (f"; {rows.nlargest(1, 'change_pct').iloc[0].title} grows fastest"
                                               if len(rows) else ""))
if rows.empty:
    st.info("No role matches every filter: widen the wage range or clear a filter.")
else:
    cols = ["soc_code", "title", "change_pct", "median_wage_usd", "openings_annual_k", "is_healthcare"]
    # Keyed by the vintage; the filtered rows' fingerprint stands for every filter (shared by every session).
    event = chart(figure(growth_vs_wage, rows, key=(vintage,), source=source,
                         title=f"Projected growth against median wage, {vintage} (bubble = openings a year)"),
                  rows[cols], key="scatter", selectable=True)
    picked = [p.get("customdata", [None, None])[1] for p in (event.selection.points if event else [])]
    if picked and picked[0]:
        st.switch_page("views/profile.py", query_params={"soc": picked[0]})
    st.caption("Click a bubble to open that role's profile.")

    table_cols = {"soc_code": "SOC", "title": "Occupation", "change_pct": "Change, %",
                  "growth_category": "Outlook", "openings_annual_k": "Openings a year, thousands",
                  "median_wage_usd": "Median wage, $", "education": "Typical entry education",
                  "employment_base_k": "Employment, thousands"}
    if "teleworkable_share" in rows:
        table_cols["teleworkable_share"] = "Teleworkable share"
    shown = rows if query.strip() else rows.sort_values("change_pct", ascending=False)  # a search: best match first
    st.dataframe(plain_values(shown[list(table_cols)]).rename(columns=table_cols),
                 hide_index=True, column_config={"Median wage, $": whole_dollars()})
    labels = dict(zip(rows["soc_code"], rows["title"] + " (" + rows["soc_code"] + ")", strict=True))
    pick = st.selectbox("Open a role profile", list(labels), format_func=labels.get, index=None,
                        placeholder="Choose a role…", key="open_profile")
    if pick:
        st.page_link("views/profile.py", label=f"Open the profile of {labels[pick]}", icon="➡️",
                     query_params={"soc": pick})
footer("projections", "roles", *(["telework"] if telework is not None else []))
