"""How fresh each number is: every series' last data point, computed from the data, and its age on a given day."""

from datetime import date

import pandas as pd

# dataset: (columns that name one series, the time column, what the time column counts, a measure column
# that must be present for a point to count). A dataset not listed has no time axis (mappings, titles).
SERIES = {
    "postings_index": (["snapshot", "category", "seasonal_adjustment"], "date", "day", "index"),
    "postings_index_portal": (["snapshot", "category", "seasonal_adjustment"], "date", "day", "index"),
    "job_openings": (["industry", "measure", "seasonal_adjustment"], "date", "month", "value"),
    "remote_postings_share": (["country"], "date", "day", "remote_share"),
    "remote_searches_share": (["country"], "date", "day", "remote_share"),
    "usajobs_monthly": ([], "month", "month", "announcements"),
    "usajobs_postings": ([], "open_date", "day", None),
    "cps_telework": ([], "date", "month", None),
    "oews": ([], "year", "may", "employment"),
    "projections": (["vintage"], "base_year", "year", "employment_base_k"),
}


def _as_day(value, unit: str) -> pd.Timestamp:
    if unit == "may":  # OEWS estimates are for May of the year
        return pd.Timestamp(year=int(value), month=5, day=1)
    if unit == "year":
        return pd.Timestamp(year=int(value), month=12, day=31)
    return pd.Timestamp(value)


def label(last: pd.Timestamp, unit: str) -> str:
    """'27 Sep 2024', 'Aug 2026', 'May 2024', '2024' as the series' own resolution says."""
    return {"day": f"{last:%d %b %Y}".lstrip("0"), "month": f"{last:%b %Y}", "may": f"May {last:%Y}",
            "year": f"{last:%Y}"}[unit]


def months_old(last: pd.Timestamp, today: date) -> int:
    """Whole months from the last data point to today (0 within the same month)."""
    return max(0, (today.year - last.year) * 12 + today.month - last.month - (today.day < last.day))


def age(last: pd.Timestamp, today: date) -> str:
    months = months_old(last, today)
    if months == 0:
        return "less than a month old"
    if months >= 36:  # '11 years old' reads better than '142 months old'
        return f"{months // 12} years old"
    return f"{months} month{'s' if months != 1 else ''} old"


def series_ends(name: str, frame: pd.DataFrame, *, today: date) -> pd.DataFrame:
    """One row per series of the dataset: dataset, series, first and last data point, label, months_old."""
    columns = ["dataset", "series", "first", "last", "last_label", "months_old", "age"]
    if name not in SERIES or frame.empty:
        return pd.DataFrame(columns=columns)
    keys, when, unit, measure = SERIES[name]
    rows = frame if measure is None else frame.dropna(subset=[measure])
    groups = rows.groupby(keys, sort=True)[when] if keys else [((), rows[when])]
    out = []
    for key, times in groups:
        key = key if isinstance(key, tuple) else (key,)
        if times.dropna().empty:
            continue
        first, last = _as_day(times.min(), unit), _as_day(times.max(), unit)
        if unit == "year":  # a projections vintage: the base year is its last observed year
            first = pd.Timestamp(year=int(times.min()), month=1, day=1)
        out.append({"dataset": name, "series": " · ".join(str(k) for k in key) or name, "first": first,
                    "last": last, "last_label": label(last, unit), "months_old": months_old(last, today),
                    "age": age(last, today)})
    return pd.DataFrame(out, columns=columns)


def phrase(series: str, last: pd.Timestamp, unit: str, today: date) -> str:
    """'Indeed categories: to 27 Sep 2024, 26 months old'."""
    return f"{series}: to {label(last, unit)}, {age(last, today)}"
