"""Track record: each release's projected employment in 2024 against the actual 2024 of the latest release."""

import numpy as np
import pandas as pd

from contract.domain import ALL_OCCUPATIONS, EP_AGGREGATES, SOC_2018_FIRST_BASE_YEAR
from ingest import soc_match
from ingest.errors import IngestError
from ingest.source import Schema, Source
from ingest.sources import projections as projections_source

SOURCE = Source(
    name="track_record",
    title="Track record of BLS employment projections: projected against actual 2024 employment",
    publisher="This project, from BLS Employment Projections (National Employment Matrix) and the SOC crosswalk",
    url="https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx",
    licence="Public domain (U.S. Government work); method: MIT (this project)",
    citation="U.S. Bureau of Labor Statistics, Employment Projections, occupation.xlsx Table 1.2 of every "
    "release since 2014-24, and the 2010 SOC to 2018 SOC crosswalk; matched by this project.",
    raw_dir="raw/bls_ep_occupation_xlsx",
    raw_glob="*/occupation.xlsx",
    depends=("projections", "soc_crosswalk"),
)

SCHEMA = Schema(
    columns={
        "vintage": "str",
        "base_year": "int64",
        "target_year": "int64",
        "check_year": "int64",
        "check": "str",  # "target year" or "interim (straight line)"
        "soc_code": "str",  # the latest release's code
        "title": "str",
        "occupation_type": "str",  # line_item, or total for all occupations
        "in_soc_29_31": "bool",  # SOC 2018 major groups 29 and 31 (the latest release's codes)
        "comparable": "str",  # same content / summed merge / apportioned split / not comparable
        "release_codes": "str",  # the release's codes that make up this role (";"-joined)
        "match_note": "str",
        "share": "float64",  # the role's share of its group (1 unless apportioned)
        "employment_base_k": "float64",  # the release's base-year employment on this role's basis
        "employment_target_k": "float64",
        "projected_k": "float64",  # at the check year
        "actual_k": "float64",  # the latest release's base-year employment
        "error_k": "float64",  # projected - actual
        "error_pct": "float64",  # error / actual * 100
        "projected_change_pct": "float64",  # base year -> check year, as projected
        "actual_change_pct": "float64",  # base year -> check year, as it turned out
        "direction_right": "boolean",
        "in_summary": "bool",  # counted in the summary: comparable without apportioning
    },
    key=("vintage", "soc_code"),
    required=("title", "comparable", "match_note"),
)

fetch = None  # derived: the committed workbooks (downloaded by `projections`) and the crosswalk
parse = projections_source.parse
TARGET, INTERIM = "target year", "interim (straight line)"
METHOD = (
    "Actual = base-year employment of the latest release (National Employment Matrix). Projected = the release's "
    "target-year employment when the target is the check year, else the straight line from base to target at "
    "the check year (an approximation: BLS projects end points, not paths). Codes are matched in closed groups "
    "of the SOC 2010 -> 2018 crosswalk (releases on SOC 2010) or equal codes with EP's pooled codes grouped by "
    "major group (releases on SOC 2018): one code each side = same content, several release codes = summed "
    f"merge, several current roles = apportioned split ({soc_match.APPORTION_RULE}); a group that loses jobs to "
    "codes the latest release does not publish = not comparable. Error = projected - actual, percent of actual. "
    "Summaries count same content and summed merges only.")


def _line_items(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["occupation_type"] == "line_item"].set_index("soc_code")


def _reference_shares(releases: pd.DataFrame, latest: str) -> list[tuple[str, dict]]:
    """Base-year employment of every SOC 2018 release, oldest first: the apportioning weights."""
    out = []
    for vintage, one in releases.groupby("vintage", sort=True):
        if int(one["base_year"].iloc[0]) >= SOC_2018_FIRST_BASE_YEAR or vintage == latest:
            out.append((vintage, _line_items(one)["employment_base_k"].to_dict()))
    return out


def _shares(news: list[str], reference: list[tuple[str, dict]]) -> tuple[dict[str, float], str]:
    if len(news) == 1:
        return {news[0]: 1.0}, ""
    for vintage, emp in reference:
        if set(news) <= set(emp) and (total := sum(emp[c] for c in news)) > 0:
            return {c: emp[c] / total for c in news}, vintage
    return {}, ""


def _sign(x):
    return np.sign(np.round(x, 1))


