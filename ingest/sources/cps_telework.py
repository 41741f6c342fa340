"""BLS CPS telework tables, Table 2: persons at work by telework status, by occupation group and industry."""

import io
import re

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from ingest.errors import IngestError
from ingest.http import download
from ingest.source import Schema, Source

SOURCE = Source(
    name="cps_telework",
    title="Telework rate by occupation group and industry (CPS telework tables, Table 2)",
    publisher="U.S. Bureau of Labor Statistics, Current Population Survey",
    url="https://www.bls.gov/cps/telework.htm",
    licence="Public domain (U.S. Government work)",
    citation="U.S. Bureau of Labor Statistics, Current Population Survey, telework tables, Table 2 "
    "'Persons at work by telework status, usual full- and part-time status, occupation, industry, and class "
    "of worker' "
    "(same breakdown as Employment Situation table A-42); single months, not seasonally adjusted.",
    raw_dir="raw/bls_cps_telework",
    raw_glob="telework-tables-*.xlsx",
)

SCHEMA = Schema(
    columns={
        "date": "datetime64[ns]",  # first day of the survey month
        "section": "str",  # full_part_time / occupation / industry / class_of_worker
        "label": "str",
        "row": "int64",  # position in the published table, to show rows in BLS's order
        "level": "int64",  # indent depth in the table: 0 = summary line of the section
        "parent": "str",
        "soc_major_code": "str",  # for occupation rows that are SOC major groups; empty for summary groups
        "at_work_k": "float64",
        "teleworked_k": "float64",
        "teleworked_some_k": "float64",
        "teleworked_all_k": "float64",
        "not_teleworked_k": "float64",
        "teleworked_pct": "float64",  # as published (one decimal)
        "teleworked_some_pct": "float64",
        "teleworked_all_pct": "float64",
        "not_teleworked_pct": "float64",
        "telework_share": "float64",  # teleworked_pct / 100
    },
    key=("date", "section", "label"),
    required=("level", "at_work_k", "teleworked_k", "teleworked_pct", "telework_share"),
)

MONTHS = ("2022-12", "2023-12")  # the December releases this project keeps; BLS publishes every month
URL_PATTERN = "https://www.bls.gov/cps/telework-tables-{month}.xlsx"  # files listed on the landing page
SHEET = "Table 2"

# The header spans three rows with merged cells: names are set by hand, and the header text is checked.
EXPECTED_HEADER = (
    ["characteristic"]
    + ["total persons at work", "total", "teleworked some hours", "teleworked all hours",
       "persons who did not telework or work at home for pay"] * 2
)
COLUMNS = ["at_work_k", "teleworked_k", "teleworked_some_k", "teleworked_all_k", "not_teleworked_k",
           "at_work_pct", "teleworked_pct", "teleworked_some_pct", "teleworked_all_pct", "not_teleworked_pct"]
SECTIONS = {"usual full- and part-time status": "full_part_time", "occupation": "occupation",
            "industry": "industry", "class of worker": "class_of_worker"}

# CPS occupation groups that are SOC 2018 major groups (the others are BLS summary groups of several).
SOC_MAJOR = {
    "management occupations": "11-0000",
    "business and financial operations occupations": "13-0000",
    "computer and mathematical occupations": "15-0000",
    "architecture and engineering occupations": "17-0000",
    "life, physical, and social science occupations": "19-0000",
    "community and social services occupations": "21-0000",
    "community and social service occupations": "21-0000",
    "legal occupations": "23-0000",
    "education, training, and library occupations": "25-0000",
    "educational instruction and library occupations": "25-0000",
    "arts, design, entertainment, sports, and media occupations": "27-0000",
    "healthcare practitioners and technical occupations": "29-0000",
    "healthcare support occupations": "31-0000",
    "protective service occupations": "33-0000",
    "food preparation and serving related occupations": "35-0000",
    "building and grounds cleaning and maintenance occupations": "37-0000",
    "personal care and service occupations": "39-0000",
    "sales and related occupations": "41-0000",
    "office and administrative support occupations": "43-0000",
    "farming, fishing, and forestry occupations": "45-0000",
    "construction and extraction occupations": "47-0000",
    "installation, maintenance, and repair occupations": "49-0000",
    "production occupations": "51-0000",
    "transportation and material moving occupations": "53-0000",
}
SUMMARY_GROUPS = {
    "management, professional, and related occupations",
    "management, business, and financial operations occupations",
    "professional and related occupations",
    "service occupations",
    "sales and office occupations",
    "natural resources, construction, and maintenance occupations",
    "production, transportation, and material moving occupations",
}
MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december"]


def clean(text) -> str:
    """Label without the \\xa0 indent, line breaks or a footnote digit glued to the last word."""
    text = re.sub(r"\s+", " ", str(text).replace("\xa0", " ")).strip()
    return re.sub(r"(?<=[a-z])\d+$", "", text)


