"""USAJOBS Historic JOA: one row per federal job announcement, keyed on control number."""

import io

import pandas as pd

from ingest.errors import IngestError
from ingest.source import Schema, Source
from ingest.sources import _usajobs

SOURCE = Source(
    name="usajobs_postings",
    title="USAJOBS Historic job announcements (JOAs), health occupational series",
    publisher="U.S. Office of Personnel Management, USAJOBS",
    url=_usajobs.ENDPOINT,
    licence="Public domain (U.S. Government work)",
    citation="U.S. Office of Personnel Management, USAJOBS Historic JOA API "
    "(data.usajobs.gov/api/historicjoa). Offline copy: 2016 records collected by "
    "abigailhaddad/usajobs_historical (MIT).",
    raw_dir="raw/usajobs_historicjoa",
    raw_glob="*.parquet",
)

SCHEMA = Schema(
    columns={
        "control_number": "str",
        "announcement_number": "str",
        "position_title": "str",
        "department_code": "str",
        "department_name": "str",
        "agency_code": "str",
        "agency_name": "str",
        "subelement_name": "str",
        "open_date": "datetime64[us]",
        "close_date": "datetime64[us]",
        "series": "str",
        "series_all": "str",
        "series_count": "int64",
        "pay_scale": "str",
        "minimum_grade": "str",
        "maximum_grade": "str",
        "salary_type": "str",
        "minimum_salary_usd": "float64",
        "maximum_salary_usd": "float64",
        "appointment_type": "str",
        "work_schedule": "str",
        "total_openings_text": "str",
        "total_openings": "Int64",
        "location_count": "int64",
        "locations": "str",
        "states": "str",
        "is_remote": "bool",
        "telework_eligible": "str",
        "hiring_paths": "str",
        "status": "str",
    },
    key=("control_number",),
    required=("open_date", "position_title"),
)

# Health series pulled by default: the ones the series -> SOC mapping covers (data/reference/usajobs/).
HEALTH_SERIES = ("0180", "0185", "0601", "0602", "0603", "0610", "0620", "0621", "0640", "0644", "0647",
                 "0660", "0661", "0675", "0679")
FIRST_OPEN_DATE = "2017-01-01"  # the API's store effectively starts in 2017; earlier dates are leftovers
PAUSE_S = 0.5  # between pages, as public collectors do
ARRAY_COLUMNS = {"hiringpaths": "HiringPaths", "jobcategories": "JobCategories",
                 "positionlocations": "PositionLocations"}


def _to_parquet(records: list[dict]) -> bytes:
    """Keep fetched records in the collector's layout (arrays as JSON strings), so one parser reads both."""
    import json

    rows = []
    for rec in records:
        row = {}
        for key, value in rec.items():
            name = ARRAY_COLUMNS.get(key.lower(), key)
            row[name] = json.dumps(value) if isinstance(value, list) else value
        rows.append(row)
    buf = io.BytesIO()
    pd.DataFrame.from_records(rows).to_parquet(buf, index=False, compression="zstd")
    return buf.getvalue()


def fetch(session, *, start: str = FIRST_OPEN_DATE, series: tuple[str, ...] = HEALTH_SERIES) -> dict[str, bytes]:
    """One open-ended query per series (open date from `start`), paged to the end; one file per series."""
    out = {}
    for code in series:
        records = _usajobs.fetch_records(session, _query(code, start), pause=PAUSE_S)
        if records:
            out[f"historicjoa_{code}.parquet"] = _to_parquet(records)
    return out


def _query(code: str, start: str = FIRST_OPEN_DATE) -> dict:
    return {"PositionSeries": code, "StartPositionOpenDate": start}


# What the fault tests serve for each live URL: the API's own plain-text 'no results' answer, so a clean
# replay adds no file and leaves the committed 2016 sample as it is.
REPLAY = {_usajobs.query_url(_query(code)): b"204 No Content" for code in HEALTH_SERIES}


def parse(raw: bytes, *, path: str) -> pd.DataFrame:
    """A Parquet of Historic JOA records (collected or fetched) -> flat rows, one per control number."""
    df = pd.read_parquet(io.BytesIO(raw))
    lower = {c.lower() for c in df.columns}
    missing = [c for c in ("usajobscontrolnumber", "positionopendate", "jobcategories", "positiontitle")
               if c not in lower]
    if missing:
        raise IngestError(SOURCE.name, f"{path} lacks Historic JOA field(s) {', '.join(missing)}.",
                          "check that the file holds records of data.usajobs.gov/api/historicjoa.")
    if df.empty:
        raise IngestError(SOURCE.name, f"{path} holds no records.")
    return _usajobs.records_frame(_usajobs.parquet_records(df))


def combine(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Files overlap when windows are re-pulled: a control number keeps its newest file's row."""
    df = pd.concat([frames[k] for k in sorted(frames)], ignore_index=True)
    return df.drop_duplicates("control_number", keep="last")


def coverage(df: pd.DataFrame) -> dict:
    telework = df["telework_eligible"].value_counts(dropna=False)
    return {
        "open_date_min": df["open_date"].min().date().isoformat(),
        "open_date_max": df["open_date"].max().date().isoformat(),
        "announcements": len(df),
        "health_series_announcements": int(df["series_all"].fillna("").str.split(";").map(
            lambda s: any(x in HEALTH_SERIES for x in s)).sum()),
        "remote_announcements": int(df["is_remote"].sum()),
        "telework_eligible_values": {str(k): int(v) for k, v in telework.items()},
        "note": "The offline copy holds the 3,879 announcements with 2016 open dates still in the API's "
        "store: long-running ones only (biased), before the remote label existed. "
        "Use it for schema, not counts.",
    }
