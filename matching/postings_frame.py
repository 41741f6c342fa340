"""A user's postings table: column mapping (guessed from headers), validation, SOC match and work mode."""

import re

import pandas as pd

from matching.title_match import build_index, match_titles
from matching.work_mode import classify_frame

FIELDS = ("title", "date", "location", "remote", "description", "employer", "id")  # mapping names
REQUIRED = ("title", "date")
STORED = ["posting_id", "source_file", "title", "posted_date", "location", "remote_flag", "description",
          "employer"]
# Header words that usually name each field, most telling first (an ATS export says "Job Title", a job
# board "position"); a header is compared in lower case with punctuation as spaces.
GUESSES = {
    "title": ("job title", "position title", "title", "position", "job name", "role", "job"),
    "date": ("posted date", "posting date", "date posted", "posted", "open date", "created", "published", "date"),
    "location": ("location", "city", "work location", "site", "locations", "state", "place"),
    "remote": ("remote", "is remote", "telework", "work mode", "wfh", "work from home", "workplace type"),
    "description": ("description", "job description", "summary", "details", "body", "duties", "text"),
    "employer": ("employer", "company", "organization", "organisation", "hiring organization", "agency",
                 "department"),
    "id": ("id", "job id", "posting id", "requisition id", "req id", "control number"),
}


class PostingsError(ValueError):
    """A problem with the user's file or mapping: `problem` says what, `fix` what to do."""

    def __init__(self, problem: str, fix: str = ""):
        self.problem, self.fix = problem, fix
        super().__init__(f"{problem} Fix: {fix}" if fix else problem)


def _words(header: object) -> str:
    spaced = re.sub(r"([a-z])([A-Z])", r"\1 \2", str(header)).lower()  # camelCase -> camel case
    return " ".join(re.sub(r"[^a-z0-9]+", " ", spaced).split())


def guess_mapping(columns) -> dict[str, str]:
    """field -> column, guessed from header names: exact phrase first, then a header containing the phrase.
    Each column is used once; a field with no likely header is left out."""
    names = {c: _words(c) for c in columns}
    taken: set = set()
    out = {}
    for field, phrases in GUESSES.items():
        for exact in (True, False):
            hit = next((c for p in phrases for c, w in names.items() if c not in taken
                        and (w == p if exact else re.search(rf"\b{re.escape(p)}\b", w))), None)
            if hit is not None:
                out[field] = hit
                taken.add(hit)
                break
    return out


def check_mapping(mapping: dict[str, str], columns) -> None:
    """Required fields present, known field names, existing columns, no column used for two fields."""
    if unknown := sorted(set(mapping) - set(FIELDS)):
        raise PostingsError(f"unknown field(s) {unknown}.", f"fields are {', '.join(FIELDS)}.")
    if missing := [f for f in REQUIRED if not mapping.get(f)]:
        raise PostingsError(f"say which column holds the {' and the '.join(missing)}.",
                            "choose a column for each required field.")
    if absent := [f"{k}={v}" for k, v in mapping.items() if v not in list(columns)]:
        raise PostingsError(f"the file has no column for {', '.join(absent)}; its columns are {list(columns)[:20]}.")
    by_column: dict[str, list[str]] = {}
    for field, column in mapping.items():
        by_column.setdefault(column, []).append(field)
    if twice := {c: f for c, f in by_column.items() if len(f) > 1}:
        column, fields = next(iter(twice.items()))
        raise PostingsError(f"{' and '.join(fields)} both point at the column {column!r}.",
                            "choose a different column for one of them (or none).")


def _text(series: pd.Series) -> pd.Series:
    out = series.astype("object").where(series.notna(), None)
    return out.map(lambda v: None if v is None or str(v).strip() == "" else str(v).strip())


