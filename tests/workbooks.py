"""Table 1.2 workbooks built from the real 2024-34 rows, so fault and property tests can edit them cheaply."""

import io
from functools import cache

import openpyxl
from python_calamine import CalamineWorkbook

from tests.conftest import RAW

REAL_2024 = RAW / "bls_ep_occupation_xlsx" / "2024-34" / "occupation.xlsx"
HEADER_ROW = 1  # row 0 is the table's title, row 1 its column headers


@cache
def _rows() -> tuple[tuple, ...]:
    book = CalamineWorkbook.from_path(str(REAL_2024))
    return tuple(tuple(r) for r in book.get_sheet_by_name("Table 1.2").to_python())


def table_rows() -> list[list]:
    """Title row, header row, data rows and footnotes of the real 2024-34 Table 1.2 (a fresh copy)."""
    return [list(r) for r in _rows()]


def column(header_text: str) -> int:
    return next(j for j, h in enumerate(_rows()[HEADER_ROW]) if h.startswith(header_text))


def workbook(rows: list[list], sheet: str = "Table 1.2") -> bytes:
    book = openpyxl.Workbook(write_only=True)
    ws = book.create_sheet(sheet)
    for row in rows:
        ws.append([None if c == "" else c for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
