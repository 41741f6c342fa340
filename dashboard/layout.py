"""Shared page parts: cached loaders, a chart with its exports and table view, and the sources footer."""

import hashlib

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from charts.theme import source_line
from contract import paths
from dashboard import datasets, images, labels
from dashboard.export import csv_bytes, html_bytes, provenance_lines, slug


@st.cache_data(show_spinner=False, max_entries=32)
def _read(name: str, output_dir: str, mtime_ns: int, manifest_mtime_ns: int) -> tuple[pd.DataFrame, dict, bool]:
    # Both mtimes in the key: a rebuilt dataset is read again without restarting the app, and a pair read
    # while a refresh was between its two writes is replaced once the manifest lands.
    return datasets.read_with_entry(name, output_dir)


def _mtime(path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return 0


def _snapshot(name: str, output_dir: str = "") -> tuple[pd.DataFrame, dict, bool]:
    path = paths.dataset_path(name, output_dir)
    if not path.exists():
        raise datasets.MissingDataset(name)
    return _read(name, output_dir, _mtime(path), _mtime(paths.manifest_path(output_dir)))


def load(name: str, output_dir: str = "") -> pd.DataFrame:
    """The dataset as committed; raises MissingDataset (never caches an empty frame). Read together with
    its manifest entry (see manifest_entry), so a page never pairs one refresh's rows with another's entry."""
    return _snapshot(name, output_dir)[0]


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


def _data_version() -> int:
    # Every rebuild rewrites the manifest: its mtime stands for "the data these results came from".
    path = paths.manifest_path()
    return path.stat().st_mtime_ns if path.exists() else 0


FINGERPRINT_ROWS = 5_000  # frames up to this size are fingerprinted (well under a millisecond for a top-10 table)


def _fingerprint(frame: pd.DataFrame | pd.Series) -> str:
    """A content hash of a small frame; a large one (a whole dataset) is covered by the data version."""
    if len(frame) > FINGERPRINT_ROWS:
        return f"rows={len(frame)}"
    return hashlib.blake2b(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes(),
                           digest_size=16).hexdigest()


def _split(options: dict, args: tuple, key: tuple) -> tuple[tuple, tuple, dict]:
    # Frames travel unhashed by Streamlit; their fingerprints join the key, so a frame filtered by something
    # the caller's key does not name (a healthcare definition, a state) can never fetch another frame's result.
    frames = {k: v for k, v in options.items() if isinstance(v, pd.DataFrame | pd.Series)}
    prints = tuple(_fingerprint(v) for v in (*args, *frames.values()) if isinstance(v, pd.DataFrame | pd.Series))
    plain = tuple(sorted((k, v) for k, v in options.items() if k not in frames))
    return (*key, prints), plain, frames


@st.cache_data(show_spinner=False, max_entries=256)
def _derived(name: str, key: tuple, version: int, options: tuple, _fn, _args, _frames):
    return _fn(*_args, **dict(options), **_frames)


def derived(fn, *args, key: tuple, **options):
    """fn(*args, **options) once per distinct `key` and options, shared across sessions (a rerun for another
    filter skips it). `key`: the plain values that determine `args` (e.g. the vintage a frame was computed
    for); the frames themselves are not hashed, which costs more than most analyses (~15 ms a frame)."""
    key, plain, frames = _split(options, args, key)
    return _derived(f"{fn.__module__}.{fn.__qualname__}", key, _data_version(), plain, fn, args, frames)


@st.cache_resource(show_spinner=False, max_entries=512)
def _figure(name: str, key: tuple, version: int, options: tuple, _builder, _args, _frames) -> go.Figure:
    return _builder(*_args, **dict(options), **_frames)


def figure(builder, *args, key: tuple, **options) -> go.Figure:
    """builder(*args, **options) (a charts/ function) built once per distinct `key` and options, shared by
    every session: building a Plotly figure costs more than the analysis behind it. `key` as for `derived`.
    Never change the returned figure (no update_layout afterwards); pass everything to the builder."""
    key, plain, frames = _split(options, args, key)
    return _figure(f"{builder.__module__}.{builder.__qualname__}", key, _data_version(), plain, builder, args,
                   frames)


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
    """The entry describing the rows load(name) returns (the same snapshot), or the manifest's if not built."""
    if paths.dataset_path(name).exists():
        return _snapshot(name)[1]
    path = paths.manifest_path()
    return _manifest(path.stat().st_mtime_ns if path.exists() else 0)["datasets"].get(name, {})


def source_for(name: str, *, extra: str = "") -> str:
    return source_line(manifest_entry(name), extra=extra)


def optional(name: str, output_dir: str = "") -> pd.DataFrame | None:
    """A dataset a page can do without: None when it is not built, so the page shows its other parts."""
    try:
        return load(name, output_dir)
    except datasets.MissingDataset:
        return None


def chart(fig: go.Figure, data: pd.DataFrame, *, key: str, selectable: bool = False):
    """Draw a figure with its exports: toolbar PNG, CSV of exactly `data`, standalone HTML, server-side
    PNG/SVG/PDF when a browser for kaleido exists, and a table view. Returns the selection if selectable."""
    meta = fig._layout.get("meta") or {}  # the raw dict: fig.layout.meta builds a validated copy (~5 ms)
    title = meta.get("title") or key
    name = slug(title)
    config = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "filename": name, "scale": 2}}
    event = st.plotly_chart(fig, config=config, key=f"chart-{key}", theme=None,
                            on_select="rerun" if selectable else "ignore",
                            selection_mode="points" if selectable else ("points", "box", "lasso"))
    lines = provenance_lines(title=title, source=meta["source"])
    buttons = st.columns(6)
    buttons[0].download_button("CSV", data=lambda: csv_bytes(data, provenance=lines), file_name=f"{name}.csv",
                               mime="text/csv", key=f"csv-{key}", on_click="ignore", help="Exactly the plotted data")
    buttons[1].download_button("HTML", data=lambda: html_bytes(fig, provenance=lines), file_name=f"{name}.html",
                               mime="text/html", key=f"html-{key}", on_click="ignore",
                               help="Interactive chart that opens offline")
    if images.available():
        for col, fmt, mime in ((2, "png", "image/png"), (3, "svg", "image/svg+xml"), (4, "pdf", "application/pdf")):
            buttons[col].download_button(fmt.upper(), data=lambda fmt=fmt: images.image_bytes(fig, fmt),
                                         file_name=f"{name}.{fmt}", mime=mime, key=f"{fmt}-{key}",
                                         on_click="ignore", help="Print-quality image with title and source")
    else:
        buttons[2].caption(f"PNG/SVG/PDF export off: {images.why_unavailable()}. The camera in the chart's "
                           "toolbar still saves a PNG.")
    with st.expander("Table view of this chart"):
        table, config = labels.readable(data)
        st.dataframe(table, hide_index=True, column_config=config)
    return event if selectable else None


def footer(*names: str) -> None:
    """Sources of every dataset on the page, with licence and retrieval date, as plain text."""
    st.divider()
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
