"""Runs sources: fetch (unless offline), keep raw bytes, parse, validate, then write Parquet and manifest."""

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pandas as pd
import requests

from ingest import manifest, paths
from ingest.errors import IngestError, looks_like, redact
from ingest.storage import atomic_write_bytes, parquet_bytes, sha256_bytes

MAX_USER_FILE_BYTES = 200 * 2**20  # the WFH Map workbooks are a few MB; anything this big is the wrong file


@dataclass
class Result:
    name: str
    ok: bool
    rows: int = 0
    seconds: float = 0.0
    message: str = ""

    def line(self) -> str:
        mark = "ok  " if self.ok else "FAIL"
        detail = f"{self.rows:>9,} rows  {self.seconds:6.2f} s" if self.ok else self.message
        return f"{mark} {self.name:<24} {detail}"


def parse_file(module: ModuleType, rel: str, raw: bytes) -> pd.DataFrame:
    """Parse one raw file; anything but an IngestError becomes one naming the source and the file."""
    name = module.SOURCE.name
    try:
        return module.parse(raw, path=rel)
    except IngestError:
        raise
    except Exception as exc:  # a reader's own error (zip, xml, csv) says little to a user
        raise IngestError(
            name,
            f"{rel} could not be parsed ({type(exc).__name__}: {exc}); it looks {looks_like(raw)}.",
            "download the file again (or restore it with git) and rerun.",
        ) from None


