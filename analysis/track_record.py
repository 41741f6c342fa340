"""How projections turned out: error measures as BLS's evaluations report them, against naive forecasts."""

import numpy as np
import pandas as pd

from analysis.categories import growth_category, has_bands
from contract.domain import ALL_OCCUPATIONS

HEALTHCARE = "Healthcare occupations (SOC 29 + 31)"
ALL = "All occupations"
BLS = "BLS projection"
NO_CHANGE = "Naive: no change"  # employment stays at its base-year level


def average_label(rate_pct: float) -> str:
    """Every occupation grows at the all-occupations rate the release projected."""
    return f"Naive: all grow {rate_pct:+.1f}%"


def releases(track: pd.DataFrame) -> list[str]:
    return sorted(track["vintage"].unique())


def roles(track: pd.DataFrame, *, vintage: str) -> pd.DataFrame:
    """The release's line items with growth bands (where BLS's bands for the release are recorded)."""
    one = track[(track["vintage"] == vintage) & (track["occupation_type"] == "line_item")].copy()
    one["band_projected"] = [growth_category(p, vintage) if has_bands(vintage) else None
                             for p in one["projected_change_pct"]]
    one["band_actual"] = [growth_category(p, vintage) if has_bands(vintage) else None
                          for p in one["actual_change_pct"]]
    known = one["band_projected"].notna() & one["band_actual"].notna()
    one["band_right"] = (one["band_projected"] == one["band_actual"]).astype("boolean").where(known)
    return one.reset_index(drop=True)


def average_rate_pct(track: pd.DataFrame, *, vintage: str) -> float:
    """The all-occupations change the release projected from its base year to the check year."""
    total = track[(track["vintage"] == vintage) & (track["soc_code"] == ALL_OCCUPATIONS)].iloc[0]
    return float((total["projected_k"] / total["employment_base_k"] - 1) * 100)


def _measures(forecast: pd.Series, rows: pd.DataFrame, *, direction: pd.Series | None) -> dict:
    error = forecast - rows["actual_k"]
    ape = (error.abs() / rows["actual_k"] * 100)
    return {
        "occupations": len(rows),
        "mape_pct": round(float(ape.mean()), 1),
        "weighted_mape_pct": round(float(error.abs().sum() / rows["actual_k"].sum() * 100), 1),
        "median_ape_pct": round(float(ape.median()), 1),
        "within_10_pct_share": round(float((ape <= 10).mean() * 100), 1),
        "direction_right_pct": round(float(direction.mean() * 100), 1) if direction is not None else np.nan,
        "total_error_pct": round(float(error.sum() / rows["actual_k"].sum() * 100), 1),
    }


def summary(track: pd.DataFrame, *, vintage: str) -> pd.DataFrame:
    """MAPE (unweighted and employment-weighted), share with the right direction of change, for healthcare and
    all occupations, for BLS's projection and two naive forecasts on exactly the same occupations.

    Counted: roles matched without apportioning (same content or summed merge). Weighted MAPE is the sum of
    absolute errors over the sum of actual employment. Direction: the sign of the change from the base year.
    """
    one = roles(track, vintage=vintage)
    one = one[one["in_summary"]]
    rate = average_rate_pct(track, vintage=vintage)
    out = []
    for group, rows in ((HEALTHCARE, one[one["in_soc_29_31"]]), (ALL, one)):
        grew = np.sign((rows["actual_k"] - rows["employment_base_k"]).round(1))
        naive_avg = rows["employment_base_k"] * (1 + rate / 100)
        for name, forecast, direction in (
            (BLS, rows["projected_k"], rows["direction_right"].astype(bool)),
            (NO_CHANGE, rows["employment_base_k"], None),  # no change has no direction to get right
            (average_label(rate), naive_avg, grew == np.sign(round(rate, 1))),
        ):
            out.append({"group": group, "forecast": name, **_measures(forecast, rows, direction=direction)})
    return pd.DataFrame(out)


