"""The States page in a real Chromium with every outside address blocked: the map draws, role and state change, a
copied link reopens the same view."""

import importlib.util
import os
from urllib.parse import parse_qs, urlsplit

import pytest

from appdriver.harness import (
    ARTIFACTS,
    Filter,
    apply,
    charts,
    current_value,
    errors,
    remember_chart,
    wait_chart_changed,
    wait_settled,
)
from dashboard.pages import by_path

if importlib.util.find_spec("pytest_playwright") is None:
    _why = "playwright and pytest-playwright are not installed: python -m pip install -e '.[test,browser]'"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and the browser tests cannot run: {_why}", pytrace=False)
    pytest.skip(_why, allow_module_level=True)

pytestmark = pytest.mark.browser

PAGE = by_path("states")
SHAPES_JS = """() => { const gd = document.querySelector('.js-plotly-plot');
  return (gd && gd.layout.shapes || []).map(s => [s.x0, s.y0]); }"""
LABELS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')[0].querySelectorAll('g.trace text'))
  .map(t => t.textContent)"""


def offline(context, app_url: str) -> list[str]:
    """Abort every request that is not to the app itself; returns the list of what was refused."""
    refused: list[str] = []
    local = urlsplit(app_url).netloc

    def handle(route):
        if urlsplit(route.request.url).netloc == local:
            return route.continue_()
        refused.append(route.request.url)
        return route.abort()

    context.route("**/*", handle)
    return refused


def open_offline(context, url: str, app_url: str):
    refused = offline(context, app_url)
    page = context.new_page()
    page.goto(url)
    wait_settled(page)
    return page, refused


def test_map_draws_offline_then_role_and_state_change_and_the_link_reopens(browser, browser_context_args, app_url):
    context = browser.new_context(**browser_context_args)
    try:
        page, refused = open_offline(context, PAGE.url(app_url), app_url)
        assert errors(page) == []
        drawn = charts(page)[0]
        assert drawn["title"].startswith("Registered Nurses: projected change is highest in")
        assert [t["type"] for t in drawn["traces"]] == ["heatmap", "heatmap", "scatter"]
        assert page.locator(".js-plotly-plot").first.locator("g.hm image").count() == 2  # drawn, not only data
        labels = page.evaluate(LABELS_JS)
        assert any(label.startswith("TX") for label in labels) and len(labels) >= 51
        assert page.evaluate(SHAPES_JS) == []  # no state chosen: none outlined

        remember_chart(page, 0)
        apply(page, Filter("selectbox", "Role", "Nurse Practitioners (29-1171)"))
        wait_chart_changed(page, 0)
        wait_settled(page)
        assert charts(page)[0]["title"].startswith("Nurse Practitioners: ")

        apply(page, Filter("selectbox", "State", "Ohio"))  # the map outlines Ohio; its colours stay the role's
        page.get_by_role("heading", name="Healthcare roles in Ohio").wait_for(timeout=60_000)
        wait_settled(page)
        row, col = 3, 6  # Ohio's tile (data/reference/areas/areas.csv)
        assert page.evaluate(SHAPES_JS) == [[col - 0.5, row - 0.5]]
        after = charts(page)
        assert errors(page) == [] and refused == []  # nothing asked of any other address
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / "states-offline.png", full_page=True)

        page.wait_for_function("() => location.search.includes('area=OH')", timeout=15_000)
        link = page.url
        assert parse_qs(urlsplit(link).query) == {"soc": ["29-1171"], "area": ["OH"]}
    finally:
        context.close()

    fresh = browser.new_context(**browser_context_args)  # a new browser session: only the link carries the view
    try:
        other, refused = open_offline(fresh, link, app_url)
        assert errors(other) == [] and refused == []
        assert current_value(other, Filter("selectbox", "Role")) == "Nurse Practitioners (29-1171)"
        assert current_value(other, Filter("selectbox", "State")) == "Ohio"
        assert charts(other)[0] == after[0]
        assert other.get_by_role("heading", name="Healthcare roles in Ohio").is_visible()
    finally:
        fresh.close()
