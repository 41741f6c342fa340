"""Every chart of every page exported as SVG (the 16:9 publication layout kaleido also draws PNG and PDF from),
opened in Chromium: no text overlaps other text or reaches outside the image."""

import importlib.util
import os

import pytest
from streamlit.testing.v1 import AppTest

from appdriver.harness import ROOT, app_pages
from appdriver.textboxes import problems
from dashboard import images

if importlib.util.find_spec("pytest_playwright") is None:
    _why = "playwright and pytest-playwright are not installed: python -m pip install -e '.[test,browser]'"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and the browser tests cannot run: {_why}", pytrace=False)
    pytest.skip(_why, allow_module_level=True)

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not images.available(), reason=f"no static export: {images.why_unavailable()}")]

# Every <text> of the exported SVG with its box, and the SVG's own box (the image's edges).
SVG_BOXES_JS = """() => { const svg = document.querySelector('svg'); const fig = svg.getBoundingClientRect();
  const texts = Array.from(svg.querySelectorAll('text')).filter(t => (t.textContent || '').trim()).map(t => {
    const r = t.getBoundingClientRect();
    const layer = (t.closest('[class]:not(text):not(tspan)') || {}).getAttribute?.('class') || '';
    return {text: t.textContent.trim().slice(0, 60), layer: layer.split(' ')[0], x0: r.left, y0: r.top,
            x1: r.right, y1: r.bottom};
  }).filter(t => t.x1 > t.x0 && t.y1 > t.y0);
  return {figure: {x0: fig.left, y0: fig.top, x1: fig.right, y1: fig.bottom}, texts}; }"""

LINK = "http://localhost:8501/overview?vintage=2024-34&roles=29-1171%2C29-1071%2C29-1141"


@pytest.mark.parametrize("app_page", [p for p in app_pages() if p.main_chart is not None], ids=lambda p: p.url_path)
def test_every_exported_chart_keeps_its_text_apart(page, app_page):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page(app_page.script)
    at.run()
    assert not at.exception, at.exception
    figures = at.session_state["_hlt_page_charts"]
    assert figures, f"{app_page.url_path} drew no chart through dashboard.layout.chart"
    found = []
    for key, fig in figures.items():
        svg = images.image_bytes(fig, "svg", link=LINK).decode("utf-8")
        page.set_content(f"<html><body style='margin:0'>{svg}</body></html>")
        chart = {"title": f"{key}: {fig.layout.meta['title']}", **page.evaluate(SVG_BOXES_JS)}
        found += problems(chart)
        assert any(t["text"].startswith("Source:") for t in chart["texts"]), f"{key}: no source line in the export"
    assert found == [], "\n".join(found)
