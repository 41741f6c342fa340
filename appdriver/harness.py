"""Drive the real app in Chromium: start `streamlit run`, find the pages, read charts, change a filter."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from dashboard.pages import PAGES, Filter, Page, default_page  # noqa: F401 (re-exported)

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("HLT_CHROMIUM", "/usr/bin/chromium")
# Debian's Chromium, never a downloaded one; no network chatter, no GPU, no sandbox (containers, root).
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
INSTALL_HINT = ("Chromium is needed for the browser tests: `sudo apt-get install chromium` (Debian/Ubuntu), "
                "or set HLT_CHROMIUM to a Chromium binary; then `python -m pip install -e '.[test,browser]'`. "
                "Never run `playwright install`.")
CHART = ".js-plotly-plot"


def app_pages() -> tuple[Page, ...]:
    """The pages of the app, from its page table."""
    return PAGES


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def streamlit_command(script: str, port: int, python: list[str] | None = None) -> list[str]:
    return [*(python or [sys.executable, "-m", "streamlit"]), "run", script,
            "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]


def start_server(script: str = "app.py", *, cwd: Path = ROOT, env: dict | None = None,
                 python: list[str] | None = None, wait: bool = True,
                 log: Path | None = None) -> tuple[subprocess.Popen, str]:
    """`streamlit run` on a free loopback port; returns the process and its base URL once healthy."""
    port = free_port()
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 (closed with the process)
    proc = subprocess.Popen(streamlit_command(script, port, python), cwd=cwd, stdout=out,
                            stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
    base = f"http://127.0.0.1:{port}"
    if wait:
        wait_healthy(proc, base)
    return proc, base


def wait_healthy(proc: subprocess.Popen, base: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {proc.returncode} before answering {base}")
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"streamlit did not answer {base}/_stcore/health within {timeout} s")


def stop_server(proc: subprocess.Popen) -> None:
    """Stop our own server by its process id: terminate, then kill if it lingers."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# Every chart on the page: its title (tags stripped) and the data of its traces, typed arrays as lists.
CHARTS_JS = """() => Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]')).filter(
    el => !el.closest('[data-stale="true"]')).map(el => {
  const gd = el.querySelector('.js-plotly-plot');
  if (!gd || !gd._fullData) return null;
  const keys = ['x', 'y', 'z', 'labels', 'values', 'locations', 'lat', 'lon'];
  const plain = v => (v && typeof v === 'object' && typeof v.length === 'number') ? Array.from(v, plain) : v;
  // The page writes the title above the figure (charts/layout.py screen()); the figure keeps it in meta.
  const t = (gd.layout && gd.layout.meta && gd.layout.meta.title) || (gd.layout && gd.layout.title) || {};
  return {
    title: String((typeof t === 'string' ? t : t.text) || '').replace(/<[^>]*>/g, ''),
    height: (gd._fullLayout && gd._fullLayout.height) || null,
    traces: (gd._fullData || []).filter(tr => tr.visible !== false).map(tr => {
      const out = {type: tr.type, name: tr.name};
      for (const k of keys) if (tr[k] !== undefined && typeof tr[k] === 'object') out[k] = plain(tr[k]);
      return out;
    }),
  };
})"""

SETTLED_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector('[data-testid="stSkeleton"]')
    && !!document.querySelector('[data-testid="stMain"] [data-testid="stElementContainer"]')
    && Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]')).every(
         el => !!el.querySelector('.js-plotly-plot .main-svg'));
}"""


def finished_runs(page) -> list[int]:
    """From now on, every script run the server reports finished on the page's websocket (a ForwardMsg
    script_finished), as the frame's number among the frames the page has received. A cached rerun can start
    and end between two frames and leave no trace in the DOM; this is also what the protocol load generator
    waits for."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    runs: list[int] = []
    frames = iter(range(10**9))

    def frame(payload) -> None:
        number = next(frames)
        if isinstance(payload, bytes) and ForwardMsg.FromString(payload).WhichOneof("type") == "script_finished":
            runs.append(number)

    page.on("websocket", lambda ws: ws.on("framereceived", frame))
    return runs


def wait_finished(page, runs: list[int], seen: int, timeout_s: float = 60) -> int:
    """Wait until a run after the first `seen` of `runs` has finished; its frame number."""
    deadline = time.monotonic() + timeout_s
    while len(runs) <= seen:
        if time.monotonic() > deadline:
            raise TimeoutError(f"no script run finished within {timeout_s:.0f} s")
        page.wait_for_timeout(5)  # lets Playwright deliver the websocket's frames
    return runs[seen]


