"""Shared page parts: cached loaders, a chart with its exports and table view, and the sources footer."""

from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.layout import description, screen
from charts.theme import source_line
from contract import paths
from dashboard import datasets, deck, images
from dashboard.export import csv_bytes, html_bytes, provenance_lines, slug
from dashboard.state import escape_markdown


@st.cache_data(show_spinner=False, max_entries=32)
def _read(name: str, output_dir: str, mtime_ns: int) -> pd.DataFrame:
    # mtime in the key: a rebuilt dataset is read again without restarting the app.
    return datasets.read(name, output_dir)


def load(name: str, output_dir: str = "") -> pd.DataFrame:
    """The dataset as committed; raises MissingDataset (never caches an empty frame)."""
    path = paths.dataset_path(name, output_dir)
    if not path.exists():
        raise datasets.MissingDataset(name)
    return _read(name, output_dir, path.stat().st_mtime_ns)


@st.cache_data(show_spinner=False, max_entries=64)
def _computed(name: str, datasets_: tuple[str, ...], versions: tuple[int, ...], options: tuple, _fn):
    # _fn is not hashed (underscore); `name` stands for it, `versions` for the data it reads.
    return _fn(*(load(d) for d in datasets_), **dict(options))


def computed(fn, *names: str, **options):
    """fn(dataset, ..., **options) cached per dataset version and option values, so the analysis of a
    filter value runs once, not on every rerun (a widget change reruns the whole page script).
    Options must be hashable plain values; fn must be pure (analysis/)."""
    versions = tuple(paths.dataset_path(n).stat().st_mtime_ns if paths.dataset_path(n).exists() else 0
                     for n in names)
    return _computed(f"{fn.__module__}.{fn.__qualname__}", names, versions, tuple(sorted(options.items())), fn)


def require(*names: str) -> dict[str, pd.DataFrame]:
    """Load datasets a page cannot do without; if one is missing, say so and the fix, and stop the page."""
    try:
        return {name: load(name) for name in names}
    except datasets.MissingDataset as exc:
        st.error(str(exc))
        st.stop()


@st.cache_data(show_spinner=False)
def _manifest(mtime_ns: int) -> dict:
    return datasets.manifest()


def manifest_entry(name: str) -> dict:
    path = paths.manifest_path()
    entry = _manifest(path.stat().st_mtime_ns if path.exists() else 0)["datasets"].get(name, {})
    return entry


def source_for(name: str, *, extra: str = "") -> str:
    return source_line(manifest_entry(name), extra=extra)


def optional(name: str, output_dir: str = "") -> pd.DataFrame | None:
    """A dataset a page can do without: None when it is not built, so the page shows its other parts."""
    try:
        return load(name, output_dir)
    except datasets.MissingDataset:
        return None


def dark_theme() -> bool:
    """Whether the reader sees Streamlit's dark theme (charts follow it; exports stay light)."""
    theme = getattr(st.context, "theme", None)
    return getattr(theme, "type", None) == "dark"


def view_link() -> str:
    """The address of this view with its selections, for exports to point back to."""
    try:
        base = str(st.context.url or "").split("?")[0]
        query = urlencode({k: st.query_params[k] for k in st.query_params})
    except Exception:  # outside a browser session (AppTest): no address to give
        return ""
    return base + (f"?{query}" if query else "") if base else ""


def new_page() -> None:
    """Called by app.py before each page runs: the page's charts are collected afresh for 'Download this page'."""
    st.session_state["_hlt_page_charts"] = {}


