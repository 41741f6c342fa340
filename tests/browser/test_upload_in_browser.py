"""Your postings uploaded in a real Chromium: each format, mapping, hand assignment, exports, hostile files,
two sessions that never see each other's postings, and nothing written to disk."""

import importlib.util
import io
import os
import re
from pathlib import Path

import pandas as pd
import pytest

from appdriver.harness import ARTIFACTS, INSTALL_HINT, charts, errors, set_selectbox, start_server, stop_server
from appdriver.harness import wait_settled as settled
from tests.upload_files import FORMULA, HOSTILE, ROOT, as_bytes, million_rows, real_rows

if importlib.util.find_spec("pytest_playwright") is None:
    _why = "playwright and pytest-playwright are not installed: python -m pip install -e '.[test,browser]'"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and the browser tests cannot run: {_why}", pytrace=False)
    pytest.skip(f"{_why}. {INSTALL_HINT}", allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]  # one app server, one worker
MIME = {".csv": "text/csv", ".jsonl": "application/jsonl", ".parquet": "application/octet-stream",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
UPLOADER = '[data-testid="stFileUploader"] input[type=file]'


def wait_settled(page, timeout: float = 120_000) -> None:
    settled(page, timeout=timeout)


def open_postings(page, base: str) -> None:
    page.goto(f"{base}/postings")
    wait_settled(page)


def upload(page, name: str, data: bytes) -> None:
    """Choose a file in the uploader and wait until the page has read it (an error, or the load button)."""
    page.locator(UPLOADER).set_input_files(files=[{"name": name, "mimeType": MIME.get(Path(name).suffix,
                                                   "text/plain"), "buffer": data}], timeout=300_000)
    # Every message about a file names it, and so does the preview: wait for this file's, not the last one's.
    page.locator('[data-testid="stAlertContentError"]', has_text=name).or_(
        page.get_by_text(f"rows of {name}.")).first.wait_for(timeout=120_000)
    wait_settled(page)


def load(page) -> None:
    page.get_by_role("button", name="Load these postings").click()
    page.locator('[data-testid="stMetric"]', has_text="Your postings").wait_for(timeout=300_000)
    wait_settled(page, timeout=300_000)


def metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has=page.locator('[data-testid="stMetricLabel"]',
                                                                          has_text=label))
    return box.locator('[data-testid="stMetricValue"]').inner_text().strip()


def download(page, key: str) -> str:
    """Click an export button and return the file's text. A chart's exports sit in its Download menu
    (dashboard.layout.chart: key csv-<chart key> inside menu-<chart key>), opened first when closed."""
    wait_settled(page)
    entry = page.locator(f".st-key-{key} button:visible")  # a download button also holds a hidden one
    if entry.count() == 0:
        page.locator(f".st-key-menu-{key.split('-', 1)[1]} button").first.click()
    with page.expect_download(timeout=60_000) as info:
        entry.last.click()
    page.keyboard.press("Escape")  # close the menu again
    return Path(info.value.path()).read_text(encoding="utf-8")


def selectbox(page, label: str):
    return page.locator('[data-testid="stSelectbox"]').filter(
        has=page.locator('[data-testid="stWidgetLabel"]', has_text=label)).first


@pytest.fixture(scope="module")
def nurses() -> pd.DataFrame:
    return real_rows(("0610", "0620"), 30)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet", ".xlsx"])
def test_each_format_loads_with_the_same_charts(page, app_url, nurses, suffix):
    open_postings(page, app_url)
    upload(page, f"mine{suffix}", as_bytes(nurses, suffix))
    assert errors(page) == []
    load(page)
    assert metric(page, "Your postings") == "30"
    titles = [c["title"] for c in charts(page)]
    assert titles[3:] == ["Your postings by month, top roles", "Your postings: remote share by month",
                          "Your postings by role vs the role's projected change, 2024-34"]
    assert "Registered nurses" in [t["name"] for t in charts(page)[3]["traces"]]
    assert not re.search(r"mine|Job|Posted", page.url)  # neither the file nor its columns enter the link


