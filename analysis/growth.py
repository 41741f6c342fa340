"""Growth by role for one projections vintage: change, openings, wage, and growth against the average."""

import pandas as pd

from analysis.categories import growth_category
from contract.domain import ALL_OCCUPATIONS, HEALTHCARE_MAJORS


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
    lens = roles[["soc_code", "is_healthcare", "major_code", "major_title", "minor_code", "themes"]]
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


def healthcare_vs_all(growth: pd.DataFrame) -> pd.DataFrame:
    """Healthcare against all occupations: employment, change, percent change and annual openings.

    Two healthcare definitions: BLS's own healthcare major groups (SOC 29 + 31, summed from the published
    summary rows) and this project's healthcare lens (all healthcare line items, including roles outside
    29 and 31 such as counsellors and health managers). A sum's percent change is recomputed from the
    sums; a single published row keeps BLS's percent, which BLS computed from unrounded data.
    """
    majors = growth[growth["soc_code"].isin(HEALTHCARE_MAJORS)]
    total = growth[growth["soc_code"] == ALL_OCCUPATIONS]
    out = pd.DataFrame([
        _group_row("Healthcare lens (all healthcare roles)", detailed(growth, healthcare_only=True)),
        _group_row("Healthcare occupations (SOC 29 + 31)", majors),
        _group_row("All occupations", total),
    ])
    base = out["employment_base_k"].where(out["employment_base_k"] > 0)  # no base, no percentage (not inf)
    out["change_pct"] = (out["change_k"] / base * 100).round(1)
    out.loc[out["group"] == "All occupations", "change_pct"] = float(total["change_pct"].iloc[0])
    return out
