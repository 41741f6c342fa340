"""Shared page parts: cached loaders, a chart with its exports and table view, and the sources footer."""

import hashlib
import pickle
import weakref
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.layout import description, screen
from charts.theme import source_line
from contract import paths
from dashboard import datasets, deck, images, labels, memo
from dashboard.export import csv_bytes, html_bytes, provenance_lines, slug
from dashboard.state import escape_markdown


def _own(value):
    """A session's own handle on a shared cached frame: a shallow copy costs microseconds, and with pandas'
    copy-on-write nothing a page does to it (new columns, changed cells) reaches the shared frame."""
    return value.copy(deep=False) if isinstance(value, pd.DataFrame | pd.Series) else value


# Frames are cached as shared resources, not as data: st.cache_data unpickles a full copy on every call,
# which cost every rerun a copy of each dataset the page reads (the largest are several MB in memory).
@memo.shared(32, keyed=5)
def _read(path: str, name: str, output_dir: str, mtime_ns: int,
          manifest_mtime_ns: int) -> tuple[pd.DataFrame, dict, bool]:
    # Both mtimes in the key: a rebuilt dataset is read again without restarting the app, and a pair read
    # while a refresh was between its two writes is replaced once the manifest lands. The path: another data
    # folder (HLT_DATA_DIR) is another dataset.
    return datasets.read_with_entry(name, output_dir)


