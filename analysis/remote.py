"""Remote share by role: employment-weighted roll-ups, the three measures side by side, growth vs telework."""

import numpy as np
import pandas as pd

from contract.domain import ALL_OCCUPATIONS

HEALTHCARE = "healthcare"
LEVELS = ("detailed", "broad", "minor", "major", HEALTHCARE, "all")

# Every figure names its measure: what was measured, not just "remote share".
MEASURES = {
    "teleworkable": "Can be done at home (Dingel & Neiman teleworkable share)",
    "teleworked": "Did telework (CPS, share of persons at work)",
    "advertised": "Job ads offering remote or hybrid work (WFH Map)",
    "postings": "Job postings mentioning remote or hybrid work (Indeed)",
}


def _group_keys(roles: pd.DataFrame, codes: pd.Series, level: str) -> pd.DataFrame:
    """Group code and title of each code at a SOC level; a code coarser than the level is its own group."""
    lens = roles.set_index("soc_code")
    out = pd.DataFrame({"soc_code": codes.to_numpy()})
    if level == "all":
        out["group_code"], out["group_title"] = ALL_OCCUPATIONS, "All occupations"
        return out
    if level == HEALTHCARE:
        out["group_code"], out["group_title"] = HEALTHCARE, "Healthcare roles"
        return out
    if level == "detailed":
        out["group_code"] = out["soc_code"]
        out["group_title"] = out["soc_code"].map(lens["title"])
        return out
    code_col, title_col = f"{level}_code", f"{level}_title"
    group = out["soc_code"].map(lens[code_col])
    # EP line items include broad codes (e.g. 31-1120) that have no finer parent at that level: keep them.
    out["group_code"] = group.fillna(out["soc_code"])
    titles = lens["title"]
    out["group_title"] = out["group_code"].map(titles)
    if title_col in lens:
        out["group_title"] = out["group_title"].fillna(out["soc_code"].map(lens[title_col]))
    return out


