"""Tables for Data & sources, computed from the data files: every series' dates, every vintage and snapshot."""

import pandas as pd

from analysis.freshness import SERIES
from dashboard import freshness
from dashboard.layout import optional


def series_table(names: list[str]) -> pd.DataFrame:
    """Every series of every dataset with a time axis: first and last data point and its age today."""
    parts = [freshness.ends(n) for n in names if n in SERIES]
    rows = pd.concat([p for p in parts if not p.empty], ignore_index=True) if parts else pd.DataFrame(
        columns=["dataset", "series", "first", "last", "last_label", "age"])
    return rows.rename(columns={"dataset": "Dataset", "series": "Series", "first": "First data point",
                                "last": "Last data point", "last_label": "Last data point (as published)",
                                "age": "Age today"})[
        ["Dataset", "Series", "First data point", "Last data point", "Last data point (as published)", "Age today"]]


def vintages_table() -> pd.DataFrame:
    """Projections vintages (base and target year), OEWS years and Indeed snapshots, from the data."""
    rows = []
    projections = optional("projections")
    if projections is not None:
        years = projections.groupby("vintage")[["base_year", "target_year"]].first()
        rows += [{"Dataset": "projections", "Vintage or snapshot": v,
                  "Covers": f"employment {r.base_year}, projected to {r.target_year}"} for v, r in years.iterrows()]
    oews = optional("oews")
    if oews is not None:
        rows += [{"Dataset": "oews", "Vintage or snapshot": f"May {y}", "Covers": f"employment and wages, May {y}"}
                 for y in sorted(oews["year"].unique())]
    for name in ("postings_index", "postings_index_portal"):
        frame = optional(name)
        if frame is None:
            continue
        for snap, part in frame.groupby("snapshot"):
            rows.append({"Dataset": name, "Vintage or snapshot": snap,
                         "Covers": f"{part['category'].nunique()} categories, {part['date'].min():%d %b %Y} to "
                                   f"{part['date'].max():%d %b %Y}"})
    return pd.DataFrame(rows, columns=["Dataset", "Vintage or snapshot", "Covers"])
