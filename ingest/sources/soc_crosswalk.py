"""BLS SOC 2010 -> SOC 2018 crosswalk: one row per (2010 code, 2018 code) pair, with split and merge flags."""

import io
import re

import pandas as pd
from python_calamine import CalamineWorkbook

from ingest import soc
from ingest.errors import IngestError
from ingest.http import download
from ingest.source import Schema, Source

SOURCE = Source(
    name="soc_crosswalk",
    title="SOC 2010 to SOC 2018 crosswalk",
    publisher="U.S. Bureau of Labor Statistics, on behalf of OMB and the SOC Policy Committee",
    url="https://www.bls.gov/soc/2018/soc_2010_to_2018_crosswalk.xlsx",
    licence="Public domain (U.S. Government work)",
    citation="U.S. Bureau of Labor Statistics, 2010 SOC to 2018 SOC crosswalk (November 2017), "
    "https://www.bls.gov/soc/2018/crosswalks.htm.",
    raw_dir="raw/soc_crosswalks/bls",
    raw_glob="soc_2010_to_2018_crosswalk.xlsx",
)

SCHEMA = Schema(
    columns={
        "soc_2010_code": "str",
        "soc_2010_title": "str",
        "soc_2018_code": "str",
        "soc_2018_title": "str",
        "is_split": "bool",  # the 2010 code maps to several 2018 codes
        "is_merge": "bool",  # the 2018 code is made from several 2010 codes
    },
    key=("soc_2010_code", "soc_2018_code"),
    required=("soc_2010_title", "soc_2018_title"),
)

HEADER = ["2010 SOC Code", "2010 SOC Title", "2018 SOC Code", "2018 SOC Title"]
# "(#)" marks a 2010 occupation split across 2018 codes, "(##)" a 2018 one assembled from several 2010 codes.
MARKER = re.compile(r"\s*\(#{1,2}\)\s*$")


def _title(value) -> str:
    return MARKER.sub("", re.sub(r"\s+", " ", str(value).replace("\xa0", " "))).strip()


def parse(raw: bytes, *, path: str = "soc_2010_to_2018_crosswalk.xlsx") -> pd.DataFrame:
    """The header row is found by its text (row 9 in BLS's file) rather than trusted to stay put."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    rows = book.get_sheet_by_index(0).to_python()
    start = next((i for i, r in enumerate(rows) if [str(c).strip() for c in r[:4]] == HEADER), None)
    if start is None:
        raise IngestError(SOURCE.name, f"{path}: no header row {HEADER} in the first sheet.",
                          "check that the file is BLS's soc_2010_to_2018_crosswalk.xlsx.")
    records = []
    for r in rows[start + 1:]:
        old, new = str(r[0]).strip(), str(r[2]).strip()
        if not old and not new:
            continue
        if not (soc.is_code(old) and soc.is_code(new)):
            raise IngestError(SOURCE.name, f"{path}: row with codes {old!r} -> {new!r} is not SOC-coded.")
        records.append({"soc_2010_code": old, "soc_2010_title": _title(r[1]),
                        "soc_2018_code": new, "soc_2018_title": _title(r[3])})
    df = pd.DataFrame.from_records(records)
    df["is_split"] = df.groupby("soc_2010_code")["soc_2018_code"].transform("size") > 1
    df["is_merge"] = df.groupby("soc_2018_code")["soc_2010_code"].transform("size") > 1
    return df


def fetch(session) -> dict[str, bytes]:
    raw = download(session, SOURCE.url, source=SOURCE.name, raw_hint=f"data/{SOURCE.raw_dir}/")
    return {"soc_2010_to_2018_crosswalk.xlsx": raw}


# What each live URL answers, as a committed file under data/<raw_dir>: tests/test_ingest_faults.py replays it.
REPLAY = {SOURCE.url: "soc_2010_to_2018_crosswalk.xlsx"}


def coverage(df: pd.DataFrame) -> dict:
    return {
        "pairs": len(df),
        "soc_2010_codes": int(df["soc_2010_code"].nunique()),
        "soc_2018_codes": int(df["soc_2018_code"].nunique()),
        "split_2010_codes": int(df.loc[df["is_split"], "soc_2010_code"].nunique()),
        "merged_2018_codes": int(df.loc[df["is_merge"], "soc_2018_code"].nunique()),
    }
