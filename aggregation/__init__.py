"""Aggregations over posting-level Parquet that may outgrow pandas: written once in SQL, run by DuckDB or Spark."""
