"""Browser fixtures: Debian's Chromium for pytest-playwright, and the app served by `streamlit run`."""

import os
from pathlib import Path

import pytest

from appdriver.harness import ARTIFACTS, CHROMIUM, INSTALL_HINT, LAUNCH_ARGS, start_server, stop_server


def require_chromium() -> None:
    """Skip on a developer machine without Chromium; in CI (CI set) a missing browser is a failure."""
    if Path(CHROMIUM).is_file() and os.access(CHROMIUM, os.X_OK):
        return
    message = f"no Chromium at {CHROMIUM}. {INSTALL_HINT}"
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and the browser tests cannot run: {message}", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    require_chromium()
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": LAUNCH_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Tall viewport: Streamlit scrolls inside its own container, so a screenshot shows only the viewport.
    return {**browser_context_args, "viewport": {"width": 1400, "height": 2400}, "accept_downloads": True}


@pytest.fixture(scope="session")
def app_url():
    """The whole app on a free loopback port for the test session, stopped by its own process id."""
    require_chromium()
    ARTIFACTS.mkdir(exist_ok=True)
    # Under pytest-xdist each worker that runs a browser test serves the app itself, on its own port and log.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    proc, base = start_server(log=ARTIFACTS / (f"streamlit-{worker}.log" if worker else "streamlit.log"))
    try:
        yield base
    finally:
        stop_server(proc)
