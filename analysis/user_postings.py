"""A user's own postings (already matched to SOC): by role and month, next to projections, hand-assigned roles."""

import pandas as pd

COLUMNS = ["role", "month", "postings", "remote_postings", "hybrid_postings", "unknown_postings", "remote_share"]


def monthly_by_role(postings: pd.DataFrame) -> pd.DataFrame:
    """One row per SOC role (missing = unmatched) and month: postings, remote/hybrid/unknown counts, remote share.
    The same columns and meaning as aggregation.postings_monthly (unknown work mode counts in the denominator)."""
    df = pd.DataFrame({"role": postings["soc_code"].astype("object"), "month": postings["month"],
                       "remote": postings["work_mode"] == "remote", "hybrid": postings["work_mode"] == "hybrid",
                       "unknown": postings["work_mode"] == "unknown"})
    out = df.groupby(["role", "month"], dropna=False, as_index=False).agg(
        postings=("remote", "size"), remote_postings=("remote", "sum"), hybrid_postings=("hybrid", "sum"),
        unknown_postings=("unknown", "sum"))
    out["remote_share"] = out["remote_postings"] / out["postings"]
    out = out.astype({"role": "str", "month": "datetime64[us]", "postings": "int64", "remote_postings": "int64",
                      "hybrid_postings": "int64", "unknown_postings": "int64", "remote_share": "float64"})
    return out[COLUMNS].sort_values(["role", "month"], na_position="first", kind="stable").reset_index(drop=True)


def projected_code(soc_code: str, available: set[str]) -> str | None:
    """The projections row for a role: its own code, else its broad group (EP publishes some roles combined,
    e.g. 29-2010 for the clinical laboratory technologists and technicians)."""
    if soc_code in available:
        return soc_code
    broad = soc_code[:6] + "0"
    return broad if broad in available else None


def next_to_projections(postings: pd.DataFrame, projections: pd.DataFrame, roles: pd.DataFrame, *,
                        vintage: str) -> pd.DataFrame:
    """Per matched role: the user's postings, and its projected change and openings in the chosen vintage.
    Columns match the federal chart's (series_code = SOC code, series_title = role, announcements = postings)."""
    matched = postings[postings["soc_code"].notna()]
    counts = matched.groupby("soc_code").size().rename("announcements").reset_index()
    proj = projections[projections["vintage"] == vintage].set_index("soc_code")
    available = set(proj.index)
    counts["projections_soc_code"] = [projected_code(c, available) for c in counts["soc_code"]]
    names = roles.drop_duplicates("soc_code").set_index("soc_code")["title"]
    counts["series_code"] = counts["soc_code"]
    counts["series_title"] = counts["soc_code"].map(names).fillna(counts["soc_code"])
    for col in ("change_pct", "openings_annual_k", "employment_base_k"):
        counts[col] = counts["projections_soc_code"].map(proj[col]).astype("float64")
    counts["projected_title"] = counts["projections_soc_code"].map(proj["title"])
    return counts.sort_values(["announcements", "soc_code"], ascending=[False, True]).reset_index(drop=True)


def unmatched_titles(postings: pd.DataFrame) -> pd.DataFrame:
    """Titles with no SOC role, most frequent first, with their best (rejected) candidate and its score."""
    rows = postings[postings["soc_code"].isna()]
    out = rows.groupby("title", as_index=False).agg(postings=("title", "size"),
                                                    closest_title=("matched_title", "first"),
                                                    score=("match_score", "first"))
    return out.sort_values(["postings", "title"], ascending=[False, True]).reset_index(drop=True)


def assign_by_hand(postings: pd.DataFrame, assignments: dict[str, str], roles: pd.DataFrame) -> pd.DataFrame:
    """Postings with the user's own title -> SOC choices applied (match_method 'by hand', confidence 1).
    Returns a new frame; titles not in `assignments` keep their match."""
    if not assignments:
        return postings
    names = roles.drop_duplicates("soc_code").set_index("soc_code")["title"]
    out = postings.copy()
    picked = out["title"].map(assignments)
    hit = picked.notna()
    out["soc_code"] = out["soc_code"].astype("object").where(~hit, picked)
    out["matched_title"] = out["matched_title"].astype("object").where(~hit, picked.map(names))
    out["match_method"] = out["match_method"].astype("object").where(~hit, "by hand")
    out["match_score"] = out["match_score"].where(~hit, 100.0)
    out["match_confidence"] = out["match_confidence"].where(~hit, 1.0)
    return out.astype({"soc_code": "str", "matched_title": "str", "match_method": "str"})