def compare(release: pd.DataFrame, latest: pd.DataFrame, crosswalk: pd.DataFrame,
            reference: list[tuple[str, dict]], *, check_year: int) -> pd.DataFrame:
    """One row per line item of the latest release: the release's projection for it at the check year."""
    vintage = str(release["vintage"].iloc[0])
    base_year, target_year = int(release["base_year"].iloc[0]), int(release["target_year"].iloc[0])
    old, new = _line_items(release), _line_items(latest)
    soc2010 = base_year < SOC_2018_FIRST_BASE_YEAR
    if soc2010:
        pairs = soc_match.crosswalk_pairs(crosswalk, list(old.index), list(new.index),
                                          new_aggregates=EP_AGGREGATES, source=SOURCE.name)
    else:
        pairs = soc_match.same_basis_pairs(list(old.index), list(new.index))
    groups = soc_match.components(pairs, list(old.index), list(new.index))
    matched = soc_match.classify(groups, pairs)
    frac = (check_year - base_year) / (target_year - base_year)
    base_of, target_of = old["employment_base_k"].to_dict(), old["employment_target_k"].to_dict()
    rows = []
    for m in matched.itertuples(index=False):
        olds = m.old_codes
        share, ref = _shares(m.group_new_codes, reference) if m.comparable != soc_match.NONE else ({}, "")
        how = m.comparable if (share or m.comparable == soc_match.NONE) else soc_match.NONE
        s = share.get(m.soc_code, np.nan)
        whole = bool(olds) and how != soc_match.NONE
        base = sum(base_of[c] for c in olds) * s if whole else np.nan
        target = sum(target_of[c] for c in olds) * s if whole else np.nan
        rows.append({"soc_code": m.soc_code, "comparable": how, "release_codes": ";".join(olds), "share": s,
                     "employment_base_k": base, "employment_target_k": target,
                     "match_note": _note(m, how, vintage, soc2010, ref, s)})
    out = pd.DataFrame(rows)
    out["projected_k"] = out["employment_base_k"] + (out["employment_target_k"] - out["employment_base_k"]) * frac
    out = pd.concat([out, _total(release, frac)], ignore_index=True)
    for col in ("employment_base_k", "employment_target_k", "projected_k"):
        out[col] = out[col].round(1)
    out["actual_k"] = out["soc_code"].map(_line_items(latest)["employment_base_k"])
    out.loc[out["soc_code"] == ALL_OCCUPATIONS, "actual_k"] = float(
        latest.loc[latest["soc_code"] == ALL_OCCUPATIONS, "employment_base_k"].iloc[0])
    out["error_k"] = (out["projected_k"] - out["actual_k"]).round(1)
    out["error_pct"] = out["error_k"] / out["actual_k"] * 100
    out["projected_change_pct"] = (out["projected_k"] / out["employment_base_k"] - 1) * 100
    out["actual_change_pct"] = (out["actual_k"] / out["employment_base_k"] - 1) * 100
    right = _sign(out["projected_k"] - out["employment_base_k"]) == _sign(out["actual_k"] - out["employment_base_k"])
    out["direction_right"] = right.astype("boolean").where(out["projected_k"].notna())
    out["in_summary"] = out["comparable"].isin([soc_match.SAME, soc_match.MERGE]) & out["projected_k"].notna()
    titles = latest.set_index("soc_code")["title"]
    out["title"] = out["soc_code"].map(titles)
    out["occupation_type"] = np.where(out["soc_code"] == ALL_OCCUPATIONS, "total", "line_item")
    out["in_soc_29_31"] = out["soc_code"].str[:2].isin(["29", "31"])
    out["vintage"], out["base_year"], out["target_year"] = vintage, base_year, target_year
    out["check_year"] = check_year
    out["check"] = TARGET if target_year == check_year else INTERIM
    return out


def _total(release: pd.DataFrame, frac: float) -> pd.DataFrame:
    total = release[release["soc_code"] == ALL_OCCUPATIONS].iloc[0]
    return pd.DataFrame([{"soc_code": ALL_OCCUPATIONS, "comparable": soc_match.SAME,
                          "release_codes": ALL_OCCUPATIONS, "share": 1.0,
                          "employment_base_k": total["employment_base_k"],
                          "employment_target_k": total["employment_target_k"],
                          "projected_k": total["employment_base_k"]
                          + (total["employment_target_k"] - total["employment_base_k"]) * frac,
                          "match_note": "Total, all occupations: the published total of both releases"}])


def _note(m, how: str, vintage: str, soc2010: bool, ref: str, share: float) -> str:
    olds = " + ".join(m.old_codes)
    basis = "SOC 2010" if soc2010 else vintage
    if how == soc_match.SAME:
        return (f"{basis} {olds}: same code, same content" if m.old_codes == [m.soc_code]
                else f"{basis} {olds} became {m.soc_code}, same content")
    if how == soc_match.MERGE:
        return f"sum of {basis} {olds}, which together became {m.soc_code}"
    if how == soc_match.SPLIT:
        others = ", ".join(c for c in m.group_new_codes if c != m.soc_code)
        return (f"{share:.1%} of {basis} {olds}, shared with {others} by their {ref[:4]} employment "
                f"({ref} base year)")
    if not m.old_codes:
        return f"no predecessor in the {vintage} release"
    if m.comparable == soc_match.NONE:
        return (f"{basis} {olds}: some of its jobs went to codes the latest release does not publish, "
                "so no like-for-like figure")
    return f"{basis} {olds} was split, and no SOC 2018 release publishes all its parts to share it by"


def combine(frames: dict[str, pd.DataFrame], projections: pd.DataFrame,
            soc_crosswalk: pd.DataFrame) -> pd.DataFrame:
    releases = pd.concat(frames.values(), ignore_index=True)
    if sorted(releases["vintage"].unique()) != sorted(projections["vintage"].unique()):
        raise IngestError(SOURCE.name, "the projections dataset is not built from the same workbooks.",
                          "run `python -m ingest --offline projections track_record`.")
    latest_vintage = releases["vintage"].max()
    latest = releases[releases["vintage"] == latest_vintage]
    check_year = int(latest["base_year"].iloc[0])
    reference = _reference_shares(releases, latest_vintage)
    out = []
    for vintage, release in releases.groupby("vintage", sort=True):
        if vintage == latest_vintage or int(release["target_year"].iloc[0]) < check_year \
                or int(release["base_year"].iloc[0]) >= check_year:
            continue
        out.append(compare(release, latest, soc_crosswalk, reference, check_year=check_year))
    if not out:
        raise IngestError(SOURCE.name, f"no release projects through {check_year}.")
    return pd.concat(out, ignore_index=True)


def coverage(df: pd.DataFrame) -> dict:
    items = df[df["occupation_type"] == "line_item"]
    return {
        "vintages": sorted(df["vintage"].unique()),
        "check_year": int(df["check_year"].iloc[0]),
        "target_year_checks": sorted(df.loc[df["check"] == TARGET, "vintage"].unique()),
        "comparable": {v: one["comparable"].value_counts().sort_index().to_dict()
                       for v, one in items.groupby("vintage")},
        "method": METHOD,
    }
