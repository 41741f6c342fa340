"""`streamlit run` with two probes for benchmarks: each script run's duration and each figure's JSON size.

Usage: python benchmarks/timed_server.py run app.py [streamlit options]; records go to $HLT_BENCH_LOG as
JSON lines ({"run_s": ...} per rerun, {"figure_bytes": ...} per st.plotly_chart call).
"""

import json
import os
import sys
import threading
import time

import plotly.io
from streamlit.runtime.scriptrunner import script_runner
from streamlit.web import cli

LOG = os.environ["HLT_BENCH_LOG"]
_lock = threading.Lock()


def _record(**fields) -> None:
    with _lock, open(LOG, "a", encoding="utf-8") as out:
        out.write(json.dumps(fields) + "\n")


_run_script = script_runner.ScriptRunner._run_script


def _timed_run_script(self, rerun_data):
    start = time.perf_counter()
    try:
        return _run_script(self, rerun_data)
    finally:
        _record(run_s=time.perf_counter() - start, page=rerun_data.page_script_hash)


_to_json = plotly.io.to_json


def _sized_to_json(*args, **kwargs):
    # st.plotly_chart serialises each figure with plotly.io.to_json: the bytes sent to the browser.
    text = _to_json(*args, **kwargs)
    _record(figure_bytes=len(text.encode("utf-8")))
    return text


script_runner.ScriptRunner._run_script = _timed_run_script
plotly.io.to_json = _sized_to_json

if __name__ == "__main__":
    sys.exit(cli.main(prog_name="streamlit"))
