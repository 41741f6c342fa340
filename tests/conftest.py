"""Shared test set-up: paths to the committed data, quiet Streamlit logs."""

import hashlib
import logging
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"

# AppTest runs scripts outside a server; Streamlit logs a warning per call about the missing context.
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
logging.getLogger("streamlit").setLevel(logging.ERROR)


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ so a test can break files without touching the committed snapshot."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("user"))
    monkeypatch.setenv("HLT_DATA_DIR", str(target))
    return target


@pytest.fixture
def committed_data(tmp_path, monkeypatch):
    """The committed datasets only (no user files such as a WFH Map workbook): what CI and a fresh clone see."""
    data = tmp_path / "data"
    data.mkdir()
    for path in (ROOT / "data").glob("*.parquet"):
        shutil.copy(path, data / path.name)
    shutil.copy(ROOT / "data" / "manifest.json", data / "manifest.json")
    monkeypatch.setenv("HLT_DATA_DIR", str(data))
    return data


def digest(folder) -> dict[str, str]:
    """sha256 of every file under folder, by relative path."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def root() -> Path:
    return ROOT


def open_page(page: str, **params):
    """Run the app through its router and switch to views/<page>.py with the given URL parameters."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page(f"views/{page}.py")
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def _decode(node):
    """Plotly JSON writes number arrays as {'dtype', 'bdata'} (base64); turn them back into lists."""
    import base64

    import numpy as np

    if isinstance(node, dict):
        if set(node) >= {"dtype", "bdata"}:
            values = np.frombuffer(base64.b64decode(node["bdata"]), dtype=node["dtype"])
            if "shape" in node:
                values = values.reshape([int(n) for n in str(node["shape"]).split(",")])
            return values.tolist()
        return {k: _decode(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_decode(v) for v in node]
    return node


def figures(at) -> list[dict]:
    """The Plotly figures a page drew, as JSON with number arrays decoded (AppTest does not draw them)."""
    import json

    return [unwrapped(_decode(json.loads(el.proto.spec))) for el in at.get("plotly_chart")]


def unwrapped(fig: dict) -> dict:
    """Trace names as one line: the page wraps long legend names with <br> to fit a phone (charts/layout.py)."""
    for trace in fig.get("data", []):
        if isinstance(trace.get("name"), str):
            trace["name"] = trace["name"].replace("<br>", " ")
    return fig
