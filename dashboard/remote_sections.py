"""Remote work's lower sections: growing and remote-friendly roles, the full role table, the method notes."""

import pandas as pd
import streamlit as st

from charts.remote import growth_vs_telework
from dashboard.layout import chart, figure


def growing_and_remote(frame: pd.DataFrame, *, vintage: str, source: str) -> None:
    """Projected growth against the share that can be done at home, and the healthcare roles high on both."""
    st.subheader("Growing and remote-friendly")
    growth_t = float(frame["growth_threshold_pct"].iloc[0])
    fig = figure(growth_vs_telework, frame, key=(vintage,), source=source,
                 title=f"Projected growth {vintage} vs share that can be done at home (Dingel & Neiman); "
                 "bubble = annual openings")
    chart(fig, frame[["soc_code", "title", "is_healthcare", "teleworkable_share", "change_pct",
                      "openings_annual_k", "growing_and_remote"]], key="growing")
    both = frame[frame["growing_and_remote"] & frame["is_healthcare"]].sort_values("openings_annual_k",
                                                                                   ascending=False)
    st.caption(f"{len(both)} healthcare roles grow faster than all occupations ({growth_t:+.1f}%) and have a "
               "teleworkable share of at least 50%: "
               + ", ".join(f"{t} ({s:.0%})" for t, s in zip(both["title"], both["teleworkable_share"], strict=True))
               + ".")


def all_roles(telework: pd.DataFrame) -> None:
    """Every healthcare role's teleworkable share with how it was carried across the crosswalk."""
    with st.expander("All healthcare roles: teleworkable share, method and crosswalk"):
        table = telework[telework["is_healthcare"]].sort_values("teleworkable_share", ascending=False)
        st.dataframe(table[["soc_code", "title", "teleworkable_share", "method", "crosswalk", "soc_2010_codes",
                            "value_weight_share", "employment_base_k"]], hide_index=True)


def method_notes(vintage: str) -> None:
    """What each of the three measures counts, and how Dingel & Neiman's codes reach SOC 2018."""
    st.subheader("Method notes")
    st.markdown(f"""
- **Can be done at home** — Dingel & Neiman (2020), "How Many Jobs Can be Done at Home?", score each O\\*NET
  occupation 0 or 1 from O\\*NET work context and activities (e.g. exposed to disease or infection weekly,
  assisting and caring for others very important, wears protective equipment, works outdoors, operates
  vehicles) and average to OES codes. **Most clinical roles are marked as not doable at home** because they involve
  treating patients in person, so this measure **undercounts telehealth**: a family physician, nurse
  practitioner or registered nurse who sees patients by video still scores 0 (psychiatrists and
  speech-language pathologists are among the few clinical roles scored 1). Read it as a floor on what
  could be remote, not as remote work done.
- **Crosswalk** — their OES codes (SOC 2010) are carried to the SOC 2018 codes of the projections through the
  BLS crosswalk. Splits keep the parent's share; merges take the mean of the parts weighted by employment
  (EP 2016–26 base-year employment of each 2010 part, divided among its 2018 children by their EP {vintage}
  employment); EP aggregates such as 31-1120 are rebuilt from their parts. Codes the authors did not score
  (mostly "all other" residuals) have no value and are left out of the averages; the coverage above says how
  much employment that is. Their repository states no licence for the data: the paper is cited.
- **Did telework** — BLS Current Population Survey telework tables, Table 2: share of persons at work who
  teleworked or worked at home for pay at some point in the reference week; single months, not seasonally
  adjusted; only major occupation groups exist.
- **Advertised remote** — Indeed Hiring Lab remote tracker (CC BY 4.0): share of postings mentioning remote
  or hybrid work, 7-day trailing average, by country only. The WFH Map (Hansen et al. 2023) gives the share of
  US job ads offering remote or hybrid work by SOC group; its workbook is "all rights reserved", so it is never
  shipped: supply it with `python -m ingest wfh_map --file PATH`.
""")
