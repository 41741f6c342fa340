"""Remote work: can a role be done remotely, is it done remotely, is it advertised as remote."""

import streamlit as st

from analysis.remote import MEASURES, growing_and_remote, measures_by_major, postings_monthly, rollup
from charts.remote import measures_side_by_side, postings_over_time, share_bars
from contract.domain import ALL_OCCUPATIONS, HEALTHCARE_MAJORS
from dashboard import freshness, state
from dashboard import remote_sections as sections
from dashboard.layout import chart, derived, figure, footer, optional, require, source_for, version

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
by_group = derived(rollup, telework, roles, key=(), level=level)
healthcare = derived(rollup, telework, roles, key=(), level="healthcare").iloc[0]
everyone = derived(rollup, telework, roles, key=(), level="all").iloc[0]
if level == "detailed":
    hc_codes = set(roles.loc[roles["is_healthcare"], "soc_code"])
    shown = by_group[by_group["group_code"].isin(hc_codes)]
    keys = ["share", "employment_k"] if order == "share" else ["employment_k"]
    shown = shown.sort_values(keys, ascending=False, na_position="last")
    shown = shown if n == "all" else shown.head(int(n))
else:
    hc_groups = {"major": HEALTHCARE_MAJORS}.get(level)
    in_hc = by_group["group_code"].str[:2].isin([m[:2] for m in HEALTHCARE_MAJORS])
    shown = by_group[by_group["group_code"].isin(hc_groups)] if hc_groups else by_group[in_hc]
side = derived(measures_by_major, telework, roles, cps, wfh, key=(scope, version("wfh_map", "user")),
               majors=[ALL_OCCUPATIONS, *HEALTHCARE_MAJORS] if scope == "healthcare" else None)
side = side[side["major_code"].isin(set(side.loc[side["measure"] == MEASURES["teleworked"], "major_code"]))]
monthly = derived(postings_monthly, postings, key=(), countries=picked or ["US"])
frame = derived(growing_and_remote, telework, projections, key=(), vintage=vintage)
dn_source = source_for("telework", extra=f"Dingel & Neiman (2020), BLS SOC 2010→2018 crosswalk, EP {vintage} "
                       "employment weights")

# Render
cps_latest = cps[cps["section"] == "occupation"]["date"].max()
hcp = cps[(cps["date"] == cps_latest) & (cps["soc_major_code"] == "29-0000")].iloc[0]
us = monthly[monthly["country"] == "US"] if "US" in picked else derived(postings_monthly, postings, key=(),
                                                                          countries=["US"])
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
fig = figure(share_bars, shown, key=(level, n, order), label="group_title", share="share", title=title,
             measure=MEASURES["teleworkable"], source=dn_source, reference=everyone.share)
chart(fig, shown, key="roles")

st.subheader("Three measures where they meet: SOC major groups")
st.caption("CPS publishes telework only for major occupation groups, so the measures are compared there. "
           "Each bar is labelled with its period in the table view; the measures differ in what they count.")
side_source = (f"Sources: Dingel & Neiman (2020); BLS Current Population Survey telework tables "
               f"({cps_latest:%B %Y}, not seasonally adjusted)"
               + ("; WFH Map (Hansen et al. 2023), user-supplied" if wfh is not None else "") + ".")
which = "healthcare major groups" if scope == "healthcare" else "SOC major groups"
fig2 = figure(measures_side_by_side, side, key=(scope,), source=side_source,
              title=f"Can be done at home vs did telework vs advertised remote: {which} and all occupations")
chart(fig2, side, key="measures")
if wfh is None:
    st.caption("WFH Map share of job ads by occupation is not shown: its workbook is not licensed for "
               "redistribution. Download it from wfhmap.com/data and load it with "
               "`python -m ingest wfh_map --file PATH`.")

st.subheader("Share of job postings mentioning remote or hybrid work, over time")
fig3 = figure(postings_over_time, monthly, key=tuple(picked), measure=MEASURES["postings"],
                          title="Job postings mentioning remote or hybrid work (Indeed), monthly mean of daily "
                          "7-day averages", source=source_for("remote_postings_share"))
chart(fig3, monthly, key="postings")
st.caption("Indeed publishes this share by country only, for all occupations together: it says how common "
           "remote offers are, not which healthcare roles carry them.")

# Growing and remote-friendly roles, every healthcare role, and how each measure is made: named sections
sections.growing_and_remote(frame, vintage=vintage, source=dn_source)
sections.all_roles(telework)
sections.method_notes(vintage)

footer("telework", "soc_crosswalk", "cps_telework", "remote_postings_share", "projections", "roles")
