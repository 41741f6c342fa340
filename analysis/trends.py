"""Trends from the articles: each trend's roles against healthcare and all occupations, and claims checked."""

import pandas as pd

from analysis.categories import growth_category
from analysis.growth import detailed, healthcare_vs_all
from analysis.track_record import claim_figure
from contract.domain import ALL_OCCUPATIONS


def _rank(growth: pd.DataFrame, code: str, by: str) -> int | None:
    items = detailed(growth, healthcare_only=False).dropna(subset=[by])
    ranked = items.sort_values(by, ascending=False, kind="stable").reset_index(drop=True)
    hits = ranked.index[ranked["soc_code"] == code]
    return int(hits[0]) + 1 if len(hits) else None


def check_claim(claim: pd.Series, growth: pd.DataFrame, *, vintage: str) -> dict:
    """What the data says about one claim: the figure, in words, and whether it holds."""
    codes = claim["codes"].split(";")
    rows = growth[growth["soc_code"].isin(codes)]
    kind, expected = claim["kind"], claim["expected"]
    if rows.empty:
        return {"figure": "not in this vintage", "holds": None}
    base, change = rows["employment_base_k"].sum(), rows["change_k"].sum()
    pct = round(change / base * 100, 1) if len(rows) > 1 else float(rows["change_pct"].iloc[0])
    if kind == "group_change_k":
        off = (change - float(expected)) / float(expected) * 100
        return {"figure": f"{change / 1000:,.2f} million jobs added ({pct:+.1f}%), {off:+.0f}% from the claim",
                "holds": abs(off) <= 10}
    if kind in ("group_category", "role_category"):
        phrase = growth_category(pct, vintage)
        average = float(growth.loc[growth["soc_code"] == ALL_OCCUPATIONS, "change_pct"].iloc[0])
        return {"figure": f"{pct:+.1f}% against {average:+.1f}% for all occupations: {phrase}",
                "holds": phrase == expected if phrase and not phrase.startswith("Bands") else None}
    by = "change_pct" if kind == "role_rank_pct" else "change_k"
    rank = _rank(growth, codes[0], by)
    what = "percent growth" if by == "change_pct" else "jobs added"
    value = f"{pct:+.1f}%" if by == "change_pct" else f"{change:,.1f}k jobs"
    return {"figure": f"ranks #{rank} of all occupations by {what} ({value})", "holds": rank <= int(expected)}


def check_claims(claims: pd.DataFrame, growth: pd.DataFrame, *, vintage: str,
                 track_record: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every claim checked; claims about how projections turned out (kind `track_record_within`) are checked
    against the track record (the release whose target year has come), whatever vintage is chosen."""
    checked = []
    for _, c in claims.iterrows():
        if c["kind"] != "track_record_within":
            checked.append(check_claim(c, growth, vintage=vintage))
        elif track_record is None:
            checked.append({"figure": "the track record is not built", "holds": None})
        else:
            checked.append(claim_figure(track_record, within_pct=float(c["expected"])))
    out = claims.reset_index(drop=True).join(pd.DataFrame(checked))
    out["verdict"] = out["holds"].map({True: "Supported", False: "Not supported"}).fillna("Cannot tell")
    return out


def trend_vs_benchmarks(trend_summary: pd.DataFrame, growth: pd.DataFrame) -> pd.DataFrame:
    """Trend rows followed by the two healthcare definitions and all occupations, for one chart."""
    bench = healthcare_vs_all(growth).rename(columns={"group": "trend", "rows": "roles"})
    bench["trend_id"] = ["_healthcare_lens", "_healthcare_bls", "_all"]
    cols = ["trend_id", "trend", "roles", "employment_base_k", "change_k", "change_pct", "openings_annual_k"]
    return pd.concat([trend_summary[cols], bench[cols]], ignore_index=True)
