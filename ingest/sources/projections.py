"""BLS Employment Projections: Table 1.2 (and 1.7) of occupation.xlsx, every vintage, into one tidy table."""

import io
import re

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from ingest import soc
from ingest.errors import IngestError, looks_like
from ingest.http import download
from ingest.source import Schema, Source
from ingest.sources import _ep_sheet as sheet

SOURCE = Source(
    name="projections",
    title="Employment Projections: occupational projections and worker characteristics (Table 1.2)",
    publisher="U.S. Bureau of Labor Statistics, Employment Projections program",
    url="https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx",
    licence="Public domain (U.S. Government work)",
    citation="U.S. Bureau of Labor Statistics, Employment Projections, National Employment Matrix, "
    "occupation.xlsx, Table 1.2 (and Table 1.7 before 2023–33).",
    raw_dir="raw/bls_ep_occupation_xlsx",
    raw_glob="*/occupation.xlsx",
)

SCHEMA = Schema(
    columns={
        "vintage": "str",
        "base_year": "int64",
        "target_year": "int64",
        "soc_code": "str",
        "title": "str",
        "occupation_type": "str",
        "soc_level": "str",
        "employment_base_k": "float64",
        "employment_target_k": "float64",
        "change_k": "float64",
        "change_pct": "float64",
        "openings_annual_k": "float64",
        "openings_total_k": "float64",
        "self_employed_pct": "float64",
        "median_wage_usd": "float64",
        "wage_year": "int64",
        "wage_topcoded": "bool",
        "education": "str",
        "work_experience": "str",
        "training": "str",
    },
    key=("vintage", "soc_code"),
    required=("title", "occupation_type", "employment_base_k", "employment_target_k", "change_k", "change_pct"),
)

PROJECTIONS = "Table 1.2"
CHARACTERISTICS = "Table 1.7"  # wages and education lived here until the 2023–33 release
REQUIRED_IN_PROJECTIONS = ("title", "occupation_type", "employment", "change_k", "change_pct")
CHARACTERISTIC_FIELDS = ("median_wage_usd", "education", "work_experience", "training", "self_employed_pct")


def _characteristics(book: CalamineWorkbook) -> tuple[dict[str, list], dict, list[str]] | None:
    if CHARACTERISTICS not in book.sheet_names:
        return None
    labels, data, code_col = sheet.split(sheet.sheet_rows(book, CHARACTERISTICS), CHARACTERISTICS)
    mapping = sheet.map_columns(labels, code_col, CHARACTERISTICS)
    if "median_wage_usd" not in mapping:
        return None  # 2023-33 keeps a stub sheet saying its content moved to Table 1.2
    rows = {str(r[code_col]).strip(): r for r in data}
    return rows, mapping, labels


