"""Parts of the States page: the ranked table, the states that do not publish a role, the state-wage note."""

import pandas as pd
import streamlit as st

from analysis.states import MEASURES
from contract import areas

OEWS_STATE_COMMAND = "python -m ingest oews_state"  # downloads BLS's state file (about 8 MB) into data/user/


def ranked_table(ranked: pd.DataFrame, *, measure: str) -> None:
    columns = {"area_name": "State", "employment_base": "Employment, base year", "employment_target": "Projected",
               "change": "Change", "change_pct": "Change, %", "openings_annual": "Openings a year",
               "median_wage_annual_usd": "Median wage, $", "location_quotient": "Location quotient"}
    shown = ranked[[c for c in columns if c in ranked]].rename(columns=columns)
    shown.insert(0, "Rank", range(1, len(shown) + 1))
    counts = {c: st.column_config.NumberColumn(format="localized") for c in
              ("Employment, base year", "Projected", "Change", "Openings a year")}
    st.dataframe(shown, hide_index=True, column_config={
        **counts, "Median wage, $": st.column_config.NumberColumn(format="dollar")})
    base, target = int(ranked["base_year"].iloc[0]), int(ranked["target_year"].iloc[0])
    st.caption(f"Ranked by {MEASURES[measure][0].lower()}. Employment {base} and projected {target}, in persons, "
               "as each state published it.")


def not_published(table: pd.DataFrame, *, release: str, role: str) -> None:
    """Name the states and territories that publish no figure for the role in this release (never zero-filled)."""
    published = set(table["area_fips"].unique())
    absent = [a.name for a in areas.areas() if a.kind != "nation" and a.fips not in published]
    if absent:
        st.caption(f"Not published for {role} in release {release}: {', '.join(absent)} (grey on the map). "
                   "States omit occupations with too few workers or unreliable estimates.")


def oews_note(oews: pd.DataFrame | None) -> None:
    if oews is None:
        st.info("State wages and location quotients are not loaded: BLS's OEWS state file is not kept in this "
                f"repository. Get it with `{OEWS_STATE_COMMAND}` (about 8 MB from bls.gov, kept in data/user/), "
                "then reload this page.")
