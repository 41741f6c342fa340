"""Growth by role for one projections vintage: change, openings, wage, and growth against the average."""

import pandas as pd

from analysis.categories import growth_category
from contract.domain import ALL_OCCUPATIONS, HEALTHCARE_MAJORS, SOC_2018_FIRST_BASE_YEAR


def vintages(projections: pd.DataFrame) -> list[str]:
    """Vintages newest first."""
    return sorted(projections["vintage"].unique(), reverse=True)


def growth_by_role(projections: pd.DataFrame, roles: pd.DataFrame, *, vintage: str) -> pd.DataFrame:
    """Every occupation of a vintage with its growth against the all-occupations average and BLS's phrase.

    `change_vs_average_pp` is the difference in percentage points from the all-occupations change;
    `growth_ratio` is how many times the average rate the role grows (undefined when the average is 0).
    """
    one = projections[projections["vintage"] == vintage]
    if one.empty:
        raise ValueError(f"no projections for vintage {vintage!r}; choose one of {vintages(projections)}")
    total = one.loc[one["soc_code"] == ALL_OCCUPATIONS, "change_pct"]
    average = float(total.iloc[0]) if not total.empty else float("nan")
    lens = roles[["soc_code", "is_healthcare", "major_code", "major_title", "minor_code", "themes",
                  *[c for c in ("in_soc_29_31",) if c in roles]]]
    out = one.merge(lens, on="soc_code", how="left", validate="one_to_one")
    out["is_healthcare"] = out["is_healthcare"].fillna(False).astype(bool)
    out["average_change_pct"] = average
    out["change_vs_average_pp"] = (out["change_pct"] - average).round(1)
    out["growth_ratio"] = out["change_pct"] / average if average else float("nan")
    out["growth_category"] = [growth_category(p, vintage) for p in out["change_pct"]]
    return out.reset_index(drop=True)


def detailed(growth: pd.DataFrame, *, healthcare_only: bool) -> pd.DataFrame:
    """The line items (BLS's detailed occupations), optionally only healthcare ones."""
    rows = growth[growth["occupation_type"] == "line_item"]
    return rows[rows["is_healthcare"]] if healthcare_only else rows


def top_roles(growth: pd.DataFrame, *, by: str, n: int = 10, healthcare_only: bool = True) -> pd.DataFrame:
    """The n line items with the largest `by` (e.g. change_pct, openings_annual_k), largest first."""
    rows = detailed(growth, healthcare_only=healthcare_only).dropna(subset=[by])
    # Ties go to the lower SOC code, so the same data in any row order gives the same chart.
    ranked = rows.sort_values([by, "soc_code"], ascending=[False, True], kind="stable")
    return ranked.head(n).reset_index(drop=True)


SUMMED = ["employment_base_k", "employment_target_k", "change_k", "openings_annual_k"]


def _group_row(group: str, rows: pd.DataFrame) -> dict:
    return {"group": group, "rows": len(rows), **{c: rows[c].sum(min_count=1) for c in SUMMED}}


PUBLISHED_BASIS = "BLS's published summary rows 29-0000 + 31-0000"


def healthcare_majors(growth: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The rows that make healthcare occupations (SOC 29 + 31) on the SOC 2018 basis, and that basis in words.

    Releases on SOC 2018 codes: BLS's two summary rows. Releases on SOC 2010 codes (2014-24, 2016-26): rebuilt
    from the line items whose jobs sit in groups 29 or 31 in SOC 2018 (roles.in_soc_29_31), because their own
    groups differ: personal care aides (39-9021) sat outside 31, safety specialists (29-9011/12) inside 29.
    """
    base_year = int(growth["base_year"].iloc[0]) if len(growth) else SOC_2018_FIRST_BASE_YEAR
    if base_year >= SOC_2018_FIRST_BASE_YEAR or "in_soc_29_31" not in growth:
        return growth[growth["soc_code"].isin(HEALTHCARE_MAJORS)], PUBLISHED_BASIS
    items = detailed(growth, healthcare_only=False)
    inside = items["in_soc_29_31"].astype("boolean").fillna(False).astype(bool)
    home = items["soc_code"].str[:2].isin(["29", "31"])
    def named(rows: pd.DataFrame) -> str:
        return ", ".join(f"{t.lower()} ({c})" for c, t in zip(rows["soc_code"], rows["title"], strict=True))

    added, dropped = items[inside & ~home], items[~inside & home]
    basis = ("SOC 2018 basis, rebuilt from this release's SOC 2010 line items through the crosswalk"
             + (f"; with {named(added)}" if len(added) else "")
             + (f"; without {named(dropped)}" if len(dropped) else ""))
    return items[inside], basis


def healthcare_vs_all(growth: pd.DataFrame) -> pd.DataFrame:
    """Healthcare against all occupations: employment, change, percent change and annual openings.

    Two healthcare definitions: BLS's own healthcare major groups (SOC 29 + 31 on the SOC 2018 basis in every
    release, see healthcare_majors; `basis` says how each row was made) and this project's healthcare lens
    (all healthcare line items, including roles outside 29 and 31 such as counsellors and health managers).
    A sum's percent change is recomputed from the sums; a single published row keeps BLS's percent, which BLS
    computed from unrounded data.
    """
    majors, basis = healthcare_majors(growth)
    total = growth[growth["soc_code"] == ALL_OCCUPATIONS]
    out = pd.DataFrame([
        _group_row("Healthcare lens (all healthcare roles)", detailed(growth, healthcare_only=True)),
        _group_row("Healthcare occupations (SOC 29 + 31)", majors),
        _group_row("All occupations", total),
    ])
    base = out["employment_base_k"].where(out["employment_base_k"] > 0)  # no base, no percentage (not inf)
    out["change_pct"] = (out["change_k"] / base * 100).round(1)
    out.loc[out["group"] == "All occupations", "change_pct"] = float(total["change_pct"].iloc[0])
    out["basis"] = ["line items with is_healthcare", basis, "BLS's published total 00-0000"]
    return out
