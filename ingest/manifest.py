"""data/manifest.json: one entry per dataset with its origin, licence, checksums, rows and coverage."""

import json
from pathlib import Path

from contract import paths
from ingest.source import Source
from ingest.storage import atomic_write_bytes, json_bytes, sha256_bytes

ORIGINS_FILE = "ORIGINS.json"  # beside the raw files: where and when each was retrieved


def load(path: Path | None = None) -> dict:
    path = path or paths.manifest_path()
    if not path.exists():
        return {"datasets": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def save(manifest: dict, path: Path | None = None) -> None:
    manifest["datasets"] = dict(sorted(manifest["datasets"].items()))
    atomic_write_bytes(path or paths.manifest_path(), json_bytes(manifest))


def load_origins(raw_dir: Path) -> dict:
    path = raw_dir / ORIGINS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def save_origins(raw_dir: Path, origins: dict) -> None:
    atomic_write_bytes(raw_dir / ORIGINS_FILE, json_bytes(dict(sorted(origins.items()))))


def record_origin(raw_dir: Path, rel: str, *, url: str, retrieved_at: str, sha256: str) -> None:
    origins = load_origins(raw_dir)
    origins[rel] = {"url": url, "retrieved_at": retrieved_at, "sha256": sha256, "note": "downloaded live"}
    atomic_write_bytes(raw_dir / ORIGINS_FILE, json_bytes(dict(sorted(origins.items()))))


def entry(
    source: Source, *, raw: dict[str, bytes], origins: dict, rows: int, columns: list[str], coverage: dict,
    parquet_sha256: str,
) -> dict:
    """The manifest entry of a dataset, derived only from its inputs, so an offline rebuild reproduces it."""
    files = []
    for rel, data in sorted(raw.items()):
        origin = origins.get(rel, {})
        files.append(
            {
                "path": f"{source.raw_dir}/{rel}",
                "sha256": sha256_bytes(data),
                "size_bytes": len(data),
                "url": origin.get("url", source.url),
                "retrieved_at": origin.get("retrieved_at"),
                "note": origin.get("note"),
            }
        )
    dates = [f["retrieved_at"] for f in files if f["retrieved_at"]]
    return {
        "dataset": source.name,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "licence": source.licence,
        "citation": source.citation,
        "retrieved_at": max(dates) if dates else None,
        "rows": rows,
        "columns": columns,
        "coverage": coverage,
        "parquet": f"{source.name}.parquet",
        "parquet_sha256": parquet_sha256,
        "raw_files": files,
    }
