"""Reading an uploaded postings file: every format, hostile files with one clear message, mapping, exports."""

import io

import pandas as pd
import pytest

from analysis.user_postings import assign_by_hand, monthly_by_role, next_to_projections, unmatched_titles
from dashboard.export import csv_bytes
from dashboard.upload_read import MAX_ROWS, UploadError, read_upload, sheet_names
from matching.postings_frame import PostingsError, enrich, guess_mapping, normalise, title_index
from tests.upload_files import FIVE_DATES, FORMULA, HOSTILE, ROOT, as_bytes, million_rows, real_rows


@pytest.fixture(scope="module")
def rows() -> pd.DataFrame:
    return real_rows(("0610", "0660", "0603"), 40)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet", ".xlsx"])
def test_each_format_reads_to_the_same_rows(rows, suffix):
    table = read_upload(f"mine{suffix}", as_bytes(rows, suffix))
    assert table.notes == [] and len(table.frame) == 40
    assert table.frame["Job Title"].tolist() == rows["Job Title"].tolist()
    clean = normalise(table.frame, guess_mapping(table.frame.columns), file_name=f"mine{suffix}")
    assert clean["posted_date"].dt.strftime("%Y-%m-%d").tolist() == rows["Posted"].tolist()
    assert set(clean["employer"]) == {"Department of Veterans Affairs"}


def test_excel_reads_the_first_sheet_or_the_chosen_one(rows):
    data = as_bytes(rows, ".xlsx", sheets={"Notes": pd.DataFrame({"x": [1]}), "Postings": rows.head(7)})
    assert sheet_names(data, "two.xlsx") == ["Notes", "Postings"]
    assert list(read_upload("two.xlsx", data).frame.columns) == ["x"]
    assert len(read_upload("two.xlsx", data, sheet="Postings").frame) == 7
    with pytest.raises(UploadError, match="has no sheet 'Jobs'"):
        read_upload("two.xlsx", data, sheet="Jobs")


def test_mapping_is_guessed_from_headers():
    assert guess_mapping(["Job Title", "Posted", "City", "Company"]) == {
        "title": "Job Title", "date": "Posted", "location": "City", "employer": "Company"}
    headers = ["jobTitle", "datePosted", "isRemote", "Hiring Organization", "Req ID", "Job Description"]
    assert guess_mapping(headers) == {
        "title": "jobTitle", "date": "datePosted", "remote": "isRemote", "employer": "Hiring Organization",
        "id": "Req ID", "description": "Job Description"}
    assert guess_mapping(["a", "b"]) == {}


def test_a_column_chosen_twice_is_one_clear_error(rows):
    with pytest.raises(PostingsError, match="title and description both point at the column 'Job Title'"):
        normalise(rows, {"title": "Job Title", "date": "Posted", "description": "Job Title"}, file_name="x.csv")


