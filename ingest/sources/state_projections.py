"""State long-term occupational projections (Projections Central): one row per (release, area, SOC code)."""

# Releases sit side by side and are never spliced: each row's release comes from its own base and projected
# years, whichever endpoint served it. Counts are persons, as published (the national file is in thousands).

import csv
import io
import json
from functools import cache

import pandas as pd

from contract import areas, paths
from contract.domain import ALL_OCCUPATIONS
from ingest.errors import IngestError
from ingest.source import Schema, Source
from ingest.sources import _projections_central as pc

SOURCE = Source(
    name="state_projections",
    title="Long-term occupational employment projections by state (Projections Central)",
    publisher="Projections Managing Partnership (state labor market information agencies with BLS; "
    "funded by USDOL/ETA)",
    url=pc.BULK_URL,
    licence="Public data (state and federal government work)",
    citation="Projections Managing Partnership, Long-Term Occupational Projections, projectionscentral.org "
    "(bulk ltprojections.csv and LongTermRestJson service). Offline copy: 2020-30 ltprojections.csv as kept "
    "in dperez-epi/cps_laborforce_education.",
    raw_dir="raw/projections_central_longterm",
    raw_glob="*/*",
)

SCHEMA = Schema(
    columns={
        "release": "str",  # "2020-30": from the row's own base and projected years
        "base_year": "int64",
        "target_year": "int64",
        "area_fips": "str",  # two digits; "00" = United States
        "area_postal": "str",
        "area_name": "str",
        "soc_code": "str",
        "title": "str",
        "employment_base": "float64",  # persons
        "employment_target": "float64",
        "change": "float64",
        "change_pct": "float64",
        "openings_annual": "float64",
    },
    key=("release", "area_fips", "soc_code"),
    required=("title", "area_name"),
)

# A release delivered both ways is read from one file whole; the bulk CSV is the layout checked against BLS.
PREFERENCE = ("ltprojections.csv", "longterm_rest.json")


def fetch(session) -> dict[str, bytes]:
    """Both services: the bulk CSV and every page of the REST JSON, each filed under the release it holds."""
    files = pc.bulk_file(pc.fetch_bulk(session))
    for rel, raw in pc.rest_files(pc.fetch_rest(session)).items():
        files[rel] = raw
    return files


def parse(raw: bytes, *, path: str) -> pd.DataFrame:
    """One raw file (bulk CSV or REST JSON) -> rows with the area table's codes and names."""
    name = path.rsplit("/", 1)[-1]
    if name not in PREFERENCE:
        raise IngestError(SOURCE.name, f"{path}: expected ltprojections.csv or longterm_rest.json.")
    df = pc.read_csv(raw, path) if name.endswith(".csv") else pc.read_json(raw, path)
    table = areas.by_fips()
    df["area_postal"] = df["area_fips"].map(lambda f: table[f].postal)
    df["area_name"] = df["area_fips"].map(lambda f: table[f].name)
    return df


def combine(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Per release, the rows of one file (the bulk CSV if both exist): never rows of two files mixed."""
    chosen = []
    for release in sorted({r for df in frames.values() for r in df["release"].unique()}):
        holders = sorted((p for p, df in frames.items() if (df["release"] == release).any()),
                         key=lambda p: PREFERENCE.index(p.rsplit("/", 1)[-1]))
        df = frames[holders[0]]
        chosen.append(df[df["release"] == release])
    return pd.concat(chosen, ignore_index=True)


def coverage(df: pd.DataFrame) -> dict:
    out = {}
    for release, g in df.groupby("release"):
        states = g[~g["area_fips"].isin([areas.NATION])]
        per_area = g.groupby("area_fips").size()
        out[release] = {
            "areas": int(g["area_fips"].nunique()),
            "us_occupations": int(per_area.get(areas.NATION, 1) - 1),
            "fewest_occupations": {str(k): int(v) - 1 for k, v in per_area.nsmallest(1).items()},
            "absent_areas": [a.postal for a in areas.areas()
                             if a.kind != "nation" and a.fips not in set(states["area_fips"])],
            "all_occupations_rows": int((g["soc_code"] == ALL_OCCUPATIONS).sum()),
        }
    releases = sorted(out)
    return {"releases": releases, "latest_release": releases[-1], "date_range": f"releases {', '.join(releases)}",
            "by_release": out,
            "note": "Counts are persons. States omit occupations rather than flag suppression."}


# --- what the live URLs answer in tests/test_ingest_faults.py -------------------------------------------

PRESIGNED_CSV_URL = "https://projectionscentral.s3.amazonaws.com/longterm/ltprojections.csv"  # the presigned link
OFFLINE = "2020-30/ltprojections.csv"


AREAS_REPLAYED = ("0", "15", "66")  # the nation, Hawaii, Guam: two pages, so paging is exercised under every fault


@cache
def _offline_rows() -> tuple[dict, ...]:
    """Rows of the committed 2020-30 file in the REST service's fields (strings, as the service sends them)."""
    text = (paths.data_dir() / SOURCE.raw_dir / OFFLINE).read_text(encoding="utf-8")
    renamed = dict(zip(pc.CSV_FIELDS, pc.REST_FIELDS, strict=True))
    return tuple({renamed[k]: v for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))
                 if row["stfips"] in AREAS_REPLAYED)


def rest_page(page: int, rows: tuple[dict, ...] | None = None, *, size: int = pc.PAGE_SIZE) -> bytes:
    """One page of a REST answer, with the service's pager."""
    rows = _offline_rows() if rows is None else rows
    pages = -(-len(rows) // size)
    return json.dumps({"rows": list(rows[page * size:(page + 1) * size]),
                       "pager": {"current_page": page, "items_per_page": str(size), "total_items": len(rows),
                                 "total_pages": pages}}).encode()


# The bulk link answers the committed file; the REST service three of its areas (the live service serves a
# newer release for every area, which no public copy holds).
REPLAY = {pc.BULK_URL: json.dumps({"content": PRESIGNED_CSV_URL}).encode(), PRESIGNED_CSV_URL: OFFLINE,
          pc.page_url(0): lambda: rest_page(0), pc.page_url(1): lambda: rest_page(1)}