def _indent(text) -> int:
    lead = re.match(r"^[\s\xa0]*", str(text)).group(0)
    return lead.count("\xa0") // 3  # BLS indents by three non-breaking spaces per level


def _month(title: str, path: str) -> pd.Timestamp:
    m = re.search(r"(" + "|".join(MONTH_NAMES) + r")\s+(\d{4})\s*$", title.strip().lower())
    if not m:
        raise IngestError(SOURCE.name, f"{path}: {SHEET} title names no month: {title[:80]!r}.")
    date = pd.Timestamp(int(m.group(2)), MONTH_NAMES.index(m.group(1)) + 1, 1)
    named = re.search(r"(\d{4})-(\d{2})", path)
    if named and (int(named.group(1)), int(named.group(2))) != (date.year, date.month):
        raise IngestError(SOURCE.name, f"{path}: file name and table title ({date:%B %Y}) disagree.")
    return date


def _number(value, path: str, label: str) -> float:
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip().replace(",", "")
    if text in ("", "-", "–", "—"):
        return np.nan
    try:
        return float(text)
    except ValueError:
        raise IngestError(SOURCE.name, f"{path}: {label!r} has {text!r}, not a number.") from None


def parse(raw: bytes, *, path: str = "telework-tables.xlsx") -> pd.DataFrame:
    book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    if SHEET not in book.sheet_names:
        sheets = ", ".join(book.sheet_names)
        raise IngestError(SOURCE.name, f"{path} has no sheet {SHEET!r} (sheets: {sheets}).",
                          "check that the file is a BLS CPS telework-tables workbook.")
    rows = [list(r) + [""] * (11 - len(r)) for r in book.get_sheet_by_name(SHEET).to_python()]
    date = _month(str(rows[0][0]), path)
    head = next((i for i, r in enumerate(rows) if clean(r[0]).lower() == "characteristic"), None)
    if head is None:
        raise IngestError(SOURCE.name, f"{path}: {SHEET} has no 'Characteristic' header row.")
    header = [clean(c).lower() for c in rows[head][:11]]
    if header != EXPECTED_HEADER:
        raise IngestError(SOURCE.name, f"{path}: {SHEET} header changed: {header}.",
                          "update COLUMNS in ingest/sources/cps_telework.py to the new layout.")
    records, section, stack = [], None, []
    for r in rows[head + 1:]:
        label = clean(r[0])
        if not label:
            continue
        if re.match(r"^(\d+ |note:)", label.lower()):
            break  # footnotes and the NOTE close the table
        values = r[1:11]
        if all(str(v).strip() == "" for v in values):
            section = SECTIONS.get(label.lower())
            if section is None:
                raise IngestError(SOURCE.name, f"{path}: unknown section heading {label!r}.")
            stack = []
            continue
        if section is None:
            raise IngestError(SOURCE.name, f"{path}: data row {label!r} before any section heading.")
        level = _indent(r[0])
        stack = [s for s in stack if s[0] < level]
        key = label.lower()
        if section == "occupation" and key not in SOC_MAJOR and key not in SUMMARY_GROUPS:
            raise IngestError(SOURCE.name, f"{path}: occupation group {label!r} is neither a known SOC major "
                              "group nor a known summary group.", "add it to SOC_MAJOR or SUMMARY_GROUPS.")
        rec = {"date": date, "section": section, "label": label, "row": len(records), "level": level,
               "parent": stack[-1][1] if stack else "",
               "soc_major_code": SOC_MAJOR.get(key, "") if section == "occupation" else ""}
        rec.update({c: _number(v, path, label) for c, v in zip(COLUMNS, values, strict=True)})
        records.append(rec)
        stack.append((level, label))
    df = pd.DataFrame.from_records(records).drop(columns=["at_work_pct"])
    df["telework_share"] = df["teleworked_pct"] / 100
    if not df["telework_share"].between(0, 1).all():
        raise IngestError(SOURCE.name, f"{path}: a telework percentage lies outside 0..100.")
    return df


def fetch(session) -> dict[str, bytes]:
    out = {}
    for month in MONTHS:
        url = URL_PATTERN.format(month=month)
        out[f"telework-tables-{month}.xlsx"] = download(session, url, source=SOURCE.name,
                                                        raw_hint=f"data/{SOURCE.raw_dir}/")
    return out


# What each live URL answers, as a committed file under data/<raw_dir>: tests/test_ingest_faults.py replays it.
REPLAY = {URL_PATTERN.format(month=m): f"telework-tables-{m}.xlsx" for m in MONTHS}


def coverage(df: pd.DataFrame) -> dict:
    occ = df[df["section"] == "occupation"]
    return {
        "months": sorted(df["date"].dt.strftime("%Y-%m").unique()),
        "date_range": ", ".join(f"{d:%B %Y}" for d in sorted(df["date"].unique())),
        "occupation_rows_per_month": int(len(occ) / df["date"].nunique()),
        "soc_major_groups": int(occ.loc[occ["soc_major_code"] != "", "soc_major_code"].nunique()),
    }
