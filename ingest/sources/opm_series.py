"""OPM occupational series: code -> title and family, from FedScope's occupation lookup (DTocc.txt)."""

import io

import pandas as pd

from ingest.errors import IngestError
from ingest.source import Schema, Source

SOURCE = Source(
    name="opm_series",
    title="OPM occupational series titles (FedScope occupation lookup)",
    publisher="U.S. Office of Personnel Management, FedScope",
    url="https://www.fedscope.opm.gov/datadefn/aehri_sdm.asp",
    licence="Public domain (U.S. Government work)",
    citation="U.S. Office of Personnel Management, FedScope Employment Cube lookup table DTocc.txt "
    "(copy kept in abigailhaddad/usajobs_historical).",
    raw_dir="raw/opm_occupational_series",
    raw_glob="DTocc.txt",
)

SCHEMA = Schema(
    columns={"series_code": "str", "series_title": "str", "family_code": "str", "family_title": "str",
             "occupation_type": "str"},
    key=("series_code",),
    required=("series_title",),
)

COLUMNS = ["OCCTYP", "OCCTYPT", "OCCFAM", "OCCFAMT", "OCC", "OCCT"]

fetch = None  # FedScope's lookups come inside the cube downloads; there is no stable direct URL to fetch


def _strip_code(text: str) -> str:
    """'0610-NURSE' -> 'NURSE'; '06xx-MEDICAL, ...' -> 'MEDICAL, ...'."""
    head, sep, tail = text.partition("-")
    return tail.strip() if sep and len(head) == 4 else text.strip()


def parse(raw: bytes, *, path: str) -> pd.DataFrame:
    df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False, encoding="latin-1")
    if list(df.columns) != COLUMNS:
        raise IngestError(SOURCE.name, f"{path} has columns {list(df.columns)}, expected {COLUMNS}.",
                          "check that the file is FedScope's DTocc.txt.")
    df = df[df["OCC"].str.fullmatch(r"\d{4}")]  # drops the '****' unspecified row
    return pd.DataFrame({
        "series_code": df["OCC"],
        "series_title": df["OCCT"].map(_strip_code),
        "family_code": df["OCCFAM"],
        "family_title": df["OCCFAMT"].map(_strip_code),
        "occupation_type": df["OCCTYPT"],
    })


def coverage(df: pd.DataFrame) -> dict:
    return {"series": len(df), "health_family_06": int((df["family_code"] == "06").sum())}
