"""O*NET job titles (occupation, alternate, short and a sample of reported titles) on SOC 2018 codes."""

import io

import pandas as pd

from ingest.errors import IngestError
from ingest.source import Schema, Source
from matching.title_match import normalise

SOURCE = Source(
    name="onet_titles",
    title="O*NET 29.3 job titles: alternate titles and a sample of reported titles",
    publisher="National Center for O*NET Development, for USDOL/ETA",
    url="https://www.onetcenter.org/dictionary/29.3/excel/",
    licence="CC BY 4.0",
    citation="O*NET 29.3 Database (May 2025), Alternate Titles and Sample of Reported Titles, National "
    "Center for O*NET Development, U.S. Department of Labor, CC BY 4.0. Codes collapsed to SOC 2018 "
    "with O*NET's 2019-to-SOC crosswalk.",
    raw_dir="raw/onet_titles",
    raw_glob="db_29_3/*.xlsx",
    depends=("onet_soc_crosswalk",),
)

SCHEMA = Schema(
    columns={"title_kind": "str", "title": "str", "title_norm": "str", "onet_soc_code": "str",
             "soc_code": "str", "occupation_title": "str"},
    key=("title_kind", "onet_soc_code", "title"),
    required=("title_norm", "soc_code", "occupation_title"),
)

# 'reported' titles are O*NET's sample of titles workers reported: held out of the matcher's index and
# used only to measure its accuracy.
FILES = {
    "db_29_3/Alternate Titles.xlsx": ("O*NET-SOC Code", "Title", "Alternate Title", "Short Title"),
    "db_29_3/Sample of Reported Titles.xlsx": ("O*NET-SOC Code", "Title", "Reported Job Title", None),
}

fetch = None  # O*NET's download page changes per release; the committed 29.3 copies are the ones used


def parse(raw: bytes, *, path: str) -> pd.DataFrame:
    if path not in FILES:
        raise IngestError(SOURCE.name, f"unexpected file {path}.", f"keep only {', '.join(FILES)}.")
    code, occ, title, short = FILES[path]
    df = pd.read_excel(io.BytesIO(raw), dtype=str, engine="calamine")
    if missing := [c for c in (code, occ, title, short) if c and c not in df.columns]:
        raise IngestError(SOURCE.name, f"{path} lacks column(s) {missing}.")
    kind = "reported" if short is None else "alternate"
    parts = [pd.DataFrame({"title_kind": kind, "title": df[title], "onet_soc_code": df[code],
                           "occupation_title": df[occ]})]
    if short:
        has = df[short].notna() & (df[short].str.strip() != "")
        parts.append(pd.DataFrame({"title_kind": "short", "title": df.loc[has, short],
                                   "onet_soc_code": df.loc[has, code], "occupation_title": df.loc[has, occ]}))
        occs = df[[code, occ]].drop_duplicates()
        parts.append(pd.DataFrame({"title_kind": "occupation", "title": occs[occ],
                                   "onet_soc_code": occs[code], "occupation_title": occs[occ]}))
    return pd.concat(parts, ignore_index=True)


def combine(frames: dict[str, pd.DataFrame], onet_soc_crosswalk: pd.DataFrame) -> pd.DataFrame:
    df = pd.concat(frames.values(), ignore_index=True)
    df["title"] = df["title"].str.strip()
    df = df.drop_duplicates(["title_kind", "onet_soc_code", "title"])
    to_soc = onet_soc_crosswalk.set_index("onet_soc_code")["soc_code"]
    df["soc_code"] = df["onet_soc_code"].map(to_soc)
    if (missing := df.loc[df["soc_code"].isna(), "onet_soc_code"].unique()).size:
        raise IngestError(SOURCE.name, f"O*NET codes {list(missing[:5])} are not in the crosswalk.")
    df["title_norm"] = df["title"].map(normalise)
    return df


def coverage(df: pd.DataFrame) -> dict:
    return {"titles": {k: int(v) for k, v in df["title_kind"].value_counts().items()},
            "soc_codes": int(df["soc_code"].nunique()), "release": "O*NET 29.3 (May 2025)"}
