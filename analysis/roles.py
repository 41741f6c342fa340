"""Role-level views: the explorer's filters, one role's outlook across vintages, similar roles, trend sets."""

import numpy as np
import pandas as pd

from analysis.growth import detailed
from contract.domain import EP_AGGREGATES, SOC_2018_FIRST_BASE_YEAR

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
    mine = {code, *EP_AGGREGATES.get(code, ())}  # an EP sum (21-1018 = 21-1011 + 21-1014) is its members
    if code.endswith("0") and not code.endswith("00"):  # a broad code: its detailed children make it up
        mine |= set(crosswalk.loc[crosswalk["soc_2018_code"].str[:6] == code[:6], "soc_2018_code"])
    rows = crosswalk[crosswalk["soc_2018_code"].isin(mine)]
    if rows.empty:
        return empty
    targets = crosswalk.groupby("soc_2010_code")["soc_2018_code"].agg(set)
    out = rows[["soc_2010_code", "soc_2010_title"]].drop_duplicates("soc_2010_code").copy()
    out["wholly_inside"] = [targets[c] <= mine for c in out["soc_2010_code"]]
    return out.reset_index(drop=True)


def same_content(code: str, prior: pd.DataFrame) -> bool:
    """Whether a SOC 2010 code with this number held the same jobs: per the crosswalk, every predecessor maps
    wholly into the code and they are the code itself (a detailed code) or its members (a broad code)."""
    if prior.empty or not prior["wholly_inside"].all():
        return False
    olds = set(prior["soc_2010_code"])
    if code.endswith("0"):
        return all(c[:6] == code[:6] for c in olds)
    return olds == {code} or olds == set(EP_AGGREGATES.get(code, ()))


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
        soc2010 = int(one["base_year"].iloc[0]) < SOC_2018_FIRST_BASE_YEAR
        if not own.empty and soc2010 and crosswalk is not None and not same_content(code, prior):
            # The number survived the SOC 2018 change but its jobs did not (29-2099, 29-9099: parts left or
            # joined), so the old figure is not this role's.
            r = own.iloc[0]
            out.append({"vintage": vintage, "codes": code, "title": r["title"],
                        "basis": "not comparable: same number, different content in SOC 2010",
                        "employment_base_k": np.nan, "change_k": np.nan, "change_pct": np.nan,
                        "openings_annual_k": np.nan, "median_wage_usd": np.nan})
            continue
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


def by_title(growth: pd.DataFrame) -> pd.DataFrame:
    """Every line item of a release in title order (a role picker's list)."""
    return detailed(growth, healthcare_only=False).sort_values("title").reset_index(drop=True)


def similar_roles(growth: pd.DataFrame, *, code: str, n: int = 8) -> pd.DataFrame:
    """Other line items in the same SOC minor group, largest first by employment."""
    me = growth[growth["soc_code"] == code]
    if me.empty:
        return growth.iloc[0:0]
    items = detailed(growth, healthcare_only=False)
    same = items[(items["minor_code"] == me["minor_code"].iloc[0]) & (items["soc_code"] != code)]
    return same.nlargest(n, "employment_base_k").reset_index(drop=True)


def trend_codes(trends: pd.DataFrame, growth: pd.DataFrame, crosswalk: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per trend role, the codes that hold it in this release: its own code, else (SOC 2010 releases) its
    predecessors when each maps wholly into it; `code` is empty and `note` says why when there is none."""
    items = set(detailed(growth, healthcare_only=False)["soc_code"])
    soc2010 = len(growth) > 0 and int(growth["base_year"].iloc[0]) < SOC_2018_FIRST_BASE_YEAR
    rows = []
    for r in trends[["trend_id", "trend", "soc_code"]].itertuples(index=False):
        prior = predecessors(r.soc_code, crosswalk) if soc2010 else predecessors("", None)
        if r.soc_code in items and (not soc2010 or crosswalk is None or same_content(r.soc_code, prior)):
            rows.append((*r, r.soc_code, None))
            continue
        old = prior[prior["soc_2010_code"].isin(items)]
        if not old.empty and old["wholly_inside"].all():
            rows += [(*r, c, f"as SOC 2010 {' + '.join(old['soc_2010_code'])}") for c in old["soc_2010_code"]]
        else:
            why = "its SOC 2010 predecessor was split" if not old.empty else "no code for it in this release"
            rows.append((*r, None, why))
    return pd.DataFrame(rows, columns=["trend_id", "trend", "role_code", "soc_code", "note"])


def roles_without_code(trends: pd.DataFrame, growth: pd.DataFrame,
                       crosswalk: pd.DataFrame | None = None) -> pd.DataFrame:
    """Trend roles this release cannot show like for like, with their titles (from `titles`) and the reason."""
    codes = trend_codes(trends, growth, crosswalk)
    return codes[codes["soc_code"].isna()].drop(columns="soc_code").reset_index(drop=True)


def trend_summary(growth: pd.DataFrame, trends: pd.DataFrame, crosswalk: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per trend: its roles' summed employment, change and openings, percent change recomputed from sums.
    Roles are found through their SOC 2010 predecessors in older releases (see trend_codes); `roles` counts
    the trend roles held, each code summed once."""
    codes = trend_codes(trends, growth, crosswalk).dropna(subset=["soc_code"])
    joined = codes.drop_duplicates(["trend_id", "soc_code"]).merge(growth, on="soc_code", how="inner")
    held = codes.groupby("trend_id")["role_code"].nunique()
    summed = joined.groupby(["trend_id", "trend"], as_index=False).agg(
        employment_base_k=("employment_base_k", "sum"),
        change_k=("change_k", "sum"), openings_annual_k=("openings_annual_k", "sum"))
    summed.insert(2, "roles", summed["trend_id"].map(held).astype(int))
    summed["change_pct"] = (summed["change_k"] / summed["employment_base_k"] * 100).round(1)
    return summed.sort_values("change_pct", ascending=False).reset_index(drop=True)


def without_code_sentence(trends: pd.DataFrame, growth: pd.DataFrame, titles: pd.Series,
                          crosswalk: pd.DataFrame | None = None) -> str:
    """'Not in this release like for like: family medicine physicians (29-1215, Telehealth): ...', or ''."""
    gaps = roles_without_code(trends, growth, crosswalk)
    if gaps.empty:
        return ""
    by_role = gaps.groupby(["role_code", "note"], sort=False)["trend"].agg(", ".join).reset_index()
    parts = [f"{str(titles.get(g.role_code, g.role_code)).lower()} ({g.role_code}; {g.trend}): {g.note}"
             for g in by_role.itertuples()]
    return "Not in this release like for like, so left out of the sums: " + "; ".join(parts) + "."
