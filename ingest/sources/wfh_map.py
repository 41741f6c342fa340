"""WFH Map: share of US job ads offering remote or hybrid work by SOC group, from a user-supplied workbook."""

# The workbook is "all rights reserved", so this source never downloads or commits it: `python -m ingest
# wfh_map --file PATH` copies it under data/user/ (git-ignored) and writes data/user/wfh_map.parquet.

import datetime as dt
import io
import re
from pathlib import Path

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from ingest import soc
from ingest.errors import IngestError
from ingest.source import Schema, Source

SOURCE = Source(
    name="wfh_map",
    title="Share of US job ads offering remote or hybrid work, by SOC group (WFH Map, user-supplied)",
    publisher="WFH Map (Hansen, Lambert, Bloom, Davis, Sadun and Taska)",
    url="https://wfhmap.com/data/",
    licence="All rights reserved (WFH Map): not redistributed; supply your own copy with --file",
    citation="Hansen, S., Lambert, P. J., Bloom, N., Davis, S. J., Sadun, R., & Taska, B. (2023). Remote "
    "Work across Jobs, Companies, and Space (NBER Working Paper 31007). https://doi.org/10.3386/w31007",
    raw_dir="user/raw/wfh_map",
    raw_glob="*/*.xlsx",
    output_dir="user",
)

SCHEMA = Schema(
    columns={
        "vintage": "str",  # compilation date of the workbook: vintages differ in method, never splice them
        "date": "datetime64[ns]",
        "soc_code": "str",
        "soc_level": "str",  # minor (2024 vintage) or major (2023 vintage)
        "soc_version": "str",
        "group_name": "str",
        "remote_pct": "float64",  # as published
        "remote_share": "float64",  # remote_pct / 100
        "remote_share_3ma": "float64",  # the authors' 3-month mean; recommended under 5,000 postings a month
        "postings_n": "float64",
    },
    key=("vintage", "soc_code", "date"),
    required=("soc_level", "group_name", "remote_share"),
)

SHEET = "occupation_by_month"
FILE = "remote_work_in_job_ads_public_data.xlsx"
MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                      "nov", "dec"], start=1)}
LAYOUT_2024 = {"Year": "year", "Month": "month", "SOC 2018 3-Digit Minor Group": "code",
               "SOC 2018 3-Digit Minor Group (Name)": "name", "Percent": "pct", "Percent_3MA": "pct_3ma",
               "N": "n"}
LAYOUT_2023 = {"year": "year", "month": "month", "us_soc_major_group_2digits": "code",
               "us_soc_major_group_name": "name", "percent": "pct", "n": "n"}
# Excel read these minor-group codes as month-year dates (11-2000 -> Nov 2000); the names say which is which.
MANGLED = {
    "Advertising, Marketing, Promotions, Public Relations, and Sales Managers": "11-2000",
    "Operations Specialties Managers": "11-3000",
    "Other Management Occupations": "11-9000",
}
fetch = None  # never downloaded: see the note at the top


def restore_code(value, name: str) -> str:
    """A minor-group code, undoing Excel's date conversion (a date d stands for f'{d.month:02d}-{d.year}')."""
    if isinstance(value, dt.date | dt.datetime):
        code = f"{value.month:02d}-{value.year:04d}"
    else:
        code = str(value).strip()
        if re.fullmatch(r"[A-Za-z]{3}-\d{2,4}", code):  # Excel's display text ("Nov-00") kept by a tool
            code = MANGLED.get(str(name).strip(), code)
    expected = MANGLED.get(str(name).strip())
    if expected and code != expected:
        raise IngestError(SOURCE.name, f"group {name!r} has code {value!r}, expected {expected}.")
    return code


def vintage_of(book: CalamineWorkbook) -> str:
    """The compilation date the 'contents' sheet states ("compiled on 15/10/2024"), as YYYY-MM-DD."""
    if "contents" in book.sheet_names:
        for row in book.get_sheet_by_name("contents").to_python():
            text = " ".join(str(c) for c in row)
            if m := re.search(r"compiled on (\d{1,2})/(\d{1,2})/(\d{4})", text):
                return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    raise IngestError(SOURCE.name, "the workbook's 'contents' sheet states no compilation date.",
                      "pass it with --option vintage=YYYY-MM-DD.")


