"""Server-side PNG/SVG/PDF of a figure through kaleido, when a Chrome or Chromium is on this machine."""

import os
import shutil
import threading
from pathlib import Path

import plotly.graph_objects as go

from charts.layout import SLIDE, publication

FORMATS = ("png", "svg", "pdf")
_started = threading.Lock()
_server_up = False


def browser_path() -> str | None:
    """Where kaleido will find a browser: BROWSER_PATH, else chromium/chrome on PATH, else None."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        return configured if Path(configured).exists() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def available() -> bool:
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return browser_path() is not None


def why_unavailable() -> str:
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return "the kaleido package is not installed (pip install kaleido)"
    return "no Chrome or Chromium was found (install Debian's chromium, or set BROWSER_PATH)"


def _ensure_server() -> None:
    # One long-lived kaleido browser: about 0.1 s a figure instead of about 2 s for a fresh process.
    global _server_up
    with _started:
        if not _server_up:
            import kaleido
            import plotly.io as pio

            kaleido.start_sync_server(mathjax=False, silence_warnings=True)
            pio.defaults.headers = {}
            _server_up = True


def image_bytes(fig: go.Figure, fmt: str, *, link: str = "", show_title: bool = True, scale: float = 2.0) -> bytes:
    """The figure in its publication layout (16:9, light, title top-left, source and link bottom-left)."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    _ensure_server()
    out = publication(fig, link=link, show_title=show_title)
    width, height = SLIDE
    return out.to_image(format=fmt, width=width, height=height, scale=scale if fmt == "png" else 1)
