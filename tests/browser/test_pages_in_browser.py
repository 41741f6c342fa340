"""Every page of app.py in a real Chromium: drawn, filterable, exportable, and reopened from its link."""

import html
import importlib.util
import io
import math
import os
import re
import struct

import pandas as pd
import pytest

from appdriver.harness import (
    ARTIFACTS,
    INSTALL_HINT,
    Filter,
    app_pages,
    apply,
    chart_key,
    charts,
    current_value,
    errors,
    generic_change,
    remember_chart,
    strip_tags,
    wait_chart_changed,
    wait_settled,
)

if importlib.util.find_spec("pytest_playwright") is None:
    _why = "playwright and pytest-playwright are not installed: python -m pip install -e '.[test,browser]'"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and the browser tests cannot run: {_why}", pytrace=False)
    pytest.skip(f"{_why}. {INSTALL_HINT}", allow_module_level=True)

pytestmark = pytest.mark.browser


PAGES = app_pages()
SCREENSHOTS = ARTIFACTS / "screenshots"
DOWNLOADS = ARTIFACTS / "downloads"


def open_page(page, url: str) -> None:
    page.goto(url)
    wait_settled(page)


def same_text(a: str, b: str) -> bool:
    squash = lambda s: re.sub(r"\s+", "", strip_tags(s))  # noqa: E731
    return squash(a) == squash(b)


@pytest.fixture(params=PAGES, ids=lambda p: p.url_path)
def app_page(request):
    return request.param


def test_app_lists_pages():
    assert PAGES, "dashboard/pages.py lists no page"
    assert sum(p.default for p in PAGES) == 1
    assert len({p.url_path for p in PAGES}) == len(PAGES)


def test_page_loads_and_draws_its_chart(page, app_url, app_page):
    open_page(page, app_page.url(app_url))
    assert errors(page) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    if app_page.main_chart is None:
        assert page.locator('[data-testid="stHeading"]').count() > 0
        page.screenshot(path=SCREENSHOTS / f"{app_page.url_path}.png", full_page=True)
        return
    assert page.locator(".js-plotly-plot .main-svg").first.is_visible()
    drawn = charts(page)
    main = drawn[app_page.main_chart]
    assert main["title"], "the main chart has no title"
    assert any(len(trace.get(k) or []) for trace in main["traces"] for k in ("x", "y", "values", "z")), \
        "the main chart has no data"
    # Drawn marks: SVG traces, or a WebGL canvas for scattergl.
    marks = page.locator(".js-plotly-plot").nth(app_page.main_chart).locator("g.trace, .gl-container canvas")
    assert marks.count() > 0, "the main chart draws no marks"
    page.screenshot(path=SCREENSHOTS / f"{app_page.url_path}.png", full_page=True)


def test_filter_change_redraws_link_reopens_and_change_back(page, app_url, app_page, browser, browser_context_args):
    spec = app_page
    if spec.main_chart is None:
        pytest.skip(f"{app_page.url_path} draws no chart (dashboard/pages.py)")
    open_page(page, app_page.url(app_url))
    change = spec.change or generic_change(page)
    original = current_value(page, change)
    before = charts(page)[spec.main_chart]
    url_before = page.url
    remember_chart(page, spec.main_chart)
    chosen = apply(page, change)
    wait_chart_changed(page, spec.main_chart)
    wait_settled(page)
    assert errors(page) == []
    after = charts(page)[spec.main_chart]
    assert after != before
    assert after["traces"] != before["traces"] or spec.expect_title, "only the title changed, not the data"
    if spec.expect_title:
        assert spec.expect_title in after["title"], after["title"]
    assert current_value(page, change) == chosen

    # The URL follows the view; a fresh browser (no session) opening it shows the same chart and filter.
    page.wait_for_function("old => location.href !== old", arg=url_before, timeout=15_000)
    link = page.url
    assert "?" in link, f"the page keeps no state in its link: {link}"
    context = browser.new_context(**browser_context_args)
    try:
        other = context.new_page()
        open_page(other, link)
        assert errors(other) == []
        assert current_value(other, change) == chosen
        assert charts(other)[spec.main_chart] == after
    finally:
        context.close()

    # And back: a second change must stick too (a widget whose identity follows the URL loses it).
    remember_chart(page, spec.main_chart)
    apply(page, Filter(change.kind, change.label, original))
    wait_chart_changed(page, spec.main_chart)
    wait_settled(page)
    assert current_value(page, change) == original
    assert charts(page)[spec.main_chart] == before


