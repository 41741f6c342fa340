"""The browser upload of a user's postings: file, sheet, column mapping, preview, load with progress."""

# Private to the browser session: the file and everything made from it live only in st.session_state (this
# session's memory). Nothing is written to disk, nothing goes into st.cache_data/cache_resource (shared by
# every session), and nothing about it enters the URL, so no other visitor can reach it; it is gone when the
# session ends or the file is removed from the uploader.

import pandas as pd
import streamlit as st

from dashboard.layout import load, version
from dashboard.upload_read import MAX_ROWS, TYPES, UploadError, kind_of, read_upload, sheet_names
from matching import postings_frame
from matching.postings_frame import FIELDS, REQUIRED, PostingsError, check_mapping, guess_mapping

NONE = "(none)"
LABELS = {"title": "Job title *", "date": "Date posted *", "location": "Location", "remote": "Remote flag",
          "description": "Description", "employer": "Employer", "id": "Posting id"}
STATE = "upload_postings"  # {"file_id", "name", "frame", "mapping"}: the loaded, matched postings
TABLE = "upload_table"  # (file_id, sheet, Table or the error text): the file as read, kept across reruns


@st.cache_resource(show_spinner="Preparing the title matcher (once per server)…")
def _index(onet_titles_version: int):
    # Shared across sessions on purpose: built from public O*NET titles only, never from a user's file.
    return postings_frame.title_index(load("onet_titles"))


def title_index():
    return _index(version("onet_titles"))


def _sheet(upload) -> str | None:
    if kind_of(upload.name) != "excel":
        return None
    sheets = sheet_names(upload.getvalue(), upload.name)
    if len(sheets) == 1:
        return sheets[0]
    return st.selectbox("Sheet", sheets, key=f"upload_sheet_{upload.file_id}",
                        help="The first sheet is read unless you choose another.")


def _table(upload):
    """The file as read, once per file and sheet (a rerun does not parse it again)."""
    try:
        sheet = _sheet(upload)
    except UploadError as exc:
        return str(exc)
    held = st.session_state.get(TABLE)
    if held is not None and held[:2] == (upload.file_id, sheet):
        return held[2]
    with st.spinner(f"Reading {upload.name}…"):
        try:
            table = read_upload(upload.name, upload.getvalue(), sheet=sheet)
        except UploadError as exc:
            table = str(exc)
        except Exception as exc:  # a reader's own failure on a file that is not what its name says
            table = (f"{upload.name} could not be read ({type(exc).__name__}). Check that it is the postings "
                     "export, saved in its original format.")
    st.session_state[TABLE] = (upload.file_id, sheet, table)
    return table


def _mapping(upload, frame: pd.DataFrame) -> dict[str, str]:
    guess = guess_mapping(frame.columns)
    options = [NONE, *frame.columns]
    cols = st.columns(4)
    mapping = {}
    for i, field in enumerate(FIELDS):
        choice = cols[i % 4].selectbox(
            LABELS[field], options, index=options.index(guess[field]) if field in guess else 0,
            key=f"upload_map_{field}_{upload.file_id}",
            help="Guessed from the column names; * = required." if field in REQUIRED else None)
        if choice != NONE:
            mapping[field] = choice
    return mapping


def _load(upload, frame: pd.DataFrame, mapping: dict[str, str]) -> None:
    bar = st.progress(0.0, text=f"Checking {len(frame):,} rows…")
    try:
        clean = postings_frame.normalise(frame, mapping, file_name=upload.name)
    except PostingsError as exc:
        bar.empty()
        st.error(f"{upload.name}: {exc}")
        return
    bar.progress(0.1, text=f"Matching {clean['title'].nunique():,} distinct titles to SOC roles…")
    enriched = postings_frame.enrich(clean, title_index(),
                                     progress=lambda f, text: bar.progress(0.1 + 0.9 * f, text=text))
    bar.empty()
    st.session_state[STATE] = {"file_id": upload.file_id, "name": upload.name, "frame": enriched,
                               "mapping": mapping}
    st.session_state["upload_hand"] = {}


def flow() -> dict | None:
    """Uploader, mapping and preview; returns this session's loaded postings, or None."""
    cap = st.get_option("server.maxUploadSize")
    st.caption(f"**Private to this browser session.** Your file stays in this session's memory: it is never "
               f"saved on the server, never shown to other visitors, never put in a link, and it is gone when "
               f"you close the tab. Up to **{cap} MB** and {MAX_ROWS:,} rows; CSV, JSON Lines, Parquet or "
               "Excel (.xlsx).")
    upload = st.file_uploader("Your postings file", type=TYPES, key="upload_file")
    if upload is None:
        for key in (STATE, TABLE, "upload_hand"):  # removing the file removes everything made from it
            st.session_state.pop(key, None)
        return None
    table = _table(upload)
    if isinstance(table, str):
        st.error(table)
        st.session_state.pop(STATE, None)
        return None
    for note in table.notes:
        st.info(note)
    mapping = _mapping(upload, table.frame)
    st.caption(f"Preview: the first 5 of {len(table.frame):,} rows of {upload.name}.")
    st.dataframe(table.frame.head(5), hide_index=True)
    problem = None
    try:
        check_mapping(mapping, table.frame.columns)
    except PostingsError as exc:
        problem = str(exc)
        st.error(f"Column mapping: {problem}")
    held = st.session_state.get(STATE)
    if held is not None and (held["file_id"] != upload.file_id or held["mapping"] != mapping):
        st.session_state.pop(STATE, None)  # postings of another file or mapping are not these
    if st.button("Load these postings", key="upload_go", type="primary", disabled=problem is not None):
        _load(upload, table.frame, mapping)
    return st.session_state.get(STATE)