def parse(raw: bytes, *, path: str = "occupation.xlsx") -> pd.DataFrame:
    """One workbook -> one row per occupation of its vintage; years and vintage read from the headers."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    except Exception as exc:
        raise IngestError(
            SOURCE.name, f"{path} is not a readable Excel workbook ({exc}); it looks {looks_like(raw)}.",
            f"download {SOURCE.url} again (bls.gov may have served an error page).",
        ) from None
    labels, data, code_col = sheet.split(sheet.sheet_rows(book, PROJECTIONS), PROJECTIONS)
    mapping = sheet.map_columns(labels, code_col, PROJECTIONS)
    absent = [f for f in REQUIRED_IN_PROJECTIONS if f not in mapping]
    if absent:
        raise IngestError(
            SOURCE.name, f"{path}: {PROJECTIONS} has no column for {', '.join(absent)} (headers: {labels}).",
            "BLS may have renamed a column; update FIELDS in ingest/sources/_ep_sheet.py.",
        )
    base, target = sheet.years(labels, mapping, PROJECTIONS)

    extra = None if "median_wage_usd" in mapping else _characteristics(book)
    wage_labels = labels
    if extra is None and "median_wage_usd" not in mapping:
        raise IngestError(SOURCE.name, f"{path}: no median wage in {PROJECTIONS} or {CHARACTERISTICS}.",
                          "BLS may have renamed the wage column; update FIELDS in ingest/sources/_ep_sheet.py.")
    if extra is not None:
        extra_rows, extra_map, wage_labels = extra
        wage_col = extra_map["median_wage_usd"]
    else:
        wage_col = mapping["median_wage_usd"]
    wage_year = re.search(r"(\d{4})", wage_labels[wage_col])
    if not wage_year:
        raise IngestError(SOURCE.name, f"{path}: wage header {wage_labels[wage_col]!r} names no year.")
    # Every vintage publishes these; a renamed header must fail here, not become a column of blanks.
    chars = extra[1] if extra is not None else mapping
    absent = [f for f in CHARACTERISTIC_FIELDS if f not in chars]
    if not {"openings_annual_k", "openings_total_k"} & set(mapping):
        absent.append("openings_annual_k")
    if absent:
        raise IngestError(
            SOURCE.name, f"{path}: no column for {', '.join(absent)} (headers: {labels}).",
            "BLS may have renamed a column; update FIELDS in ingest/sources/_ep_sheet.py.",
        )

    employment = sorted(mapping["employment"], key=lambda j: labels[j][-4:])  # base year first
    records = []
    for row in data:
        code = str(row[code_col]).strip()
        otype = sheet.normalise(row[mapping["occupation_type"]])
        if otype not in ("line item", "summary"):
            raise IngestError(SOURCE.name, f"{path}: occupation type of {code} is {otype!r}.")
        src, cols = (row, mapping)
        if extra is not None:
            src, cols = extra_rows.get(code), extra_map
        wage, topcoded = sheet.wage(src[cols["median_wage_usd"]], code) if src else (np.nan, False)

        def pick(field, src=src, cols=cols):
            return src[cols[field]] if src is not None and field in cols else None

        records.append({
            "soc_code": code,
            "title": sheet.text(row[mapping["title"]]),
            "occupation_type": otype.replace(" ", "_"),
            "soc_level": soc.level(code),
            "employment_base_k": sheet.number(row[employment[0]], "base employment", code),
            "employment_target_k": sheet.number(row[employment[1]], "target employment", code),
            "change_k": sheet.number(row[mapping["change_k"]], "numeric change", code),
            "change_pct": sheet.number(row[mapping["change_pct"]], "percent change", code),
            "openings_annual_k": sheet.number(row[mapping["openings_annual_k"]], "openings", code)
            if "openings_annual_k" in mapping else np.nan,
            "openings_total_k": sheet.number(row[mapping["openings_total_k"]], "openings", code)
            if "openings_total_k" in mapping else np.nan,
            "self_employed_pct": sheet.number(pick("self_employed_pct"), "self-employed", code)
            if pick("self_employed_pct") is not None else np.nan,
            "median_wage_usd": wage,
            "wage_topcoded": topcoded,
            "education": sheet.text(pick("education")),
            "work_experience": sheet.text(pick("work_experience")),
            "training": sheet.text(pick("training")),
        })
    df = pd.DataFrame.from_records(records)
    df.insert(0, "vintage", f"{base}-{target % 100:02d}")
    df.insert(1, "base_year", base)
    df.insert(2, "target_year", target)
    df["wage_year"] = int(wage_year.group(1))
    return df


def vintage_of(raw: bytes) -> str:
    return str(parse(raw)["vintage"].iloc[0])


def fetch(session) -> dict[str, bytes]:
    """BLS serves only the current vintage at this URL; it is filed under the vintage its headers name."""
    raw = download(session, SOURCE.url, source=SOURCE.name, raw_hint=f"data/{SOURCE.raw_dir}/<vintage>/")
    return {f"{vintage_of(raw)}/occupation.xlsx": raw}


# What the live URL answers, as a committed file under data/<raw_dir>: tests/test_ingest_faults.py serves it
# from a loopback server, with and without faults.
REPLAY = {SOURCE.url: "2024-34/occupation.xlsx"}


def coverage(df: pd.DataFrame) -> dict:
    vintages = sorted(df["vintage"].unique())
    return {
        "vintages": vintages,
        "latest_vintage": vintages[-1],
        "line_items": {v: int(((df["vintage"] == v) & (df["occupation_type"] == "line_item")).sum())
                       for v in vintages},
    }