def test_excel_sheet_choice_and_mapping_by_hand(page, app_url, nurses):
    odd = nurses.rename(columns={"Job Title": "A", "Posted": "B", "City": "C", "Company": "D"})
    data = as_bytes(odd, ".xlsx", sheets={"Read me": pd.DataFrame({"note": ["see next sheet"]}), "Data": odd})
    open_postings(page, app_url)
    upload(page, "odd.xlsx", data)
    set_selectbox(page, selectbox(page, "Sheet"), "Data")
    page.get_by_text("of 30 rows of odd.xlsx.").wait_for(timeout=60_000)  # the chosen sheet is read
    wait_settled(page)
    assert "say which column holds the title and the date" in " ".join(errors(page))  # nothing guessable
    set_selectbox(page, selectbox(page, "Job title"), "A")
    wait_settled(page)
    set_selectbox(page, selectbox(page, "Date posted"), "B")
    wait_settled(page)
    set_selectbox(page, selectbox(page, "Description"), "A")  # the same column twice
    page.get_by_text("both point at the column").wait_for(timeout=60_000)
    wait_settled(page)
    assert errors(page) == ["Column mapping: title and description both point at the column 'A'. Fix: choose a "
                            "different column for one of them (or none)."]
    assert page.get_by_role("button", name="Load these postings").is_disabled()
    set_selectbox(page, selectbox(page, "Description"), "(none)")
    page.get_by_text("both point at the column").wait_for(state="detached", timeout=60_000)
    wait_settled(page)
    assert errors(page) == []
    load(page)
    assert metric(page, "Your postings") == "30"


def test_hand_assignment_and_exports(page, app_url, nurses):
    mine = pd.concat([nurses.head(5), pd.DataFrame({"Job Title": ["Zxqv Blorp", FORMULA], "Posted": "2016-05-01",
                                                    "City": "Denver", "Company": "VA"})], ignore_index=True)
    open_postings(page, app_url)
    upload(page, "hand.csv", as_bytes(mine, ".csv"))
    assert "start like a spreadsheet formula" in " ".join(
        page.locator('[data-testid="stAlertContentInfo"]').all_inner_texts())
    load(page)
    before = pd.read_csv(io.StringIO(download(page, "csv-user-growth")), comment="#", dtype={"soc_code": str})
    unmatched = download(page, "csv-unmatched")
    assert "'" + FORMULA.replace('"', '""') in unmatched and "Zxqv Blorp" in unmatched  # neutralised, kept
    set_selectbox(page, selectbox(page, "Unmatched title"), "Zxqv Blorp")
    wait_settled(page)  # the rerun after that choice would close the role list opened during it
    role = selectbox(page, "Role (SOC 2018)").locator('input[role="combobox"]')
    role.click()
    role.fill("29-1141")  # the list is long and virtualised: filter it, then take the exact entry
    page.locator('[role="listbox"] [role="option"]', has_text="29-1141 Registered nurses").first.click()
    page.get_by_role("button", name="Assign role").click()
    page.get_by_text("Assigned by hand: Zxqv Blorp → 29-1141").wait_for()
    wait_settled(page)
    growth = download(page, "csv-user-growth")
    after = pd.read_csv(io.StringIO(growth), comment="#", dtype={"soc_code": str})
    count = {name: t.set_index("soc_code")["announcements"].get("29-1141", 0) for name, t in
             (("before", before), ("after", after))}
    assert count["after"] == count["before"] + 1
    monthly = download(page, "csv-user-monthly")
    assert monthly.startswith("# Title: Your postings by month, top roles\n# Source: your file hand.csv")
    assert errors(page) == []


def test_hostile_files_one_message_each_and_the_app_keeps_working(page, app_url, nurses):
    open_postings(page, app_url)
    for name, data, error, note in [*HOSTILE, ("million.csv", million_rows, None, None)]:
        upload(page, name, data() if callable(data) else data)
        shown = errors(page)
        if error is not None:
            assert len(shown) == 1 and error in shown[0], (name, shown)
            assert page.locator('[data-testid="stException"]').count() == 0
            continue
        assert shown == [], (name, shown)
        infos = " ".join(page.locator('[data-testid="stAlertContentInfo"]').all_inner_texts())
        assert note is None or note in infos, (name, infos)
        load(page)
        expected = {"million.csv": "1,000,000", "five-date-formats.csv": "5"}.get(name, "2")
        assert metric(page, "Your postings") == expected, name
    upload(page, "after.csv", as_bytes(nurses, ".csv"))  # still working after all of them
    load(page)
    assert metric(page, "Your postings") == "30"
    stated = page.locator('[data-testid="stCaptionContainer"]', has_text="Private to this browser session")
    assert "Up to 50 MB" in stated.inner_text()


