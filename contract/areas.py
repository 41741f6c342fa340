"""The one area table (nation, states, DC, territories: FIPS, postal code, name, map tile) for every state source."""

import csv
from dataclasses import dataclass
from functools import cache

from contract import paths

NATION = "00"  # FIPS-style code for the United States; publishers write "0", "00" or "US"
AREAS_FILE = "areas.csv"


@dataclass(frozen=True)
class Area:
    fips: str  # two digits, zero-padded: "06" California, "00" the United States
    postal: str
    name: str
    kind: str  # nation, state, district, territory
    tile: tuple[int, int] | None  # (row, column) on the tile-grid map; None for the nation


@cache
def _read(path: str) -> tuple[Area, ...]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return tuple(Area(r["fips"], r["postal"], r["name"], r["kind"],
                      (int(r["tile_row"]), int(r["tile_col"])) if r["tile_row"] else None) for r in rows)


def areas() -> tuple[Area, ...]:
    """Every area, the nation first, then by FIPS code."""
    return _read(str(paths.REPO_ROOT / "data" / "reference" / "areas" / AREAS_FILE))


def fips_code(value) -> str | None:
    """A publisher's area code ("0", "6", "06", 6, "US", "CA") as two-digit FIPS, or None if it is no known area."""
    text = str(value).strip()
    by_postal = {a.postal: a.fips for a in areas()}
    if text.upper() in by_postal:
        return by_postal[text.upper()]
    if text.isdigit() and len(text) <= 2:
        code = text.zfill(2)
        return code if code in by_fips() else None
    return None


def by_fips() -> dict[str, Area]:
    return {a.fips: a for a in areas()}


def by_postal() -> dict[str, Area]:
    return {a.postal: a for a in areas()}
