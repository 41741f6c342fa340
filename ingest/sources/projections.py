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
MISSING = {"", "—", "-", "–", "N/A", "n/a"}  # BLS writes "—" for unavailable values
THOUSANDS = re.compile(r"^[-−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
TOPCODED = re.compile(r"^>=?\s*\$?\s*([\d,]+(?:\.\d+)?)$")

# Header text (normalised: lower case, plain hyphens, no footnote marks) -> field. Order matters: first match.
FIELDS = [
    ("employment_dist", re.compile(r"distribution")),
    ("self_employed_pct", re.compile(r"self[- ]employed")),
    ("openings_annual_k", re.compile(r"openings.*annual average")),
    ("openings_total_k", re.compile(r"openings")),
    ("change_pct", re.compile(r"change.*percent|percent.*change")),
    ("change_k", re.compile(r"change")),
    ("median_wage_usd", re.compile(r"median annual wage")),
    ("education", re.compile(r"education")),
    ("work_experience", re.compile(r"work experience")),
    ("training", re.compile(r"on-the-job training")),
    ("occupation_type", re.compile(r"occupation type")),
    ("employment", re.compile(r"^employment,?(?: number)? (\d{4})$")),
    ("title", re.compile(r"title")),
]
MULTI = ("employment", "employment_dist")  # fields that come as a base-year and a target-year column
REQUIRED_IN_PROJECTIONS = ("title", "occupation_type", "employment", "change_k", "change_pct")
CHARACTERISTIC_FIELDS = ("median_wage_usd", "education", "work_experience", "training", "self_employed_pct")


def _normalise(text: str) -> str:
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", str(text))  # en/em dashes and minus signs vary by vintage
    text = re.sub(r"\(\d\)|\[\d\]", "", text)  # footnote marks: (1) until 2022-32, [1] after
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip().lower()


def _header_labels(header_rows: list[list]) -> list[str]:
    """Join multi-row headers column by column; a merged group label spans the cells to its right."""
    width = max(len(r) for r in header_rows)
    grid = [[str(c).strip() if c not in (None, "") else "" for c in r] + [""] * (width - len(r))
            for r in header_rows]
    for r, row in enumerate(grid):
        for j in range(1, width):
            # Fill a blank cell from its left neighbour only inside the same parent group.
            same_parent = all(grid[p][j] == grid[p][j - 1] for p in range(r))
            if row[j] == "" and same_parent and row[j - 1] != "" and r < len(grid) - 1:
                row[j] = row[j - 1]
    labels = []
    for j in range(width):
        parts = []
        for row in grid:
            cell = row[j][:-2] if re.fullmatch(r"\d{4}\.0", row[j]) else row[j]  # 2024.0 read as a float
            if cell and cell not in parts:
                parts.append(cell)
        labels.append(_normalise(" ".join(parts)))
    return labels


def _split(rows: list[list], sheet: str) -> tuple[list[str], list[list], int]:
    """Header labels, data rows (SOC-coded only: drops title, notes and footnotes) and the code column."""
    first = next(((i, j) for i, row in enumerate(rows) for j, c in enumerate(row) if soc.is_code(str(c))), None)
    if first is None:
        raise IngestError(SOURCE.name, f"sheet {sheet!r} has no row with a SOC code.")
    i, code_col = first
    # The table's title row ("Table 1.2 ...") is the only filled cell of its row, wherever that cell is.
    filled = [[str(c).strip() for c in r if c not in (None, "")] for r in rows[:i]]
    header_rows = [r for r, f in zip(rows[:i], filled, strict=True)
                   if f and not (len(f) == 1 and f[0].lower().startswith("table"))]
    if not header_rows:
        raise IngestError(SOURCE.name, f"sheet {sheet!r} has no header above its first data row.")
    labels = _header_labels(header_rows)
    data = [r for r in rows[i:] if len(r) > code_col and soc.is_code(str(r[code_col]))]
    return labels, data, code_col


def _map_columns(labels: list[str], code_col: int, sheet: str) -> dict[str, int | list[int]]:
    found: dict[str, int | list[int]] = {"soc_code": code_col}
    for j, label in enumerate(labels):
        if j == code_col:
            continue
        for name, pattern in FIELDS:
            if pattern.search(label):
                if name in MULTI:
                    found.setdefault(name, []).append(j)
                elif name in found:
                    raise IngestError(SOURCE.name, f"sheet {sheet!r}: two columns look like {name!r}.")
                else:
                    found[name] = j
                break
    return found


def _number(value, column: str, code: str) -> float:
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    if text in MISSING:
        return np.nan
    if "," in text and not THOUSANDS.match(text):  # "12,3,4" is not 1234
        raise IngestError(SOURCE.name, f"{column} of {code} is {text!r}, not a number.")
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise IngestError(SOURCE.name, f"{column} of {code} is {text!r}, not a number.") from None


def _wage(value, code: str) -> tuple[float, bool]:
    """Median wage and whether BLS top-coded it (">=$239,200": the true median is at least that)."""
    if isinstance(value, str) and (m := TOPCODED.match(value.strip())):
        return float(m.group(1).replace(",", "")), True
    return _number(value, "median annual wage", code), False


def _text(value) -> str | None:
    text = str(value).strip() if value is not None else ""
    return None if text in MISSING else text


def _years(labels: list[str], mapping: dict, sheet: str) -> tuple[int, int]:
    years = sorted(int(re.search(r"(\d{4})$", labels[j]).group(1)) for j in mapping["employment"])
    if len(years) != 2 or years[0] >= years[1]:
        raise IngestError(SOURCE.name, f"sheet {sheet!r}: expected two employment years, found {years}.")
    change = labels[mapping["change_k"]]
    if (m := re.search(r"(\d{4})-(\d{2,4})", change)) and (
        int(m.group(1)) != years[0] or int(m.group(2)) % 100 != years[1] % 100
    ):
        raise IngestError(SOURCE.name, f"sheet {sheet!r}: change header {change!r} disagrees with {years}.")
    return years[0], years[1]


def _sheet_rows(book: CalamineWorkbook, sheet: str) -> list[list]:
    if sheet not in book.sheet_names:
        raise IngestError(
            SOURCE.name, f"workbook has no sheet {sheet!r} (sheets: {', '.join(book.sheet_names)}).",
            "check that the file is BLS's occupation.xlsx.",
        )
    return book.get_sheet_by_name(sheet).to_python()


def _characteristics(book: CalamineWorkbook) -> tuple[dict[str, list], dict, list[str]] | None:
    if CHARACTERISTICS not in book.sheet_names:
        return None
    labels, data, code_col = _split(_sheet_rows(book, CHARACTERISTICS), CHARACTERISTICS)
    mapping = _map_columns(labels, code_col, CHARACTERISTICS)
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
    labels, data, code_col = _split(_sheet_rows(book, PROJECTIONS), PROJECTIONS)
    mapping = _map_columns(labels, code_col, PROJECTIONS)
    absent = [f for f in REQUIRED_IN_PROJECTIONS if f not in mapping]
    if absent:
        raise IngestError(
            SOURCE.name, f"{path}: {PROJECTIONS} has no column for {', '.join(absent)} (headers: {labels}).",
            "BLS may have renamed a column; update FIELDS in ingest/sources/projections.py.",
        )
    base, target = _years(labels, mapping, PROJECTIONS)

    extra = None if "median_wage_usd" in mapping else _characteristics(book)
    wage_labels = labels
    if extra is None and "median_wage_usd" not in mapping:
        raise IngestError(SOURCE.name, f"{path}: no median wage in {PROJECTIONS} or {CHARACTERISTICS}.",
                          "BLS may have renamed the wage column; update FIELDS in ingest/sources/projections.py.")
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
            "BLS may have renamed a column; update FIELDS in ingest/sources/projections.py.",
        )

    employment = sorted(mapping["employment"], key=lambda j: labels[j][-4:])  # base year first
    records = []
    for row in data:
        code = str(row[code_col]).strip()
        otype = _normalise(row[mapping["occupation_type"]])
        if otype not in ("line item", "summary"):
            raise IngestError(SOURCE.name, f"{path}: occupation type of {code} is {otype!r}.")
        src, cols = (row, mapping)
        if extra is not None:
            src, cols = extra_rows.get(code), extra_map
        wage, topcoded = _wage(src[cols["median_wage_usd"]], code) if src else (np.nan, False)

        def pick(field, src=src, cols=cols):
            return src[cols[field]] if src is not None and field in cols else None

        records.append({
            "soc_code": code,
            "title": _text(row[mapping["title"]]),
            "occupation_type": otype.replace(" ", "_"),
            "soc_level": soc.level(code),
            "employment_base_k": _number(row[employment[0]], "base employment", code),
            "employment_target_k": _number(row[employment[1]], "target employment", code),
            "change_k": _number(row[mapping["change_k"]], "numeric change", code),
            "change_pct": _number(row[mapping["change_pct"]], "percent change", code),
            "openings_annual_k": _number(row[mapping["openings_annual_k"]], "openings", code)
            if "openings_annual_k" in mapping else np.nan,
            "openings_total_k": _number(row[mapping["openings_total_k"]], "openings", code)
            if "openings_total_k" in mapping else np.nan,
            "self_employed_pct": _number(pick("self_employed_pct"), "self-employed", code)
            if pick("self_employed_pct") is not None else np.nan,
            "median_wage_usd": wage,
            "wage_topcoded": topcoded,
            "education": _text(pick("education")),
            "work_experience": _text(pick("work_experience")),
            "training": _text(pick("training")),
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
