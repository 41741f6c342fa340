"""An uploaded postings file read from memory (CSV, JSON Lines, Parquet, Excel); hostile files refused clearly."""

import io
import re
import zipfile
from dataclasses import dataclass, field

import pandas as pd

MAX_ROWS = 1_000_000  # a year of postings for a large health system; beyond this, use the command line
MAX_UNPACKED = 200 * 2**20  # an xlsx or Parquet may unpack to this much, no more (a zip bomb unpacks to GBs)
MAX_RATIO = 100  # real workbooks compress 5-20x; 1,000x is a bomb
FORMATS = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
           ".parquet": "parquet", ".xlsx": "excel", ".xlsm": "excel"}
TYPES = sorted({s.lstrip(".") for s in FORMATS})
FORMULA_START = re.compile(r"^[=@\t\r]|^[+-](?![\d.,]+%?$)")  # +/- followed by a plain number is a number


class UploadError(ValueError):
    """One clear sentence on what is wrong with the file and what to do."""


@dataclass
class Table:
    frame: pd.DataFrame
    notes: list[str] = field(default_factory=list)  # things the user should know (encoding, formulas)
    sheets: list[str] = field(default_factory=list)  # Excel only


def kind_of(name: str) -> str:
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix == ".xls":
        raise UploadError(f"{name} is an old-style .xls workbook. Save it as .xlsx or CSV and upload that.")
    if suffix not in FORMATS:
        raise UploadError(f"{name}: cannot tell the format. Use CSV, JSON Lines, Parquet or Excel (.xlsx).")
    return FORMATS[suffix]


