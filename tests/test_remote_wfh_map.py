"""WFH Map user-supplied workbook: both known layouts, on small fixtures built here (the real file is never
committed: its licence forbids redistribution)."""

import datetime as dt
import json

import pandas as pd
import pytest
from openpyxl import Workbook

from contract import paths
from ingest.errors import IngestError
from ingest.runner import run
from ingest.sources import wfh_map


def _contents(book: Workbook, compiled: str) -> None:
    sheet = book.active
    sheet.title = "contents"
    sheet.append(["Share of New Job Vacancy Postings which explicitly offer hybrid or fully-remote work", ""])
    sheet.append(["", ""])
    sheet.append([f"Current version of the data compiled on {compiled} and covers January 2019 to ...", ""])


def workbook_2024(path, *, mangle=True) -> None:
    """The 2024-10 layout: SOC 2018 minor groups, three codes stored by Excel as dates (mmm-yy)."""
    book = Workbook()
    _contents(book, "15/10/2024")
    book.create_sheet("country_by_month").append(["Year", "Month", "Year-Month", "Country", "Percent",
                                                  "Percent_3MA"])
    occ = book.create_sheet("occupation_by_month")
    occ.append(["Year", "Month", "Year-Month", "SOC 2018 3-Digit Minor Group",
                "SOC 2018 3-Digit Minor Group (Name)", "Percent", "Percent_3MA", "N"])
    groups = [("11-1000", "Top Executives", 2.75, 2.42),
              (dt.datetime(2000, 11, 1), "Advertising, Marketing, Promotions, Public Relations, and Sales "
               "Managers", 6.93, 8.07),
              (dt.datetime(3000, 11, 1), "Operations Specialties Managers", 10.0, 9.5),
              (dt.datetime(9000, 11, 1), "Other Management Occupations", 5.0, 5.5),
              ("29-1000", "Healthcare Diagnosing or Treating Practitioners", 3.84, 3.34)]
    for month, decimal in (("Jan", 2019.0), ("Feb", 2019.08333333333)):
        for code, name, pct, pct3 in groups:
            if not mangle and isinstance(code, dt.datetime):
                code = f"{code.month}-{code.year}"
            occ.append([2019, month, decimal, code, name, pct, pct3, 1000])
            if isinstance(code, dt.datetime):
                occ.cell(occ.max_row, 4).number_format = "mmm-yy"
    book.save(path)


def workbook_2023(path) -> None:
    """The 2023-09 layout: lower-case columns, 2-digit SOC major groups as numbers, no 3-month mean."""
    book = Workbook()
    _contents(book, "19/09/2023")
    occ = book.create_sheet("occupation_by_month")
    occ.append(["year", "month", "year_month", "us_soc_major_group_2digits", "us_soc_major_group_name",
                "percent", "n", "measurement"])
    occ.append([2019, "Jan", 2019, 11, "Management Occupations", 5.07, 322224, "1 Month Average"])
    occ.append([2019, "Jan", 2019, 29, "Healthcare Practitioners and Technical Occupations", 4.11, 290000,
                "1 Month Average"])
    book.save(path)


def test_2024_layout_restores_mangled_codes(tmp_path):
    path = tmp_path / "wfh.xlsx"
    workbook_2024(path)
    df = wfh_map.SCHEMA.conform(wfh_map.parse(path.read_bytes(), path="wfh.xlsx"), "wfh_map")
    assert len(df) == 10
    assert sorted(df["soc_code"].unique()) == ["11-1000", "11-2000", "11-3000", "11-9000", "29-1000"]
    assert set(df["vintage"]) == {"2024-10-15"}  # from the contents sheet
    row = df[(df["soc_code"] == "11-2000") & (df["date"] == "2019-02-01")].iloc[0]
    assert row["group_name"].startswith("Advertising, Marketing")
    got = (row["remote_pct"], row["remote_share"], row["remote_share_3ma"])
    assert got == pytest.approx((6.93, 0.0693, 0.0807))
    assert set(df["soc_level"]) == {"minor"} and set(df["soc_version"]) == {"2018"}


