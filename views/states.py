"""States: one role in every state (map and ranked table), and the chosen state's leading healthcare roles."""

import streamlit as st

from analysis.states import MEASURES, healthcare_titles, releases, role_by_state
from charts.states import tile_map
from contract import areas
from dashboard import area, state
from dashboard.layout import chart, computed, derived, figure, footer, optional, require, source_for, version
from dashboard.states_parts import not_published, oews_note, ranked_table

# Load
data = require("state_projections", "roles")
states, roles = data["state_projections"], data["roles"]
oews = optional("oews_state", "user")

# Filter
st.title("Where: healthcare roles by state")
c1, c2, c3 = st.columns([2, 1, 1])
all_releases = releases(states)
release = state.select("Release", all_releases, param="release", where=c3,
                       help="Projections Central releases, newest first; each is shown whole, never mixed.")
titles = computed(healthcare_titles, "state_projections", "roles", release=release)
codes = list(titles.index)
code = state.select("Role", codes, param="soc", default="29-1141" if "29-1141" in codes else codes[0], where=c1,
                    format_func=lambda c: f"{titles[c]} ({c})")
place = area.choose(where=c2, data=states)
measures = {m: MEASURES[m][0] for m in ("change_pct", "openings_annual")}
if oews is not None:
    measures |= {m: MEASURES[m][0] for m in ("median_wage_annual_usd", "location_quotient")}
measure = state.select("Colour the map by", list(measures), param="map", widget="radio", format_func=measures.get,
                       horizontal=True)

# Compute (once per release, role and state wage file; shared by every session)
table = derived(role_by_state, states, key=(release, code, version("oews_state", "user")), release=release, code=code,
                oews=oews)
if measure not in table:
    measure = "change_pct"
ranked = table.sort_values(measure, ascending=False, na_position="last")
title_role = titles[code]
label, fmt = MEASURES[measure]
extra = f"Projections Central long-term projections {release}"
source = source_for("state_projections", extra=extra + (f"; OEWS May {int(table['oews_year'].iloc[0])}"
                                                        if "oews_year" in table else ""))

# Render
if ranked.empty or ranked[measure].isna().all():
    st.warning(f"No state publishes {title_role} in release {release}.")
else:
    top = ranked.iloc[0]
    what = label.split(",")[0].lower()
    title = f"{title_role}: {what} is highest in {top.area_name} ({fmt.format(top[measure])}), {release}"
    tiles = {a.postal: a.tile for a in areas.areas() if a.tile is not None}
    names = {a.postal: a.name for a in areas.areas()}
    fig = figure(tile_map, table, key=(release, code, measure, place.postal), measure=measure, label=label, fmt=fmt,
                 title=title, source=source, tiles=tiles, names=names, chosen=place.postal)
    plotted = table.assign(tile_row=table["area_postal"].map(lambda p: tiles.get(p, (None, None))[0]),
                           tile_col=table["area_postal"].map(lambda p: tiles.get(p, (None, None))[1]))
    chart(fig, plotted[["area_postal", "area_name", measure, "tile_row", "tile_col"]], key="map")
    not_published(table, release=release, role=title_role)
    oews_note(oews)
    st.subheader(f"{title_role} in every state, ranked by {label.split(',')[0].lower()}")
    ranked_table(ranked, measure=measure)

st.divider()
st.header(f"Healthcare roles in {place.name}")
if area.is_nation(place):
    st.caption(f"The nation's figures from the same {release} file; choose a state above to see its own.")
area.state_outlook(place, key="states", release=release)
footer("state_projections", "roles")
