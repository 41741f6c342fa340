"""Track record: how BLS's 2014-24 projections turned out in 2024, by role, against naive forecasts."""

import streamlit as st

from analysis import track_record as tr
from charts.track_record import error_bars, projected_vs_actual, summary_bars
from dashboard import state
from dashboard.layout import chart, computed, figure, footer, manifest_entry, require, source_for

track = require("track_record")["track_record"]

st.title("How far to trust a projection")
options = tr.releases(track)
c1, c2 = st.columns([1, 2])
vintage = state.select("Projections release", options, param="release", where=c1,
                       format_func=lambda v: f"{v} (target year)" if v == options[0] else f"{v} (interim)")
groups = {"healthcare": tr.HEALTHCARE, "all": tr.ALL}
group = state.select("Occupations", list(groups), param="group", where=c2, widget="radio",
                     format_func=groups.get, horizontal=True)
healthcare_only = group == "healthcare"

# Each analysis once per release (and lens), each figure once per release and lens: shared by every session.
one = computed(tr.roles, "track_record", vintage=vintage)
check_year, base_year = int(one["check_year"].iloc[0]), int(one["base_year"].iloc[0])
interim = one["check"].iloc[0] != "target year"
summary = computed(tr.summary, "track_record", vintage=vintage)
totals = computed(tr.group_totals, "track_record", vintage=vintage).set_index("group")
hc = totals.loc[tr.HEALTHCARE]
bls = summary[summary["forecast"] == tr.BLS].set_index("group")
source = source_for("track_record", extra=f"Employment Projections {vintage} and 2024-34 (actual {check_year}), "
                    "Table 1.2; SOC 2010 to 2018 crosswalk")

what = (f"the straight line from {base_year} to {int(one['target_year'].iloc[0])} at {check_year}"
        if interim else f"the {vintage} projection for {check_year}")
st.markdown(
    f"**Healthcare employment (SOC 29 + 31) in {check_year}: {what} was {hc.projected_k / 1000:,.2f} million, "
    f"actual {hc.actual_k / 1000:,.2f} million ({hc.error_pct:+.1f}%).** Across like-for-like occupations the "
    f"typical miss was {bls.loc[tr.ALL, 'median_ape_pct']:.0f}% "
    f"(healthcare {bls.loc[tr.HEALTHCARE, 'median_ape_pct']:.0f}%), "
    f"and the direction of change was right for {bls.loc[tr.ALL, 'direction_right_pct']:.0f}% of occupations.")
st.info("The decade includes 2020: the pandemic cut employment sharply and changed which jobs grew (home care, "
        "nurse practitioners, software) in ways no 2015 projection foresaw. Read the errors as 'projection plus "
        "a pandemic', not as the method's error in a calm decade."
        + (" This release's target year has not come: its figure for 2024 is a straight line from base to target, "
           "an approximation (BLS projects end points, not paths)." if interim else ""))
m = st.columns(4)
m[0].metric("Mean absolute % error (healthcare)", f"{bls.loc[tr.HEALTHCARE, 'mape_pct']:.1f}%",
            help="Average over occupations of |projected − actual| / actual.")
m[1].metric("Employment-weighted (healthcare)", f"{bls.loc[tr.HEALTHCARE, 'weighted_mape_pct']:.1f}%",
            help="Sum of absolute errors over the sum of actual employment: big roles count more.")
m[2].metric("Mean absolute % error (all)", f"{bls.loc[tr.ALL, 'mape_pct']:.1f}%")
m[3].metric("Direction right (all)", f"{bls.loc[tr.ALL, 'direction_right_pct']:.0f}%")

rows = one[one["in_soc_29_31"]] if healthcare_only else one
label = groups[group].split(" (")[0].lower()
beats = summary[(summary["group"] == groups[group])].set_index("forecast")["mape_pct"]
verdict = "beat" if beats[tr.BLS] < beats.drop(tr.BLS).min() else "did not beat"
chart(figure(projected_vs_actual, rows, key=(vintage, group), check_year=check_year, source=source,
             title=f"{label.capitalize()}: projected against actual employment in {check_year}, {vintage}"),
      rows[["soc_code", "title", "comparable", "employment_base_k", "projected_k", "actual_k", "error_k",
            "error_pct", "match_note"]], key="scatter")

st.subheader("BLS against naive forecasts")
st.caption(f"On the same occupations, BLS's projection {verdict} both naive forecasts on mean absolute error "
           f"({label}). Counted: {int(bls.loc[groups[group], 'occupations'])} roles matched without apportioning.")
chart(figure(summary_bars, summary, key=(vintage, group), source=source,
             title=f"BLS's projections {verdict} naive forecasts ({label}), {vintage}"), summary, key="summary")
st.dataframe(summary.rename(columns={
    "group": "Group", "forecast": "Forecast", "occupations": "Occupations", "mape_pct": "MAPE %",
    "weighted_mape_pct": "Weighted MAPE %", "median_ape_pct": "Median miss %",
    "within_10_pct_share": "Within 10 % (share)", "direction_right_pct": "Direction right %",
    "total_error_pct": "Error of the total %"}), hide_index=True)

misses = computed(tr.ranked, "track_record", vintage=vintage, healthcare_only=healthcare_only)
hits = computed(tr.ranked, "track_record", vintage=vintage, healthcare_only=healthcare_only, misses=False)
cols = ["soc_code", "title", "employment_base_k", "projected_k", "actual_k", "error_k", "error_pct", "match_note"]
if not misses.empty:
    chart(figure(error_bars, misses, key=(vintage, group), source=source,
                 title=f"{misses.iloc[0].title}: the biggest miss ({label}, {misses.iloc[0].error_pct:+.0f}%)"),
          misses[cols], key="misses")
    st.caption("Error = projected minus actual, as a percent of actual: right of zero (orange) the projection "
               "was too high, left of zero (blue) too low.")
st.subheader("Closest hits")
st.dataframe(tr.role_table(hits), hide_index=True)
st.caption("Roles with at least 10 thousand jobs in 2024, matched without apportioning.")

st.subheader("Every release against 2024")
st.dataframe(computed(tr.interim_table, "track_record"), hide_index=True)
st.caption("Releases whose target year has not come are compared on the straight line from base to target: "
           "an approximation. Differences between releases also reflect revised base-year estimates.")
with st.expander("Method: how codes were matched and what is counted"):
    st.write(manifest_entry("track_record").get("coverage", {}).get("method", ""))
    st.write("Growth bands: BLS's band table is recorded only for 2024–34, so 'band right' is not judged for "
             "these releases.")
footer("track_record")
