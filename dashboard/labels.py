"""Plain words for tables: readable column names with units, wages in whole dollars, "None" as "none required".

Downloads keep the machine names (a public contract); these labels are for the screen and CSV header comments.
"""

import pandas as pd

LABELS = {
    "soc_code": "SOC code", "title": "Occupation", "vintage": "Projections vintage", "group": "Group",
    "rows": "Detailed roles", "roles": "Roles", "trend": "Trend", "major_title": "SOC major group",
    "employment_base_k": "Employment in the base year, thousands",
    "employment_target_k": "Employment in the target year, thousands",
    "change_k": "Projected change, thousands of jobs", "change_pct": "Projected change, %",
    "openings_annual_k": "Openings a year, thousands", "median_wage_usd": "Median annual wage, $",
    "median_wage_annual_usd": "Median annual wage, $", "mean_wage_annual_usd": "Mean annual wage, $",
    "wage_year": "Wage year (May)", "growth_category": "Outlook (BLS phrase)", "is_healthcare": "Healthcare role",
    "education": "Typical entry education", "work_experience": "Work experience in a related occupation",
    "training": "Typical on-the-job training", "teleworkable_share": "Teleworkable share (0 to 1)",
    "date": "Date", "month": "Month", "year": "Year (May)", "index": "Index, 1 Feb 2020 = 100",
    "category": "Indeed category", "snapshot": "Snapshot", "seasonal_adjustment": "Seasonal adjustment",
    "employment": "Employment (May)", "basis": "How the codes were matched", "codes": "SOC codes",
    "average_change_pct": "All occupations' projected change, %",
    "change_vs_average_pp": "Change against the all-occupations average, percentage points",
}
UNITS = (("_pct", ", %"), ("_pp", ", percentage points"), ("_k", ", thousands"), ("_usd", ", $"),
         ("_share", " (0 to 1)"))
TEXT_NONE = ("education", "work_experience", "training")  # BLS writes "None" for "none required"


def label(column: str) -> str:
    """The readable name of a column: from LABELS, else its words with the unit its suffix names."""
    if column in LABELS:
        return LABELS[column]
    for suffix, unit in UNITS:
        if column.endswith(suffix):
            return column.removesuffix(suffix).replace("_", " ").capitalize() + unit
    return column.replace("_", " ").capitalize()


def plain_values(data: pd.DataFrame) -> pd.DataFrame:
    """BLS's 'None' (no experience or training needed) as 'none required'."""
    out = data.copy()
    for column in TEXT_NONE:
        if column in out:
            out[column] = out[column].replace({"None": "none required"})
    return out


def role_labels(items: pd.DataFrame) -> dict[str, str]:
    """SOC code -> 'Nurse Practitioners (29-1171)', in the frame's order (a role picker's options)."""
    return dict(zip(items["soc_code"], items["title"] + " (" + items["soc_code"] + ")", strict=True))


def whole_dollars():
    """A Streamlit number column showing $98,430 (no cents)."""
    import streamlit as st  # here, so CSV exports (no Streamlit) can use the labels

    return st.column_config.NumberColumn(format="$%,d")


def readable(data: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """The frame with readable names and values, and the column config that shows wages in whole dollars."""
    shown = plain_values(data).rename(columns=label)
    config = {label(c): whole_dollars() for c in data.columns if c.endswith("_usd")}
    return shown, config


def header_lines(data: pd.DataFrame) -> list[str]:
    """'Column soc_code: SOC code' for each column, for a CSV's comment header."""
    return [f"Column {c}: {label(c)}" for c in data.columns]
