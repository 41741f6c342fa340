"""Where openings come from (BLS Table 1.10): growth, workers leaving the labour force, workers changing jobs."""

import pandas as pd

PARTS = {"openings_from_growth_k": "from growth", "labour_force_exits_k": "from workers leaving the labour force",
         "occupational_transfers_k": "from workers moving to other occupations"}


def parts(split: pd.DataFrame, *, vintage: str, codes: list[str]) -> dict | None:
    """Summed openings and their three sources for the codes of a release; None when the release or a code has
    no split. Growth is the annual average employment change (negative when the role shrinks)."""
    rows = split[(split["vintage"] == vintage) & split["soc_code"].isin(codes)]
    if rows.empty or len(rows) != len(set(codes)):
        return None
    cols = ["openings_annual_k", *PARTS, "employment_base_k"]
    out = {c: round(float(rows[c].sum()), 1) for c in cols}
    out["labour_force_exit_rate_pct"] = round(out["labour_force_exits_k"] / out["employment_base_k"] * 100, 1) \
        if len(rows) > 1 else float(rows["labour_force_exit_rate_pct"].iloc[0])
    out["occupational_transfer_rate_pct"] = round(out["occupational_transfers_k"] / out["employment_base_k"] * 100,
                                                  1) if len(rows) > 1 else float(
        rows["occupational_transfer_rate_pct"].iloc[0])
    out["vintage"] = vintage
    return out


def sentence(p: dict | None, *, vintage: str) -> str:
    """'Of 765.8 thousand openings a year, 74.0 thousand from growth, 403.9 thousand from ... (2024-34).'"""
    if p is None:
        return (f"The {vintage} release does not split openings into growth, exits and transfers"
                + (" (its Table 1.10 counts replacement needs over the decade, an older method)."
                   if vintage.startswith("2014") else "."))
    shares = ", ".join(f"{p[c]:,.1f} thousand {label}" for c, label in PARTS.items())
    return (f"Of {p['openings_annual_k']:,.1f} thousand openings a year, {shares} (annual averages, {vintage}; "
            f"each year {p['labour_force_exit_rate_pct']:.1f}% of workers leave the labour force and "
            f"{p['occupational_transfer_rate_pct']:.1f}% move to another occupation; parts are rounded).")