def test_2023_layout(tmp_path):
    path = tmp_path / "wfh.xlsx"
    workbook_2023(path)
    df = wfh_map.parse(path.read_bytes(), path="2023-09-19/x.xlsx")
    assert df["soc_code"].tolist() == ["11-0000", "29-0000"]
    assert df["soc_level"].unique().tolist() == ["major"]
    assert df["remote_share"].tolist() == pytest.approx([0.0507, 0.0411])
    assert df["remote_share_3ma"].isna().all()
    assert df["vintage"].unique().tolist() == ["2023-09-19"]  # from the folder the runner files it under


def test_restore_code():
    assert wfh_map.restore_code(dt.datetime(2000, 11, 1), "Advertising, Marketing, Promotions, Public "
                                "Relations, and Sales Managers") == "11-2000"
    assert wfh_map.restore_code("Nov-00", "Operations Specialties Managers") == "11-3000"
    assert wfh_map.restore_code("29-1000", "Healthcare Diagnosing or Treating Practitioners") == "29-1000"
    with pytest.raises(IngestError, match="expected 11-9000"):
        wfh_map.restore_code(dt.datetime(2000, 11, 1), "Other Management Occupations")


def test_unknown_layout_is_refused(tmp_path):
    book = Workbook()
    book.active.title = "occupation_by_month"
    book.active.append(["when", "what", "share"])
    path = tmp_path / "other.xlsx"
    book.save(path)
    with pytest.raises(IngestError, match="neither known layout"):
        wfh_map.parse(path.read_bytes(), vintage="2024-10-15")


def test_command_line_path_writes_only_under_user(tmp_path, monkeypatch):
    monkeypatch.setenv("HLT_DATA_DIR", str(tmp_path / "data"))
    for maker, name in ((workbook_2024, "a.xlsx"), (workbook_2023, "b.xlsx")):
        maker(tmp_path / name)
        [result] = run({"wfh_map": wfh_map}, offline=True, echo=lambda s: None, user_file=tmp_path / name)
        assert result.ok, result.message
    user = tmp_path / "data" / "user"
    df = pd.read_parquet(user / "wfh_map.parquet")
    assert sorted(df["vintage"].unique()) == ["2023-09-19", "2024-10-15"]  # kept apart, never spliced
    assert (user / "raw/wfh_map/2024-10-15/remote_work_in_job_ads_public_data.xlsx").is_file()
    entry = json.loads((user / "manifest.json").read_text())["datasets"]["wfh_map"]
    assert entry["coverage"]["2024-10-15"] == {"start": "2019-01-01", "end": "2019-02-01", "groups": 5,
                                               "level": "minor"}
    assert not (tmp_path / "data" / "manifest.json").exists()  # nothing outside data/user/
    assert not (tmp_path / "data" / "wfh_map.parquet").exists()


def test_user_data_is_git_ignored():
    ignored = (paths.REPO_ROOT / ".gitignore").read_text().splitlines()
    assert "data/user/" in ignored
    assert "*remote_work_in_job_ads*" in ignored
    assert wfh_map.SOURCE.output_dir == "user" and wfh_map.SOURCE.raw_dir.startswith("user/")


def test_full_run_skips_wfh_map_until_a_file_is_given(tmp_path, monkeypatch):
    monkeypatch.setenv("HLT_DATA_DIR", str(tmp_path / "data"))
    lines = []
    results = run({"wfh_map": wfh_map, "other": wfh_map}, offline=True, echo=lines.append)
    assert results == []
    assert "--file PATH" in lines[0]
    # Named alone without a file, it fails with the runner's message rather than passing silently.
    [alone] = run({"wfh_map": wfh_map}, offline=True, echo=lines.append)
    assert not alone.ok and "no raw files" in alone.message
