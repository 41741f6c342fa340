"""BLS Table 1.10: annual openings split into growth, labour-force exits and occupational transfers, per release."""

import io
import re

import numpy as np
import pandas as pd
from python_calamine import CalamineWorkbook

from ingest.errors import IngestError, looks_like
from ingest.source import Schema, Source
from ingest.sources import _ep_sheet as sheet

SOURCE = Source(
    name="openings_split",
    title="Occupational separations and openings (Table 1.10): openings from growth, exits and transfers",
    publisher="U.S. Bureau of Labor Statistics, Employment Projections program",
    url="https://www.bls.gov/emp/ind-occ-matrix/occupation.xlsx",
    licence="Public domain (U.S. Government work)",
    citation="U.S. Bureau of Labor Statistics, Employment Projections, occupation.xlsx, Table 1.10 "
    "(Occupational separations and openings), every release from 2016-26.",
    raw_dir="raw/bls_ep_occupation_xlsx",
    raw_glob="*/occupation.xlsx",
    depends=("projections",),  # built after it, so a live run reads the workbook `projections` just downloaded
)

SCHEMA = Schema(
    columns={
        "vintage": "str",
        "base_year": "int64",
        "target_year": "int64",
        "soc_code": "str",
        "title": "str",
        "occupation_type": "str",
        "employment_base_k": "float64",
        "employment_target_k": "float64",
        "change_k": "float64",
        "change_pct": "float64",
        "openings_from_growth_k": "float64",  # change / years: the annual average employment change
        "labour_force_exits_k": "float64",
        "occupational_transfers_k": "float64",
        "separations_k": "float64",
        "openings_annual_k": "float64",
        "labour_force_exit_rate_pct": "float64",  # annual average, percent of employment
        "occupational_transfer_rate_pct": "float64",
        "separations_rate_pct": "float64",
    },
    key=("vintage", "soc_code"),
    required=("title", "occupation_type", "labour_force_exits_k", "occupational_transfers_k",
              "openings_annual_k"),
)

fetch = None  # derived: the workbooks `projections` downloads
SHEET = "Table 1.10"
# Normalised header text -> field; the first match wins. 2016-26 puts "rate" and "separations" in a group row
# above "labor force exits" / "occupational transfers" / "total"; later releases spell each column out.
FIELDS = [
    ("labour_force_exit_rate_pct", re.compile(r"labor force exit rate|separations rate.*labor force exits")),
    ("occupational_transfer_rate_pct", re.compile(r"transfer rate|separations rate.*occupational transfers")),
    ("separations_rate_pct", re.compile(r"separations rate")),
    ("labour_force_exits_k", re.compile(r"labor force exits")),
    ("occupational_transfers_k", re.compile(r"occupational transfers")),
    ("separations_k", re.compile(r"separations")),
    ("openings_annual_k", re.compile(r"openings")),
    ("change_pct", re.compile(r"change.*percent|percent.*change")),
    ("change_k", re.compile(r"change")),
    ("occupation_type", re.compile(r"occupation type")),
    ("employment", re.compile(r"^employment,? (\d{4})$")),
    ("title", re.compile(r"title")),
]
OLD_METHOD = re.compile(r"replacement")  # 2014-24 and before: replacement needs, a different concept


def _columns(labels: list[str], code_col: int, path: str) -> dict:
    found: dict = {"soc_code": code_col}
    for j, label in enumerate(labels):
        if j == code_col:
            continue
        name = next((n for n, pattern in FIELDS if pattern.search(label)), None)
        if name == "employment":
            found.setdefault("employment", []).append(j)
        elif name is not None and name in found:
            raise IngestError(SOURCE.name, f"{path}: two columns of {SHEET} look like {name!r}.")
        elif name is not None:
            found[name] = j
    missing = [n for n, _ in FIELDS if n not in found]
    if missing or len(found["employment"]) != 2:
        raise IngestError(SOURCE.name, f"{path}: {SHEET} has no column for {', '.join(missing) or 'employment'} "
                          f"(headers: {labels}).", "BLS may have renamed a column; update FIELDS in "
                          "ingest/sources/openings_split.py.")
    return found


