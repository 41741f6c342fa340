"""O*NET-SOC 2019 -> SOC 2018 crosswalk: collapses 8-digit O*NET codes to the 6-digit codes BLS publishes."""

import io

import pandas as pd
from python_calamine import CalamineWorkbook

from ingest import soc
from ingest.errors import IngestError
from ingest.source import Schema, Source

SOURCE = Source(
    name="onet_soc_crosswalk",
    title="O*NET-SOC 2019 to 2018 SOC crosswalk",
    publisher="National Center for O*NET Development, for USDOL/ETA",
    url="https://www.onetcenter.org/taxonomy/2019/walk/2019_to_SOC_Crosswalk.xlsx",
    licence="CC BY 4.0",
    citation="O*NET-SOC 2019 to 2018 SOC Crosswalk, National Center for O*NET Development, CC BY 4.0.",
    raw_dir="raw/soc_crosswalks/onet",
    raw_glob="2019_to_SOC_Crosswalk.xlsx",
)

SCHEMA = Schema(
    columns={"onet_soc_code": "str", "onet_title": "str", "soc_code": "str", "soc_title": "str"},
    key=("onet_soc_code",),
    required=("soc_code", "soc_title"),
)

HEADER = ["O*NET-SOC 2019 Code", "O*NET-SOC 2019 Title", "2018 SOC Code", "2018 SOC Title"]

fetch = None  # O*NET serves it from a landing page; the committed copy is the one we use


def parse(raw: bytes, *, path: str) -> pd.DataFrame:
    rows = CalamineWorkbook.from_filelike(io.BytesIO(raw)).get_sheet_by_index(0).to_python()
    at = next((i for i, r in enumerate(rows) if [str(c).strip() for c in r[:4]] == HEADER), None)
    if at is None:
        raise IngestError(SOURCE.name, f"{path} has no header row {HEADER}.", "check the file is O*NET's.")
    df = pd.DataFrame([r[:4] for r in rows[at + 1:] if r and str(r[0]).strip()], columns=HEADER)
    df = df.rename(columns=dict(zip(HEADER, SCHEMA.columns, strict=True))).astype(str)
    if bad := [c for c in df["soc_code"] if not soc.is_code(c)]:
        raise IngestError(SOURCE.name, f"{path} has malformed SOC code(s) {bad[:3]}.")
    return df


def coverage(df: pd.DataFrame) -> dict:
    return {"onet_codes": len(df), "soc_codes": int(df["soc_code"].nunique())}
