"""Indeed postings index sources on the real snapshots and portal export, plus hand-built files."""

import pandas as pd
import pytest

from contract.domain import ALL_POSTINGS
from ingest import runner
from ingest.errors import IngestError
from ingest.sources import postings_index, postings_index_portal
from tests._http_fake import Response


@pytest.fixture(scope="module")
def tracker() -> pd.DataFrame:
    df, _ = runner.build(postings_index)
    return df


@pytest.fixture(scope="module")
def portal() -> pd.DataFrame:
    df, _ = runner.build(postings_index_portal)
    return df


def _value(df, snapshot, category, date, *, variable="total postings", sa="SA"):
    hit = df[(df["snapshot"] == snapshot) & (df["category"] == category) & (df["variable"] == variable)
             & (df["seasonal_adjustment"] == sa) & (df["date"] == pd.Timestamp(date))]
    assert len(hit) == 1
    return hit["index"].iloc[0]


def test_row_counts_and_date_ranges(tracker):
    # Sector file 46 x 1,701 days; aggregates have SA and NSA columns for total and new postings.
    # Per kept snapshot (a refresh adds a snapshot and never changes these).
    old = tracker[tracker["snapshot"] == "tracker 2024-10-03"]
    new = tracker[tracker["snapshot"] == "tracker 2026-08-19"]
    assert (len(old), len(new)) == (78_246 + 2 * 3_402, 2 * 4_774)
    assert (old["date"].min(), old["date"].max()) == (pd.Timestamp("2020-02-01"), pd.Timestamp("2024-09-27"))
    assert (new["date"].min(), new["date"].max()) == (pd.Timestamp("2020-02-01"), pd.Timestamp("2026-08-14"))
    sectors = old.loc[old["category"] != ALL_POSTINGS, "category"].unique()
    assert len(sectors) == 46
    assert set(new["category"]) == {ALL_POSTINGS}  # the newest sector file is not in the collection


def test_known_values_read_from_the_files(tracker):
    assert _value(tracker, "tracker 2024-10-03", "Nursing", "2024-09-27") == 123.53
    assert _value(tracker, "tracker 2024-10-03", "Medical Technician", "2024-09-27") == 138.04
    assert _value(tracker, "tracker 2024-10-03", "All postings", "2024-09-27", sa="NSA") == 118.87
    assert _value(tracker, "tracker 2026-08-19", "All postings", "2026-08-14", variable="new postings",
                  sa="NSA") == 104.99
    assert _value(tracker, "tracker 2024-10-03", "Nursing", "2020-02-01") == 100


def test_the_two_snapshots_stay_separate_lines(tracker):
    # Indeed revised its seasonal adjustment in Nov 2024: the same day differs between snapshots.
    old = _value(tracker, "tracker 2024-10-03", "All postings", "2024-09-27")
    new = _value(tracker, "tracker 2026-08-19", "All postings", "2024-09-27")
    assert (old, new) == (112.64, 112.47)
    per_line = tracker.groupby(["snapshot", "category", "variable", "seasonal_adjustment"])["date"]
    assert (per_line.count() == per_line.nunique()).all()


def test_healthcare_categories_come_from_the_file(tracker):
    labels = set(tracker["category"])
    for name in ("Nursing", "Physicians & Surgeons", "Therapy", "Pharmacy", "Dental", "Medical Technician",
                 "Medical Information", "Personal Care & Home Health"):
        assert name in labels


def test_portal_export_is_its_own_snapshot_flagged_probably_nsa(portal):
    assert len(portal) == 2_142
    assert portal["snapshot"].unique().tolist() == ["portal 2025-12-20"]
    assert portal["category"].unique().tolist() == ["Medical Technician"]
    assert portal["variable"].unique().tolist() == ["total postings"]
    assert portal["seasonal_adjustment"].unique().tolist() == ["unstated, probably NSA"]
    assert portal["date"].max() == pd.Timestamp("2025-12-12")
    assert _value(portal, "portal 2025-12-20", "Medical Technician", "2024-09-27",
                  sa="unstated, probably NSA") == 140.88


def test_new_labels_and_sa_nsa_columns_in_a_future_sector_file():
    raw = (b"date,jobcountry,indeed_job_postings_index_SA,indeed_job_postings_index_NSA,variable,"
           b"display_name\n2026-08-01,US,101.5,99.25,total postings,Data & Analytics\n")
    df = postings_index.parse(raw, path="snapshot_2026-09-01/US/job_postings_by_sector_US.csv")
    assert df[["snapshot", "category", "seasonal_adjustment", "index"]].values.tolist() == [
        ["tracker 2026-09-01", "Data & Analytics", "SA", 101.5],
        ["tracker 2026-09-01", "Data & Analytics", "NSA", 99.25],
    ]


SECTOR_HEADER = b"date,jobcountry,indeed_job_postings_index,variable,display_name\n"


@pytest.mark.parametrize(("raw", "path", "match"), [
    (SECTOR_HEADER + b"2020-02-01,US,n/a,total postings,Dental\n", "snapshot_2024-10-03/US/x.csv",
     "not a number"),
    (SECTOR_HEADER + b"01/02/2020,US,100,total postings,Dental\n", "snapshot_2024-10-03/US/x.csv",
     "not YYYY-MM-DD"),
    (b"date,jobcountry,value\n2020-02-01,US,100\n", "snapshot_2024-10-03/US/x.csv", "no indeed_job_postings"),
    (b"date,jobcountry,indeed_job_postings_index\n2020-02-01,GB,100\n", "snapshot_2024-10-03/US/x.csv",
     "other than the US"),
    (b"date,jobcountry,indeed_job_postings_index\n2020-02-01,US,100\n", "x.csv", "dated folder"),
])
def test_bad_tracker_files_are_refused(raw, path, match):
    with pytest.raises(IngestError, match=match):
        postings_index.parse(raw, path=path)


def test_fetch_files_today_as_a_new_snapshot():
    seen = []

    class Session:
        has_contact = False

        def get(self, url, **kwargs):
            seen.append(url)
            return Response(b"date,jobcountry,indeed_job_postings_index\n2020-02-01,US,100\n")

    files = postings_index.fetch(Session())
    assert seen == [postings_index.SOURCE.url + name for name in postings_index.FILES]
    assert all(k.startswith("snapshot_20") and k.count("/") == 2 for k in files)
    assert {postings_index.parse(v, path=k)["snapshot"].iloc[0] for k, v in files.items()} == {
        "tracker " + next(iter(files)).split("/")[0].removeprefix("snapshot_")}


def test_portal_user_file_is_filed_under_its_date(tmp_path):
    export = tmp_path / "indeed_nursing.csv"
    export.write_bytes(b"__typename,dateString,countryCode,countryName,sectorCode,sectorName,postingType,value\n"
                       b"HiringLabSectoralPosting,2026-01-02,US,United States,nursing,Nursing,TOTAL,120.5\n")
    files = postings_index_portal.load_user_file(export, date="2026-01-05")
    assert list(files) == ["export_2026-01-05/indeed_nursing.csv"]
    df = postings_index_portal.parse(files["export_2026-01-05/indeed_nursing.csv"],
                                     path="export_2026-01-05/indeed_nursing.csv")
    assert df[["snapshot", "category", "index"]].values.tolist() == [["portal 2026-01-05", "Nursing", 120.5]]
    with pytest.raises(IngestError, match="unknown option"):
        postings_index_portal.load_user_file(export, sector="x")

