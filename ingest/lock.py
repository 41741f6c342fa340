"""One refresh at a time: an exclusive lock on data/.ingest.lock, saying who holds it, stale ones detected."""

# fcntl.flock is held by the open file, so the kernel releases it when the holder dies, even by SIGKILL: a
# killed run can never block the next one. The file also records the holder (pid, host, start, command) so
# a waiting run can say who it waits for, and a run that finds the record of a holder that is gone knows
# the previous refresh was killed (its datasets may be part old, part new; each file is still whole).
# The file is removed on a clean exit; it lives on the local disk (flock is not reliable over NFS).

import fcntl
import json
import os
import socket
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from contract import paths

LOCK_NAME = ".ingest.lock"


class RefreshBusy(Exception):
    """Another refresh holds the lock; the message names it and what to do."""


def lock_path() -> Path:
    return paths.data_dir() / LOCK_NAME


def _holder(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}


def describe(holder: dict) -> str:
    if not holder:
        return "a run that has not yet said who it is"
    return (f"pid {holder.get('pid')} on {holder.get('host')}, started {holder.get('started')}: "
            f"{holder.get('command')}")


def _open_locked(path: Path, wait: float, poll: float) -> int:
    """An fd holding the lock on the file now at `path` (re-opened if a finishing run removed it meanwhile)."""
    deadline = time.monotonic() + wait
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            if time.monotonic() >= deadline:
                raise RefreshBusy(
                    f"another refresh is running ({describe(_holder(path))}). Wait for it to finish, or run "
                    f"with --wait SECONDS to queue behind it.") from None
            time.sleep(poll)
            continue
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            return fd
        os.close(fd)  # we locked a file the previous holder had just removed: try the new one


@contextmanager
def refresh_lock(*, wait: float = 0, poll: float = 0.2, echo=None):
    """Hold the data folder's refresh lock for the block. wait: seconds to queue behind another run before
    giving up with RefreshBusy. echo(text) is told about a stale record left by a killed run."""
    path = lock_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = _open_locked(path, wait, poll)
    try:
        stale = _holder(path)
        if stale and echo is not None:
            echo(f"note: a previous refresh did not finish ({describe(stale)}); it was killed or crashed. "
                 "Its lock is released; this run rebuilds what it was building.")
        record = {"pid": os.getpid(), "host": socket.gethostname(),
                  "started": datetime.now(UTC).replace(microsecond=0).isoformat(),
                  "command": "python -m ingest " + " ".join(sys.argv[1:])}
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(record).encode(), 0)
        os.fsync(fd)
        yield record
    finally:
        try:
            path.unlink(missing_ok=True)  # removed while still locked: a waiter re-opens the new file
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
