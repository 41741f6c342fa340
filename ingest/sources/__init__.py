"""One module per source; each declares SOURCE, SCHEMA, fetch(session) and parse(raw, path=...)."""