def _read_raw(module: ModuleType) -> dict[str, bytes]:
    folder = paths.data_dir() / module.SOURCE.raw_dir
    files = sorted(p for p in folder.glob(module.SOURCE.raw_glob) if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def _checked(module: ModuleType, files: dict[str, bytes], origin: str) -> dict[str, bytes]:
    """Each new file must parse and stay inside the source's raw folder (a path comes from fetched data)."""
    folder = (paths.data_dir() / module.SOURCE.raw_dir).resolve()
    for rel, raw in files.items():
        if not (folder / rel).resolve().is_relative_to(folder):
            raise IngestError(module.SOURCE.name, f"refusing to store a download as {rel!r}, outside "
                              f"data/{module.SOURCE.raw_dir}.")
        try:
            if parse_file(module, rel, raw).empty:
                raise IngestError(module.SOURCE.name, f"{rel} has no data rows; it looks {looks_like(raw)}.",
                                  "download it again later; the previous files are kept.")
        except IngestError as exc:
            if origin in str(exc) or "://" in str(exc):
                raise
            # The user must know which download was bad, not only which file it would have become.
            raise IngestError(exc.source, f"{exc.problem} (received from {origin})", exc.fix) from None
    return files


def _fetch(module: ModuleType, session: requests.Session) -> tuple[dict[str, bytes], str]:
    """Download and check that the bytes parse; nothing is written here (see run_one)."""
    url = module.SOURCE.url
    try:
        fetched = module.fetch(session)
    except IngestError as exc:  # fetch() may parse too (e.g. to name the file): say where the bytes came from
        if "://" in str(exc):
            raise
        raise IngestError(exc.source, f"{exc.problem} (received from {url})", exc.fix) from None
    return _checked(module, fetched, url), url


def _take_user_file(module: ModuleType, user_file: Path, options: dict[str, str]) -> tuple[dict[str, bytes], str]:
    """A file the user brings (e.g. a licensed workbook, their own postings) is kept like a download."""
    if not hasattr(module, "load_user_file"):
        raise IngestError(module.SOURCE.name, "this source does not take a user file.",
                          "drop --file, or choose a source that accepts one (see --list).")
    if not user_file.is_file():
        raise IngestError(module.SOURCE.name, f"no such file: {user_file}.", "check the path (a file, not a folder).")
    if (size := user_file.stat().st_size) > MAX_USER_FILE_BYTES:
        raise IngestError(module.SOURCE.name, f"{user_file.name} is {size / 2**20:,.0f} MB, more than the "
                          f"{MAX_USER_FILE_BYTES // 2**20} MB a user file may be.", "check that it is the right file.")
    origin = f"user file {user_file.name}"
    return _checked(module, module.load_user_file(user_file, **options), origin), origin


def _new_origins(module: ModuleType, staged: dict[str, bytes], url: str) -> dict:
    origins = manifest.load_origins(paths.data_dir() / module.SOURCE.raw_dir)
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    live = url == module.SOURCE.url
    for rel, raw in staged.items():
        # A source whose files come from several URLs (an API with a fallback) names each file's own.
        own = module.origin_url(rel) if live and hasattr(module, "origin_url") else url
        origins[rel] = {"url": own, "retrieved_at": now, "sha256": sha256_bytes(raw),
                        "note": "downloaded live" if live else "supplied by the user"}
    return dict(sorted(origins.items()))


def _inputs(module: ModuleType, built: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    inputs = {}
    for dep in module.SOURCE.depends:
        if dep in built:
            inputs[dep] = built[dep]
        elif paths.dataset_path(dep).exists():  # dependencies are always committed datasets
            inputs[dep] = pd.read_parquet(paths.dataset_path(dep))
        else:
            raise IngestError(module.SOURCE.name, f"needs dataset {dep!r}, which is not built.",
                              f"run `python -m ingest {dep}` first.")
    return inputs


def build(module: ModuleType, built: dict[str, pd.DataFrame] | None = None, *,
          staged: dict[str, bytes] | None = None, origins: dict | None = None) -> tuple[pd.DataFrame, dict]:
    """Parse every raw file of a source into its validated table; returns it with its manifest entry.

    `staged` are new downloads not yet on disk: they are built with the kept files (replacing those at
    the same path) so that nothing is written until the whole dataset is known to be good.
    """
    source = module.SOURCE
    raw = _read_raw(module) | (staged or {})
    if not raw:
        raise IngestError(
            source.name,
            f"no raw files match {source.raw_dir}/{source.raw_glob}.",
            "run `python -m ingest` online to download them, or restore data/raw/ with git.",
        )
    frames = {rel: parse_file(module, rel, data) for rel, data in raw.items()}
    inputs = _inputs(module, built or {})
    combine = getattr(module, "combine", None)
    df = combine(frames, **inputs) if combine else pd.concat(frames.values(), ignore_index=True)
    df = module.SCHEMA.conform(df, source.name)
    coverage = module.coverage(df) if hasattr(module, "coverage") else {}
    if origins is None:
        origins = manifest.load_origins(paths.data_dir() / source.raw_dir)
    entry = manifest.entry(
        source, raw=raw, origins=origins, rows=len(df), columns=list(df.columns), coverage=coverage,
        parquet_sha256="",
    )
    return df, entry


def run_one(module: ModuleType, *, offline: bool, session, built: dict[str, pd.DataFrame],
            user_file: Path | None = None, options: dict[str, str] | None = None) -> Result:
    name = module.SOURCE.name
    out = module.SOURCE.output_dir
    start = time.perf_counter()
    try:
        staged, origins = {}, None
        if user_file is not None:
            staged, url = _take_user_file(module, user_file, options or {})
        elif not offline and getattr(module, "fetch", None) is not None:
            staged, url = _fetch(module, session)
        if staged:
            origins = _new_origins(module, staged, url)
        df, entry = build(module, built, staged=staged, origins=origins)
        data = parquet_bytes(df)
        entry["parquet_sha256"] = sha256_bytes(data)
        # Only now, with the whole dataset built and validated, do new raw files replace the kept ones.
        folder = paths.data_dir() / module.SOURCE.raw_dir
        for rel, raw in staged.items():
            atomic_write_bytes(folder / rel, raw)
        if staged:
            manifest.save_origins(folder, origins)
        # Parquet first, then the manifest that describes it: a crash between the two leaves the old
        # manifest, whose checksum no longer matches, which the app reports instead of trusting it.
        atomic_write_bytes(paths.dataset_path(name, out), data)
        current = manifest.load(paths.manifest_path(out))
        current["datasets"][name] = entry
        manifest.save(current, paths.manifest_path(out))
        built[name] = df
        return Result(name, True, rows=len(df), seconds=time.perf_counter() - start)
    except IngestError as exc:
        return Result(name, False, seconds=time.perf_counter() - start, message=str(exc))
    except Exception as exc:  # a bug, not bad data: still one line, and the other sources still run
        return Result(name, False, seconds=time.perf_counter() - start,
                      message=redact(f"{name}: unexpected {type(exc).__name__}: {exc}"))


def _user_only_and_absent(module: ModuleType, user_file: Path | None, *, many: bool) -> bool:
    """A source fed only by a user's file (e.g. WFH Map) is skipped in a full run until that file is given."""
    user_only = module.SOURCE.output_dir == "user" and getattr(module, "fetch", None) is None
    return many and user_only and user_file is None and not _read_raw(module)


def run(modules: dict[str, ModuleType], *, offline: bool, session=None, echo=print,
        user_file: Path | None = None, options: dict[str, str] | None = None) -> list[Result]:
    """Build each module in order; one result line per source."""
    if not offline and session is None and user_file is None:
        from ingest.http import build_session

        session = build_session()
    built: dict[str, pd.DataFrame] = {}
    results = []
    for module in modules.values():
        if _user_only_and_absent(module, user_file, many=len(modules) > 1):
            echo(f"… {module.SOURCE.name}: skipped (needs your own file: "
                 f"python -m ingest {module.SOURCE.name} --file PATH)")
            continue
        echo(f"… {module.SOURCE.name}: {'rebuilding from data/raw' if offline else 'downloading'}")
        results.append(run_one(module, offline=offline, session=session, built=built,
                               user_file=user_file, options=options))
    return results
