"""Role explorer: every occupation, filtered by group, outlook, education, wage and remote share."""

import streamlit as st

from analysis.growth import growth_by_role, vintages
from analysis.roles import EDUCATION_ORDER, filter_roles
from charts.growth import growth_vs_wage
from dashboard import state
from dashboard.layout import chart, computed, footer, optional, require, source_for

data = require("projections", "roles")
projections, roles = data["projections"], data["roles"]
telework = optional("telework")

st.title("Role explorer")
options = vintages(projections)
top = st.columns([1, 1, 3])
vintage = top[0].selectbox("Vintage", options, index=options.index(state.choice("vintage", options, options[0])),
                           key="w_vintage")
healthcare_only = top[1].toggle("Healthcare lens", value=state.flag("hc", True),
                                help="Off: all ~830 occupations.", key="w_hc")
query = top[2].text_input("Search title or SOC code", value=state.text("q"), max_chars=80, key="w_q")

growth = computed(growth_by_role, "projections", "roles", vintage=vintage)
if telework is not None:
    growth = growth.merge(telework[["soc_code", "teleworkable_share"]], on="soc_code", how="left")

items = growth[growth["occupation_type"] == "line_item"]
majors = items.drop_duplicates("major_code").set_index("major_code")["major_title"].dropna().sort_index()
cats = sorted(items["growth_category"].dropna().unique())
edus = [e for e in EDUCATION_ORDER if e in set(items["education"].dropna())]
wage_max = int(items["median_wage_usd"].max() // 10_000 + 1) * 10_000

with st.expander("Filters", expanded=True):
    f = st.columns(4)
    groups = f[0].multiselect("SOC major group", list(majors.index), format_func=lambda c: f"{c} {majors[c]}",
                              default=state.choices("groups", list(majors.index)), key="w_groups")
    chosen_cats = f[1].multiselect("Outlook", cats, default=state.choices("cats", cats), key="w_cats")
    chosen_edu = f[2].multiselect("Typical entry education", edus, default=state.choices("edu", edus), key="w_edu")
    wages = f[3].slider("Median wage, $", 0, wage_max, step=5_000,
                        value=(int(state.number("wmin", 0, low=0, high=wage_max)),
                               int(state.number("wmax", wage_max, low=0, high=wage_max))), key="w_wages")
    remote = None
    if telework is not None:
        remote = st.slider("Teleworkable share at least (Dingel & Neiman)", 0.0, 1.0, step=0.05,
                           value=state.number("remote", 0.0, low=0.0, high=1.0), key="w_remote")
state.remember(vintage=vintage, hc=healthcare_only, q=query, wmin=wages[0], wmax=wages[1])
state.remember_list(groups=groups, cats=chosen_cats, edu=chosen_edu)
if remote is not None:
    state.remember(remote=remote)

rows = filter_roles(growth, healthcare_only=healthcare_only, major_codes=groups or None,
                    categories=chosen_cats or None, education=chosen_edu or None,
                    wage_range=None if wages == (0, wage_max) else wages,
                    min_remote_share=remote or None, query=query)
source = source_for("projections", extra=f"Employment Projections {vintage}, Table 1.2")
st.subheader(f"{len(rows)} roles match" + (f"; {rows.nlargest(1, 'change_pct').iloc[0].title} grows fastest"
                                           if len(rows) else ""))
if rows.empty:
    st.info("No role matches every filter: widen the wage range or clear a filter.")
else:
    cols = ["soc_code", "title", "change_pct", "median_wage_usd", "openings_annual_k", "is_healthcare"]
    event = chart(growth_vs_wage(rows, source=source,
                                 title=f"Projected growth against median wage, {vintage} (bubble = openings a year)"),
                  rows[cols], key="scatter", selectable=True)
    picked = [p.get("customdata", [None, None])[1] for p in (event.selection.points if event else [])]
    if picked and picked[0]:
        st.switch_page("views/profile.py", query_params={"soc": picked[0]})
    st.caption("Click a bubble to open that role's profile.")

    table_cols = {"soc_code": "SOC", "title": "Occupation", "change_pct": "Change, %",
                  "growth_category": "Outlook", "openings_annual_k": "Openings a year, k",
                  "median_wage_usd": "Median wage, $", "education": "Typical entry education",
                  "employment_base_k": "Employment, k"}
    if "teleworkable_share" in rows:
        table_cols["teleworkable_share"] = "Teleworkable share"
    st.dataframe(rows[list(table_cols)].rename(columns=table_cols).sort_values("Change, %", ascending=False),
                 hide_index=True, column_config={"Median wage, $": st.column_config.NumberColumn(format="dollar")})
    labels = dict(zip(rows["soc_code"], rows["title"] + " (" + rows["soc_code"] + ")", strict=True))
    pick = st.selectbox("Open a role profile", list(labels), format_func=labels.get, index=None,
                        placeholder="Choose a role…")
    if pick:
        st.page_link("views/profile.py", label=f"Open the profile of {labels[pick]}", icon="➡️",
                     query_params={"soc": pick})
footer("projections", "roles", *(["telework"] if telework is not None else []))