def wait_settled(page, timeout: float = 60_000) -> None:
    """Wait until the script has finished, no element is stale or still loading (charts load lazily:
    a skeleton stands in for them), and every chart is drawn."""
    page.wait_for_function(SETTLED_JS, timeout=timeout)


def charts(page) -> list[dict]:
    return page.evaluate(CHARTS_JS)


def errors(page) -> list[str]:
    return page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').all_inner_texts()


# --- filter changes -------------------------------------------------------------------------------

TESTIDS = {"selectbox": "stSelectbox", "radio": "stRadio"}


def widget(page, kind: str, label: str | None):
    """A selectbox or radio, by its label or the first on the page."""
    found = page.locator(f'[data-testid="{TESTIDS[kind]}"]')
    if label is not None:
        found = found.filter(has=page.locator('[data-testid="stWidgetLabel"]', has_text=label))
    return found.first


def selectbox_value(box) -> str:
    return box.locator('input[role="combobox"]').input_value().strip()


def set_selectbox(page, box, value: str | None = None, on_commit=None) -> str:
    """Choose value (or the first option that is not the current one); returns the chosen text.

    Long lists are virtualised (only the first options exist in the page), so a named value is typed
    to filter the list first. on_commit runs just before the click that changes the value (benchmarks
    start their clock there)."""
    current = selectbox_value(box)
    field = box.locator('input[role="combobox"]')
    options = page.locator('[role="listbox"] [role="option"]')
    field.click()
    if value is not None and value != current:
        field.fill(value)
    try:
        options.first.wait_for(timeout=5_000)
    except Exception:  # some lists open only from their button
        box.locator('button[aria-haspopup="listbox"]').click()
        options.first.wait_for()
    texts = [t.strip() for t in options.all_inner_texts()]
    choice = value if value is not None else next(t for t in texts if t and t != current)
    if on_commit:
        on_commit()
    options.nth(texts.index(choice)).click()
    return choice


def radio_value(group) -> str:
    return group.locator("label:has(input:checked)").inner_text().strip()


def set_radio(group, value: str | None = None, on_commit=None) -> str:
    labels = group.locator('[role="radiogroup"] label')
    texts = [t.strip() for t in labels.all_inner_texts()]
    current = radio_value(group)
    choice = value if value is not None else next(t for t in texts if t != current)
    if on_commit:
        on_commit()
    labels.nth(texts.index(choice)).click()
    return choice


def apply(page, change: Filter, *, undo: bool = False, on_commit=None) -> str:
    target = widget(page, change.kind, change.label)
    value = change.back if undo else change.value
    if change.kind == "selectbox":
        return set_selectbox(page, target, value, on_commit)
    return set_radio(target, value, on_commit)


def generic_change(page) -> Filter:
    """No entry in the page table: the first selectbox, else the first radio, to another option."""
    for kind in ("selectbox", "radio"):
        if page.locator(f'[data-testid="{TESTIDS[kind]}"]').count():
            return Filter(kind=kind)
    raise LookupError("the page has no selectbox or radio to change; give its Page a change= in dashboard/pages.py")


def current_value(page, change: Filter) -> str:
    target = widget(page, change.kind, change.label)
    return selectbox_value(target) if change.kind == "selectbox" else radio_value(target)


def remember_chart(page, index: int = 0) -> None:
    """Keep chart `index` as the browser sees it now, to tell when a redraw has replaced it."""
    page.evaluate("i => { window.__hltOld = JSON.stringify((" + CHARTS_JS + ")()[i]); }", index)


def wait_chart_changed(page, index: int = 0, timeout: float = 60_000) -> None:
    """Wait until chart `index` is drawn, not stale, and differs (title or data) from the remembered one."""
    try:
        page.wait_for_function(
            "i => { const c = (" + CHARTS_JS + ")();"
            " return c.length > i && c[i] !== null && JSON.stringify(c[i]) !== window.__hltOld; }",
            arg=index, timeout=timeout)
    except Exception as exc:  # playwright's TimeoutError says nothing about what we were waiting for
        raise AssertionError(f"chart {index} was not redrawn with other data within {timeout / 1000:.0f} s "
                             f"of the filter change (was the change lost?)") from exc


def chart_key(page, index: int = 0) -> str | None:
    """The `key` a page gave dashboard.layout.chart for chart `index` (its container has class st-key-chart-KEY)."""
    return page.evaluate("""i => {
      const el = Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]')).filter(
          e => !e.closest('[data-stale="true"]'))[i];
      const box = el && el.closest('[data-testid="stElementContainer"]');
      const cls = box ? Array.from(box.classList).find(c => c.startsWith('st-key-chart-')) : null;
      return cls ? cls.slice('st-key-chart-'.length) : null;
    }""", index)


def strip_tags(text: str) -> str:
    return re.sub(r"<[^>]*>", "", text)
