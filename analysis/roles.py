"""Role-level views: the explorer's filters, one role's outlook across vintages, similar roles, trend sets."""

import numpy as np
import pandas as pd

from analysis.growth import detailed

EDUCATION_ORDER = [
    "No formal educational credential", "High school diploma or equivalent", "Some college, no degree",
    "Postsecondary nondegree award", "Associate's degree", "Bachelor's degree", "Master's degree",
    "Doctoral or professional degree",
]


def filter_roles(growth: pd.DataFrame, *, healthcare_only: bool = True, major_codes: list[str] | None = None,
                 categories: list[str] | None = None, education: list[str] | None = None,
                 wage_range: tuple[float, float] | None = None, min_remote_share: float | None = None,
                 query: str = "") -> pd.DataFrame:
    """Line items matching every filter given; a filter left as None does not filter."""
    rows = detailed(growth, healthcare_only=healthcare_only)
    if major_codes:
        rows = rows[rows["major_code"].isin(major_codes)]
    if categories:
        rows = rows[rows["growth_category"].isin(categories)]
    if education:
        rows = rows[rows["education"].isin(education)]
    if wage_range is not None:
        low, high = wage_range
        rows = rows[rows["median_wage_usd"].between(low, high)]
    if min_remote_share is not None and "teleworkable_share" in rows:
        rows = rows[rows["teleworkable_share"] >= min_remote_share]
    if query:
        needle = query.strip().lower()
        rows = rows[rows["title"].str.lower().str.contains(needle, regex=False)
                    | rows["soc_code"].str.contains(needle, regex=False)]
    return rows.reset_index(drop=True)


def predecessors(code: str, crosswalk: pd.DataFrame | None) -> pd.DataFrame:
    """SOC 2010 codes that became this SOC 2018 code (or its parts, for EP aggregates such as 31-1120).

    `wholly_inside` says whether all of a predecessor went into this code; only such codes can be summed.
    """
    empty = pd.DataFrame(columns=["soc_2010_code", "soc_2010_title", "wholly_inside"])
    if crosswalk is None:
        return empty
    mine = {code}
    if code.endswith("0") and not code.endswith("00"):  # a broad code: its detailed children make it up
        mine |= set(crosswalk.loc[crosswalk["soc_2018_code"].str[:6] == code[:6], "soc_2018_code"])
    rows = crosswalk[crosswalk["soc_2018_code"].isin(mine)]
    if rows.empty:
        return empty
    targets = crosswalk.groupby("soc_2010_code")["soc_2018_code"].agg(set)
    out = rows[["soc_2010_code", "soc_2010_title"]].drop_duplicates("soc_2010_code").copy()
    out["wholly_inside"] = [targets[c] <= mine for c in out["soc_2010_code"]]
    return out.reset_index(drop=True)


def outlook_history(projections: pd.DataFrame, *, code: str, crosswalk: pd.DataFrame | None = None) -> pd.DataFrame:
    """The role's projection in every vintage that has it, under its own code or its SOC 2010 predecessors.

    Where the code is absent from an older vintage, its SOC 2010 predecessors are summed when each maps
    wholly into this code (no split); a split predecessor cannot be apportioned, so that vintage is shown
    as not comparable instead of a made-up number.
    """
    prior = predecessors(code, crosswalk)
    out = []
    for vintage, one in projections.groupby("vintage", sort=True):
        own = one[one["soc_code"] == code]
        if not own.empty:
            r = own.iloc[0]
            out.append({"vintage": vintage, "codes": code, "basis": "same code", "title": r["title"],
                        "employment_base_k": r["employment_base_k"], "change_k": r["change_k"],
                        "change_pct": r["change_pct"], "openings_annual_k": r["openings_annual_k"],
                        "median_wage_usd": r["median_wage_usd"]})
            continue
        old = one[one["soc_code"].isin(prior["soc_2010_code"])]
        if old.empty:
            continue
        codes = " + ".join(old["soc_code"])
        if not prior.set_index("soc_2010_code").loc[old["soc_code"], "wholly_inside"].all():
            out.append({"vintage": vintage, "codes": codes, "basis": "not comparable: predecessor was split",
                        "title": "; ".join(old["title"]), "employment_base_k": np.nan, "change_k": np.nan,
                        "change_pct": np.nan, "openings_annual_k": np.nan, "median_wage_usd": np.nan})
            continue
        base, change = old["employment_base_k"].sum(), old["change_k"].sum()
        exact = len(old) == 1
        out.append({"vintage": vintage, "codes": codes,
                    "basis": "SOC 2010 code" if exact else "sum of SOC 2010 codes",
                    "title": "; ".join(old["title"]), "employment_base_k": base, "change_k": change,
                    # one row: BLS's published percent; a sum: recomputed from the summed thousands
                    "change_pct": old["change_pct"].iloc[0] if exact else round(change / base * 100, 1),
                    "openings_annual_k": old["openings_annual_k"].sum(min_count=1),
                    "median_wage_usd": old["median_wage_usd"].iloc[0] if exact else np.nan})
    return pd.DataFrame(out)


def similar_roles(growth: pd.DataFrame, *, code: str, n: int = 8) -> pd.DataFrame:
    """Other line items in the same SOC minor group, largest first by employment."""
    me = growth[growth["soc_code"] == code]
    if me.empty:
        return growth.iloc[0:0]
    items = detailed(growth, healthcare_only=False)
    same = items[(items["minor_code"] == me["minor_code"].iloc[0]) & (items["soc_code"] != code)]
    return same.nlargest(n, "employment_base_k").reset_index(drop=True)


def trend_summary(growth: pd.DataFrame, trends: pd.DataFrame) -> pd.DataFrame:
    """Per trend: its roles' summed employment, change and openings, percent change recomputed from sums."""
    joined = trends.merge(growth, on="soc_code", how="inner")
    summed = joined.groupby(["trend_id", "trend"], as_index=False).agg(
        roles=("soc_code", "nunique"), employment_base_k=("employment_base_k", "sum"),
        change_k=("change_k", "sum"), openings_annual_k=("openings_annual_k", "sum"))
    summed["change_pct"] = (summed["change_k"] / summed["employment_base_k"] * 100).round(1)
    return summed.sort_values("change_pct", ascending=False).reset_index(drop=True)
