"""Health occupational series -> SOC 2018: a reviewed, unofficial mapping (data/reference/usajobs/)."""

import io

import pandas as pd

from ingest import soc
from ingest.errors import IngestError
from ingest.source import Schema, Source

SOURCE = Source(
    name="usajobs_series_soc",
    title="Health occupational series (OPM) mapped to SOC 2018",
    publisher="This project, from OPM series titles and BLS SOC 2018 / Employment Projections codes",
    url="https://www.opm.gov/policy-data-oversight/classification-qualifications/classifying-general-schedule-positions/",
    licence="MIT (this project); series and SOC titles public domain",
    citation="Healthcare labour-market trends dashboard, data/reference/usajobs/series_soc.csv. No official "
    "OPM-series-to-SOC crosswalk is published; this one is hand-made and reviewed row by row.",
    raw_dir="reference/usajobs",
    raw_glob="series_soc.csv",
    depends=("projections", "opm_series"),
)

SCHEMA = Schema(
    columns={"series_code": "str", "series_title": "str", "soc_code": "str", "soc_title": "str",
             "is_primary": "bool", "projections_soc_code": "str", "confidence": "str", "reason": "str"},
    key=("series_code", "soc_code"),
    required=("series_title", "soc_title", "projections_soc_code", "reason"),
)

COLUMNS = {"series_code", "soc_code", "is_primary", "projections_soc_code", "confidence", "reason"}
# SOC 2018 titles where EP publishes only an aggregate (29-2011 sits inside EP's 29-2010).
SOC_ONLY_TITLES = {"29-2011": "Medical and clinical laboratory technologists"}

fetch = None  # hand-made reference list


def parse(raw: bytes, *, path: str) -> pd.DataFrame:
    df = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False)
    if missing := COLUMNS - set(df.columns):
        raise IngestError(SOURCE.name, f"{path} lacks column(s) {', '.join(sorted(missing))}.")
    bad = [c for c in (*df["soc_code"], *df["projections_soc_code"]) if not soc.is_code(c)]
    if bad:
        raise IngestError(SOURCE.name, f"{path} has malformed SOC code(s) {bad[:3]}.")
    if not df["is_primary"].isin(["true", "false"]).all():
        raise IngestError(SOURCE.name, f"{path}: is_primary must be true or false.")
    if not df["confidence"].isin(["high", "medium", "low"]).all():
        raise IngestError(SOURCE.name, f"{path}: confidence must be high, medium or low.")
    if (df["reason"].str.len() < 20).any():
        raise IngestError(SOURCE.name, f"{path}: every row needs its reasoning.")
    primaries = df[df["is_primary"] == "true"].groupby("series_code").size()
    if (unmapped := sorted(set(df["series_code"]) - set(primaries[primaries == 1].index))):
        raise IngestError(SOURCE.name, f"{path}: series {unmapped} need exactly one primary SOC code.")
    return df.assign(is_primary=df["is_primary"] == "true")


def combine(frames: dict[str, pd.DataFrame], projections: pd.DataFrame,
            opm_series: pd.DataFrame) -> pd.DataFrame:
    df = frames["series_soc.csv"]
    newest = projections[projections["vintage"] == projections["vintage"].max()]
    latest = newest.set_index("soc_code")["title"]
    series = opm_series.set_index("series_code")["series_title"]
    if unknown := sorted(set(df["series_code"]) - set(series.index)):
        raise IngestError(SOURCE.name, f"series {unknown} are not in OPM's list.")
    if unknown := sorted(set(df["projections_soc_code"]) - set(latest.index)):
        raise IngestError(SOURCE.name, f"projections_soc_code {unknown} not in the latest projections.")
    titles = {**latest.to_dict(), **SOC_ONLY_TITLES}
    if unknown := sorted(set(df["soc_code"]) - set(titles)):
        raise IngestError(SOURCE.name, f"soc_code {unknown} has no title.")
    return df.assign(series_title=df["series_code"].map(series), soc_title=df["soc_code"].map(titles))


def coverage(df: pd.DataFrame) -> dict:
    return {"series": int(df["series_code"].nunique()), "soc_codes": int(df["soc_code"].nunique())}
