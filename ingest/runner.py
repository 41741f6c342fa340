"""Runs sources: fetch (unless offline), keep raw bytes, parse, validate, then write Parquet and manifest."""

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pandas as pd
import requests

from contract import paths
from ingest import hooks, manifest
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


CHECK_FIX = ("the file at that address changed or arrived damaged: run again later; if it persists, the "
             "parser needs updating. The previous files are kept.")


def _checked(module: ModuleType, files: dict[str, bytes], origins: dict[str, str]) -> dict[str, bytes]:
    """Each new file must stay inside the raw folder, parse, have rows, and not have fewer than the one it replaces."""
    folder = (paths.data_dir() / module.SOURCE.raw_dir).resolve()
    for rel, raw in files.items():
        if not (folder / rel).resolve().is_relative_to(folder):
            raise IngestError(module.SOURCE.name, f"refusing to store a download as {rel!r}, outside "
                              f"data/{module.SOURCE.raw_dir}.")
        where = origins[rel]
        try:
            new = parse_file(module, rel, raw)
            if new.empty:
                raise IngestError(module.SOURCE.name, f"{rel} has no data rows; it looks {looks_like(raw)}.")
            _not_shorter(module, _kept_counterpart(module, folder, rel), new)
        except IngestError as exc:
            # The user must know which download was bad and what to do, not only which file it would become.
            problem = exc.problem if where in str(exc) else f"{exc.problem} (received from {where})"
            raise IngestError(exc.source, problem, exc.fix or CHECK_FIX) from None
    return files


def _kept_counterpart(module: ModuleType, folder: Path, rel: str) -> Path:
    """The kept file a download replaces; for a snapshot source (APPEND_ONLY), the newest of the same name."""
    kept = folder / rel
    if not kept.is_file() and hooks.of(module).append_only:
        same = sorted(p for p in folder.rglob(Path(rel).name) if p.is_file())
        kept = same[-1] if same else kept
    return kept


def _not_shorter(module: ModuleType, kept: Path, new: pd.DataFrame) -> None:
    """A refetched file with fewer rows than the one it replaces was most likely cut short in transit."""
    if not kept.is_file():
        return
    try:
        folder = paths.data_dir() / module.SOURCE.raw_dir
        old = parse_file(module, kept.resolve().relative_to(folder.resolve()).as_posix(), kept.read_bytes())
    except IngestError:
        return  # the kept file is itself broken: the new one can only be better
    if len(new) < len(old):
        raise IngestError(
            module.SOURCE.name,
            f"{kept.name}: the download has {len(new):,} rows, fewer than the {len(old):,} of the file it would "
            "replace; it may have been cut short.",
            f"run again later; if the publisher really removed rows, delete {kept} and run again.",
        )


def _fetch(module: ModuleType, session: requests.Session) -> tuple[dict[str, bytes], dict[str, str]]:
    """Download and check the files; nothing is written here (see run_one). Returns them and their URLs."""
    try:
        fetched = module.fetch(session)
    except IngestError as exc:  # fetch() may parse too (e.g. to name the file): say where the bytes came from
        if "://" in str(exc):
            raise
        raise IngestError(exc.source, f"{exc.problem} (received from {module.SOURCE.url})",
                          exc.fix or CHECK_FIX) from None
    seen = getattr(session, "downloads", None) or {}
    urls = {rel: seen.get(sha256_bytes(raw))  # the URL that answered exactly these bytes
            or hooks.of(module).origin(rel)
            for rel, raw in fetched.items()}
    return _checked(module, fetched, urls), urls


def _take_user_file(module: ModuleType, user_file: Path, options: dict[str, str]) -> tuple[dict[str, bytes], dict]:
    """A file the user brings (e.g. a licensed workbook, their own postings) is kept like a download."""
    contract = hooks.of(module)
    if not contract.takes_user_file:
        raise IngestError(module.SOURCE.name, "this source does not take a user file.",
                          "drop --file, or choose a source that accepts one (see --list).")
    if not user_file.is_file():
        raise IngestError(module.SOURCE.name, f"no such file: {user_file}.", "check the path (a file, not a folder).")
    if (size := user_file.stat().st_size) > MAX_USER_FILE_BYTES:
        raise IngestError(module.SOURCE.name, f"{user_file.name} is {size / 2**20:,.0f} MB, more than the "
                          f"{MAX_USER_FILE_BYTES // 2**20} MB a user file may be.", "check that it is the right file.")
    try:
        files = contract.load_user_file(user_file, **options)
    except IngestError:
        raise
    except Exception as exc:  # a reader's own error on a file that is not what it should be
        raise IngestError(module.SOURCE.name, f"could not read {user_file.name} ({type(exc).__name__}: {exc}); it "
                          f"looks {looks_like(user_file.read_bytes()[:64])}.",
                          "check that it is the right file, saved in its original format.") from None
    urls = dict.fromkeys(files, f"user file {user_file.name}")
    return _checked(module, files, urls), urls


def _new_origins(module: ModuleType, staged: dict[str, bytes], urls: dict[str, str], *, live: bool) -> dict:
    origins = manifest.load_origins(paths.data_dir() / module.SOURCE.raw_dir)
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    for rel, raw in staged.items():
        origins[rel] = {"url": urls[rel], "retrieved_at": now, "sha256": sha256_bytes(raw),
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
    contract = hooks.of(module)
    source = contract.source
    raw = _read_raw(module) | (staged or {})
    if not raw:
        raise IngestError(
            source.name,
            f"no raw files match {source.raw_dir}/{source.raw_glob}.",
            "run `python -m ingest` online to download them, or restore data/raw/ with git.",
        )
    frames = {rel: parse_file(module, rel, data) for rel, data in raw.items()}
    inputs = _inputs(module, built or {})
    df = module.SCHEMA.conform(contract.combined(frames, inputs), source.name)
    coverage = contract.covers(df)
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
            staged, urls = _take_user_file(module, user_file, options or {})
        elif not offline and hooks.of(module).live:
            staged, urls = _fetch(module, session)
        if staged:
            origins = _new_origins(module, staged, urls, live=user_file is None)
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


def _user_only_and_absent(module: ModuleType, user_file: Path | None, *, many: bool, offline: bool = False) -> bool:
    """A source fed only by a user's file (e.g. WFH Map), or a download never committed (e.g. the OEWS state
    file) in an offline run, is skipped in a full run until the file is there."""
    user_only = module.SOURCE.output_dir == "user" and (not hooks.of(module).live or offline)
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
        if _user_only_and_absent(module, user_file, many=len(modules) > 1, offline=offline):
            name = module.SOURCE.name
            echo(f"… {name}: skipped (needs your own file: python -m ingest {name} --file PATH)"
                 if not hooks.of(module).live else
                 f"… {name}: skipped (not committed; download it with: python -m ingest {name})")
            continue
        echo(f"… {module.SOURCE.name}: {'rebuilding from data/raw' if offline else 'downloading'}")
        results.append(run_one(module, offline=offline, session=session, built=built,
                               user_file=user_file, options=options))
    return results
