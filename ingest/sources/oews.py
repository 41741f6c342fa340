"""BLS OEWS national employment and wages, May 2019 on: one row per (year, SOC code), sentinels as flags."""

import io
import re
import zipfile

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from contract import paths
from ingest import soc
from ingest.errors import IngestError
from ingest.http import download
from ingest.source import Schema, Source

SOURCE = Source(
    name="oews",
    title="Occupational Employment and Wage Statistics (OEWS), national, cross-industry",
    publisher="U.S. Bureau of Labor Statistics, OEWS program",
    url="https://www.bls.gov/oes/special-requests/oesm25nat.zip",
    licence="Public domain (U.S. Government work)",
    citation="U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics, "
    "May <year> national cross-industry estimates (national_M<year>_dl.xlsx).",
    raw_dir="raw/bls_oews_national",
    raw_glob="national_M*_dl.xlsx",
)

# Wage and employment values come with a flag column each; the flag says why a value is missing.
VALUES = {
    "employment": "tot_emp",
    "median_wage_annual_usd": "a_median",
    "mean_wage_annual_usd": "a_mean",
    "median_wage_hourly_usd": "h_median",
    "mean_wage_hourly_usd": "h_mean",
}
FLAG_OF = {name: name.replace("_usd", "") + "_flag" if name != "employment" else "employment_flag"
           for name in VALUES}

SCHEMA = Schema(
    columns={
        "year": "int64",
        "soc_code": "str",
        "title": "str",
        "o_group": "str",
        "also_broad": "bool",
        "soc_basis": "str",
        "employment": "float64",
        "employment_flag": "str",
        "employment_rse_pct": "float64",
        "median_wage_annual_usd": "float64",
        "median_wage_annual_flag": "str",
        "mean_wage_annual_usd": "float64",
        "mean_wage_annual_flag": "str",
        "median_wage_hourly_usd": "float64",
        "median_wage_hourly_flag": "str",
        "mean_wage_hourly_usd": "float64",
        "mean_wage_hourly_flag": "str",
        "annual_only": "bool",
        "hourly_only": "bool",
        "topcode_annual_usd": "float64",
        "topcode_hourly_usd": "float64",
    },
    key=("year", "soc_code"),
    required=("title", "o_group", "soc_basis"),
)

# BLS's special values (Field Descriptions sheet). Never zeros: a missing value plus the reason.
SENTINELS = {
    "*": "wage_not_available",
    "**": "employment_not_available",
    "#": "topcoded",
    "~": "under_half_pct_establishments",
}
O_GROUPS = ("total", "major", "minor", "broad", "detailed")
FILE_YEAR = re.compile(r"national_M(\d{4})_dl\.xlsx$")
TOPCODE_NOTE = re.compile(r"#\s*=.*?\$\s*([\d,.]+)\s*per hour.*?\$\s*([\d,.]+)\s*per year", re.I)
# May 2019 and May 2020 used a hybrid of 2010 and 2018 SOC codes; May 2021 is the first pure SOC 2018 year.
FIRST_SOC_2018_YEAR = 2021


def _cell(value, column: str, code: str) -> tuple[float, str | None]:
    """A number and None, or NaN and the flag word of a sentinel."""
    if isinstance(value, bool):
        raise IngestError(SOURCE.name, f"{column} of {code} is a boolean {value!r}.")
    if isinstance(value, int | float):
        return float(value), None
    text = str(value).strip() if value is not None else ""
    if text == "":
        return np.nan, "blank"
    if text in SENTINELS:
        return np.nan, SENTINELS[text]
    try:
        return float(text.replace(",", "")), None
    except ValueError:
        raise IngestError(
            SOURCE.name, f"{column} of {code} is {text!r}, neither a number nor a sentinel.",
            "BLS may have added a special value; extend SENTINELS in ingest/sources/oews.py.",
        ) from None


def _truthy(value) -> bool:
    return str(value).strip().upper() == "TRUE" or value is True


def _topcodes(book: CalamineWorkbook, has_hash: bool) -> tuple[float, float]:
    """The top-code threshold the year documents; NaN when the data carry no '#' at all (May 2025 on)."""
    if not has_hash or "Field Descriptions" not in book.sheet_names:
        return np.nan, np.nan
    for row in book.get_sheet_by_name("Field Descriptions").to_python():
        text = " ".join(str(c) for c in row if c not in (None, ""))
        if m := TOPCODE_NOTE.search(text):
            return float(m.group(1).replace(",", "")), float(m.group(2).replace(",", ""))
    raise IngestError(SOURCE.name, "the data use '#' but the Field Descriptions sheet states no top-code.")


