"""State projections and wages: a role across states, a state's leading roles, totals against their parts."""

import pandas as pd

from contract.domain import ALL_OCCUPATIONS, HEALTHCARE_MAJORS

NATION = "00"
MEASURES = {  # column: (label, format) for the States page and its map
    "change_pct": ("Projected change, %", "{:+.1f}%"),
    "openings_annual": ("Openings a year", "{:,.0f}"),
    "median_wage_annual_usd": ("Median annual wage, USD", "${:,.0f}"),
    "location_quotient": ("Location quotient", "{:.2f}"),
}


def releases(states: pd.DataFrame) -> list[str]:
    """Releases newest first."""
    return sorted(states["release"].unique(), reverse=True)


def rounding_unit(values: pd.Series) -> int:
    """The unit a publisher rounded counts to (the nation to 100s, states to 10s), read from the counts."""
    whole = values.dropna()
    return next((u for u in (1000, 100, 10) if len(whole) and (whole % u == 0).all()), 1)


def total_check(states: pd.DataFrame, *, release: str) -> pd.DataFrame:
    """Per area: its published total, the sum of its occupations, and the occupations the nation lists that it
    omits. A gap beyond rounding (half a unit per row) is explained only by omitted occupations."""
    rows = states[states["release"] == release]
    occupations = rows[rows["soc_code"] != ALL_OCCUPATIONS]
    listed = set(occupations.loc[occupations["area_fips"] == NATION, "soc_code"])
    out = []
    for fips, g in rows.groupby("area_fips"):
        parts = g[g["soc_code"] != ALL_OCCUPATIONS]
        total = g.loc[g["soc_code"] == ALL_OCCUPATIONS, "employment_base"]
        unit = rounding_unit(parts["employment_base"])
        out.append({
            "area_fips": fips, "area_name": g["area_name"].iloc[0], "occupations": len(parts),
            "missing_occupations": len(listed - set(parts["soc_code"])),
            "total": float(total.iloc[0]) if len(total) else float("nan"),
            "sum_of_occupations": float(parts["employment_base"].sum()),
            "tolerance": len(parts) * unit / 2,
        })
    df = pd.DataFrame(out)
    df["gap"] = df["sum_of_occupations"] - df["total"]
    df["within_rounding"] = df["gap"].abs() <= df["tolerance"]
    return df


def role_by_state(states: pd.DataFrame, *, release: str, code: str, oews: pd.DataFrame | None = None) -> pd.DataFrame:
    """One role in every area that publishes it, ranked by growth; OEWS wage and location quotient beside it
    when the state wage file is loaded (its own year, named in `oews_year`)."""
    rows = states[(states["release"] == release) & (states["soc_code"] == code) & (states["area_fips"] != NATION)]
    cols = ["area_fips", "area_postal", "area_name", "release", "base_year", "target_year", "employment_base",
            "employment_target", "change", "change_pct", "openings_annual"]
    table = rows[cols].copy()
    if oews is not None and not oews.empty:
        year = int(oews["year"].max())
        mine = oews[(oews["year"] == year) & (oews["soc_code"] == code)]
        table = table.merge(mine[["area_fips", "median_wage_annual_usd", "location_quotient"]], on="area_fips",
                            how="left").assign(oews_year=year)
    table = table.sort_values(["change_pct", "area_name"], ascending=[False, True], kind="stable")
    table.insert(0, "rank", range(1, len(table) + 1))
    return table.reset_index(drop=True)


def healthcare_codes(roles: pd.DataFrame) -> set[str]:
    return set(roles.loc[roles["is_healthcare"], "soc_code"])


def healthcare_titles(states: pd.DataFrame, roles: pd.DataFrame, *, release: str) -> pd.Series:
    """SOC code -> title of the healthcare roles published in a release, in title order (a role picker's list)."""
    titles = states[states["release"] == release].drop_duplicates("soc_code").set_index("soc_code")["title"]
    return titles[titles.index.isin(healthcare_codes(roles))].sort_values(kind="stable")


