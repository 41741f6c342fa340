"""Overview: healthcare's projected growth against all occupations, openings, and the leading roles."""

import streamlit as st

from analysis.growth import healthcare_majors, top_roles, vintages
from charts.growth import group_comparison, ranked_bars
from dashboard import area, definition, freshness, state
from dashboard.layout import chart, derived, figure, footer, require, source_for
from dashboard.outlook_parts import openings_sources

data = require("projections", "roles")
projections, roles = data["projections"], data["roles"]

st.title("Healthcare jobs at a glance")
options = vintages(projections)
vintage = state.vintage(options)
place = area.choose()
hc_def = definition.choose()
freshness.show(freshness.projections_phrase(vintage))

chosen = (vintage, hc_def.key, hc_def.leave_out)  # what the frames below depend on
growth = definition.growth(vintage, hc_def)
groups = definition.summary(growth, vintage, hc_def)
hc, allocc = groups.iloc[0], groups.iloc[1]
base, target = int(growth["base_year"].iloc[0]), int(growth["target_year"].iloc[0])
source = source_for("projections", extra=f"Employment Projections {vintage}, Table 1.2")
fastest = derived(top_roles, growth, key=chosen, by="change_pct", n=10)
most = derived(top_roles, growth, key=chosen, by="openings_annual_k", n=10)

ratio = hc.change_pct / allocc.change_pct if allocc.change_pct else float("nan")
openings = (f" About {hc.openings_annual_k / 1000:,.2f} million openings are projected each year."
            if hc.openings_annual_k == hc.openings_annual_k else "")
st.markdown(
    f"**Healthcare occupations are projected to grow {hc.change_pct:.1f}% from {base} to {target}, "
    f"{ratio:.1f} times the {allocc.change_pct:.1f}% for all occupations, adding "
    f"{hc.change_k / 1000:,.2f} million jobs.**{openings} Healthcare means {hc_def.name}; BLS projections "
    f"vintage {vintage}."
)
m = st.columns(4)
m[0].metric(f"{hc_def.heading}, growth", f"{hc.change_pct:+.1f}%",
            f"{hc.change_pct - allocc.change_pct:+.1f} pts vs all occupations")
m[1].metric("All occupations", f"{allocc.change_pct:+.1f}%")
m[2].metric("Healthcare jobs added", f"{hc.change_k / 1000:,.2f} million")
m[3].metric("Healthcare openings a year",
            f"{hc.openings_annual_k / 1000:,.2f} million" if openings else "not comparable",
            help="Openings count new jobs plus workers leaving the occupation, per year on average.")
st.caption(f"Change the definition in the sidebar. Source: BLS Employment Projections {vintage}, Table 1.2. "
           f"Healthcare: {hc.basis}.")
openings_sources(list(healthcare_majors(growth)[0]["soc_code"]), vintage=vintage)
area.national_note(place)

chart(figure(ranked_bars, fastest, key=chosen, measure="change_pct", source=source, average=allocc.change_pct,
             title=f"{fastest.iloc[0].title} grow fastest of {hc_def.short}, {vintage}"),
      fastest[["soc_code", "title", "change_pct", "growth_category"]], key="fastest")
if most.empty:  # 2014-24 published decade totals by an older method, not openings a year
    st.info(f"Openings a year are not published for {vintage} (that release gave decade totals by an older "
            "method); choose a later vintage to rank roles by openings.")
else:
    chart(figure(ranked_bars, most, key=chosen, measure="openings_annual_k", source=source,
                 title=f"{most.iloc[0].title} have the most openings of {hc_def.short}, {vintage}"),
          most[["soc_code", "title", "openings_annual_k"]], key="openings")
chart(figure(group_comparison, groups, key=chosen, source=source,
             title=f"Healthcare grows faster than all occupations, {base}–{target} ({vintage})"),
      groups, key="groups")

area.state_outlook(place, key="overview-state")
st.page_link("views/explorer.py", label="Explore every role", icon="🔎")
st.page_link("views/trends.py", label="Check the trends you read about", icon="📰")
footer("projections", "roles", *(["state_projections"] if not area.is_nation(place) else []))
