"""Federal (USAJOBS) postings by series and month, their remote share, and the projections of the same roles."""

import pandas as pd


def series_options(monthly: pd.DataFrame, mapping: pd.DataFrame) -> pd.DataFrame:
    """Mapped health series present in the data, most announcements first: code, title, label, total."""
    totals = monthly.groupby("series_code")["announcements"].sum()
    out = mapping[mapping["is_primary"]][["series_code", "series_title", "soc_code", "soc_title"]].copy()
    out["announcements"] = out["series_code"].map(totals).fillna(0).astype("int64")
    out["label"] = out["series_code"] + " " + out["series_title"].str.title()
    return out.sort_values(["announcements", "series_code"], ascending=[False, True]).reset_index(drop=True)


def by_series_month(monthly: pd.DataFrame, *, series: list[str], first_series_only: bool = False) -> pd.DataFrame:
    """One row per chosen series and month, every month in the span present (zero when none opened)."""
    measure = "announcements_first_series" if first_series_only else "announcements"
    part = monthly[monthly["series_code"].isin(series)]
    if part.empty:
        return pd.DataFrame(columns=["series_code", "series_title", "month", "announcements",
                                     "remote_announcements", "remote_share"])
    months = pd.date_range(part["month"].min(), part["month"].max(), freq="MS").astype("datetime64[us]")
    titles = part.drop_duplicates("series_code").set_index("series_code")["series_title"]
    grid = pd.MultiIndex.from_product([sorted(part["series_code"].unique()), months], names=["series_code", "month"])
    out = part.set_index(["series_code", "month"])[[measure, "remote_announcements"]].reindex(grid, fill_value=0)
    out = out.rename(columns={measure: "announcements"}).reset_index()
    out["series_title"] = out["series_code"].map(titles)
    share = out["remote_announcements"] / out["announcements"].where(out["announcements"] > 0)
    out["remote_share"] = share
    return out[["series_code", "series_title", "month", "announcements", "remote_announcements", "remote_share"]]


def remote_share_over_time(monthly: pd.DataFrame, *, series: list[str]) -> pd.DataFrame:
    """All chosen series together, per month: remote announcements / announcements, both counted once per
    listed series (an announcement listing two chosen series weighs twice on both sides of the ratio)."""
    part = monthly[monthly["series_code"].isin(series)]
    out = part.groupby("month", as_index=False).agg(
        announcements=("announcements", "sum"), remote_announcements=("remote_announcements", "sum"))
    out["remote_share"] = out["remote_announcements"] / out["announcements"].where(out["announcements"] > 0)
    return out


def next_to_projections(monthly: pd.DataFrame, mapping: pd.DataFrame, projections: pd.DataFrame, *,
                        series: list[str], vintage: str) -> pd.DataFrame:
    """Per series: announcements in the data's span, and the projected change and openings of its SOC role."""
    primary = mapping[mapping["is_primary"] & mapping["series_code"].isin(series)]
    totals = monthly.groupby("series_code").agg(announcements=("announcements", "sum"),
                                                numeric_openings=("numeric_openings", "sum"))
    proj = projections[projections["vintage"] == vintage].set_index("soc_code")
    out = primary[["series_code", "series_title", "soc_code", "soc_title", "projections_soc_code"]].copy()
    out = out.join(totals, on="series_code")
    out[["announcements", "numeric_openings"]] = out[["announcements", "numeric_openings"]].fillna(0).astype("int64")
    for col in ("change_pct", "openings_annual_k", "employment_base_k"):
        out[col] = out["projections_soc_code"].map(proj[col])
    out["projected_title"] = out["projections_soc_code"].map(proj["title"])
    return out.sort_values("announcements", ascending=False).reset_index(drop=True)


def user_role_totals(user_monthly: pd.DataFrame, titles: pd.DataFrame, *, n: int = 8) -> pd.DataFrame:
    """The user's roles with the most postings (unmatched kept as its own row), with SOC titles."""
    totals = user_monthly.groupby("role", dropna=False).agg(postings=("postings", "sum"),
                                                            remote_postings=("remote_postings", "sum"))
    totals = totals.reset_index()
    totals["title"] = totals["role"].map(titles.drop_duplicates("soc_code").set_index("soc_code")["title"])
    totals.loc[totals["role"].isna(), "title"] = "Unmatched titles"
    totals["remote_share"] = totals["remote_postings"] / totals["postings"]
    return totals.sort_values("postings", ascending=False).head(n).reset_index(drop=True)
