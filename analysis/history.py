"""Employment and wage history by role from OEWS between two May estimates, next to projected growth."""

import pandas as pd

VALUE_FLAGS = {"employment": "employment_flag", "median_wage_annual_usd": "median_wage_annual_flag"}


def years(oews: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in oews["year"].unique())


def annual_rate_pct(start: pd.Series | float, end: pd.Series | float, span_years: float):
    """Compound annual growth rate in percent: (end / start) ** (1 / years) - 1."""
    return ((end / start) ** (1 / span_years) - 1) * 100


def role_years(oews: pd.DataFrame, *, code: str) -> pd.DataFrame:
    """One occupation's OEWS rows, oldest year first."""
    return oews[oews["soc_code"] == code].sort_values("year").reset_index(drop=True)


def growth_between(oews: pd.DataFrame, *, start_year: int, end_year: int) -> pd.DataFrame:
    """Per SOC code in both years: employment and median wage then and now, change, percent, annual rate.

    A value BLS withheld or top-coded stays missing (so do the changes built on it), and `note` says why.
    `code_basis_changed` marks codes compared across the 2021 move from OEWS's hybrid codes to SOC 2018.
    """
    if end_year <= start_year:
        raise ValueError(f"end year {end_year} must come after start year {start_year}")
    cols = ["soc_code", "title", "o_group", "soc_basis", *VALUE_FLAGS, *VALUE_FLAGS.values()]
    a = oews.loc[oews["year"] == start_year, cols]
    b = oews.loc[oews["year"] == end_year, cols]
    if a.empty or b.empty:
        raise ValueError(f"OEWS has no estimates for {start_year if a.empty else end_year}; "
                         f"years available: {years(oews)}")
    out = a.merge(b, on="soc_code", suffixes=("_start", "_end"), validate="one_to_one")
    span = end_year - start_year
    out["start_year"], out["end_year"] = start_year, end_year
    out["title"], out["o_group"] = out["title_end"], out["o_group_end"]
    out["employment_change"] = out["employment_end"] - out["employment_start"]
    out["employment_change_pct"] = out["employment_change"] / out["employment_start"] * 100
    out["employment_annual_rate_pct"] = annual_rate_pct(out["employment_start"], out["employment_end"], span)
    wage_a, wage_b = out["median_wage_annual_usd_start"], out["median_wage_annual_usd_end"]
    out["median_wage_change_pct"] = (wage_b / wage_a - 1) * 100
    out["median_wage_annual_rate_pct"] = annual_rate_pct(wage_a, wage_b, span)
    out["code_basis_changed"] = out["soc_basis_start"] != out["soc_basis_end"]
    out["note"] = [_note(r, start_year, end_year) for r in out.itertuples()]
    keep = ["soc_code", "title", "o_group", "start_year", "end_year", "employment_start", "employment_end",
            "employment_change", "employment_change_pct", "employment_annual_rate_pct",
            "median_wage_annual_usd_start", "median_wage_annual_usd_end", "median_wage_change_pct",
            "median_wage_annual_rate_pct", "code_basis_changed", "note"]
    return out[keep].reset_index(drop=True)


def _note(row, start_year: int, end_year: int) -> str | None:
    parts = []
    for value, flag in VALUE_FLAGS.items():
        for when, year in (("start", start_year), ("end", end_year)):
            reason = getattr(row, f"{flag}_{when}")
            if isinstance(reason, str):
                what = "employment" if value == "employment" else "median wage"
                parts.append(f"{what} {year} {reason.replace('_', ' ')}")
    if row.soc_basis_start != row.soc_basis_end:
        parts.append(f"codes: {row.soc_basis_start} in {start_year}, {row.soc_basis_end} in {end_year}")
    return "; ".join(parts) or None


def with_projection(history: pd.DataFrame, projections: pd.DataFrame, *, vintage: str) -> pd.DataFrame:
    """Adds the vintage's projected percent change and its annual rate, for the same SOC code."""
    one = projections.loc[projections["vintage"] == vintage,
                          ["soc_code", "base_year", "target_year", "change_pct", "employment_base_k"]]
    out = history.merge(one, on="soc_code", how="left", validate="one_to_one")
    out = out.rename(columns={"change_pct": "projected_change_pct", "base_year": "projection_base_year",
                              "target_year": "projection_target_year"})
    span = out["projection_target_year"] - out["projection_base_year"]
    out["projected_annual_rate_pct"] = annual_rate_pct(1.0, 1 + out["projected_change_pct"] / 100, span)
    out["vintage"] = vintage
    return out
