"""Plain words: readable column names with units on screen, machine names plus labels in CSV downloads."""

import io

import pandas as pd

from dashboard.export import csv_bytes, provenance_lines
from dashboard.labels import label, plain_values, readable
from tests.conftest import open_page


def frame() -> pd.DataFrame:
    return pd.DataFrame({"soc_code": ["29-2072"], "change_pct": [7.1], "median_wage_usd": [50250.0],
                         "work_experience": ["None"], "training": ["Moderate-term on-the-job training"],
                         "remote_share": [0.12], "weird_thing": [1]})


def test_labels_name_the_unit():
    assert [label(c) for c in frame().columns] == [
        "SOC code", "Projected change, %", "Median annual wage, $", "Work experience in a related occupation",
        "Typical on-the-job training", "Remote (0 to 1)", "Weird thing"]


def test_readable_renames_and_says_none_required_without_touching_the_input():
    data = frame()
    shown, config = readable(data)
    assert shown.loc[0, "Work experience in a related occupation"] == "none required"
    assert shown.loc[0, "Typical on-the-job training"] == "Moderate-term on-the-job training"
    assert list(config) == ["Median annual wage, $"]
    assert data.loc[0, "work_experience"] == "None"
    assert plain_values(pd.DataFrame({"x": ["None"]})).loc[0, "x"] == "None"  # only the BLS text columns


def test_csv_keeps_machine_names_and_adds_labels_in_the_comment_header():
    payload = csv_bytes(frame(), provenance=provenance_lines(title="T", source="Source: S."))
    text = payload.decode()
    assert "# Column change_pct: Projected change, %\n" in text
    back = pd.read_csv(io.BytesIO(payload), comment="#")
    assert list(back.columns) == list(frame().columns)


def test_on_screen_tables_use_plain_words():
    at = open_page("compare", roles="29-2072,29-1141")
    entry = at.dataframe[1].value  # what it takes to enter
    assert set(entry.loc[entry["Occupation"] == "Medical records specialists", "Work experience"]) == {
        "none required"}
    at = open_page("growing_roles")
    chart_table = at.dataframe[0].value  # the first chart's table view
    assert {"SOC code", "Occupation", "Projected change, %", "Outlook (BLS phrase)"} <= set(chart_table.columns)
