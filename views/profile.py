"""Role profile: one occupation's outlook in every vintage, pay, education, history, remote measures, peers."""

import streamlit as st

from analysis.growth import growth_by_role, vintages
from analysis.history import role_years
from analysis.postings import category_of
from analysis.roles import by_title, outlook_history, similar_roles
from charts.roles import compare_bars, outlook_over_vintages
from dashboard import area, freshness, role_search, state
from dashboard.labels import plain_values, role_labels
from dashboard.layout import chart, computed, derived, figure, footer, optional, require, source_for
from dashboard.outlook_parts import openings_sources, track_record_section

data = require("projections", "roles")
projections, roles = data["projections"], data["roles"]
crosswalk, telework, oews = optional("soc_crosswalk"), optional("telework"), optional("oews")
category_map = optional("indeed_category_soc")

latest = vintages(projections)[0]
growth = computed(growth_by_role, "projections", "roles", vintage=latest)
items = derived(by_title, growth, key=(latest,))
labels = derived(role_labels, items, key=(latest,))
top = st.columns([2, 3])
query = role_search.finder("Find a role by any job title", vintage=latest, target="soc", param="find", where=top[0])
code = state.select("Role (official BLS title)", list(labels), param="soc", where=top[1], format_func=labels.get,
                    default=role_search.best(query, latest) or "29-1171",
                    on_change=lambda: st.session_state.update(w_find=""))  # a role picked by hand: no search
if query and role_search.best(query, latest) == code:
    role_search.matches_note(query, latest, link_page="views/profile.py")
me = items[items["soc_code"] == code].iloc[0]

st.title(me.title)
place = area.choose()
st.caption(f"SOC {code} · {me.major_title} · projections vintage {latest}")
freshness.show(freshness.projections_phrase(latest), freshness.phrase("OEWS employment and wages", "oews"))
history = derived(outlook_history, projections, key=(code,), code=code, crosswalk=crosswalk)
m = st.columns(4)
m[0].metric(f"Employment {int(me.base_year)}", f"{me.employment_base_k:,.1f}k")
m[1].metric(f"Projected change to {int(me.target_year)}", f"{me.change_pct:+.1f}%", me.growth_category,
            delta_color="off")
m[2].metric("Openings a year", f"{me.openings_annual_k:,.1f}k")
wage = "not published" if me.median_wage_usd != me.median_wage_usd else (
    f"{'≥ ' if me.wage_topcoded else ''}${me.median_wage_usd:,.0f}")
m[3].metric(f"Median wage ({int(me.wage_year)})", wage)
area.national_note(place, f"These figures (BLS {latest})")
openings_sources([code], vintage=latest)
plain = plain_values(me.to_frame().T).iloc[0]
st.markdown(f"**Typical entry education:** {plain.education or '—'} · **Work experience:** "
            f"{plain.work_experience or '—'} · **On-the-job training:** {plain.training or '—'}")

source = source_for("projections", extra="Employment Projections, all vintages, Table 1.2")
first, last = history.dropna(subset=["change_pct"]).iloc[[0, -1]].itertuples() if len(history) > 1 else (None, None)
title = (f"The outlook for {me.title.lower()} moved from {first.change_pct:+.1f}% ({first.vintage}) to "
         f"{last.change_pct:+.1f}% ({last.vintage})" if first is not None else f"Projected change, {me.title}")
chart(figure(outlook_over_vintages, history, key=(code,), title=title, source=source), history, key="history")
renamed = history[history["basis"] != "same code"]
if not renamed.empty:
    st.caption("Hatched bars are older vintages on SOC 2010 codes: " + "; ".join(
        f"{r.vintage}: {r.codes} ({r.basis})" for r in renamed.itertuples()) + ".")

area.role_in_state(place, code=code, national=items, vintage=latest)
track_record_section(code, me.title)

if oews is not None:
    own = computed(role_years, "oews", code=code)
    if len(own) > 1:
        own = own.assign(title=own["year"].astype(str))
        chart(figure(compare_bars, own, key=(code,), measure="employment", label="Employment (OEWS, May)",
                     fmt="{:,.0f}", series=True, source=source_for("oews"),
                     title=f"Employment of {me.title.lower()}, May {own.year.min()}–{own.year.max()}"),
              own[["year", "employment", "median_wage_annual_usd"]], key="oews")

if telework is not None:
    tw = telework[telework["soc_code"] == code]
    if not tw.empty and tw.iloc[0].teleworkable_share == tw.iloc[0].teleworkable_share:
        st.metric("Teleworkable share (Dingel & Neiman)", f"{tw.iloc[0].teleworkable_share:.0%}",
                  help="Share of the job's tasks that can be done at home, from O*NET task data. It marks most "
                       "clinical roles as not doable at home and so undercounts telehealth.")

category = category_of(category_map, code) if category_map is not None else None
if category:
    st.page_link("views/demand_now.py", label=f"Job postings now: the Indeed “{category}” category's trend",
                 icon="📊", query_params={"soc": code})

st.subheader("Similar roles in the same group")
peers = derived(similar_roles, growth, key=(latest, code), code=code)
for peer in peers.itertuples():
    st.page_link("views/profile.py", label=f"{peer.title} — {peer.change_pct:+.1f}%, "
                 f"{peer.employment_base_k:,.1f}k employed", query_params={"soc": peer.soc_code})
if peers.empty:
    st.caption("No other detailed role in this SOC minor group.")
footer("projections", "roles", *[n for n, d in (("soc_crosswalk", crosswalk), ("oews", oews),
                                                ("telework", telework)) if d is not None])
