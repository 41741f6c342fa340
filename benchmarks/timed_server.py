"""`streamlit run` with two probes for benchmarks: each script run's duration and each figure's JSON size.

Usage: python benchmarks/timed_server.py run app.py [streamlit options]; records go to $HLT_BENCH_LOG as
JSON lines ({"run_s": wall seconds, "cpu_s": CPU seconds of the script's thread, "page": hash} per rerun,
{"figure_bytes": ...} per st.plotly_chart call).
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


_pending: list[dict] = []  # figure sizes of the running script, written after its time is taken


def _record(**fields) -> None:
    with _lock, open(LOG, "a", encoding="utf-8") as out:
        out.write("".join(json.dumps(r) + "\n" for r in [*_pending, fields]))
        _pending.clear()


_run_script = script_runner.ScriptRunner._run_script


PROFILE_DIR = os.environ.get("HLT_BENCH_PROFILE")  # set: a pyinstrument text profile of every rerun there
_runs = iter(range(10**9))


def _timed_run_script(self, rerun_data):
    profiler = None
    if PROFILE_DIR:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
    start, cpu = time.perf_counter(), time.thread_time()  # each session's script runs in its own thread
    try:
        return _run_script(self, rerun_data)
    finally:
        _record(run_s=time.perf_counter() - start, cpu_s=time.thread_time() - cpu, page=rerun_data.page_script_hash,
                fragment=bool(rerun_data.fragment_id_queue))
        if profiler:
            profiler.stop()
            text = profiler.output_text(unicode=False, color=False, show_all=False)
            with open(os.path.join(PROFILE_DIR, f"run-{next(_runs):04d}.txt"), "w", encoding="utf-8") as out:
                out.write(text)


_to_json = plotly.io.to_json


def _sized_to_json(*args, **kwargs):
    # st.plotly_chart serialises each figure with plotly.io.to_json: the bytes sent to the browser.
    text = _to_json(*args, **kwargs)
    _pending.append({"figure_bytes": len(text.encode("utf-8"))})
    return text


script_runner.ScriptRunner._run_script = _timed_run_script
plotly.io.to_json = _sized_to_json

if __name__ == "__main__":
    sys.exit(cli.main(prog_name="streamlit"))
