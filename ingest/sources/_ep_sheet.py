"""Reading a BLS Employment Projections sheet: multi-row headers to named columns, cells to numbers and text."""

import re

import numpy as np
from python_calamine import CalamineWorkbook

from ingest import soc
from ingest.errors import IngestError

NAME = "projections"  # the dataset these sheets build, named in every error

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

def normalise(text: str) -> str:
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", str(text))  # en/em dashes and minus signs vary by vintage
    text = re.sub(r"\(\d\)|\[\d\]", "", text)  # footnote marks: (1) until 2022-32, [1] after
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip().lower()


def header_labels(header_rows: list[list]) -> list[str]:
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
        labels.append(normalise(" ".join(parts)))
    return labels


def split(rows: list[list], sheet: str) -> tuple[list[str], list[list], int]:
    """Header labels, data rows (SOC-coded only: drops title, notes and footnotes) and the code column."""
    first = next(((i, j) for i, row in enumerate(rows) for j, c in enumerate(row) if soc.is_code(str(c))), None)
    if first is None:
        raise IngestError(NAME, f"sheet {sheet!r} has no row with a SOC code.")
    i, code_col = first
    # The table's title row ("Table 1.2 ...") is the only filled cell of its row, wherever that cell is.
    filled = [[str(c).strip() for c in r if c not in (None, "")] for r in rows[:i]]
    header_rows = [r for r, f in zip(rows[:i], filled, strict=True)
                   if f and not (len(f) == 1 and f[0].lower().startswith("table"))]
    if not header_rows:
        raise IngestError(NAME, f"sheet {sheet!r} has no header above its first data row.")
    labels = header_labels(header_rows)
    data = [r for r in rows[i:] if len(r) > code_col and soc.is_code(str(r[code_col]))]
    return labels, data, code_col


def map_columns(labels: list[str], code_col: int, sheet: str) -> dict[str, int | list[int]]:
    found: dict[str, int | list[int]] = {"soc_code": code_col}
    for j, label in enumerate(labels):
        if j == code_col:
            continue
        for name, pattern in FIELDS:
            if pattern.search(label):
                if name in MULTI:
                    found.setdefault(name, []).append(j)
                elif name in found:
                    raise IngestError(NAME, f"sheet {sheet!r}: two columns look like {name!r}.")
                else:
                    found[name] = j
                break
    return found


def number(value, column: str, code: str) -> float:
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    if text in MISSING:
        return np.nan
    if "," in text and not THOUSANDS.match(text):  # "12,3,4" is not 1234
        raise IngestError(NAME, f"{column} of {code} is {text!r}, not a number.")
    try:
        return float(text.replace(",", ""))
    except ValueError:
        raise IngestError(NAME, f"{column} of {code} is {text!r}, not a number.") from None


def wage(value, code: str) -> tuple[float, bool]:
    """Median wage and whether BLS top-coded it (">=$239,200": the true median is at least that)."""
    if isinstance(value, str) and (m := TOPCODED.match(value.strip())):
        return float(m.group(1).replace(",", "")), True
    return number(value, "median annual wage", code), False


def text(value) -> str | None:
    text = str(value).strip() if value is not None else ""
    return None if text in MISSING else text


def years(labels: list[str], mapping: dict, sheet: str) -> tuple[int, int]:
    years = sorted(int(re.search(r"(\d{4})$", labels[j]).group(1)) for j in mapping["employment"])
    if len(years) != 2 or years[0] >= years[1]:
        raise IngestError(NAME, f"sheet {sheet!r}: expected two employment years, found {years}.")
    change = labels[mapping["change_k"]]
    if (m := re.search(r"(\d{4})-(\d{2,4})", change)) and (
        int(m.group(1)) != years[0] or int(m.group(2)) % 100 != years[1] % 100
    ):
        raise IngestError(NAME, f"sheet {sheet!r}: change header {change!r} disagrees with {years}.")
    return years[0], years[1]


def sheet_rows(book: CalamineWorkbook, sheet: str) -> list[list]:
    if sheet not in book.sheet_names:
        raise IngestError(
            NAME, f"workbook has no sheet {sheet!r} (sheets: {', '.join(book.sheet_names)}).",
            "check that the file is BLS's occupation.xlsx.",
        )
    return book.get_sheet_by_name(sheet).to_python()


