"""The contract between ingest and the app: where the data live and the domain's fixed names."""
