"""Widgets bound to the URL: one call draws a widget, validates its query parameter and keeps the two in step.

Why a helper: a widget that takes its default from the URL keeps its own state on reruns, so a link that
changed the page's own parameter (a "similar role" on Role profile) was overwritten by the widget's old value.
Here the URL wins whenever it differs from the value this session last wrote to it (a link, back/forward, a
pasted address); otherwise the widget's state stands and is written back to the URL.
"""

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

MAX_PARAM_LENGTH = 200
_WRITTEN = "_url_written"  # session key: {param: the encoded value this session last wrote or accepted}
_STICKY = "_url_sticky"  # session key: {param: value} kept across pages (e.g. the vintage chosen once)
_DRAWN = "_url_drawn"  # session key: {widget key: the page it was last drawn on}


def escape_markdown(text: str) -> str:
    """Backslash every Markdown/HTML-significant character, so user text renders as plain text."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", text)


def _ignored(param: str, raw: str, default: Any) -> None:
    shown = escape_markdown(raw[:40] + ("…" if len(raw) > 40 else ""))
    st.caption(f"Ignored an unknown value for “{param}” in the link ({shown}); showing "
               f"{escape_markdown(str(default))} instead.")


def bind(widget: str, label: str, *, param: str, default: Any, parse: Callable[[str], Any],
         encode: Callable[[Any], str], sticky: bool = False, where=st, **kwargs) -> Any:
    """Draw `where.<widget>(label, key=..., **kwargs)`, its value from the URL's `param` when the URL changed.

    parse(raw) returns the widget value, or raises ValueError for a value the page cannot show (the
    default is used and a note says so). sticky: the value follows the user to other pages that use the
    same parameter, as a default when their link does not name it."""
    key = f"w_{param}"
    written = st.session_state.setdefault(_WRITTEN, {})
    kept = st.session_state.setdefault(_STICKY, {})
    drawn = st.session_state.setdefault(_DRAWN, {})
    raw = st.query_params.get(param)
    page = _page()
    # A widget's state belongs to the page it was drawn on: on another page the same key starts afresh.
    if drawn.get(key) != page or raw != written.get(param):
        fallback = kept.get(param, default) if sticky else default
        value = fallback
        if raw is not None:
            try:
                if len(raw) > MAX_PARAM_LENGTH * 4:
                    raise ValueError(param)
                value = parse(raw)
            except (ValueError, TypeError, KeyError):
                _ignored(param, raw, fallback)
        st.session_state[key] = value
    value = getattr(where, widget)(label, key=key, **kwargs)
    drawn[key] = page
    # The default stays out of the link, so links stay short and readable.
    encoded = None if value == default else encode(value)
    if encoded is None:
        if param in st.query_params:
            del st.query_params[param]
    # Also when the URL already holds it: a link to the page itself reruns with new parameters but leaves the
    # browser's address as it was, so only a write from here puts the shown view into a copied link.
    elif st.query_params.get(param) != encoded or written.get(param) != encoded:
        st.query_params[param] = encoded
    written[param] = encoded
    if sticky:
        kept[param] = value
    return value


def _page() -> str:
    ctx = get_script_run_ctx()
    return ctx.page_script_hash if ctx else ""


def _one_of(options: Sequence) -> Callable[[str], Any]:
    by_text = {str(o): o for o in options}
    return lambda raw: by_text[raw]


def select(label: str, options: Sequence, *, param: str, default: Any = None, widget: str = "selectbox",
           sticky: bool = False, **kwargs) -> Any:
    """A selectbox (or "radio", "select_slider" as widget) over options, bound to ?param=<option>."""
    options = list(options)
    default = options[0] if default is None else default
    return bind(widget, label, param=param, default=default, parse=_one_of(options), encode=str,
                sticky=sticky, options=options, **kwargs)


def multi(label: str, options: Sequence, *, param: str, default: Sequence = (), most: int = 50,
          sep: str = ",", **kwargs) -> list:
    """A multiselect bound to ?param=a,b,c; unknown values are dropped with a note naming them."""
    options = list(options)
    by_text = {str(o): o for o in options}

    def parse(raw: str) -> list:
        asked = [v.strip() for v in raw.split(sep) if v.strip()][:most]
        dropped = [v for v in asked if v not in by_text]
        if dropped:
            st.caption(f"Ignored unknown value(s) for “{param}” in the link: "
                       f"{escape_markdown(', '.join(d[:20] for d in dropped[:3]))}.")
        known = [by_text[v] for v in dict.fromkeys(asked) if v in by_text]
        return known if known or not asked else list(default)  # nothing usable: the default

    return bind("multiselect", label, param=param, default=list(default), parse=parse,
                encode=lambda values: sep.join(map(str, values)), options=options, **kwargs)


def toggle(label: str, *, param: str, default: bool, sticky: bool = False, **kwargs) -> bool:
    """A toggle bound to ?param=1 or 0."""
    def parse(raw: str) -> bool:
        if raw.lower() in ("1", "true", "yes"):
            return True
        if raw.lower() in ("0", "false", "no"):
            return False
        raise ValueError(raw)

    return bind("toggle", label, param=param, default=default, parse=parse,
                encode=lambda v: "1" if v else "0", sticky=sticky, **kwargs)


def text(label: str, *, param: str, default: str = "", max_chars: int = 80, **kwargs) -> str:
    """A text input bound to ?param=<text> (cut to max_chars)."""
    return bind("text_input", label, param=param, default=default, parse=lambda raw: raw[:max_chars],
                encode=str, max_chars=max_chars, **kwargs)


def number(label: str, *, param: str, low: float, high: float, default: float, **kwargs) -> float:
    """A slider over [low, high] bound to ?param=<number>; a value outside the range falls back."""
    kind = type(default)

    def parse(raw: str):
        value = kind(float(raw))
        if not low <= value <= high:
            raise ValueError(raw)
        return value

    return bind("slider", label, param=param, default=default, parse=parse, encode=str,
                min_value=low, max_value=high, **kwargs)


def number_range(label: str, *, param: str, low: int, high: int, **kwargs) -> tuple[int, int]:
    """A range slider over [low, high] bound to ?param=lo-hi; an inverted or outside range falls back."""
    def parse(raw: str) -> tuple[int, int]:
        lo, hi = (int(float(v)) for v in raw.split("-", 1))
        if not low <= lo <= hi <= high:
            raise ValueError(raw)
        return lo, hi

    return bind("slider", label, param=param, default=(low, high), parse=parse,
                encode=lambda v: f"{v[0]}-{v[1]}", min_value=low, max_value=high, **kwargs)


def day(label: str, *, param: str, default: date, low: date, high: date, **kwargs) -> date:
    """A date input over [low, high] bound to ?param=YYYY-MM-DD; a date outside is moved to the nearest end."""
    def parse(raw: str) -> date:
        return min(max(date.fromisoformat(raw), low), high)

    return bind("date_input", label, param=param, default=min(max(default, low), high), parse=parse,
                encode=lambda v: v.isoformat(), min_value=low, max_value=high, **kwargs)


def vintage(options: Sequence[str], *, where=st, label: str = "Projections vintage") -> str:
    """The projections vintage, newest first; chosen once, it follows the user from page to page."""
    return select(label, options, param="vintage", sticky=True, where=where,
                  help="BLS publishes ten-year projections every year; the newest is the default.")


def param(key: str, default: str = "") -> str:
    """A query parameter no widget shows (e.g. ?soc= handed to a page by a link), cut to a safe length."""
    return st.query_params.get(key, default)[:MAX_PARAM_LENGTH]