def state_roles(states: pd.DataFrame, roles: pd.DataFrame, *, release: str, area: str) -> pd.DataFrame:
    """The healthcare roles an area publishes in a release, with `is_healthcare` for the shared bar chart."""
    rows = states[(states["release"] == release) & (states["area_fips"] == area)
                  & states["soc_code"].isin(healthcare_codes(roles))]
    return rows.assign(is_healthcare=True).reset_index(drop=True)


def top_state_roles(states: pd.DataFrame, roles: pd.DataFrame, *, release: str, area: str, by: str,
                    n: int = 10) -> pd.DataFrame:
    """An area's top healthcare roles by `by`; roles with fewer than 100 workers are left out of growth
    rankings, where a handful of jobs makes a large percentage."""
    rows = state_roles(states, roles, release=release, area=area)
    if by == "change_pct":
        rows = rows[rows["employment_base"] >= 100]
    return rows.nlargest(n, by).reset_index(drop=True)


def healthcare_growth(states: pd.DataFrame, *, release: str, area: str) -> dict:
    """Healthcare (the published SOC 29 and 31 occupations, summed: the files carry no group rows) against all
    occupations in one area and release. An area that omits occupations is undercounted; `occupations` says how
    many were summed."""
    rows = states[(states["release"] == release) & (states["area_fips"] == area)]
    hc = rows[rows["soc_code"].str[:3].isin([m[:3] for m in HEALTHCARE_MAJORS])]
    total = rows[rows["soc_code"] == ALL_OCCUPATIONS]
    base, target = hc["employment_base"].sum(), hc["employment_target"].sum()
    return {
        "area_name": rows["area_name"].iloc[0] if len(rows) else "", "release": release, "occupations": len(hc),
        "healthcare_change_pct": (target / base - 1) * 100 if base else float("nan"),
        "healthcare_change": target - base, "healthcare_openings": hc["openings_annual"].sum(),
        "all_change_pct": float(total["change_pct"].iloc[0]) if len(total) else float("nan"),
    }


def role_here_and_nation(states: pd.DataFrame, national: pd.DataFrame, *, code: str, area: str,
                         national_vintage: str) -> pd.DataFrame:
    """One role: the area and the nation in the state release, and the nation in the newest BLS release.
    One row per (place, release): numbers of different releases are never combined into one figure."""
    out = []
    for release in releases(states):
        rows = states[(states["release"] == release) & (states["soc_code"] == code)]
        for fips in dict.fromkeys([area, NATION]):
            r = rows[rows["area_fips"] == fips]
            if len(r):
                r = r.iloc[0]
                out.append({"place": r.area_name, "release": release, "publisher": "Projections Central",
                            "employment_base": r.employment_base, "employment_target": r.employment_target,
                            "change_pct": r.change_pct, "openings_annual": r.openings_annual})
    n = national[national["soc_code"] == code]
    if len(n):
        r = n.iloc[0]
        out.append({"place": "United States", "release": national_vintage, "publisher": "BLS Employment Projections",
                    "employment_base": r.employment_base_k * 1000, "employment_target": r.employment_target_k * 1000,
                    "change_pct": r.change_pct, "openings_annual": r.openings_annual_k * 1000})
    return pd.DataFrame(out, columns=["place", "release", "publisher", "employment_base", "employment_target",
                                      "change_pct", "openings_annual"])


def missing_occupations(states: pd.DataFrame, *, release: str, area: str) -> pd.DataFrame:
    """The occupations the nation lists in a release that an area does not publish (states omit, not flag)."""
    rows = states[states["release"] == release]
    here = set(rows.loc[rows["area_fips"] == area, "soc_code"])
    nation = rows[(rows["area_fips"] == NATION) & (rows["soc_code"] != ALL_OCCUPATIONS)]
    return nation.loc[~nation["soc_code"].isin(here), ["soc_code", "title", "employment_base"]].reset_index(drop=True)
