"""Roles: every SOC code in the projections with its hierarchy, healthcare flag and article themes."""

import io

import pandas as pd

from contract.domain import EP_AGGREGATES, SOC_2018_FIRST_BASE_YEAR
from ingest import soc
from ingest.errors import IngestError
from ingest.source import Schema, Source

SOURCE = Source(
    name="roles",
    title="Roles: SOC hierarchy, healthcare lens and trend themes",
    publisher="This project, from BLS Employment Projections codes and titles",
    url="https://www.bls.gov/soc/2018/",
    licence="Codes and titles: public domain (BLS); healthcare list and trend sets: MIT (this project)",
    citation="Healthcare labour-market trends dashboard, data/reference/healthcare_roles.csv and trends.csv, "
    "on BLS Employment Projections SOC codes.",
    raw_dir="reference",
    raw_glob="*.csv",
    depends=("projections", "soc_crosswalk"),
)

SCHEMA = Schema(
    columns={
        "soc_code": "str",
        "title": "str",
        "soc_level": "str",
        "in_latest_vintage": "bool",
        "major_code": "str",
        "major_title": "str",
        "minor_code": "str",
        "minor_title": "str",
        "broad_code": "str",
        "broad_title": "str",
        "is_healthcare": "bool",
        "healthcare_basis": "str",
        "in_soc_29_31": "bool",  # its jobs sit in SOC 2018 major groups 29 or 31 (SOC 2010 codes: their successors)
        "themes": "str",
        "latest_vintage": "str",
        "vintages": "str",
    },
    key=("soc_code",),
    required=("title", "soc_level", "latest_vintage"),
)

HEALTHCARE_MAJOR_GROUPS = {"29": "SOC major group 29, healthcare practitioners and technical",
                           "31": "SOC major group 31, healthcare support"}
EXPECTED = {
    "healthcare_roles.csv": {"soc_code", "soc_version", "title", "reason"},
    "trends.csv": {"trend_id", "trend", "soc_code", "why"},
}

fetch = None  # derived: built from the projections and the reference lists under data/reference/


def parse(raw: bytes, *, path: str) -> pd.DataFrame:
    df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    expected = EXPECTED.get(path)
    if expected is None:
        raise IngestError(SOURCE.name, f"unexpected reference file {path}.", "remove it from data/reference/.")
    if missing := expected - set(df.columns):
        raise IngestError(SOURCE.name, f"{path} lacks column(s) {', '.join(sorted(missing))}.")
    if bad := [c for c in df["soc_code"] if not soc.is_code(c)]:
        raise IngestError(SOURCE.name, f"{path} has malformed SOC code(s) {bad[:3]}.")
    return df


def _neighbours(crosswalk: pd.DataFrame) -> dict[str, set[str]]:
    """Codes linked across the SOC 2010 -> 2018 change (both ways), and EP sums linked to their members."""
    links: dict[str, set[str]] = {}
    pairs = list(crosswalk[["soc_2010_code", "soc_2018_code"]].itertuples(index=False))
    pairs += [(agg, m) for agg, members in EP_AGGREGATES.items() for m in members]
    for a, b in pairs:
        if a != b:
            links.setdefault(a, set()).add(b)
            links.setdefault(b, set()).add(a)
    return links


def follow_code_changes(listed: pd.Series, crosswalk: pd.DataFrame) -> dict[str, str]:
    """The listed roles plus every code they became or came from: a listed SOC 2010 code brings its SOC 2018
    successors (19-3031 -> 19-3033 and 19-3034) and a listed SOC 2018 code its predecessors; code -> basis."""
    links = _neighbours(crosswalk)
    basis = {code: f"listed: {reason}" for code, reason in listed.items()}
    frontier = [(code, code) for code in listed.index]
    while frontier:
        code, root = frontier.pop()
        for other in sorted(links.get(code, ())):
            if other not in basis:
                basis[other] = f"listed through the SOC 2010-2018 change: linked to {root}, which is listed"
                frontier.append((other, root))
    return basis


def soc_2018_majors(codes, crosswalk: pd.DataFrame, current: set[str]) -> dict[str, str]:
    """The SOC 2018 major group(s) of each code's jobs: its own for codes still in use, its successors' for
    codes only SOC 2010 releases have (29-9011 went to 19-5011, 39-9021 to 31-1122)."""
    successors = crosswalk.groupby("soc_2010_code")["soc_2018_code"].agg(lambda s: {c[:2] for c in s})
    out = {}
    for code in codes:
        if code in current or code not in successors.index:
            out[code] = code[:2]
        else:
            out[code] = ",".join(sorted(successors[code]))
    return out


def combine(frames: dict[str, pd.DataFrame], projections: pd.DataFrame,
            soc_crosswalk: pd.DataFrame) -> pd.DataFrame:
    """One row per code ever projected; titles and hierarchy from the newest vintage that has the code."""
    healthcare, trends = frames["healthcare_roles.csv"], frames["trends.csv"]
    newest_first = projections.sort_values("vintage", ascending=False)
    latest = newest_first.drop_duplicates("soc_code").set_index("soc_code")
    titles = latest["title"]
    vintages = projections.groupby("soc_code")["vintage"].agg(lambda v: ", ".join(sorted(v)))
    known_minors = {c for c in latest.index if soc.level(c) == "minor"}
    newest = projections["vintage"].max()
    listed = healthcare.set_index("soc_code")["reason"]
    followed = follow_code_changes(listed, soc_crosswalk)
    current = set(projections.loc[projections["base_year"] >= SOC_2018_FIRST_BASE_YEAR, "soc_code"])
    majors = soc_2018_majors(latest.index, soc_crosswalk, current)
    themes = trends.groupby("soc_code")["trend_id"].agg(lambda t: ";".join(dict.fromkeys(t)))

    rows = []
    for code, row in latest.iterrows():
        major, minor, broad = soc.major(code), soc.minor(code, known_minors), soc.broad(code)
        in_29_31 = set(majors[code].split(",")) <= set(HEALTHCARE_MAJOR_GROUPS)
        basis = None
        if soc.level(code) != "total" and in_29_31:
            basis = HEALTHCARE_MAJOR_GROUPS[majors[code].split(",")[0]]
            if majors[code] != code[:2]:
                basis += f" (SOC 2010 code {code}; its jobs moved there in SOC 2018)"
        if code in listed.index or (basis is None and code in followed):
            basis = followed[code]
        rows.append({
            "soc_code": code,
            "title": row["title"],
            "soc_level": soc.level(code),
            "in_latest_vintage": row["vintage"] == newest,
            "major_code": major,
            "major_title": titles.get(major),
            "minor_code": minor,
            "minor_title": titles.get(minor) if minor else None,
            "broad_code": broad,
            "broad_title": titles.get(broad) if broad else None,
            "is_healthcare": basis is not None,
            "healthcare_basis": basis,
            "in_soc_29_31": in_29_31 and soc.level(code) != "total",
            "themes": themes.get(code),
            "latest_vintage": row["vintage"],
            "vintages": vintages[code],
        })
    roles = pd.DataFrame.from_records(rows)
    unknown = sorted((set(listed.index) | set(themes.index)) - set(roles["soc_code"]))
    if unknown:
        raise IngestError(SOURCE.name, f"reference lists name codes no vintage has: {unknown}.",
                          "fix data/reference/*.csv.")
    return roles


def coverage(df: pd.DataFrame) -> dict:
    return {
        "roles": len(df),
        "healthcare_roles": int(df["is_healthcare"].sum()),
        "themes": sorted({t for ts in df["themes"].dropna() for t in ts.split(";")}),
    }