def _mtime(path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return 0


def version(name: str, output_dir: str = "") -> int:
    """The dataset file's version (0: not built), for the key of a result of a dataset outside data/ (data/user/),
    which the data version of `derived` and `figure` does not cover."""
    return _mtime(paths.dataset_path(name, output_dir))


def _snapshot(name: str, output_dir: str = "") -> tuple[pd.DataFrame, dict, bool]:
    path = paths.dataset_path(name, output_dir)
    if not path.exists():
        raise datasets.MissingDataset(name)
    return _read(str(path), name, output_dir, _mtime(path), _mtime(paths.manifest_path(output_dir)))


def load(name: str, output_dir: str = "") -> pd.DataFrame:
    """The dataset as committed; raises MissingDataset (never caches an empty frame). Read together with
    its manifest entry (see manifest_entry), so a page never pairs one refresh's rows with another's entry."""
    return _own(_snapshot(name, output_dir)[0])


@memo.shared(256, keyed=4)  # per role, too (Role profile's track record, OEWS years)
def _computed(name: str, datasets_: tuple[str, ...], versions: tuple, options: tuple, fn):
    # fn is not part of the key; `name` stands for it, `versions` for the data it reads.
    return fn(*(load(d) for d in datasets_), **dict(options))


def computed(fn, *names: str, **options):
    """fn(dataset, ..., **options) cached per dataset version and option values, so the analysis of a
    filter value runs once, not on every rerun (a widget change reruns the whole page script).
    Options must be hashable plain values; fn must be pure (analysis/)."""
    versions = tuple((str(p), _mtime(p)) for p in map(paths.dataset_path, names))
    return _own(_computed(f"{fn.__module__}.{fn.__qualname__}", names, versions, tuple(sorted(options.items())),
                          fn))


def _data_version() -> int:
    # Every rebuild rewrites the manifest: its mtime stands for "the data these results came from".
    return _mtime(paths.manifest_path())


FINGERPRINT_ROWS = 5_000  # frames up to this size are fingerprinted (well under a millisecond for a top-10 table)


def _fingerprint(frame: pd.DataFrame | pd.Series) -> str:
    """A content hash of a small frame; a large one (a whole dataset) is covered by the data version.
    Hashes the pickled frame: 0.2 ms for a top-10 table against 2 ms for pd.util.hash_pandas_object (which
    pays per column). Equal frames built differently may pickle differently: a cache miss, never a wrong hit."""
    if len(frame) > FINGERPRINT_ROWS:
        return f"rows={len(frame)}"
    return hashlib.blake2b(pickle.dumps(frame, protocol=5), digest_size=16).hexdigest()


def _key(options: dict, args: tuple, key: tuple) -> tuple:
    # Frames are not hashed; their fingerprints join the key, so a frame filtered by something the caller's
    # key does not name (a healthcare definition, a state) can never fetch another frame's result.
    frames = {k for k, v in options.items() if isinstance(v, pd.DataFrame | pd.Series)}
    prints = tuple(_fingerprint(v) for v in (*args, *(options[k] for k in frames))
                   if isinstance(v, pd.DataFrame | pd.Series))
    plain = tuple(sorted((k, memo.hashable(v)) for k, v in options.items() if k not in frames))
    return memo.hashable(key), prints, plain


@memo.shared(256, keyed=3)
def _derived(name: str, key: tuple, version: int, fn, args: tuple, options: dict):
    return fn(*args, **options)


def derived(fn, *args, key: tuple, **options):
    """fn(*args, **options) once per distinct `key` and options, shared across sessions (a rerun for another
    filter skips it). `key`: the plain values that determine `args` (e.g. the vintage a frame was computed
    for); frames are not hashed (Streamlit's hasher took ~15 ms a frame) but fingerprinted (small ones, see
    _fingerprint); lists and dicts among the options are keyed by their contents.
    A returned frame is the caller's own (copy-on-write); frames inside a returned tuple or dict are shared."""
    return _own(_derived(f"{fn.__module__}.{fn.__qualname__}", _key(options, args, key), _data_version(), fn, args,
                         options))


@memo.shared(512, keyed=3)
def _figure(name: str, key: tuple, version: int, builder, args: tuple, options: dict) -> go.Figure:
    return builder(*args, **options)


def figure(builder, *args, key: tuple, **options) -> go.Figure:
    """builder(*args, **options) (a charts/ function) built once per distinct `key` and options, shared by
    every session: building a Plotly figure costs more than the analysis behind it. `key` as for `derived`.
    Never change the returned figure (no update_layout afterwards); pass everything to the builder."""
    return _figure(f"{builder.__module__}.{builder.__qualname__}", _key(options, args, key), _data_version(),
                   builder, args, options)


@memo.shared(8, keyed=2)
def _reference(name: str, mtime_ns: int) -> pd.DataFrame:
    return datasets.reference(name)


def reference(name: str) -> pd.DataFrame:
    """A curated list under data/reference/ (trend sets, claims), read once per file version."""
    return _own(_reference(name, _mtime(paths.reference_dir() / name)))


def require(*names: str) -> dict[str, pd.DataFrame]:
    """Load datasets a page cannot do without; if one is missing, say so and the fix, and stop the page."""
    try:
        return {name: load(name) for name in names}
    except datasets.MissingDataset as exc:
        st.error(str(exc))
        st.stop()


@memo.shared(4, keyed=2)
def _manifest(path: str, mtime_ns: int) -> dict:
    # A resource, not data: one shared dict instead of a 45 KB copy unpickled on every source_for() call.
    # Read-only: callers never change an entry.
    return datasets.manifest()


def manifest_entry(name: str) -> dict:
    """The entry describing the rows load(name) returns (the same snapshot), or the manifest's if not built."""
    if paths.dataset_path(name).exists():
        return _snapshot(name)[1]
    path = paths.manifest_path()
    return _manifest(str(path), _mtime(path))["datasets"].get(name, {})


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


_SCREENS: dict[tuple[int, bool], tuple[weakref.ref, go.Figure]] = {}


def _screen(fig: go.Figure, dark: bool) -> go.Figure:
    """screen(fig) once per figure object and theme: the copy costs ~100 ms for an 800-point chart, and figures
    from figure() are shared objects that live across reruns. Keyed by identity, checked by a weak reference
    (an id can be reused once its figure is gone)."""
    hit = _SCREENS.get((id(fig), dark))
    if hit is not None and hit[0]() is fig:
        return hit[1]
    out = screen(fig, dark=dark)
    if len(_SCREENS) > 512:
        _SCREENS.clear()
    _SCREENS[(id(fig), dark)] = (weakref.ref(fig), out)
    return out


def new_page() -> None:
    """Called by app.py before each page runs: the page's charts are collected afresh for 'Download this page'."""
    st.session_state["_hlt_page_charts"] = {}


def chart(fig: go.Figure, data: pd.DataFrame, *, key: str, selectable: bool = False, file_name: str = ""):
    """Draw a figure under its title and subtitle (text that wraps at any width), its source and a text
    alternative under it, one Download menu (CSV of exactly `data`, HTML, PNG/SVG/PDF in the 16:9 publication
    layout) and a table view. Returns the selection if selectable."""
    meta = fig._layout.get("meta") or {}  # the raw dict: fig.layout.meta builds a validated copy (~5 ms)
    title = meta.get("title") or key
    name = file_name or slug(title)
    st.session_state.setdefault("_hlt_page_charts", {})[key] = fig
    st.markdown(f"#### {escape_markdown(title)}")
    if meta.get("subtitle"):
        st.caption(escape_markdown(meta["subtitle"]))
    config = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2}}
    event = st.plotly_chart(_screen(fig, dark_theme()), config=config, key=f"chart-{key}", theme=None,
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
        readable, config = labels.readable(data)
        st.dataframe(readable, hide_index=True, column_config=config)
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
        if not (paths.dataset_path(name).exists() and _snapshot(name)[2]):
            lines.append(f"  ⚠ data/{name}.parquet does not match its manifest entry; "
                         f"rebuild with: python -m ingest --offline {name}")
    st.text("\n".join(lines))
