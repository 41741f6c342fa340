"""Shared test set-up: paths to the committed data, quiet Streamlit logs."""

import logging
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"

# AppTest runs scripts outside a server; Streamlit logs a warning per call about the missing context.
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
logging.getLogger("streamlit").setLevel(logging.ERROR)


@pytest.fixture
def root() -> Path:
    return ROOT
