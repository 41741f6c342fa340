"""Files a user might upload, built in memory: real postings in each format, and hostile ones with the message
each must give (one sentence on the page, the app still working)."""

import io
import zipfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
FORMULA = '=HYPERLINK("http://evil.example/x","Click me")'  # matches no role: it shows in the unmatched export


def real_rows(series: tuple[str, ...], n: int) -> pd.DataFrame:
    """n real announcements of the given occupational series from the 2016 USAJOBS sample, in a user's own
    column names (Job Title, Posted, City, Company)."""
    df = pd.read_parquet(ROOT / "data/usajobs_postings.parquet")
    df = df[df["series"].isin(series)].drop_duplicates("control_number").head(n)
    return pd.DataFrame({"Job Title": df["position_title"].to_numpy(),
                         "Posted": df["open_date"].dt.strftime("%Y-%m-%d").to_numpy(),
                         "City": df["locations"].to_numpy(), "Company": "Department of Veterans Affairs"})


def as_bytes(frame: pd.DataFrame, suffix: str, *, sheets: dict[str, pd.DataFrame] | None = None) -> bytes:
    buf = io.BytesIO()
    if suffix == ".csv":
        return frame.to_csv(index=False).encode("utf-8")
    if suffix == ".jsonl":
        return frame.to_json(orient="records", lines=True).encode("utf-8")
    if suffix == ".parquet":
        frame.to_parquet(buf, index=False)
    elif suffix == ".xlsx":
        with pd.ExcelWriter(buf, engine="openpyxl") as writer:
            for name, part in (sheets or {"Postings": frame}).items():
                part.to_excel(writer, sheet_name=name, index=False)
    return buf.getvalue()


def zip_bomb() -> bytes:
    """An .xlsx-named zip whose one member unpacks to 64 MB of zeros from about 64 kB (1,000 to 1)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as member:
            block = b"\0" * 2**20
            for _ in range(64):
                member.write(block)
    return buf.getvalue()


def million_rows() -> bytes:
    """1,000,000 postings, twelve real titles, a year of days: about 40 MB of CSV, under the 50 MB cap."""
    titles = real_rows(("0610", "0620", "0660", "0603"), 400)["Job Title"]
    titles = titles[~titles.str.contains(",")].drop_duplicates().head(12).tolist()  # no quoting needed
    days = pd.date_range("2024-01-01", "2024-12-31").strftime("%Y-%m-%d").tolist()
    lines = ["Job Title,Posted,City"]
    lines += [f"{titles[i % len(titles)]},{days[i % len(days)]},Boise" for i in range(1_000_000)]
    return ("\n".join(lines) + "\n").encode("utf-8")


FIVE_DATES = ["2024-01-15", "02/15/2024", "15 March 2024", "Apr 15, 2024", "2024-05-15T09:30:00Z"]


def five_date_formats() -> bytes:
    rows = [f"Registered Nurse,{d},Denver" if "," not in d else f'Registered Nurse,"{d}",Denver' for d in FIVE_DATES]
    return ("Job Title,Posted,City\n" + "\n".join(rows) + "\n").encode("utf-8")


# name, bytes (or a function building them), the one error expected on the page (None: it loads), a note
HOSTILE = [
    ("empty.csv", b"", "is empty", None),
    ("login-page.csv", b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>Sign in</body></html>",
     "is a web page (HTML)", None),
    ("photo.csv", bytes(range(256)) * 40, "is a binary file", None),
    ("latin1.csv", "Job Title,Posted\nEnfermera Pediátrica,2024-03-01\nRegistered Nurse,2024-03-02\n"
     .encode("latin-1"), None, "read as Windows-1252"),
    ("utf16.csv", "Job Title,Posted\nRegistered Nurse,2024-03-01\nPharmacist,2024-03-02\n".encode("utf-16"),
     None, "UTF-16 text"),
    ("formula.csv", f'Job Title,Posted\n"{FORMULA.replace(chr(34), chr(34) * 2)}",2024-03-01\n'
     "Registered Nurse,2024-03-02\n".encode(), None, "start like a spreadsheet formula"),
    ("bomb.xlsx", zip_bomb, "would unpack to 64 MB", None),
    ("not-a-workbook.xlsx", b"Job Title,Posted\nRegistered Nurse,2024-03-01\n", "is not a real Excel workbook",
     None),
    ("five-date-formats.csv", five_date_formats, None, None),
]