def looks_like_html(head: bytes) -> bool:
    text = head[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")) or b"<html" in text[:512]


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Text and a note on the encoding: UTF-8 (with or without BOM), UTF-16/32 by BOM, else Windows-1252."""
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), [f"{name} is {codec.upper()} text; read as such."]
            except UnicodeDecodeError:
                raise UploadError(f"{name} starts like {codec.upper()} text but is not. Save it as UTF-8 "
                                  "CSV and upload again.") from None
    if b"\x00" in data[:8192]:
        raise UploadError(f"{name} is a binary file, not text. Export your postings as CSV, JSON Lines, "
                          "Parquet or Excel and upload that.")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        where = exc.start
    try:
        text = data.decode("cp1252")
        codec = "Windows-1252 (Latin-1)"
    except UnicodeDecodeError:
        text, codec = data.decode("latin-1"), "Latin-1"
    return text, [f"{name} is not UTF-8 (byte {where:,}); it was read as {codec}. Check accented letters "
                  "in the preview."]


def _csv(text: str, name: str) -> pd.DataFrame:
    first = text.split("\n", 1)[0]
    sep = max((",", ";", "\t", "|"), key=first.count)
    try:
        return pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False, na_values=[""],
                           nrows=MAX_ROWS + 1, skip_blank_lines=True)
    except pd.errors.EmptyDataError:
        raise UploadError(f"{name} has no columns: it is blank.") from None
    except (pd.errors.ParserError, ValueError) as exc:
        detail = str(exc).strip().splitlines()[-1][:160]
        raise UploadError(f"{name} is not a readable CSV table ({detail}). Check the file, or save it from "
                          "your spreadsheet as CSV (UTF-8).") from None


def _jsonl(text: str, name: str) -> pd.DataFrame:
    try:
        if text.lstrip().startswith("["):  # a JSON array of records is accepted too
            return pd.read_json(io.StringIO(text), orient="records", dtype=False)
        return pd.read_json(io.StringIO(text), lines=True, dtype=False, nrows=MAX_ROWS + 1)
    except ValueError as exc:
        raise UploadError(f"{name} is not JSON Lines (one JSON object per line): {str(exc)[:120]}.") from None


def _unpacked_size_ok(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise UploadError(f"{name} is not a real Excel workbook (.xlsx files are zip archives; this is "
                          "not one). Open it in Excel and save it as .xlsx or CSV.") from None
    unpacked = sum(i.file_size for i in archive.infolist())
    if unpacked > MAX_UNPACKED or unpacked > MAX_RATIO * max(len(data), 1):
        raise UploadError(f"{name} would unpack to {unpacked / 2**20:,.0f} MB from {len(data) / 2**20:,.1f} MB "
                          "(a zip bomb, or not a workbook). Refused; upload the postings as CSV.")
    if "xl/workbook.xml" not in archive.namelist():
        raise UploadError(f"{name} is a zip archive but not an Excel workbook. Upload an .xlsx or a CSV.")
    return archive


def sheet_names(data: bytes, name: str) -> list[str]:
    _unpacked_size_ok(data, name)
    from python_calamine import CalamineWorkbook  # the Excel reader ingest already uses (fast, Rust)

    try:
        return list(CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names)
    except Exception:
        raise UploadError(f"{name} is not a readable Excel workbook. Open it in Excel and save it as .xlsx "
                          "or CSV.") from None


def _excel(data: bytes, name: str, sheet: str | None) -> tuple[pd.DataFrame, list[str]]:
    sheets = sheet_names(data, name)
    if sheet is not None and sheet not in sheets:
        raise UploadError(f"{name} has no sheet {sheet!r}; its sheets are {sheets}.")
    frame = pd.read_excel(io.BytesIO(data), sheet_name=sheet or sheets[0], dtype=str, engine="calamine",
                          nrows=MAX_ROWS + 1, keep_default_na=False, na_values=[""])
    return frame, sheets


def _parquet(data: bytes, name: str) -> pd.DataFrame:
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(io.BytesIO(data)).metadata
    except Exception:
        raise UploadError(f"{name} is not a readable Parquet file. Export it again, or upload a CSV.") from None
    unpacked = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if meta.num_rows > MAX_ROWS:
        raise UploadError(f"{name} has {meta.num_rows:,} rows; the browser takes up to {MAX_ROWS:,}. Load "
                          "bigger files with `python -m ingest user_postings --file ...`.")
    if unpacked > MAX_UNPACKED:
        raise UploadError(f"{name} would unpack to {unpacked / 2**20:,.0f} MB in memory, more than the "
                          f"{MAX_UNPACKED // 2**20} MB an upload may. Upload fewer columns or rows.")
    return pd.read_parquet(io.BytesIO(data))


def formula_cells(frame: pd.DataFrame) -> tuple[int, str | None]:
    """How many text cells a spreadsheet would run as a formula, and the first of them."""
    count, first = 0, None
    for col in frame.columns:
        if frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col]):
            text = frame[col].dropna().astype(str)
            hits = text[text.str.match(FORMULA_START)]
            count += len(hits)
            first = first if first is not None or hits.empty else hits.iloc[0]
    return count, first


def read_upload(name: str, data: bytes, *, sheet: str | None = None) -> Table:
    """The table in an uploaded file, or UploadError with one sentence saying what is wrong."""
    kind = kind_of(name)
    if not data.strip():
        raise UploadError(f"{name} is empty ({len(data)} bytes). Choose the file that holds your postings.")
    if looks_like_html(data):
        raise UploadError(f"{name} is a web page (HTML), not a table: a download that returned a login or "
                          "error page? Export the postings as CSV and upload that.")
    notes: list[str] = []
    sheets: list[str] = []
    if kind == "excel":
        frame, sheets = _excel(data, name, sheet)
    elif kind == "parquet":
        if not data.startswith(b"PAR1"):
            raise UploadError(f"{name} is not a Parquet file (no PAR1 mark). Upload the real file or a CSV.")
        frame = _parquet(data, name)
    else:
        text, notes = decode(data, name)
        frame = _csv(text, name) if kind == "csv" else _jsonl(text, name)
    if len(frame) > MAX_ROWS:
        raise UploadError(f"{name} has more than {MAX_ROWS:,} rows; the browser takes up to {MAX_ROWS:,}. Load "
                          "bigger files with `python -m ingest user_postings --file ...`.")
    if frame.empty:
        raise UploadError(f"{name} has a header but no rows. Choose the file that holds your postings.")
    frame.columns = [str(c) for c in frame.columns]
    count, first = formula_cells(frame)
    if count:
        notes.append(f"{count:,} cell(s) start like a spreadsheet formula (e.g. {first[:40]!r}): kept as plain "
                     "text, and CSV exports prefix them with ' so a spreadsheet shows them instead of running them.")
    return Table(frame=frame, notes=notes, sheets=sheets)