def parse(raw: bytes, *, path: str = "national_M2025_dl.xlsx") -> pd.DataFrame:
    """One national workbook -> one row per SOC code; the year comes from the file name."""
    m = FILE_YEAR.search(path)
    if not m:
        raise IngestError(SOURCE.name, f"{path}: expected a name like national_M2025_dl.xlsx.")
    year = int(m.group(1))
    book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    sheet = next((s for s in book.sheet_names if s.lower().startswith("national_m")), None)
    if sheet is None:
        raise IngestError(SOURCE.name, f"{path}: no national_M<year>_dl sheet (sheets: {book.sheet_names}).")
    rows = book.get_sheet_by_name(sheet).to_python()
    header = [str(c).strip().lower() for c in rows[0]]  # May 2019 is lower case, later years upper case
    needed = ["occ_code", "occ_title", "o_group", "emp_prse", "annual", "hourly", *VALUES.values()]
    if absent := [c for c in needed if c not in header]:
        raise IngestError(SOURCE.name, f"{path}: no column(s) {', '.join(absent)} (header: {header}).")
    col = {name: header.index(name) for name in needed}

    has_hash = any(isinstance(c, str) and c.strip() == "#" for r in rows[1:] for c in r)
    top_hourly, top_annual = _topcodes(book, has_hash)
    records = []
    for r in rows[1:]:
        code = str(r[col["occ_code"]]).strip()
        if not code:
            continue
        if not soc.is_code(code):
            raise IngestError(SOURCE.name, f"{path}: OCC_CODE {code!r} is not a SOC code.")
        group = str(r[col["o_group"]]).strip().lower()
        if group not in O_GROUPS:
            raise IngestError(SOURCE.name, f"{path}: O_GROUP of {code} is {group!r}.")
        rec = {"soc_code": code, "title": str(r[col["occ_title"]]).strip(), "o_group": group}
        for name, source_col in VALUES.items():
            rec[name], rec[FLAG_OF[name]] = _cell(r[col[source_col]], source_col, code)
        rec["employment_rse_pct"] = _cell(r[col["emp_prse"]], "emp_prse", code)[0]
        rec["annual_only"] = _truthy(r[col["annual"]])
        rec["hourly_only"] = _truthy(r[col["hourly"]])
        records.append(rec)
    df = pd.DataFrame.from_records(records)
    df = _merge_broad_detailed(df, path)
    df.insert(0, "year", year)
    df["soc_basis"] = "SOC 2018" if year >= FIRST_SOC_2018_YEAR else "OEWS hybrid SOC 2010/2018"
    df["topcode_annual_usd"] = top_annual
    df["topcode_hourly_usd"] = top_hourly
    return df


def _merge_broad_detailed(df: pd.DataFrame, path: str) -> pd.DataFrame:
    """A broad group with one detailed occupation (31-1120 and others) is listed twice, once per O_GROUP."""
    dup = df["soc_code"].duplicated(keep=False)
    if not dup.any():
        return df.assign(also_broad=False)
    pairs = df[dup]
    values = [c for c in df.columns if c != "o_group"]
    for code, g in pairs.groupby("soc_code"):
        if sorted(g["o_group"]) != ["broad", "detailed"]:
            raise IngestError(SOURCE.name, f"{path}: {code} appears as {list(g['o_group'])}.")
        if not g[values].iloc[0].equals(g[values].iloc[1]):
            raise IngestError(SOURCE.name, f"{path}: the broad and detailed rows of {code} differ.")
    keep = ~dup | (df["o_group"] == "detailed")
    out = df[keep].copy()
    out["also_broad"] = out["soc_code"].isin(pairs["soc_code"])
    return out


def _xlsx_from_zip(raw: bytes) -> tuple[str, bytes]:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            names = [n for n in zf.namelist() if FILE_YEAR.search(n)]
            if len(names) != 1:
                raise IngestError(SOURCE.name, f"the zip holds {len(names)} national workbooks: "
                                               f"{zf.namelist()}.")
            return names[0].rsplit("/", 1)[-1], zf.read(names[0])
    except zipfile.BadZipFile:
        html = raw.lstrip()[:15].lower().startswith((b"<!doctype", b"<html"))
        looks = "an HTML page" if html else "damaged"
        raise IngestError(
            SOURCE.name, f"{SOURCE.url} is not a zip file; it looks {looks}.",
            "bls.gov may have served an error page; set HLT_CONTACT_EMAIL and try again.",
        ) from None


def fetch(session) -> dict[str, bytes]:
    """BLS ships the workbook inside a zip; keep the workbook, under its own name."""
    raw = download(session, SOURCE.url, source=SOURCE.name, raw_hint=f"data/{SOURCE.raw_dir}/")
    name, xlsx = _xlsx_from_zip(raw)
    return {name: xlsx}


def _replayed_zip() -> bytes:
    """The live answer rebuilt for tests/test_ingest_faults.py: BLS's zip around the committed workbook."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        name = "national_M2025_dl.xlsx"
        zf.writestr(f"oesm25nat/{name}", (paths.data_dir() / SOURCE.raw_dir / name).read_bytes())
    return buf.getvalue()


REPLAY = {SOURCE.url: _replayed_zip}  # a callable: built only when a test serves it


def coverage(df: pd.DataFrame) -> dict:
    years = sorted(int(y) for y in df["year"].unique())
    return {
        "date_range": f"May {years[0]} to May {years[-1]}",
        "years": years,
        "detailed_occupations": _per_year(df, df["o_group"] == "detailed"),
        "topcoded_median_wages": _per_year(df, df["median_wage_annual_flag"] == "topcoded"),
    }


def _per_year(df: pd.DataFrame, mask: pd.Series) -> dict[str, int]:
    counts = df[mask].groupby("year").size()
    return {str(y): int(counts.get(y, 0)) for y in sorted(df["year"].unique())}
