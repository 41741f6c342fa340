"""Refreshes that cannot collide: one `python -m ingest` at a time (real processes), a killed run's lock
detected, and an app reading while a refresh writes never pairs one refresh's rows with another's entry."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

from contract import paths
from dashboard import datasets
from ingest.lock import LOCK_NAME, RefreshBusy, refresh_lock
from tests.conftest import ROOT

HOLDER = """
import sys, time
from ingest.lock import refresh_lock
with refresh_lock():
    print("holding", flush=True)
    time.sleep(float(sys.argv[1]))
"""


@pytest.fixture
def data(tmp_path, monkeypatch):
    """A data folder with what `python -m ingest --offline roles` needs."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("user"))
    monkeypatch.setenv("HLT_DATA_DIR", str(target))
    return target


def env(data) -> dict:
    return {**os.environ, "HLT_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}


def hold(data, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(seconds)], env=env(data), cwd=ROOT,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "holding"
    return proc


def ingest(data, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ingest", "--offline", "roles", *args], env=env(data), cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout)


def test_a_second_refresh_exits_with_a_clear_message_and_changes_nothing(data):
    holder = hold(data, 60)
    try:
        before = (data / "roles.parquet").stat().st_mtime_ns
        start = time.monotonic()
        second = ingest(data)
        assert second.returncode == 2, second.stderr
        assert f"another refresh is running (pid {holder.pid} on " in second.stderr
        assert "--wait SECONDS" in second.stderr and "Traceback" not in second.stderr
        assert time.monotonic() - start < 30 and (data / "roles.parquet").stat().st_mtime_ns == before
        waited = ingest(data, "--wait", "1")  # gives up after its timeout, with the same message
        assert waited.returncode == 2 and "another refresh is running" in waited.stderr
    finally:
        holder.kill()
        holder.wait()


def test_a_waiting_refresh_runs_after_the_first_finishes(data):
    holder = hold(data, 3)
    second = ingest(data, "--wait", "120")
    assert holder.wait(timeout=60) == 0
    assert second.returncode == 0, second.stderr
    assert "ok   roles" in second.stdout
    assert not (data / LOCK_NAME).exists()  # a clean exit leaves no lock file


def test_a_killed_run_leaves_a_stale_lock_that_is_detected_and_taken_over(data):
    holder = hold(data, 600)
    record = json.loads((data / LOCK_NAME).read_text())
    assert record["pid"] == holder.pid and record["host"] and "python -m ingest" in record["command"]
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert (data / LOCK_NAME).exists()  # the killed run could not clean up
    after = ingest(data)
    assert after.returncode == 0, after.stderr
    assert f"a previous refresh did not finish (pid {holder.pid} on " in after.stderr
    assert not (data / LOCK_NAME).exists()


def test_lock_in_process(data):
    with refresh_lock(), pytest.raises(RefreshBusy, match="another refresh is running"), \
            refresh_lock(wait=0.3, poll=0.05):
        pass
    with refresh_lock():  # released: taken again at once
        pass


WRITER = """
import sys, time
from pathlib import Path
from contract import paths
from ingest import manifest
from ingest.storage import atomic_write_bytes
versions = [(Path(sys.argv[1]).read_bytes(), Path(sys.argv[2]).read_text()), (Path(sys.argv[3]).read_bytes(),
            Path(sys.argv[4]).read_text())]
import json
end = time.monotonic() + float(sys.argv[5])
n = 0
while time.monotonic() < end:
    parquet, entry = versions[n % 2]
    # The order run_one writes in: Parquet, then the manifest entry that describes it.
    atomic_write_bytes(paths.dataset_path("projections"), parquet)
    current = manifest.load(paths.manifest_path())
    current["datasets"]["projections"] = json.loads(entry)
    manifest.save(current, paths.manifest_path())
    n += 1
print(n)
"""


def test_a_reader_never_mixes_rows_and_entry_of_two_refreshes(data, tmp_path):
    """A real writer process alternates two versions of projections (all vintages / only the latest) as a
    refresh writes them; every read pairs the rows with the entry that describes them."""
    from ingest.storage import parquet_bytes, sha256_bytes

    full = pd.read_parquet(data / "projections.parquet")
    entry = json.loads((data / "manifest.json").read_text())["datasets"]["projections"]
    small = full[full["vintage"] == full["vintage"].max()].reset_index(drop=True)
    small_bytes = parquet_bytes(small)
    files = {"a.parquet": (data / "projections.parquet").read_bytes(), "a.json": json.dumps(entry),
             "b.parquet": small_bytes,
             "b.json": json.dumps({**entry, "rows": len(small), "parquet_sha256": sha256_bytes(small_bytes)})}
    for name, content in files.items():
        (tmp_path / name).write_bytes(content if isinstance(content, bytes) else content.encode())
    writer = subprocess.Popen([sys.executable, "-c", WRITER, *(str(tmp_path / n) for n in files), "8"],
                              env=env(data), cwd=ROOT, stdout=subprocess.PIPE, text=True)
    reads = naive_mixed = 0
    try:
        while writer.poll() is None:
            frame, got, consistent = datasets.read_with_entry("projections")
            assert consistent and len(frame) == got["rows"], (len(frame), got["rows"])
            reads += 1
            # What a reader without the check would have paired: the manifest now with the rows it just read.
            naive = json.loads(paths.manifest_path().read_text())["datasets"]["projections"]["rows"]
            naive_mixed += naive != len(frame)
    finally:
        writes = int(writer.communicate(timeout=60)[0])
    assert writes > 20 and reads > 20  # the writer really swapped versions under the reader
    print(f"{reads} consistent reads during {writes} writes; a naive pairing was mixed {naive_mixed} times")
