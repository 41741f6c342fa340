"""BLS growth-category phrases: the bands on the whole-percent change that the Handbook uses, per vintage."""

import math

# Lower bounds (whole percent, inclusive) of each phrase, highest first. BLS moves the bands with the
# all-occupations average every release, so a vintage without published bands gets no phrase at all.
BANDS: dict[str, list[tuple[int, str]]] = {
    "2024-34": [
        (7, "Much faster than average"),
        (5, "Faster than average"),
        (3, "As fast as average"),
        (1, "Slower than average"),
        (0, "Little or no change"),
        (-math.inf, "Decline"),
    ],
}
UNKNOWN = "Bands not published for this vintage"


def whole_percent(change_pct: float) -> int:
    """Round half away from zero, as BLS rounds its published tables (6.5 -> 7, -0.5 -> -1)."""
    return int(math.copysign(math.floor(abs(change_pct) + 0.5), change_pct))


def growth_category(change_pct: float, vintage: str) -> str | None:
    """The Handbook phrase for a percent change, or None when the change is missing."""
    if change_pct is None or (isinstance(change_pct, float) and math.isnan(change_pct)):
        return None
    bands = BANDS.get(vintage)
    if bands is None:
        return UNKNOWN
    pct = whole_percent(change_pct)
    return next(label for floor, label in bands if pct >= floor)


def has_bands(vintage: str) -> bool:
    return vintage in BANDS