@pytest.mark.parametrize(("name", "data", "error", "note"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_give_one_clear_message(name, data, error, note):
    data = data() if callable(data) else data
    if error is not None:
        with pytest.raises(UploadError, match=error.replace("(", r"\(").replace(")", r"\)")) as exc:
            read_upload(name, data)
        assert str(exc.value).count(". ") <= 3 and "Traceback" not in str(exc.value)
        return
    table = read_upload(name, data)
    assert (note is None and table.notes == []) or (note is not None and note in " ".join(table.notes))
    clean = normalise(table.frame, guess_mapping(table.frame.columns), file_name=name)
    assert len(clean) == len(table.frame)


def test_latin1_and_utf16_keep_their_letters():
    latin = dict((h[0], h[1]) for h in HOSTILE)["latin1.csv"]
    assert read_upload("latin1.csv", latin).frame["Job Title"][0] == "Enfermera Pediátrica"
    assert read_upload("u.csv", "Job Title\nEnfermería\n".encode("utf-16")).frame["Job Title"][0] == "Enfermería"


def test_five_date_formats_land_on_their_days():
    table = read_upload("d.csv", dict((h[0], h[1]) for h in HOSTILE)["five-date-formats.csv"]())
    clean = normalise(table.frame, {"title": "Job Title", "date": "Posted"}, file_name="d.csv")
    assert len(FIVE_DATES) == 5
    assert clean["posted_date"].dt.strftime("%Y-%m-%d").tolist() == [f"2024-0{m}-15" for m in range(1, 6)]


def test_formula_cells_stay_text_and_every_csv_export_neutralises_them():
    table = read_upload("f.csv", dict((h[0], h[1]) for h in HOSTILE)["formula.csv"])
    assert table.frame["Job Title"][0] == FORMULA  # kept exactly as text
    exported = csv_bytes(table.frame, provenance=["Title: t"]).decode()
    back = pd.read_csv(io.StringIO(exported), comment="#", dtype=str)
    assert back["Job Title"][0] == "'" + FORMULA and back["Job Title"][1] == "Registered Nurse"
    numbers = csv_bytes(pd.DataFrame({"change": ["-3.5", "+12%"], "n": [-1, 2]}), provenance=[]).decode()
    rows = [line for line in numbers.splitlines() if not line.startswith("#")]
    assert rows[1:] == ["-3.5,-1", "+12%,2"]  # signed numbers are data, not formulas


def test_more_rows_than_the_cap_is_refused_and_the_cap_itself_loads():
    data = million_rows()
    assert len(data) < 50 * 2**20  # under the page's upload cap (.streamlit/config.toml)
    assert len(read_upload("million.csv", data).frame) == MAX_ROWS == 1_000_000
    with pytest.raises(UploadError, match="more than 1,000,000 rows"):
        read_upload("more.csv", data + b"Registered Nurse,2024-01-01,Boise\n")


def test_user_postings_by_role_projections_and_hand_assignment():
    onet = pd.read_parquet(ROOT / "data/onet_titles.parquet")
    roles = pd.read_parquet(ROOT / "data/roles.parquet")
    projections = pd.read_parquet(ROOT / "data/projections.parquet")
    frame = pd.DataFrame({"Job Title": ["Registered Nurse", "Registered Nurse", "Pharmacist", "Zxqv Blorp"],
                          "Posted": ["2024-01-02", "2024-02-03", "2024-01-05", "2024-01-09"],
                          "City": ["Remote", "Denver", "Denver", "Denver"]})
    clean = normalise(frame, guess_mapping(frame.columns), file_name="mine.csv")
    matched = enrich(clean, title_index(onet))
    assert matched["soc_code"].tolist()[:3] == ["29-1141", "29-1141", "29-1051"]
    assert matched["work_mode"].tolist() == ["remote", "on-site", "on-site", "on-site"]
    assert unmatched_titles(matched)["title"].tolist() == ["Zxqv Blorp"]
    monthly = monthly_by_role(matched)
    nurses = monthly[monthly["role"] == "29-1141"]
    assert nurses["postings"].tolist() == [1, 1] and nurses["remote_share"].tolist() == [1.0, 0.0]
    side = next_to_projections(matched, projections, roles, vintage="2024-34")
    rn = side.set_index("soc_code").loc["29-1141"]
    assert rn["announcements"] == 2 and rn["change_pct"] == 4.9  # EP 2024-34, registered nurses
    by_hand = assign_by_hand(matched, {"Zxqv Blorp": "29-1141"}, roles)
    assert unmatched_titles(by_hand).empty and by_hand["match_method"].tolist()[3] == "by hand"
    assert next_to_projections(by_hand, projections, roles, vintage="2024-34").set_index(
        "soc_code").loc["29-1141", "announcements"] == 3
    assert matched["soc_code"].isna().sum() == 1  # the input frame is not changed


def test_the_upload_path_uses_no_shared_cache_no_url_and_no_disk():
    """What keeps an upload private, held by the code itself: the modules that touch it never use a cache
    shared across sessions (except for the public O*NET index), the URL, or a file."""
    import ast

    shared = {"cache_data", "derived", "figure", "computed", "memo", "query_params", "state", "open",
              "to_parquet", "to_csv", "write_bytes", "write_text", "NamedTemporaryFile", "mkstemp"}
    for name in ("upload.py", "upload_view.py", "upload_read.py"):
        tree = ast.parse((ROOT / "dashboard" / name).read_text())
        used = {n.attr if isinstance(n, ast.Attribute) else n.id for n in ast.walk(tree)
                if isinstance(n, ast.Attribute | ast.Name)}
        assert used & shared == set(), name
    cached = (ROOT / "dashboard/upload.py").read_text().count("@st.cache_resource")
    assert cached == 1 and "def _index(onet_titles_version: int)" in (ROOT / "dashboard/upload.py").read_text()


def test_monthly_chart_of_roles_posted_in_one_month_each_describes_itself():
    """Your postings by month with two roles seen in one month each: two one-point lines on a date axis (the
    chart's text alternative used to fail on the dates)."""
    from charts.federal_postings import announcements_over_time
    from charts.layout import description

    long = pd.DataFrame({"month": pd.to_datetime(["2024-01-01", "2024-02-01"]), "announcements": [3, 1],
                         "label": ["Registered nurses", "Pharmacists"]})
    fig = announcements_over_time(long, label="label", title="Your postings by month, top roles", source="s")
    assert "Registered nurses (2024-01-01, 3.0); Pharmacists (2024-02-01, 1.0)" in description(fig)