def chart(fig: go.Figure, data: pd.DataFrame, *, key: str, selectable: bool = False, file_name: str = ""):
    """Draw a figure under its title and subtitle (text that wraps at any width), its source and a text
    alternative under it, one Download menu (CSV of exactly `data`, HTML, PNG/SVG/PDF in the 16:9 publication
    layout) and a table view. Returns the selection if selectable."""
    meta = fig.layout.meta or {}
    title = meta.get("title") or key
    name = file_name or slug(title)
    st.session_state.setdefault("_hlt_page_charts", {})[key] = fig
    st.markdown(f"#### {escape_markdown(title)}")
    if meta.get("subtitle"):
        st.caption(escape_markdown(meta["subtitle"]))
    config = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2}}
    event = st.plotly_chart(screen(fig, dark=dark_theme()), config=config, key=f"chart-{key}", theme=None,
                            on_select="rerun" if selectable else "ignore",
                            selection_mode="points" if selectable else ("points", "box", "lasso"))
    # The text alternative of the chart, in words for every reader (and screen readers), then the source.
    st.caption(f"In short: {escape_markdown(description(fig, heading=False))}  \n"
               f"{escape_markdown(meta.get('source', ''))}")
    link = view_link()
    lines = provenance_lines(title=title, source=meta.get("source", ""), url=link or None)
    menu, table = st.columns([1, 3], vertical_alignment="center")
    with menu.popover("Download", icon=":material/download:", key=f"menu-{key}"):
        st.download_button("CSV (the plotted data)", data=lambda: csv_bytes(data, provenance=lines),
                           file_name=f"{name}.csv", mime="text/csv", key=f"csv-{key}", on_click="ignore")
        st.download_button("HTML (interactive, offline)", data=lambda: html_bytes(fig, provenance=lines),
                           file_name=f"{name}.html", mime="text/html", key=f"html-{key}", on_click="ignore")
        if images.available():
            for fmt, mime in (("png", "image/png"), ("svg", "image/svg+xml"), ("pdf", "application/pdf")):
                st.download_button(f"{fmt.upper()} (16:9, for slides)",
                                   data=lambda fmt=fmt: images.image_bytes(fig, fmt, link=link),
                                   file_name=f"{name}.{fmt}", mime=mime, key=f"{fmt}-{key}", on_click="ignore")
        else:
            st.caption(f"PNG/SVG/PDF export off: {images.why_unavailable()}. The camera in the chart's "
                       "toolbar still saves a PNG.")
    with table.expander("Table view of this chart"):
        st.dataframe(data, hide_index=True)
    return event if selectable else None


def page_downloads() -> None:
    """'Download this page': every chart drawn on this page as one slide deck and as one PDF."""
    charts = st.session_state.get("_hlt_page_charts") or {}
    if not charts or not images.available():
        return
    items = [deck.Item(k, f) for k, f in charts.items()]
    link = view_link()
    name = slug(str(st.context.url or "page").rstrip("/").rsplit("/", 1)[-1] or "overview")
    with st.popover(f"Download this page ({len(items)} chart{'s' * (len(items) > 1)})",
                    icon=":material/slideshow:", key="page-downloads"):
        st.download_button("PowerPoint (one slide per chart, source in the notes)",
                           data=lambda: deck.pptx_bytes(items, link=link), file_name=f"{name}-charts.pptx",
                           mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
                           key="page-pptx", on_click="ignore")
        st.download_button("PDF (one page per chart)", data=lambda: deck.pdf_bytes(items, link=link),
                           file_name=f"{name}-charts.pdf", mime="application/pdf", key="page-pdf",
                           on_click="ignore")


def footer(*names: str) -> None:
    """'Download this page', then the sources of every dataset on the page, with licence and retrieval date."""
    st.divider()
    page_downloads()
    lines = ["Sources:"]
    for name in names:
        entry = manifest_entry(name)
        if not entry:
            continue
        cov = entry.get("coverage", {})
        span = cov.get("latest_vintage") or cov.get("date_range") or ""
        retrieved = str(entry.get("retrieved_at") or "")[:10]
        lines.append(f"• {entry['title']} — {entry['publisher']}. {entry['licence']}."
                     + (f" Vintage/coverage: {span}." if span else "")
                     + (f" Retrieved {retrieved}." if retrieved else "")
                     + f" {entry['url']}")
        if not datasets.matches_manifest(name, entry):
            lines.append(f"  ⚠ data/{name}.parquet does not match its manifest entry; "
                         f"rebuild with: python -m ingest --offline {name}")
    st.text("\n".join(lines))