def rollup(rows: pd.DataFrame, roles: pd.DataFrame, *, level: str, share: str = "teleworkable_share",
           weight: str = "employment_base_k", measure: str = "teleworkable") -> pd.DataFrame:
    """Employment-weighted mean share per group at a SOC level, healthcare, or all occupations.

    rows: one row per occupation with soc_code, the share (NaN = no value) and the weight. The share of a
    group is the weighted mean over occupations with a value; coverage is the weight with a value over the
    group's whole weight, so a figure never hides what it leaves out.
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}, not {level!r}")
    data = rows[["soc_code", share, weight]].copy()
    if level == HEALTHCARE:
        flags = data["soc_code"].map(roles.set_index("soc_code")["is_healthcare"]).fillna(False).astype(bool)
        data = data[flags.to_numpy()]
    keys = _group_keys(roles, data["soc_code"], level)
    data = data.reset_index(drop=True).assign(group_code=keys["group_code"], group_title=keys["group_title"])
    has = data[share].notna() & data[weight].notna()
    data["covered_w"] = data[weight].where(has, 0.0)
    data["weighted"] = (data[share] * data[weight]).where(has, 0.0)
    data["with_value"] = has
    out = data.groupby(["group_code", "group_title"], dropna=False, sort=True).agg(
        employment_k=(weight, "sum"), covered_employment_k=("covered_w", "sum"), weighted=("weighted", "sum"),
        occupations=("soc_code", "size"), occupations_with_value=("with_value", "sum"),
    ).reset_index()
    covered = out["covered_employment_k"]
    out["share"] = (out["weighted"] / covered).where(covered > 0)
    out["share"] = out["share"].clip(0, 1)  # float rounding can leave 1 + 1e-16
    out["coverage"] = (covered / out["employment_k"]).where(out["employment_k"] > 0)
    out["measure"] = MEASURES.get(measure, measure)
    out["level"] = level
    cols = ["level", "group_code", "group_title", "share", "coverage", "employment_k", "covered_employment_k",
            "occupations", "occupations_with_value", "measure"]
    return out[cols]


def roles_table(telework: pd.DataFrame, projections: pd.DataFrame, *, vintage: str,
                healthcare_only: bool = True) -> pd.DataFrame:
    """One row per occupation: teleworkable share with its method and crosswalk, and the projections."""
    one = projections[(projections["vintage"] == vintage) & (projections["occupation_type"] == "line_item")]
    keep = ["soc_code", "change_pct", "openings_annual_k", "employment_base_k", "median_wage_usd"]
    tw = telework.drop(columns=["employment_base_k", "vintage"], errors="ignore")
    out = tw.merge(one[keep], on="soc_code", how="inner", validate="one_to_one")
    if healthcare_only:
        out = out[out["is_healthcare"]]
    return out.sort_values(["teleworkable_share", "employment_base_k"], ascending=[False, False],
                           na_position="last").reset_index(drop=True)


def growing_and_remote(telework: pd.DataFrame, projections: pd.DataFrame, *, vintage: str,
                       min_share: float = 0.5, min_growth_pct: float | None = None) -> pd.DataFrame:
    """Projected growth against teleworkable share per occupation, flagging roles that are both.

    min_growth_pct defaults to the all-occupations projected change of the vintage, so "growing" means
    growing faster than the economy as a whole. Occupations without a teleworkable value are left out.
    """
    one = projections[projections["vintage"] == vintage]
    if one.empty:
        raise ValueError(f"no projections for vintage {vintage!r}")
    if min_growth_pct is None:
        total = one.loc[one["soc_code"] == ALL_OCCUPATIONS, "change_pct"]
        min_growth_pct = float(total.iloc[0]) if not total.empty else 0.0
    rows = roles_table(telework, projections, vintage=vintage, healthcare_only=False)
    rows = rows.dropna(subset=["teleworkable_share", "change_pct"]).copy()
    rows["growth_threshold_pct"] = min_growth_pct
    rows["share_threshold"] = min_share
    rows["growing_and_remote"] = (rows["change_pct"] > min_growth_pct) & (rows["teleworkable_share"] >= min_share)
    return rows.reset_index(drop=True)


def cps_by_major(cps: pd.DataFrame, *, date=None) -> pd.DataFrame:
    """CPS telework rate of each SOC major group for one month (the latest by default)."""
    occ = cps[(cps["section"] == "occupation") & (cps["soc_major_code"] != "")]
    when = pd.Timestamp(date) if date is not None else occ["date"].max()
    one = occ[occ["date"] == when]
    total = cps[(cps["date"] == when) & (cps["section"] == "full_part_time") & (cps["level"] == 0)]
    one = pd.concat([one.assign(soc_major_code=one["soc_major_code"]),
                     total.assign(soc_major_code=ALL_OCCUPATIONS)])
    return pd.DataFrame({
        "major_code": one["soc_major_code"].to_numpy(),
        "share": one["telework_share"].to_numpy(),
        "period": f"{when:%B %Y}",
        "coverage": 1.0,  # a survey of all persons at work in the group
        "measure": MEASURES["teleworked"],
    })


def wfh_by_major(wfh: pd.DataFrame, *, months: int = 12) -> pd.DataFrame:
    """Share of job ads offering remote/hybrid work per SOC major group over the last `months` months of the
    newest vintage: remote ads summed over all ads, so minor groups are weighted by their postings."""
    vintage = wfh["vintage"].max()
    one = wfh[wfh["vintage"] == vintage]
    start = one["date"].max() - pd.DateOffset(months=months - 1)
    recent = one[one["date"] >= start].copy()
    recent["major_code"] = recent["soc_code"].str[:2] + "-0000"
    recent["remote_n"] = recent["remote_share"] * recent["postings_n"]
    pooled = recent.assign(major_code=ALL_OCCUPATIONS)  # every group's ads together
    out = pd.concat([recent, pooled]).groupby("major_code").agg(
        remote_n=("remote_n", "sum"), n=("postings_n", "sum")).reset_index()
    out["share"] = (out["remote_n"] / out["n"]).clip(0, 1)
    out["period"] = f"{start:%b %Y}–{one['date'].max():%b %Y} (WFH Map vintage {vintage})"
    out["coverage"] = np.nan  # postings, not employment: coverage in employment terms is not known
    out["measure"] = MEASURES["advertised"]
    return out[["major_code", "share", "period", "coverage", "measure"]]


def measures_by_major(telework: pd.DataFrame, roles: pd.DataFrame, cps: pd.DataFrame,
                      wfh: pd.DataFrame | None = None, *, majors=None) -> pd.DataFrame:
    """The measures side by side where they meet, the SOC major group (and all occupations, 00-0000):
    one row per group and measure."""
    tw = pd.concat([rollup(telework, roles, level="major"), rollup(telework, roles, level="all")])
    parts = [pd.DataFrame({"major_code": tw["group_code"], "share": tw["share"], "coverage": tw["coverage"],
                           "period": f"O*NET 24.2 task content; employment {telework['vintage'].iloc[0]}",
                           "measure": tw["measure"]}),
             cps_by_major(cps)]
    if wfh is not None and not wfh.empty:
        parts.append(wfh_by_major(wfh))
    out = pd.concat(parts, ignore_index=True)
    titles = roles.set_index("soc_code")["title"]
    out["major_title"] = out["major_code"].map(titles).fillna("All occupations")
    if majors is not None:
        out = out[out["major_code"].isin(list(majors))]
    order = {m: i for i, m in enumerate(MEASURES.values())}
    out = out.sort_values(["major_code", "measure"], key=lambda s: s.map(order) if s.name == "measure" else s)
    return out[["major_code", "major_title", "measure", "share", "coverage", "period"]].reset_index(drop=True)


def postings_monthly(postings: pd.DataFrame, *, countries=("US",)) -> pd.DataFrame:
    """Monthly mean of the daily (7-day trailing) share of postings mentioning remote or hybrid work."""
    rows = postings[postings["country"].isin(list(countries))].copy()
    rows["month"] = rows["date"].dt.to_period("M").dt.to_timestamp()
    out = rows.groupby(["country", "month"], as_index=False).agg(share=("remote_share", "mean"),
                                                                 days=("remote_share", "size"))
    out["measure"] = MEASURES["postings"]
    return out