def _years(labels: list[str], found: dict, path: str) -> tuple[int, int]:
    years = sorted(int(re.search(r"(\d{4})$", labels[j]).group(1)) for j in found["employment"])
    span = re.search(r"(\d{4})-(\d{2})", labels[found["openings_annual_k"]])
    if not span or int(span.group(1)) != years[0] or int(span.group(2)) != years[1] % 100:
        raise IngestError(SOURCE.name, f"{path}: the openings header {labels[found['openings_annual_k']]!r} "
                          f"disagrees with the employment years {years}.")
    return years[0], years[1]


def parse(raw: bytes, *, path: str = "occupation.xlsx") -> pd.DataFrame:
    """One workbook's Table 1.10; years from its headers. A release without the split (2014-24's Table 1.10
    counts replacement needs over the decade, an older method) gives no rows, not wrong ones."""
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
    except Exception as exc:
        raise IngestError(SOURCE.name, f"{path} is not a readable Excel workbook ({exc}); it looks "
                          f"{looks_like(raw)}.", f"download {SOURCE.url} again.") from None
    if SHEET not in book.sheet_names:
        return pd.DataFrame(columns=list(SCHEMA.columns))
    rows = book.get_sheet_by_name(SHEET).to_python()
    if any(OLD_METHOD.search(sheet.normalise(c)) for r in rows[:4] for c in r if isinstance(c, str)):
        return pd.DataFrame(columns=list(SCHEMA.columns))
    labels, data, code_col = sheet.split(rows, SHEET)
    found = _columns(labels, code_col, path)
    base, target = _years(labels, found, path)
    employment = sorted(found["employment"], key=lambda j: labels[j][-4:])
    records = []
    for row in data:
        code = str(row[code_col]).strip()
        rec = {"soc_code": code, "title": str(row[found["title"]]).strip(),
               "occupation_type": sheet.normalise(row[found["occupation_type"]]).replace(" ", "_"),
               "employment_base_k": sheet.number(row[employment[0]], "base employment", code),
               "employment_target_k": sheet.number(row[employment[1]], "target employment", code)}
        for name, _ in FIELDS:
            if name not in ("employment", "title", "occupation_type"):
                rec[name] = sheet.number(row[found[name]], name, code)
        records.append(rec)
    df = pd.DataFrame.from_records(records)
    df["openings_from_growth_k"] = df["change_k"] / (target - base)
    df.insert(0, "vintage", f"{base}-{target % 100:02d}")
    df.insert(1, "base_year", base)
    df.insert(2, "target_year", target)
    return df


def combine(frames: dict[str, pd.DataFrame], projections: pd.DataFrame) -> pd.DataFrame:
    kept = [f for f in frames.values() if not f.empty]
    if not kept:
        raise IngestError(SOURCE.name, f"no workbook has the separations split in {SHEET}.")
    out = pd.concat(kept, ignore_index=True)
    bad = out[~out["occupation_type"].isin(["line_item", "summary"])]
    if not bad.empty:
        raise IngestError(SOURCE.name, f"occupation type of {bad['soc_code'].iloc[0]} is "
                          f"{bad['occupation_type'].iloc[0]!r}.")
    # The published parts must add up: growth + exits + transfers = openings, within the tables' rounding.
    gap = out["openings_from_growth_k"] + out["labour_force_exits_k"] + out["occupational_transfers_k"] \
        - out["openings_annual_k"]
    if (worst := gap.abs().max()) > 0.2:
        row = out.loc[gap.abs().idxmax()]
        raise IngestError(SOURCE.name, f"{row['vintage']} {row['soc_code']}: growth, exits and transfers miss "
                          f"the openings by {worst:.2f} thousand.")
    return out.replace({np.inf: np.nan})


def coverage(df: pd.DataFrame) -> dict:
    vintages = sorted(df["vintage"].unique())
    return {
        "vintages": vintages,
        "latest_vintage": vintages[-1],
        "not_published": "2014-24: its Table 1.10 counts replacement needs over the decade (the older method), "
                         "not separations, so it has no split into exits and transfers.",
        "occupations_latest": int((df["vintage"] == vintages[-1]).sum()),
    }
