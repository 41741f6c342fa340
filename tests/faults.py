"""The fault matrix's machinery: the faults, what each live URL answers, a private data folder, the CLI on loopback."""

import functools
import hashlib
import json
import shutil

import pytest

import ingest.http
from ingest import hooks
from ingest.__main__ import main
from ingest.registry import SOURCES
from tests.conftest import ROOT
from tests.loopback import FaultServer, route

CONTRACTS = {name: hooks.of(m) for name, m in SOURCES.items()}
LIVE = {name: m for name, m in SOURCES.items() if CONTRACTS[name].live}
REPLAYED = {name: m for name, m in LIVE.items() if CONTRACTS[name].replay}
SKIPPED = {name: CONTRACTS[name].replay_skip for name in LIVE if CONTRACTS[name].replay_skip}  # with the reason
# A derived source (no download) runs beside the faulted one: it must still succeed, and as it rebuilds from
# committed files its outputs stay byte-identical, so a failed run can be checked file for file.
PARTNER = next(n for n, c in CONTRACTS.items() if not c.live and not c.source.output_dir)

CONTACT = "reliability-contact@example.org"
API_KEY = "sk-test-0123456789abcdef"  # never used by a source here; it must not leak if one did
SECRETS = (CONTACT, API_KEY)
HTML = b"<!DOCTYPE html><html><head><title>Access Denied</title></head><body>Error</body></html>"
ALWAYS = 12  # more faults than retries: the fault never clears

# (id, faults queued on the source's first URL, expected: "recover" or a phrase of the one FAIL line)
FAULTS = [
    ("403", [("status", 403, {}, b"Access Denied")], "HTTP 403"),
    ("404", [("status", 404, {}, HTML)], "HTTP 404 Not Found"),
    ("429-then-ok", [("status", 429, {}, b"")], "recover"),
    ("429-retry-after-then-ok", [("status", 429, {"Retry-After": "1"}, b"")], "recover"),
    ("429-always", [("status", 429, {}, b"")] * ALWAYS, "HTTP 429"),
    ("429-retry-after-an-hour", [("status", 429, {"Retry-After": "3600"}, b"")], "asks to wait 3600 s"),
    ("500-then-ok", [("status", 500, {}, HTML)], "recover"),
    ("503-nonsense-retry-after-then-ok", [("status", 503, {"Retry-After": "soon"}, b"")], "recover"),
    ("503-always", [("status", 503, {}, HTML)] * ALWAYS, "HTTP 503"),
    ("stall-then-ok", [("stall",)], "recover"),
    ("stall-always", [("stall",)] * ALWAYS, "timed out"),
    ("stall-mid-body-then-ok", [("stall_body",)], "recover"),
    ("stall-mid-body-always", [("stall_body",)] * ALWAYS, "timed out"),
    ("dropped-then-ok", [("drop",)], "recover"),
    ("dropped-always", [("drop",)] * ALWAYS, "closed the connection"),
    ("truncated-then-ok", [("truncate",)], "recover"),
    ("truncated-always", [("truncate",)] * ALWAYS, "broke off"),
    # Content faults: each parser words its own message; the line must still name source, URL and fix.
    ("truncated-no-length", [("truncate_unannounced",)], ""),
    ("truncated-at-a-line-end", [("truncate_lines",)], ""),
    ("html-error-page", [("body", HTML)], ""),
    ("empty-file", [("body", b"")], ""),
    ("garbage", [("body", b"\x00\x01 not the file \xff" * 50)], ""),
]


def first_url(name: str) -> str:
    """The URL a source's faults are queued on: every declared URL is fetched, so a fault on one is met.
    (One URL, not all: USAJOBS declares 15, and a stall on each would only repeat the same path 15 times.)"""
    return next(iter(CONTRACTS[name].replay))


@functools.cache
def answers() -> dict[str, bytes]:
    """Every REPLAY answer as bytes, built once from the committed data (they never change during a run)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("HLT_DATA_DIR", raising=False)  # a REPLAY callable reads the committed raw folder
        return {url: hooks.replay_answer(answer, ROOT / "data" / REPLAYED[name].SOURCE.raw_dir)
                for name in REPLAYED for url, answer in CONTRACTS[name].replay.items()}


def served(server: FaultServer) -> None:
    server.files.update(answers())


def environment(mp, data) -> None:
    mp.setenv("HLT_DATA_DIR", str(data))
    mp.setenv(ingest.http.CONTACT_ENV, CONTACT)
    mp.setenv("BLS_API_KEY", API_KEY)


def copy_data(target, *names: str):
    """data/ for a run of `names`: their raw folders (nothing else is read) and every dataset with the manifest
    (a dependency is read from its Parquet). No names: all of data/ (a run of every source)."""
    if not names:
        shutil.copytree(ROOT / "data", target, ignore=shutil.ignore_patterns("user"))
        return target
    target.mkdir(parents=True)
    for path in (ROOT / "data").glob("*.parquet"):
        shutil.copy(path, target / path.name)
    shutil.copy(ROOT / "data" / "manifest.json", target / "manifest.json")
    for name in names:
        raw_dir = SOURCES[name].SOURCE.raw_dir
        if SOURCES[name].SOURCE.output_dir or not (ROOT / "data" / raw_dir).is_dir():
            continue  # a data/user/ source (e.g. oews_state, never committed) starts empty, as on a fresh clone
        shutil.copytree(ROOT / "data" / raw_dir, target / raw_dir)
    return target


def digest(folder) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def stable_digest(folder) -> dict[str, str]:
    """digest(), with JSON files compared without retrieval times (two runs differ in those alone)."""
    out = digest(folder)
    for rel in out:
        if rel.endswith(".json") and not rel.rsplit("/", 1)[-1].startswith("."):
            content = without_dates(json.loads((folder / rel).read_text()))
            out[rel] = hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()
    return out


def without_dates(obj):
    """A manifest or ORIGINS.json without what a refetch changes: retrieval time, note, where a file came from."""
    if isinstance(obj, dict):
        drop = {"retrieved_at", "note"} | ({"url"} if "sha256" in obj else set())
        return {k: without_dates(v) for k, v in obj.items() if k not in drop}
    if isinstance(obj, list):
        return [without_dates(v) for v in obj]
    return obj


def routed(mp, server: FaultServer) -> None:
    """The CLI's shared session goes to loopback: 1 s time-outs, 2 retries, no back-off."""
    real = ingest.http.build_session
    mp.setattr(ingest.http, "build_session",
               lambda *a, **k: route(real(retries=2, backoff=0, timeout=(1, 1)), server))


def run_cli(server: FaultServer, monkeypatch, names: list[str], capsys) -> tuple[int, str]:
    """`python -m ingest NAMES` (no names: every replayed or derived source) routed to the server."""
    routed(monkeypatch, server)
    code = main(names or [n for n in SOURCES if n not in SKIPPED])
    out = capsys.readouterr()
    return code, out.out + out.err
