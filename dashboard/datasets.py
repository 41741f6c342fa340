"""Reading the committed datasets and manifest (plain pandas, no Streamlit), with a clear error if absent."""

import hashlib
import io
import json
import time

import pandas as pd

from contract import paths


class MissingDataset(Exception):
    """A dataset file is absent: the message says which and the command that rebuilds it."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(
            f"Dataset '{name}' is not built yet (no data/{name}.parquet). "
            f"Rebuild it with: python -m ingest --offline {name}"
        )


def read(name: str, output_dir: str = "") -> pd.DataFrame:
    path = paths.dataset_path(name, output_dir)
    if not path.exists():
        raise MissingDataset(name)
    return pd.read_parquet(path)


def reference(name: str) -> pd.DataFrame:
    """A curated list under data/reference/ (trend sets, claims), read as text."""
    return pd.read_csv(paths.reference_dir() / name, dtype=str, keep_default_na=False)


def manifest(output_dir: str = "") -> dict:
    path = paths.manifest_path(output_dir)
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"datasets": {}}


def matches_manifest(name: str, entry: dict, output_dir: str = "") -> bool:
    """True when the Parquet on disk is the one the manifest describes (an interrupted run breaks this)."""
    path = paths.dataset_path(name, output_dir)
    return path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() == entry.get("parquet_sha256")


def read_with_entry(name: str, output_dir: str = "", *, attempts: int = 60,
                    pause: float = 0.05) -> tuple[pd.DataFrame, dict, bool]:
    """The dataset and its manifest entry as one consistent snapshot: (frame, entry, consistent).

    A refresh replaces the Parquet, then the manifest (each atomically); a reader between the two would
    pair new rows with the old entry (source, vintage, checksum). So the entry is read first, then the
    Parquet's bytes, and the pair is kept only if the bytes are the ones the entry describes; otherwise the
    refresh is mid-way and the read is retried (for up to attempts x pause seconds). If it never settles
    (a killed run), the last pair comes back with consistent=False so the page can say so.
    """
    path = paths.dataset_path(name, output_dir)
    for attempt in range(attempts):
        entry = manifest(output_dir)["datasets"].get(name, {})
        if not path.exists():
            raise MissingDataset(name)
        data = path.read_bytes()
        ok = hashlib.sha256(data).hexdigest() == entry.get("parquet_sha256")
        if ok or not entry or attempt == attempts - 1:  # no entry at all: nothing a retry could bring
            return pd.read_parquet(io.BytesIO(data)), entry, ok
        time.sleep(pause)
    raise AssertionError("unreachable")
