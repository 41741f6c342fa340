"""Page parts about trusting an outlook: where openings come from, and how a role's projection turned out."""

import streamlit as st

from analysis import openings_split
from analysis import track_record as tr
from dashboard.layout import computed, optional

TRACK_VINTAGE = "2014-24"  # the release whose target year (2024) has come


def openings_sources(codes: list[str], *, vintage: str) -> None:
    """One line: of N openings a year, how many from growth, exits and transfers (BLS Table 1.10)."""
    if optional("openings_split") is None:
        return
    parts = computed(openings_split.parts, "openings_split", vintage=vintage, codes=tuple(codes))
    st.caption(openings_split.sentence(parts, vintage=vintage)
               + " Source: BLS Employment Projections, Table 1.10.")


def track_record_section(code: str, title: str) -> None:
    """The 2014-24 projection for this role and how it turned out, or why there is none."""
    st.subheader(f"The {TRACK_VINTAGE} projection for this role and how it turned out")
    if optional("track_record") is None:
        st.caption("The track record is not built: run `python -m ingest --offline track_record`.")
        return
    row = computed(tr.role, "track_record", code=code, vintage=TRACK_VINTAGE)
    if row is None or row["projected_k"] != row["projected_k"]:
        why = row["match_note"] if row is not None else f"{code} is not a role of the latest release"
        st.info(f"No like-for-like track record for {title.lower()}: {why}.")
        return
    m = st.columns(4)
    m[0].metric(f"Employment {int(row.base_year)}", f"{row.employment_base_k:,.1f}k")
    m[1].metric(f"Projected for {int(row.check_year)}", f"{row.projected_k:,.1f}k",
                f"{row.projected_change_pct:+.1f}% projected", delta_color="off")
    m[2].metric(f"Actual {int(row.check_year)}", f"{row.actual_k:,.1f}k", f"{row.actual_change_pct:+.1f}% actual",
                delta_color="off")
    m[3].metric("Error", f"{row.error_pct:+.1f}%", f"{row.error_k * 1000:+,.0f} jobs", delta_color="off",
                help="Projected minus actual, as a percent of actual.")
    direction = "right" if row.direction_right else "wrong"
    caveat = (" Apportioned from a code BLS later split, so read it as a rough guide; the summary leaves it out."
              if not row.in_summary else "")
    st.caption(f"The {TRACK_VINTAGE} release {'over' if row.error_k > 0 else 'under'}estimated this role by "
               f"{abs(row.error_pct):.1f}%; the direction of change was {direction}. Codes: {row.match_note}."
               f"{caveat} 2020 and the pandemic fall inside this decade. Source: BLS Employment Projections "
               f"{TRACK_VINTAGE} and 2024-34, Table 1.2, matched through the SOC 2010-2018 crosswalk (dataset "
               "track_record).")
    st.page_link("views/track_record.py", label="How every role's projection turned out", icon="🎯")
