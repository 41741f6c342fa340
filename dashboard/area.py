"""The state chosen once for the whole app (?area=TX, default the United States) and the state parts of the pages."""

import pandas as pd
import streamlit as st

from analysis.states import (
    NATION,
    healthcare_growth,
    missing_occupations,
    releases,
    role_here_and_nation,
    top_state_roles,
)
from charts.growth import ranked_bars
from contract import areas
from dashboard import state
from dashboard.layout import chart, computed, derived, figure, optional, source_for

PARAM = "area"
STATES_PAGE = "views/states.py"


def state_data() -> pd.DataFrame | None:
    return optional("state_projections")


def choose(where=st, *, data: pd.DataFrame | None = None) -> areas.Area:
    """The area selector (sticky: chosen once, it follows the user from page to page and into links)."""
    data = state_data() if data is None else data
    table = areas.by_fips()
    # unique() first: iterating the Arrow-backed column row by row cost ~20 ms of every rerun of every page.
    codes = data["area_fips"].unique() if data is not None else [NATION]
    known = sorted(codes, key=lambda f: (f != NATION, table[f].name))
    names = {table[f].postal: table[f].name for f in known}
    postal = state.select("State", list(names), param=PARAM, default="US", sticky=True, where=where,
                          format_func=names.get, help="State projections from Projections Central; the nation "
                          "from the same file and from BLS. Chosen once, it applies on every page.")
    return areas.by_postal()[postal]


def is_nation(place: areas.Area) -> bool:
    return place.fips == NATION


def national_note(place: areas.Area, what: str = "The figures and charts below") -> None:
    """Say that a page's figures are national when a state is chosen (and that they are national anyway)."""
    if is_nation(place):
        st.caption(f"{what} are national (United States). Choose a state to add its own projections.")
    else:
        st.caption(f"{what} are national (United States): BLS's projections have no state breakdown. "
                   f"{place.name}'s own projections (Projections Central) follow further down.")


def _release_line(release: str) -> str:
    return (f"Projections Central long-term release {release}. National BLS figures elsewhere on the site come "
            "from BLS's own releases: different releases are shown apart, never combined in one number.")


def _top_chart(place: areas.Area, release: str, *, by: str, n: int, key: str) -> None:
    if optional("roles") is None:
        return
    top = computed(top_state_roles, "state_projections", "roles", release=release, area=place.fips, by=by, n=n)
    if top.empty:
        st.caption(f"{place.name} publishes no healthcare roles in release {release}.")
        return
    top = top.assign(openings_annual_k=top["openings_annual"] / 1000)
    measure = "openings_annual_k" if by == "openings_annual" else by
    lead = f"{top.iloc[0].title} grow fastest" if by == "change_pct" else f"{top.iloc[0].title} have the most openings"
    source = source_for("state_projections", extra=f"Projections Central long-term projections {release}")
    chart(figure(ranked_bars, top, key=(release, place.fips, by, n), measure=measure, source=source,
                 title=f"{place.name}: {lead}, {release}"),
          top[["soc_code", "title", "employment_base", "change_pct", "openings_annual", "openings_annual_k"]],
          key=key)


def state_outlook(place: areas.Area, *, n: int = 10, key: str = "state", release: str | None = None) -> None:
    """The chosen state's healthcare growth and its leading roles, release named (Overview, Growing roles, States).
    The nation is shown only where a release is asked for (States page); elsewhere the page's own BLS figures are."""
    data = state_data()
    if data is None or (is_nation(place) and release is None):
        return
    release = release or releases(data)[0]
    if place.fips not in set(data.loc[data["release"] == release, "area_fips"].unique()):
        st.info(f"{place.name} is not in the Projections Central {release} release.")
        return
    g = computed(healthcare_growth, "state_projections", release=release, area=place.fips)
    st.subheader(f"{place.name}, {release}")
    m = st.columns(3)
    m[0].metric(f"Healthcare growth in {place.name}", f"{g['healthcare_change_pct']:+.1f}%",
                f"{g['healthcare_change_pct'] - g['all_change_pct']:+.1f} pts vs all occupations", delta_color="off",
                help=f"Sum of the {g['occupations']} SOC 29 and 31 occupations {place.name} publishes.")
    m[1].metric(f"All occupations in {place.name}", f"{g['all_change_pct']:+.1f}%")
    m[2].metric("Healthcare openings a year", f"{g['healthcare_openings']:,.0f}")
    omitted = computed(missing_occupations, "state_projections", release=release, area=place.fips)
    gaps = (f" {place.name} does not publish {len(omitted)} of the occupations the nation lists (too few workers or "
            "unreliable estimates), so its sums of occupations fall short of its total." if len(omitted) else "")
    st.caption(_release_line(release) + gaps)
    _top_chart(place, release, by="change_pct", n=n, key=f"{key}-fastest")
    _top_chart(place, release, by="openings_annual", n=n, key=f"{key}-openings")
    if key != "states":
        st.page_link(STATES_PAGE, label="Compare every state on a map", icon="🗺️")


def role_in_state(place: areas.Area, *, code: str, national: pd.DataFrame, vintage: str) -> None:
    """Role profile: the role in the chosen state beside the nation, one row per place and release."""
    data = state_data()
    if data is None:
        return
    table = derived(role_here_and_nation, data, national, key=(code, place.fips, vintage), code=code, area=place.fips,
                    national_vintage=vintage)
    st.subheader("By state" if is_nation(place) else f"In {place.name} and the nation")
    if not is_nation(place) and place.name not in set(table["place"]):
        st.caption(f"{place.name} publishes no projection for this role in any loaded release (states omit "
                   "occupations with too few workers or unreliable estimates).")
    shown = table.rename(columns={"place": "Where", "release": "Release", "publisher": "Publisher",
                                  "employment_base": "Employment, base year", "employment_target": "Projected",
                                  "change_pct": "Change, %", "openings_annual": "Openings a year"})
    st.dataframe(shown, hide_index=True, column_config={
        c: st.column_config.NumberColumn(format="localized") for c in ("Employment, base year", "Projected",
                                                                   "Openings a year")})
    st.caption("Each row is one release of one publisher: compare a state with the nation within the same release. "
               "Counts are persons.")
    st.page_link(STATES_PAGE, label="This role in every state", icon="🗺️", query_params={"soc": code})