def test_two_sessions_never_see_each_other(browser, app_url):
    # Each file carries a title no O*NET title is near, so it shows in its own session's unmatched table.
    markers = {"a": "Qzxv Blorpt", "b": "Vrenk Tazzle"}  # unmatched (scores 48 and 62 < 70)
    extra = {who: pd.DataFrame({"Job Title": [m], "Posted": ["2016-06-01"], "City": ["Denver"], "Company": ["VA"]})
             for who, m in markers.items()}
    a_rows = pd.concat([real_rows(("0610",), 23), extra["a"]], ignore_index=True)
    b_rows = pd.concat([real_rows(("0660", "0603"), 40), extra["b"]], ignore_index=True)
    pages, exports = {}, {}

    def session(who: str, rows: pd.DataFrame):
        context = browser.new_context(viewport={"width": 1400, "height": 2400}, accept_downloads=True)
        page = context.new_page()
        open_postings(page, app_url)
        upload(page, f"{who}-postings.csv", as_bytes(rows, ".csv"))
        load(page)
        return page

    def check(who: str, other: str) -> None:
        page = pages[who]
        exports[who] = (download(page, "csv-user-monthly") + download(page, "csv-user-growth")
                        + download(page, "csv-unmatched"))
        seen = page.locator('[data-testid="stMain"]').inner_text() + exports[who] + page.url
        assert markers[who] in exports[who]  # the check can see a marker when it is there
        assert markers[other] not in seen and f"{other}-postings.csv" not in seen, who

    # Each session is checked while the other's postings sit in the server's memory: b after a, then a again
    # in a new session after b.
    pages["a"] = session("a", a_rows)
    pages["b"] = session("b", b_rows)
    assert metric(pages["b"], "Your postings") == "41"
    check("b", "a")
    assert metric(pages["a"], "Your postings") == "24"  # a's page, as drawn, after b loaded
    assert markers["b"] not in pages["a"].locator('[data-testid="stMain"]').inner_text()
    pages["a"].context.close()
    pages["a"] = session("a", a_rows)
    assert metric(pages["a"], "Your postings") == "24"
    check("a", "b")
    stranger = browser.new_context().new_page()
    open_postings(stranger, app_url)
    assert stranger.locator('[data-testid="stMetric"]', has_text="Your postings").count() == 0
    pages["a"].reload()  # a reload opens a new session: the upload is gone with the old one
    wait_settled(pages["a"])
    assert pages["a"].locator('[data-testid="stMetric"]', has_text="Your postings").count() == 0
    for page in (*pages.values(), stranger):
        page.context.close()


def snapshot(*folders: Path) -> dict[str, tuple[int, int]]:
    skip = {".git", "test-artifacts", "__pycache__", ".pytest_cache", ".ruff_cache", ".venv-ci"}
    out = {}
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file() and not skip & set(path.relative_to(folder).parts):
                stat = path.stat()
                out[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return out


def test_an_upload_writes_nothing_to_disk(tmp_path, browser):
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc, base = start_server(env={"TMPDIR": str(tmp)}, log=ARTIFACTS / "streamlit-upload.log")
    try:
        page = browser.new_context(accept_downloads=True).new_page()
        open_postings(page, base)
        before = snapshot(ROOT, tmp)
        marker = "Quokka Wrangler Specialist"
        rows = real_rows(("0610",), 10)
        rows.loc[0, "Job Title"] = marker
        upload(page, "private.csv", as_bytes(rows, ".csv"))
        load(page)
        download(page, "csv-user-monthly")
        after = snapshot(ROOT, tmp)
        page.context.close()
    finally:
        stop_server(proc)
    written = {k for k in set(after) | set(before) if after.get(k) != before.get(k)}
    assert written == set()
    assert not any(marker.encode() in p.read_bytes() for folder in (ROOT / "data", tmp) for p in folder.rglob("*")
                   if p.is_file() and p.stat().st_size < 50 * 2**20)