def _frame(rows: list[list], path: str) -> tuple[pd.DataFrame, str]:
    header = [str(c).strip() for c in rows[0]]
    for layout, version in ((LAYOUT_2024, "2018"), (LAYOUT_2023, "2010")):
        if set(layout) <= set(header):
            cols = {layout[h]: j for j, h in enumerate(header) if h in layout}
            data = [{k: r[j] for k, j in cols.items()} for r in rows[1:] if any(str(c).strip() for c in r)]
            return pd.DataFrame.from_records(data), version
    raise IngestError(SOURCE.name, f"{path}: sheet {SHEET!r} has neither known layout (header: {header}).",
                      "this parser knows the 2023-09 and 2024-10 WFH Map public workbooks.")


def parse(raw: bytes, *, path: str = FILE, vintage: str | None = None) -> pd.DataFrame:
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    except Exception as exc:
        raise IngestError(SOURCE.name, f"{path} is not a readable Excel workbook ({exc}).") from None
    if SHEET not in book.sheet_names:
        raise IngestError(SOURCE.name, f"{path} has no sheet {SHEET!r}; is it the WFH Map public workbook?")
    folder = Path(path).parent.name
    vintage = vintage or (folder if re.fullmatch(r"\d{4}-\d{2}-\d{2}", folder) else vintage_of(book))
    df, version = _frame(book.get_sheet_by_name(SHEET).to_python(), path)
    month = df["month"].astype(str).str.strip().str[:3].str.lower().map(MONTHS)
    if month.isna().any():
        bad = df.loc[month.isna(), "month"].unique()
        raise IngestError(SOURCE.name, f"{path}: unreadable month(s) {bad}.")
    out = pd.DataFrame({"vintage": vintage,
                        "date": pd.to_datetime({"year": df["year"].astype(int), "month": month, "day": 1})})
    if version == "2018":
        out["soc_code"] = [restore_code(c, n) for c, n in zip(df["code"], df["name"], strict=True)]
        out["soc_level"] = "minor"
    else:  # 2-digit major groups stored as numbers (29.0)
        out["soc_code"] = [f"{int(float(c)):02d}-0000" for c in df["code"]]
        out["soc_level"] = "major"
    if bad := [c for c in out["soc_code"] if not soc.is_code(c)]:
        raise IngestError(SOURCE.name, f"{path}: malformed SOC code(s) {sorted(set(bad))[:3]}.")
    out["soc_version"] = version
    out["group_name"] = df["name"].astype(str).str.strip()
    out["remote_pct"] = pd.to_numeric(df["pct"], errors="coerce")
    out["remote_share"] = out["remote_pct"] / 100
    has_3ma = "pct_3ma" in df
    out["remote_share_3ma"] = pd.to_numeric(df["pct_3ma"], errors="coerce") / 100 if has_3ma else np.nan
    out["postings_n"] = pd.to_numeric(df["n"], errors="coerce")
    shares = pd.concat([out["remote_share"], out["remote_share_3ma"]]).dropna()
    if not shares.between(0, 1).all():
        raise IngestError(SOURCE.name, f"{path}: a remote percentage lies outside 0..100.")
    return out


def load_user_file(path: Path, **options) -> dict[str, bytes]:
    """Keep the user's workbook under data/user/raw/wfh_map/<vintage>/, the vintage read from the workbook."""
    raw = Path(path).read_bytes()
    vintage = options.get("vintage") or vintage_of(CalamineWorkbook.from_filelike(io.BytesIO(raw)))
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", vintage):
        raise IngestError(SOURCE.name, f"vintage {vintage!r} is not a date YYYY-MM-DD.")
    return {f"{vintage}/{FILE}": raw}


def coverage(df: pd.DataFrame) -> dict:
    return {
        v: {"start": g["date"].min().date().isoformat(), "end": g["date"].max().date().isoformat(),
            "groups": int(g["soc_code"].nunique()), "level": str(g["soc_level"].iloc[0])}
        for v, g in df.groupby("vintage")
    }
