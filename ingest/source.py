"""What every source module declares: its provenance (Source) and the shape of its table (Schema)."""

from dataclasses import dataclass, field

import pandas as pd

from ingest.errors import IngestError

# The whole contract of a source module (these two plus parse, fetch and the optional hooks) is in
# ingest/hooks.py and docs/adding-a-source.md.


@dataclass(frozen=True)
class Source:
    """Provenance of one dataset, copied into the manifest and shown in the app."""

    name: str  # dataset name: data/<name>.parquet
    title: str
    publisher: str
    url: str  # the live URL fetched by default
    licence: str
    citation: str
    raw_dir: str  # folder under data/raw/ that holds the raw inputs byte for byte
    raw_glob: str  # which files in raw_dir make the dataset
    depends: tuple[str, ...] = ()  # datasets that must be built first (derived sources)
    output_dir: str = ""  # "" = data/ (committed); "user" = data/user/ (git-ignored: data we may not share)


@dataclass(frozen=True)
class Schema:
    """Columns and pandas dtypes of a dataset, its key, and the columns that may never be missing."""

    columns: dict[str, str]
    key: tuple[str, ...]
    required: tuple[str, ...] = field(default=())

    def conform(self, df: pd.DataFrame, source: str) -> pd.DataFrame:
        """Order and type the columns, check the key; raise one IngestError naming the column at fault."""
        missing = [c for c in self.columns if c not in df.columns]
        if missing:
            raise IngestError(source, f"parsed table lacks column(s) {', '.join(missing)}.")
        if df.empty:
            raise IngestError(source, "parsed table is empty.")
        out = df[list(self.columns)].copy()
        for col, dtype in self.columns.items():
            try:
                out[col] = out[col].astype(dtype)
            except (TypeError, ValueError) as exc:
                raise IngestError(source, f"column {col!r} is not {dtype}: {exc}.") from None
        for col in (*self.key, *self.required):
            if out[col].isna().any():
                raise IngestError(source, f"column {col!r} has {int(out[col].isna().sum())} missing value(s).")
        dup = out.duplicated(list(self.key))
        if dup.any():
            first = out.loc[dup, list(self.key)].iloc[0].to_dict()
            raise IngestError(source, f"{int(dup.sum())} duplicate key(s) on {self.key}, e.g. {first}.")
        return out.sort_values(list(self.key), kind="stable").reset_index(drop=True)