def plotted_problems(chart: dict, table: pd.DataFrame, *, exact_rows: bool) -> list[str]:
    """Differences between what a chart draws and a table: every plotted value must be in it, and no more."""
    def norm(value) -> str:
        text = str(value).strip()
        return re.sub(r"^(\d{4}-\d\d-\d\d)[T ]00:00:00(\.0+)?$", r"\1", text)

    cells = {norm(v) for v in table.astype(str).to_numpy().ravel()}
    numbers = [float(v) for col in table.select_dtypes("number") for v in table[col].dropna()]
    problems, lengths = [], []
    for trace in chart["traces"]:
        arrays = {k: v for k, v in trace.items() if isinstance(v, list)}
        lengths.append(max((len(v) for v in arrays.values()), default=0))
        for key, values in arrays.items():
            for value in values:
                if value is None or isinstance(value, list):
                    continue
                if isinstance(value, int | float) and not isinstance(value, bool):
                    if not any(math.isclose(value, n, rel_tol=1e-9, abs_tol=1e-9) for n in numbers):
                        problems.append(f"{trace.get('name') or trace['type']}.{key}: {value} is not in the CSV")
                elif norm(value) not in cells:
                    problems.append(f"{trace.get('name') or trace['type']}.{key}: {value!r} is not in the CSV")
    if exact_rows and lengths and len(table) not in (max(lengths), sum(lengths)):
        problems.append(f"the CSV has {len(table)} rows; the chart draws {lengths} points per trace")
    return problems


def download(page, trigger, name: str):
    with page.expect_download(timeout=60_000) as info:
        trigger()
    target = DOWNLOADS / name
    target.parent.mkdir(parents=True, exist_ok=True)
    info.value.save_as(target)
    return info.value.suggested_filename, target.read_bytes()


def from_menu(page, key: str, what: str) -> None:
    """Open the chart's Download menu (one button at phone width instead of five) and click one entry."""
    entry = page.locator(f".st-key-{what}-{key} button").first
    if not entry.is_visible():
        page.locator(f".st-key-menu-{key} button").first.click()
    entry.click()


def test_downloads_hold_the_plotted_data_and_provenance(page, app_url, app_page):
    spec = app_page
    if spec.main_chart is None:
        pytest.skip(f"{app_page.url_path} draws no chart (dashboard/pages.py)")
    open_page(page, app_page.url(app_url))
    chart = charts(page)[spec.main_chart]
    where = app_page.url_path

    # CSV: '# Title:' and '# Source:' lines, then exactly the plotted data.
    key = chart_key(page, spec.main_chart)
    assert key, "the main chart is not drawn by dashboard.layout.chart (no CSV/HTML exports)"
    name, raw = download(page, lambda: from_menu(page, key, "csv"), f"{where}/chart.csv")
    assert name.endswith(".csv")
    text = raw.decode("utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# Title: ") and same_text(lines[0].removeprefix("# Title: "), chart["title"])
    assert lines[1].startswith("# Source: "), lines[1]
    body = "\n".join(lines[next(i for i, line in enumerate(lines) if not line.startswith("# ")):])
    table = pd.read_csv(io.StringIO(body))
    assert len(table) > 0
    assert plotted_problems(chart, table, exact_rows=spec.exact_rows) == []

    # HTML: standalone figure with the same title and the provenance under it.
    name, raw = download(page, lambda: from_menu(page, key, "html"), f"{where}/chart.html")
    assert name.endswith(".html")
    page_html = raw.decode("utf-8")
    footer = html.unescape(strip_tags(page_html[page_html.rindex("<footer"):]))
    assert same_text(footer.split("Source: ")[0], f"Title: {chart['title']}")
    assert lines[1].removeprefix("# ") in footer
    assert "Plotly.newPlot" in page_html
    labels = [v for t in chart["traces"] for k in ("x", "y", "labels") for v in t.get(k) or []
              if isinstance(v, str)]
    for label in labels[:5]:
        assert any(enc in page_html for enc in (label, html.escape(label), strip_tags(repr(label))[1:-1],
                                                label.encode("unicode_escape").decode())), label

    # PNG from Plotly's own toolbar (shown on hover).
    figure = page.locator(".js-plotly-plot").nth(spec.main_chart)
    figure.hover()
    button = figure.locator('.modebar-btn[data-title="Download plot as a PNG" i]')
    name, raw = download(page, button.click, f"{where}/chart.png")
    assert name.endswith(".png")
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", raw[16:24])
    assert width >= 400 and height >= 200, (width, height)
