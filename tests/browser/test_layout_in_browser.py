"""Every page at desktop and phone width in Chromium: no chart text collides or is cut, no sideways scroll,
every chart has a text alternative, axe-core finds no serious or critical violation the app controls."""

import importlib.util
import os
import shutil

import pytest

from appdriver.harness import ARTIFACTS, ROOT, app_pages, charts, errors, wait_settled
from appdriver.textboxes import measure, problems

if importlib.util.find_spec("pytest_playwright") is None or importlib.util.find_spec("axe_playwright_python") is None:
    _why = "playwright, pytest-playwright or axe-playwright-python is missing: python -m pip install -e '.[browser]'"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and the browser tests cannot run: {_why}", pytrace=False)
    pytest.skip(_why, allow_module_level=True)

pytestmark = pytest.mark.browser

PAGES = app_pages()
WIDTHS = {"1440": (1440, 900), "390": (390, 844)}
SHOTS = ARTIFACTS / "screenshots"
DOCS_SHOTS = ROOT / "docs" / "screenshots"
# Violations that come from Streamlit's own markup, not from anything a page draws: see docs/accessibility.md.
# Rule id -> the Streamlit component (data-testid) whose markup breaks it; violations elsewhere still fail.
FRAMEWORK = {
    "list": "stSidebarNav",  # Streamlit puts its navigation section headers as <div> inside the <ul>
    "listitem": "stSidebarNav",
}
INSIDE_JS = """([selector, testid]) => { const el = document.querySelector(selector);
  return !!el && !!el.closest(`[data-testid="${testid}"]`); }"""

OVERFLOW_JS = """() => {
  const doc = document.scrollingElement;
  const main = document.querySelector('[data-testid="stMain"]');
  const wide = Array.from(document.querySelectorAll('[data-testid="stMain"] *')).filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > window.innerWidth + 1 && !el.closest('[data-testid="stDataFrame"]')
      && !el.closest('[data-testid="stTable"]') && getComputedStyle(el).position !== 'fixed';
  }).slice(0, 5).map(el => (el.getAttribute('data-testid') || el.tagName) + ' '
                        + Math.round(el.getBoundingClientRect().right));
  return {doc: doc.scrollWidth, inner: window.innerWidth, main: main ? main.scrollWidth - main.clientWidth : 0, wide};
}"""

# Each chart's container and the caption right after it: the page's text alternative for that chart.
ALT_JS = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]')).map(el => {
  let box = el.closest('[data-testid="stElementContainer"]');
  let next = box && box.nextElementSibling;
  while (next && !next.querySelector('[data-testid="stCaptionContainer"]') && next.offsetHeight === 0)
    next = next.nextElementSibling;
  const caption = next && next.querySelector('[data-testid="stCaptionContainer"]');
  return caption ? caption.innerText : '';
})"""


@pytest.fixture(scope="module", params=list(WIDTHS), ids=lambda w: f"w{w}")
def sized(request, browser, browser_context_args):
    width = WIDTHS[request.param][0]
    # A tall viewport first, so every chart is drawn (Streamlit draws charts lazily), then the phone's or
    # desktop's own height for the screenshot.
    context = browser.new_context(**{**browser_context_args, "viewport": {"width": width, "height": 2400}})
    yield request.param, context
    context.close()


@pytest.fixture(params=PAGES, ids=lambda p: p.url_path)
def app_page(request):
    return request.param


def serious(page, violations: list[dict]) -> list[str]:
    """Serious and critical violations, leaving out the nodes of a known framework component."""
    found = []
    for v in violations:
        if v["impact"] not in ("serious", "critical"):
            continue
        nodes = [n["target"] for n in v["nodes"] if not (
            v["id"] in FRAMEWORK and page.evaluate(INSIDE_JS, [n["target"][0], FRAMEWORK[v["id"]]]))]
        if nodes:
            found.append(f"{v['id']} ({v['impact']}): {v['help']} — {nodes[:3]}")
    return found


def check_page_downloads(page, titles: list[str], where: str) -> None:
    from pptx import Presentation
    from pypdf import PdfReader

    got = {}
    for what in ("pptx", "pdf"):
        button = page.locator(f".st-key-page-{what} button").first
        if not button.is_visible():
            page.locator(".st-key-page-downloads button").first.click()
        with page.expect_download(timeout=120_000) as info:
            button.click()
        target = ARTIFACTS / "downloads" / where / f"page.{what}"
        target.parent.mkdir(parents=True, exist_ok=True)
        info.value.save_as(target)
        got[what] = target
    deck = Presentation(str(got["pptx"]))
    slides = list(deck.slides)
    assert [s.shapes.title.text for s in slides] == titles
    for slide in slides:
        assert slide.notes_slide.notes_text_frame.text.startswith("Source: "), slide.shapes.title.text
        assert any(s.shape_type == 13 for s in slide.shapes)  # the chart, as a picture
    assert deck.slide_width * 9 == deck.slide_height * 16  # 16:9
    reader = PdfReader(str(got["pdf"]))
    assert len(reader.pages) == len(titles)
    for pdf_page, title in zip(reader.pages, titles, strict=True):
        text = " ".join(pdf_page.extract_text().split())
        assert title.split(",")[0] in text and "Source:" in text, (title, text[:200])


def test_page_fits_reads_and_describes_every_chart(sized, app_page, app_url):
    from axe_playwright_python.sync_playwright import Axe

    label, context = sized
    width, height = WIDTHS[label]
    page = context.new_page()
    try:
        page.goto(app_page.url(app_url))
        wait_settled(page)
        page.wait_for_timeout(300)  # Plotly's responsive relayout after the first draw
        assert errors(page) == []

        # 1. No chart text overlaps other text or reaches outside its figure.
        found = [p for chart in measure(page) for p in problems(chart)]
        assert found == [], "\n".join(found)

        # 2. No sideways scrolling, of the document or of Streamlit's main container.
        fit = page.evaluate(OVERFLOW_JS)
        assert fit["doc"] <= fit["inner"] and fit["main"] <= 0, fit

        # 3. Every chart has a text alternative right under it.
        alts = page.evaluate(ALT_JS)
        assert all(a.startswith("In short:") and len(a) > 20 for a in alts), alts

        # 4. axe-core: no serious or critical violation that the app controls.
        result = Axe().run(page)
        assert serious(page, result.response["violations"]) == []

        # 5. "Download this page": one slide and one PDF page per chart, each with its title and source.
        if label == "1440" and app_page.url_path in ("overview", "compare"):
            titles = [c["title"] for c in charts(page)]
            check_page_downloads(page, titles, app_page.url_path)

        page.set_viewport_size({"width": width, "height": height})
        page.keyboard.press("Escape")  # close a menu the downloads left open, and show the top of the page
        page.evaluate("() => document.querySelectorAll('*').forEach(el => { if (el.scrollTop) el.scrollTop = 0; })")
        page.wait_for_timeout(300)
        SHOTS.mkdir(parents=True, exist_ok=True)
        shot = SHOTS / f"{app_page.url_path}-{label}.png"
        page.screenshot(path=shot)
        if os.environ.get("HLT_UPDATE_SCREENSHOTS"):  # refresh the README's screenshots
            DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(shot, DOCS_SHOTS / shot.name)
    finally:
        page.close()
