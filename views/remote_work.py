"""Remote work: can a role be done remotely, is it done remotely, is it advertised as remote."""

import streamlit as st

from analysis.remote import MEASURES, growing_and_remote, measures_by_major, postings_monthly, rollup
from charts.remote import growth_vs_telework, measures_side_by_side, postings_over_time, share_bars
from dashboard import freshness, state
from dashboard.layout import chart, footer, optional, require, source_for

# Load
data = require("telework", "roles", "projections", "cps_telework", "remote_postings_share")
telework, roles, projections = data["telework"], data["roles"], data["projections"]
cps, postings = data["cps_telework"], data["remote_postings_share"]
wfh = optional("wfh_map", output_dir="user")  # user-supplied (not redistributable): shown when present
# Filter
st.title("Remote work")
st.caption("Three honest measures, each with its method and coverage: whether a role **can be done at home** "
           "(Dingel & Neiman), whether people in it **did telework** (BLS Current Population Survey), and "
           "whether job ads **offer remote or hybrid work** (Indeed; WFH Map if you supply it).")
levels = {"detailed": "Detailed roles", "broad": "Broad groups", "minor": "Minor groups", "major": "Major groups"}
c1, c2, c3 = st.columns([2, 1, 2])
level = state.select("Healthcare roles at", list(levels), param="remote_level", widget="radio", where=c1,
                     format_func=levels.get, horizontal=True)
n = state.select("How many (detailed)", ["15", "30", "all"], param="remote_n", where=c2)
orders = {"share": "Highest share first", "employment": "Most employment first"}
order = state.select("Order (detailed)", list(orders), param="remote_order", widget="radio", where=c2,
                     format_func=orders.get)
countries = sorted(postings["country"].unique())
picked = state.multi("Countries (postings over time)", countries, param="countries", default=["US"], where=c3)
groups = {"healthcare": "Healthcare groups", "all": "Every major group"}
scope = state.select("Measures side by side for", list(groups), param="remote_groups", widget="radio",
                     format_func=groups.get, horizontal=True)
freshness.show(freshness.phrase("Indeed remote postings share", "remote_postings_share"),
               freshness.phrase("CPS telework", "cps_telework"))

# Compute
vintage = str(telework["vintage"].iloc[0])
by_group = rollup(telework, roles, level=level)
healthcare = rollup(telework, roles, level="healthcare").iloc[0]
everyone = rollup(telework, roles, level="all").iloc[0]
if level == "detailed":
    hc_codes = set(roles.loc[roles["is_healthcare"], "soc_code"])
    shown = by_group[by_group["group_code"].isin(hc_codes)]
    keys = ["share", "employment_k"] if order == "share" else ["employment_k"]
    shown = shown.sort_values(keys, ascending=False, na_position="last")
    shown = shown if n == "all" else shown.head(int(n))
else:
    hc_groups = {"major": ("29-0000", "31-0000")}.get(level)
    in_hc = by_group["group_code"].str[:2].isin(["29", "31"])
    shown = by_group[by_group["group_code"].isin(hc_groups)] if hc_groups else by_group[in_hc]
side = measures_by_major(telework, roles, cps, wfh,
                         majors=["00-0000", "29-0000", "31-0000"] if scope == "healthcare" else None)
side = side[side["major_code"].isin(set(side.loc[side["measure"] == MEASURES["teleworked"], "major_code"]))]
monthly = postings_monthly(postings, countries=picked or ["US"])
frame = growing_and_remote(telework, projections, vintage=vintage)
dn_source = source_for("telework", extra=f"Dingel & Neiman (2020), BLS SOC 2010→2018 crosswalk, EP {vintage} "
                       "employment weights")

# Render
cps_latest = cps[cps["section"] == "occupation"]["date"].max()
hcp = cps[(cps["date"] == cps_latest) & (cps["soc_major_code"] == "29-0000")].iloc[0]
us = monthly[monthly["country"] == "US"] if "US" in picked else postings_monthly(postings, countries=["US"])
m1, m2, m3, m4 = st.columns(4)
m1.metric("Healthcare roles that can be done at home", f"{healthcare.share:.1%}",
          help=f"{MEASURES['teleworkable']}, employment-weighted; coverage {healthcare.coverage:.1%} of "
               "healthcare employment.")
