"""Where the data live: data/ beside the code, or HLT_DATA_DIR when set (tests, other checkouts)."""

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The data folder; read each call so tests can point it elsewhere with HLT_DATA_DIR."""
    return Path(os.environ.get("HLT_DATA_DIR", REPO_ROOT / "data"))


def raw_dir() -> Path:
    return data_dir() / "raw"


def reference_dir() -> Path:
    return data_dir() / "reference"


def manifest_path(output_dir: str = "") -> Path:
    return data_dir() / output_dir / "manifest.json"


def dataset_path(name: str, output_dir: str = "") -> Path:
    return data_dir() / output_dir / f"{name}.parquet"
