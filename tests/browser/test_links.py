"""Every in-app link in a real Chromium: the view follows the link (title or selection), back and forward work,
every page answers at its own path, and the role search boxes pick the role a job title names."""

import importlib.util
import os
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pytest

from appdriver.harness import app_pages, errors, finished_runs, wait_finished, wait_settled
from tests.conftest import ROOT

if importlib.util.find_spec("pytest_playwright") is None:
    _why = "playwright and pytest-playwright are not installed: python -m pip install -e '.[test,browser]'"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and the browser tests cannot run: {_why}", pytrace=False)
    pytest.skip(_why, allow_module_level=True)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]  # one app server, one worker

PAGES = app_pages()
# Pages whose links appear only in some states: a role chosen, a search typed.
STATES = {"profile": "soc=29-1141", "explorer": "q=medical+coder"}
LINKS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stPageLink"] a'))
  .filter(a => !a.closest('[data-stale="true"]') && a.offsetParent !== null)
  .map(a => ({href: a.href, text: a.innerText.trim()}))"""
CLICK_JS = """i => Array.from(document.querySelectorAll('[data-testid="stPageLink"] a'))
  .filter(a => !a.closest('[data-stale="true"]') && a.offsetParent !== null)[i].click()"""
TITLES = pd.read_parquet(ROOT / "data" / "projections.parquet").query("vintage == '2024-34'").set_index(
    "soc_code")["title"]


def heading(page) -> str:
    return page.locator("h1").first.inner_text().strip()


def open_url(page, url: str) -> None:
    page.goto(url)
    wait_settled(page)


def wait_heading(page, text: str) -> None:
    page.wait_for_function("t => { const h = document.querySelector('h1'); return h && h.innerText.trim() === t; }",
                           arg=text, timeout=60_000)
    wait_settled(page)


def click_and_wait(page, runs: list[int], script: str, arg) -> None:
    """Run `script` (a click) and wait for the rerun it starts to finish (a link to the page itself keeps the
    path, and the page looks settled before the rerun begins)."""
    seen = len(runs)
    page.evaluate(script, arg)
    wait_finished(page, runs, seen)
    wait_settled(page)


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_every_page_answers_at_its_own_path_and_root_opens_overview(page, app_url):
    for spec in PAGES:
        open_url(page, f"{app_url}/{spec.url_path}")
        assert page.get_by_text("Page not found").count() == 0, spec.url_path
        assert urlsplit(page.url).path == f"/{spec.url_path}"
        assert errors(page) == []
    open_url(page, f"{app_url}/?vintage=2023-33")
    page.wait_for_url("**/overview?vintage=2023-33")
    assert heading(page) == "Healthcare jobs at a glance"
    assert page.get_by_text("Page not found").count() == 0


def start_urls(app_url: str) -> list[str]:
    urls = [f"{app_url}/{p.url_path}" for p in PAGES]
    return urls + [f"{app_url}/{path}?{q}" for path, q in STATES.items()]


def test_every_link_on_every_page_is_followed_by_the_view(page, app_url):
    runs = finished_runs(page)
    clicked = []
    for start in start_urls(app_url):
        open_url(page, start)
        links = page.evaluate(LINKS_JS)
        for i, link in enumerate(links):
            if i:
                open_url(page, start)
            target = urlsplit(link["href"])
            click_and_wait(page, runs, CLICK_JS, i)
            page.wait_for_url(lambda url, path=target.path: urlsplit(url).path == path, timeout=60_000)
            assert errors(page) == [], link
            wanted, got = query(link["href"]), query(page.url)
            for key, value in wanted.items():
                # a widget whose own state won over the link would write its old value back here
                assert got.get(key, value) == value, (link, page.url)
            if target.path == "/profile" and "soc" in wanted:
                wait_heading(page, TITLES[wanted["soc"]])
            clicked.append(link["text"])
    assert len(clicked) >= 10, clicked
    assert any("Pharmacists" in text for text in clicked), "Registered nurses lists no Pharmacists link"


def test_a_similar_role_link_then_back_and_forward(page, app_url):
    open_url(page, f"{app_url}/profile?soc=29-1141")
    assert heading(page) == "Registered nurses"
    page.locator('[data-testid="stPageLink"] a').filter(has_text="Pharmacists").first.click()
    wait_heading(page, "Pharmacists")
    assert query(page.url).get("soc") == "29-1051"
    page.go_back()
    wait_heading(page, "Registered nurses")
    page.go_forward()
    wait_heading(page, "Pharmacists")
    # a second change after navigating is not lost
    page.locator('[data-testid="stPageLink"] a').filter(has_text="Registered nurses").first.click()
    wait_heading(page, "Registered nurses")


@pytest.mark.parametrize(("query_text", "title"), [
    ("medical coder", "Medical records specialists"), ("CNA", "Nursing assistants"),
    ("travel nurse", "Registered nurses"), ("home health aide", "Home health and personal care aides"),
])
def test_profile_search_box_opens_the_role_a_job_title_names(page, app_url, query_text, title):
    open_url(page, f"{app_url}/profile?soc=29-1051")
    box = page.get_by_role("textbox", name="Find a role by any job title")
    box.fill(query_text)
    box.press("Enter")
    wait_heading(page, title)
    assert page.get_by_text(f"{query_text} → {title}").count() > 0


def test_explorer_and_compare_search_in_the_browser(page, app_url):
    open_url(page, f"{app_url}/explorer")
    box = page.get_by_role("textbox", name="Search any job title or SOC code")
    box.fill("medical coder")
    box.press("Enter")
    page.get_by_text("Best match: medical coder → Medical records specialists, 29-2072").wait_for(timeout=60_000)
    open_url(page, f"{app_url}/compare")
    box = page.get_by_role("textbox", name="Add a role by any job title")
    box.fill("CNA")
    box.press("Enter")
    page.wait_for_url(lambda url: "31-1131" in query(url).get("roles", ""), timeout=60_000)
    wait_settled(page)
    assert page.get_by_text("Nursing assistants (31-1131)").count() > 0