m2.metric("All occupations that can be done at home", f"{everyone.share:.1%}",
          help=f"Coverage {everyone.coverage:.1%} of projected employment.")
m3.metric(f"Healthcare practitioners who teleworked, {cps_latest:%b %Y}", f"{hcp.teleworked_pct:.1f}%",
          help=MEASURES["teleworked"])
m4.metric(f"US postings mentioning remote/hybrid, {us['month'].max():%b %Y}", f"{us['share'].iloc[-1]:.1%}",
          help=MEASURES["postings"])
st.caption(f"Teleworkable coverage: {everyone.coverage:.1%} of projected {vintage} employment has a value "
           f"({healthcare.coverage:.1%} for healthcare roles). Dingel & Neiman mark most clinical roles as not "
           "doable at home, which undercounts telehealth: see the method notes below.")

label = levels[level].lower()
title = f"Healthcare {label}: share that can be done at home (Dingel & Neiman), EP {vintage} employment"
fig = share_bars(shown, label="group_title", share="share", measure=MEASURES["teleworkable"], title=title,
                 source=dn_source, reference=everyone.share)
chart(fig, shown, key="roles")

st.subheader("Three measures where they meet: SOC major groups")
st.caption("CPS publishes telework only for major occupation groups, so the measures are compared there. "
           "Each bar is labelled with its period in the table view; the measures differ in what they count.")
side_source = (f"Sources: Dingel & Neiman (2020); BLS Current Population Survey telework tables "
               f"({cps_latest:%B %Y}, not seasonally adjusted)"
               + ("; WFH Map (Hansen et al. 2023), user-supplied" if wfh is not None else "") + ".")
which = "healthcare major groups" if scope == "healthcare" else "SOC major groups"
fig2 = measures_side_by_side(side, title=f"Can be done at home vs did telework vs advertised remote: {which} and "
                             "all occupations", source=side_source)
chart(fig2, side, key="measures")
if wfh is None:
    st.caption("WFH Map share of job ads by occupation is not shown: its workbook is not licensed for "
               "redistribution. Download it from wfhmap.com/data and load it with "
               "`python -m ingest wfh_map --file PATH`.")

st.subheader("Share of job postings mentioning remote or hybrid work, over time")
fig3 = postings_over_time(monthly, measure=MEASURES["postings"],
                          title="Job postings mentioning remote or hybrid work (Indeed), monthly mean of daily "
                          "7-day averages", source=source_for("remote_postings_share"))
chart(fig3, monthly, key="postings")
st.caption("Indeed publishes this share by country only, for all occupations together: it says how common "
           "remote offers are, not which healthcare roles carry them.")

st.subheader("Growing and remote-friendly")
growth_t = float(frame["growth_threshold_pct"].iloc[0])
fig4 = growth_vs_telework(frame, title=f"Projected growth {vintage} vs share that can be done at home "
                          "(Dingel & Neiman); bubble = annual openings", source=dn_source)
chart(fig4, frame[["soc_code", "title", "is_healthcare", "teleworkable_share", "change_pct",
                   "openings_annual_k", "growing_and_remote"]], key="growing")
both = frame[frame["growing_and_remote"] & frame["is_healthcare"]].sort_values("openings_annual_k",
                                                                               ascending=False)
st.caption(f"{len(both)} healthcare roles grow faster than all occupations ({growth_t:+.1f}%) and have a "
           "teleworkable share of at least 50%: "
           + ", ".join(f"{t} ({s:.0%})" for t, s in zip(both["title"], both["teleworkable_share"], strict=True))
           + ".")

with st.expander("All healthcare roles: teleworkable share, method and crosswalk"):
    table = telework[telework["is_healthcare"]].sort_values("teleworkable_share", ascending=False)
    st.dataframe(table[["soc_code", "title", "teleworkable_share", "method", "crosswalk", "soc_2010_codes",
                        "value_weight_share", "employment_base_k"]], hide_index=True)

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

footer("telework", "soc_crosswalk", "cps_telework", "remote_postings_share", "projections", "roles")
