"""Reading the committed datasets and manifest (plain pandas, no Streamlit), with a clear error if absent."""

import hashlib
import json

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
