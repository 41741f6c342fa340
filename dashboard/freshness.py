"""How fresh the page's numbers are: each series' last data point and its age today, from the data itself."""

from datetime import date

import pandas as pd
import streamlit as st

from analysis import freshness
from contract import paths
from dashboard.layout import computed


def today() -> date:
    return date.today()


def age(when: pd.Timestamp) -> str:
    """'26 months old' today."""
    return freshness.age(when, today())


def ends(name: str) -> pd.DataFrame:
    """Every series of the dataset with its first and last data point (cached per dataset version and day)."""
    if not paths.dataset_path(name).exists():
        return freshness.series_ends(name, pd.DataFrame(), today=today())
    return computed(_ends, name, name=name, day=today().isoformat())


def _ends(frame: pd.DataFrame, *, name: str, day: str) -> pd.DataFrame:
    return freshness.series_ends(name, frame, today=date.fromisoformat(day))


def last(name: str, *, contains: str = "", excluding: str | None = None) -> pd.Timestamp | None:
    """The latest last data point among the dataset's series whose name contains `contains`."""
    rows = ends(name)
    rows = rows[rows["series"].str.contains(contains, regex=False)]
    if excluding:
        rows = rows[~rows["series"].str.contains(excluding, regex=False)]
    return None if rows.empty else rows["last"].max()


def phrase(series: str, name: str, **which) -> str | None:
    """'Indeed categories: to 27 Sep 2024, 26 months old', or None when the dataset has no such series."""
    when = last(name, **which)
    if when is None:
        return None
    unit = freshness.SERIES[name][2]
    return freshness.phrase(series, when, unit, today())


def projections_phrase(vintage: str) -> str:
    """'BLS projections 2024-34: employment to 2024 (22 months old), projected to 2034'."""
    base, target = int(vintage[:4]), int(vintage[:2] + vintage[-2:])
    when = pd.Timestamp(year=base, month=12, day=31)
    return f"BLS projections {vintage}: employment to {base} ({freshness.age(when, today())}), projected to {target}"


def show(*phrases: str | None, where=st) -> None:
    """One caption under the page title: how old each series on the page is, today."""
    parts = [p for p in phrases if p]
    if parts:
        where.caption(f"Data as of today ({today():%d %b %Y}): " + "; ".join(parts) + ".")