def group_totals(track: pd.DataFrame, *, vintage: str) -> pd.DataFrame:
    """Healthcare (SOC 2018 groups 29 + 31, rebuilt from the release's line items) and all occupations:
    base, projected and actual employment, and the error of the total."""
    one = roles(track, vintage=vintage).dropna(subset=["projected_k"])
    total = track[(track["vintage"] == vintage) & (track["soc_code"] == ALL_OCCUPATIONS)]
    rows = []
    for group, part in ((HEALTHCARE, one[one["in_soc_29_31"]]), (ALL, total)):
        base, projected, actual = (round(float(part[c].sum()), 1)
                                   for c in ("employment_base_k", "projected_k", "actual_k"))
        rows.append({"group": group, "roles": len(part), "employment_base_k": base, "projected_k": projected,
                     "actual_k": actual, "error_k": round(projected - actual, 1),
                     "error_pct": round((projected - actual) / actual * 100, 1)})
    return pd.DataFrame(rows)


def ranked(track: pd.DataFrame, *, vintage: str, healthcare_only: bool, n: int = 10,
           misses: bool = True, min_actual_k: float = 10.0) -> pd.DataFrame:
    """The n biggest misses (or closest hits) by absolute percent error, among like-for-like roles with at
    least min_actual_k thousand jobs (a tiny role's percent swings on a few hundred jobs)."""
    one = roles(track, vintage=vintage)
    one = one[one["in_summary"] & (one["actual_k"] >= min_actual_k)]
    if healthcare_only:
        one = one[one["in_soc_29_31"]]
    one = one.assign(abs_error_pct=one["error_pct"].abs())
    order = one.sort_values(["abs_error_pct", "soc_code"], ascending=[not misses, True], kind="stable")
    return order.head(n).reset_index(drop=True)


def claim_figure(track: pd.DataFrame, *, within_pct: float, vintage: str | None = None) -> dict:
    """What the track record says to 'BLS projections are usually within X%': the share of like-for-like
    occupations whose projection for the target year was within X% of the outcome, and the median miss."""
    targets = track[track["check"] == "target year"]
    vintage = vintage or (max(targets["vintage"]) if not targets.empty else None)
    if vintage is None:
        return {"figure": "no release has reached its target year", "holds": None}
    one = roles(track, vintage=vintage)
    one = one[one["in_summary"]]
    ape = one["error_pct"].abs()
    share = float((ape <= within_pct).mean() * 100)
    return {"figure": f"{share:.0f}% of {len(one)} occupations were within {within_pct:g}% of actual 2024 "
                      f"employment ({vintage} projections); median miss {ape.median():.1f}%",
            "holds": share > 50}


def role(track: pd.DataFrame, *, code: str, vintage: str) -> pd.Series | None:
    rows = track[(track["vintage"] == vintage) & (track["soc_code"] == code)]
    return None if rows.empty else rows.iloc[0]


def interim(track: pd.DataFrame) -> pd.DataFrame:
    """Every release against 2024: the target-year check and the straight-line approximations, summarised."""
    out = []
    for vintage in releases(track):
        s = summary(track, vintage=vintage)
        check = track.loc[track["vintage"] == vintage, "check"].iloc[0]
        for row in s[s["forecast"] == BLS].itertuples():
            out.append({"vintage": vintage, "check": check, "group": row.group, "occupations": row.occupations,
                        "mape_pct": row.mape_pct, "weighted_mape_pct": row.weighted_mape_pct,
                        "direction_right_pct": row.direction_right_pct, "total_error_pct": row.total_error_pct})
    return pd.DataFrame(out)


def role_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Roles as a reader sees them: named columns, years in the headers, percents to one decimal."""
    if rows.empty:
        return pd.DataFrame()
    base_year, check_year = int(rows["base_year"].iloc[0]), int(rows["check_year"].iloc[0])
    out = pd.DataFrame({
        "SOC": rows["soc_code"], "Role": rows["title"],
        f"Employment {base_year} (k)": rows["employment_base_k"], f"Projected {check_year} (k)": rows["projected_k"],
        f"Actual {check_year} (k)": rows["actual_k"], "Error (k)": rows["error_k"],
        "Error %": rows["error_pct"].round(1), "How the codes were matched": rows["match_note"]})
    return out.reset_index(drop=True)


def interim_table(track: pd.DataFrame) -> pd.DataFrame:
    return interim(track).rename(columns={
        "vintage": "Release", "check": "Compared at 2024 by", "group": "Group", "occupations": "Occupations",
        "mape_pct": "MAPE %", "weighted_mape_pct": "Weighted MAPE %", "direction_right_pct": "Direction right %",
        "total_error_pct": "Error of the total %"})
