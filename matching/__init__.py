"""Job titles to SOC codes: the title normaliser and matcher shared by ingest and the dashboard's role search."""