def parse_dates(values: pd.Series) -> pd.Series:
    """Dates as days. Each distinct text is parsed once (a big file repeats its dates): ISO in one pass,
    anything else value by value, month first for 03/04/2024 as US exports write it. Unreadable -> NaT."""
    if pd.api.types.is_datetime64_any_dtype(values):
        out = values.dt.tz_localize(None) if getattr(values.dt, "tz", None) is not None else values
        return out.dt.floor("D").astype("datetime64[us]")
    text = values.astype("object").where(values.notna(), None).map(lambda v: None if v is None else str(v).strip())
    distinct = pd.Series(pd.unique(text.dropna()), dtype="object")
    parsed = pd.to_datetime(distinct, errors="coerce", format="ISO8601", utc=True)
    rest = parsed.isna()
    if rest.any():
        parsed[rest] = pd.to_datetime(distinct[rest], errors="coerce", format="mixed", utc=True)
    days = pd.Series(parsed.dt.tz_localize(None).dt.floor("D").astype("datetime64[us]").to_numpy(), index=distinct)
    return pd.Series(days.reindex(text.to_numpy()).to_numpy(), index=values.index).astype("datetime64[us]")


def normalise(df: pd.DataFrame, mapping: dict[str, str], *, file_name: str) -> pd.DataFrame:
    """Validate a user's table under its column mapping; one clean row per posting (columns STORED)."""
    mapping = {k: v for k, v in mapping.items() if v}
    check_mapping(mapping, df.columns)
    if df.empty:
        raise PostingsError(f"{file_name} has no rows.", "check that the file holds postings, one per row.")
    title = _text(df[mapping["title"]])
    if (bad := title.isna()).any():
        raise PostingsError(f"{int(bad.sum())} row(s) have no title (first at row {int(bad.to_numpy().argmax()) + 1}).",
                            "fill or drop them.")
    dates = parse_dates(df[mapping["date"]])
    if (bad := dates.isna()).any():
        first = df[mapping["date"]].iloc[int(bad.to_numpy().argmax())]
        raise PostingsError(f"{int(bad.sum())} row(s) have no readable date (e.g. {first!r}).",
                            "use ISO dates such as 2024-03-01.")
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", file_name.rsplit(".", 1)[0])
    ids = _text(df[mapping["id"]]) if "id" in mapping else pd.Series(range(1, len(df) + 1)).astype(str)
    optional = {"location": "location", "remote": "remote_flag", "description": "description", "employer": "employer"}
    out = pd.DataFrame({
        "posting_id": (stem + ":" + ids.astype(str)).to_numpy(),
        "source_file": file_name,
        "title": title.to_numpy(),
        "posted_date": dates.to_numpy(),
        **{col: (_text(df[mapping[f]]).to_numpy() if f in mapping else None) for f, col in optional.items()},
    })
    if (dup := out["posting_id"].duplicated()).any():
        first = out.loc[dup, "posting_id"].iloc[0]
        raise PostingsError(f"{int(dup.sum())} duplicate id(s), e.g. {first}.",
                            "choose an id column that is unique, or leave the id out.")
    return out


def title_index(onet_titles: pd.DataFrame):
    """The matcher's index: O*NET occupation, alternate and short titles (reported ones are for testing)."""
    return build_index(onet_titles[onet_titles["title_kind"] != "reported"])


def enrich(postings: pd.DataFrame, index, *, workers: int = 1, progress=None) -> pd.DataFrame:
    """Add the month, the SOC match (unmatched rows stay, with soc_code missing) and the work mode.
    progress(fraction, text), if given, is told how far the title matching and the work mode have got."""
    def matched(done: int, total: int) -> None:
        if progress is not None:
            progress(0.8 * done / total, f"Matching titles to SOC roles: {done:,} of {total:,} distinct titles")

    matches = match_titles(postings["title"], index, workers=workers, progress=matched).drop(columns="title_norm")
    out = postings.merge(matches, on="title", how="left", validate="many_to_one")
    out["month"] = out["posted_date"].dt.to_period("M").dt.to_timestamp().astype("datetime64[us]")
    step = 100_000
    modes = []
    for start in range(0, len(out), step):
        modes.append(classify_frame(out.iloc[start:start + step]))
        if progress is not None:
            progress(0.8 + 0.2 * min(start + step, len(out)) / len(out), f"Remote, hybrid or on-site: "
                                                             f"{min(start + step, len(out)):,} of {len(out):,}")
    out["work_mode"] = pd.concat(modes) if modes else pd.Series(dtype="str")
    return out
