"""Measure the text of drawn Plotly charts in a browser: every SVG text box, overlaps and text outside its figure."""

# Every visible, non-empty SVG <text> of every drawn chart (hover labels excluded: they appear only on hover),
# with its layer (title, legend, xtick...) and its box in page pixels; and the figure's own box.
TEXT_BOXES_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(
    gd => !gd.closest('[data-stale="true"]') && gd.offsetWidth > 0).map((gd, i) => {
  const fig = gd.getBoundingClientRect();
  const texts = [];
  for (const t of gd.querySelectorAll('.main-svg text')) {
    if (t.closest('.hoverlayer') || t.closest('.modebar')) continue;
    const s = getComputedStyle(t);
    if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') continue;
    if (!(t.textContent || '').trim()) continue;
    const r = t.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const layer = (t.closest('[class]:not(text):not(tspan)') || {}).getAttribute?.('class') || '';
    texts.push({text: t.textContent.trim().slice(0, 60), layer: layer.split(' ')[0],
                cls: t.getAttribute('class') || '', x0: r.left, y0: r.top, x1: r.right, y1: r.bottom});
  }
  const t = (gd.layout && gd.layout.meta && gd.layout.meta.title)
         || ((gd.layout && gd.layout.title && gd.layout.title.text) || '');
  return {index: i, title: String(t).replace(/<[^>]*>/g, ''),
          figure: {x0: fig.left, y0: fig.top, x1: fig.right, y1: fig.bottom}, texts};
})"""

TOLERANCE = 1.5  # px: glyph boxes of neighbouring lines may touch by a pixel


def _overlap(a: dict, b: dict) -> float:
    w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    h = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
    return min(w, h)


def problems(chart: dict) -> list[str]:
    """Pairs of text boxes that overlap, and text that reaches outside the figure, in words."""
    found = []
    fig = chart["figure"]
    texts = chart["texts"]
    for t in texts:
        if (t["x0"] < fig["x0"] - TOLERANCE or t["x1"] > fig["x1"] + TOLERANCE
                or t["y0"] < fig["y0"] - TOLERANCE or t["y1"] > fig["y1"] + TOLERANCE):
            found.append(f"{chart['title']!r}: {t['layer']} text {t['text']!r} reaches outside the figure "
                         f"({t['x0']:.0f}..{t['x1']:.0f} x {t['y0']:.0f}..{t['y1']:.0f} in "
                         f"{fig['x0']:.0f}..{fig['x1']:.0f} x {fig['y0']:.0f}..{fig['y1']:.0f})")
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if _overlap(a, b) > TOLERANCE:
                found.append(f"{chart['title']!r}: {a['layer']} {a['text']!r} overlaps {b['layer']} {b['text']!r}")
    return found


def measure(page) -> list[dict]:
    return page.evaluate(TEXT_BOXES_JS)
