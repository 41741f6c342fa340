"""Ingest: the only code that touches the network or raw files; writes data/*.parquet and data/manifest.json."""
