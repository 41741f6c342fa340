"""Page state in the URL: read a query parameter against its allowed values, falling back visibly."""

import re
from collections.abc import Sequence

import streamlit as st

MAX_PARAM_LENGTH = 200


def escape_markdown(text: str) -> str:
    """Backslash every Markdown/HTML-significant character, so user text renders as plain text."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)


def choice(key: str, options: Sequence[str], default: str) -> str:
    """The URL's value for key if it is one of options, else default with a note saying why."""
    raw = st.query_params.get(key)
    if raw is None:
        return default
    if len(raw) <= MAX_PARAM_LENGTH and raw in options:
        return raw
    shown = escape_markdown(raw[:40] + ("…" if len(raw) > 40 else ""))
    st.caption(f"Ignored an unknown value for “{key}” in the link ({shown}); showing "
               f"{escape_markdown(default)} instead.")
    return default


def flag(key: str, default: bool) -> bool:
    raw = st.query_params.get(key)
    if raw in ("1", "true", "yes"):
        return True
    if raw in ("0", "false", "no"):
        return False
    return default


def text(key: str, default: str = "") -> str:
    raw = st.query_params.get(key, default)
    return raw[:MAX_PARAM_LENGTH]


def remember(**values) -> None:
    """Write the page's current selections to the URL so a copied link reproduces the view."""
    for key, value in values.items():
        value = ("1" if value else "0") if isinstance(value, bool) else str(value)
        if st.query_params.get(key) != value:
            st.query_params[key] = value


def choices(key: str, options: Sequence[str], default: Sequence[str] = (), *, most: int = 50) -> list[str]:
    """A comma-separated list from the URL, keeping only known options (a note names what was dropped)."""
    raw = st.query_params.get(key)
    if raw is None:
        return list(default)
    asked = [v.strip() for v in raw[: MAX_PARAM_LENGTH * 4].split(",") if v.strip()][:most]
    known = [v for v in asked if v in options]
    dropped = [v for v in asked if v not in options]
    if dropped:
        shown = escape_markdown(", ".join(d[:20] for d in dropped[:3]))
        st.caption(f"Ignored unknown value(s) for “{key}” in the link: {shown}.")
    return known


def number(key: str, default: float, *, low: float, high: float) -> float:
    """A number from the URL within [low, high], else default."""
    try:
        value = float(st.query_params.get(key, default))
    except (TypeError, ValueError):
        return default
    return value if low <= value <= high else default


def remember_list(**values: Sequence[str]) -> None:
    remember(**{k: ",".join(v) for k, v in values.items()})
