"""The source contract: every name a module under ingest/sources may declare, typed, documented and checked."""

# A source is a module (docs/adding-a-source.md, ingest/sources/_template.py) declaring four required names and
# any of eight optional hooks, all listed in HOOKS. The runner, the CLI and the tests read a module only through
# of(module), which checks the declarations and fills in each absent hook's default: nothing else looks a hook
# up by name, so a misspelt or mistyped hook fails loudly instead of being ignored.

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Protocol

import pandas as pd

from ingest.source import Schema, Source

DOCS = "docs/adding-a-source.md"


class SourceModule(Protocol):
    """The four names every source declares (the optional hooks are in HOOKS)."""

    SOURCE: Source
    SCHEMA: Schema
    fetch: Callable[..., dict[str, bytes]] | None

    def parse(self, raw: bytes, *, path: str) -> pd.DataFrame: ...


@dataclass(frozen=True)
class Hook:
    name: str
    signature: str  # how it is declared
    doc: str  # what it is for, and the default when absent
    required: bool = False


HOOKS: tuple[Hook, ...] = (
    Hook("SOURCE", "SOURCE = Source(name=..., title=..., publisher=..., url=..., licence=..., citation=..., "
         "raw_dir=..., raw_glob=..., depends=(), output_dir='')",
         "Provenance copied into the manifest and shown in the app; where the raw files live; the datasets "
         "that must be built first (`depends`); `output_dir='user'` for data that may not be shared.", True),
    Hook("SCHEMA", "SCHEMA = Schema(columns={name: dtype}, key=(...), required=(...))",
         "The table's columns and dtypes, its unique key and the columns never missing; checked on every build.",
         True),
    Hook("parse", "def parse(raw: bytes, *, path: str) -> pd.DataFrame",
         "One raw file to rows. Raise IngestError(SOURCE.name, problem, fix) for input that is not what it "
         "should be; any other exception is reported as unparseable.", True),
    Hook("fetch", "def fetch(session: requests.Session) -> dict[str, bytes]   # or: fetch = None",
         "Download the raw files through ingest.http.download; returns {path under raw_dir: bytes}. Nothing is "
         "written until the whole dataset builds. `fetch = None` for a source built only from committed or "
         "user-supplied files (say why in a comment).", True),
    Hook("combine", "def combine(frames: dict[str, pd.DataFrame], **dependencies: pd.DataFrame) -> pd.DataFrame",
         "Join the parsed files into one table; each dataset named in SOURCE.depends arrives as a keyword "
         "argument of that name. Default: the files' rows concatenated."),
    Hook("coverage", "def coverage(df: pd.DataFrame) -> dict",
         "What the dataset covers (vintages, date range, counts), written to the manifest and shown on the "
         "Data & sources page. Default: {}."),
    Hook("origin_url", "def origin_url(rel: str) -> str",
         "The URL a raw file came from, when fetch() downloads several files and the session did not record it. "
         "Default: SOURCE.url."),
    Hook("load_user_file", "def load_user_file(path: Path, **options: str) -> dict[str, bytes]",
         "Take a file the user brings (`python -m ingest NAME --file PATH --option KEY=VALUE`) as raw files. "
         "Default: absent, and --file is refused for this source."),
    Hook("REPLAY", "REPLAY = {live URL: file under data/<raw_dir> | bytes | zero-argument callable -> bytes}",
         "What each URL fetch() asks for answers. tests/test_ingest_faults.py serves these from loopback, "
         "with and without faults. Every source with a fetch() declares REPLAY or REPLAY_SKIP."),
    Hook("REPLAY_SKIP", 'REPLAY_SKIP = "why this source cannot be replayed"',
         "The reason a live source has no REPLAY (e.g. a paged API whose client has its own fault tests)."),
    Hook("REPLAY_FAULTS", "REPLAY_FAULTS = {fault id: bytes}",
         "Answers in the source's own format that must fail cleanly (e.g. an API error inside HTTP 200); "
         "the fault tests serve each in place of the real answer. Default: {}."),
    Hook("APPEND_ONLY", "APPEND_ONLY = True",
         "Each download is filed as a new snapshot of a growing history, so a download shorter than the newest "
         "kept snapshot of the same file name is refused. Default: False (a download replaces its file)."),
)
NAMES = {h.name for h in HOOKS}


class ContractError(TypeError):
    """A source module that does not keep the contract: names the module, the hook and the document."""

    def __init__(self, module: ModuleType, problem: str):
        super().__init__(f"{module.__name__}: {problem} (see {DOCS}).")


@dataclass(frozen=True)
class Contract:
    """One source module's declarations, checked, with each absent optional hook's default."""

    module: ModuleType
    source: Source
    schema: Schema
    parse: Callable[..., pd.DataFrame]
    fetch: Callable[..., dict[str, bytes]] | None
    combine: Callable[..., pd.DataFrame] | None
    coverage: Callable[[pd.DataFrame], dict] | None
    origin_url: Callable[[str], str] | None
    load_user_file: Callable[..., dict[str, bytes]] | None
    replay: Mapping[str, object]
    replay_skip: str | None
    replay_faults: Mapping[str, bytes]
    append_only: bool

    @property
    def live(self) -> bool:
        return self.fetch is not None

    @property
    def takes_user_file(self) -> bool:
        return self.load_user_file is not None

    def origin(self, rel: str) -> str:
        return self.origin_url(rel) if self.origin_url else self.source.url

    def combined(self, frames: dict[str, pd.DataFrame], inputs: dict[str, pd.DataFrame]) -> pd.DataFrame:
        return self.combine(frames, **inputs) if self.combine else pd.concat(frames.values(), ignore_index=True)

    def covers(self, df: pd.DataFrame) -> dict:
        return self.coverage(df) if self.coverage else {}

    def raw_from(self) -> str:
        """Where the raw files come from, for `python -m ingest --list`."""
        if self.live:
            return "download"
        return "user-file" if self.takes_user_file else "committed"


def _check(module: ModuleType, name: str, value, ok: bool, expected: str):
    if not ok:
        raise ContractError(module, f"{name} must be {expected}, not {type(value).__name__}")
    return value


def of(module: ModuleType) -> Contract:
    """The module's contract; raises ContractError for a missing required name, a wrong type or a misspelt hook."""
    declared = vars(module)
    for hook in HOOKS:
        if hook.required and hook.name not in declared:
            raise ContractError(module, f"declares no {hook.name} ({hook.signature})")
    for name in declared:  # a misspelt hook would otherwise be silently ignored
        if name in NAMES:
            continue
        near = sorted(n for n in NAMES if (n.startswith("REPLAY") and name.startswith("REPLAY"))
                      or (name.isupper() and name.lower() == n) or (name.islower() and name.upper() == n))
        if near:
            raise ContractError(module, f"{name} is not a hook; did you mean {' or '.join(near)}?")

    def hook(name: str, test, expected: str, default=None):
        value = declared.get(name, default)
        return default if value is default else _check(module, name, value, test(value), expected)

    fn = "a function"
    fetch = declared["fetch"]
    return Contract(
        module=module,
        source=_check(module, "SOURCE", declared["SOURCE"], isinstance(declared["SOURCE"], Source), "a Source"),
        schema=_check(module, "SCHEMA", declared["SCHEMA"], isinstance(declared["SCHEMA"], Schema), "a Schema"),
        parse=_check(module, "parse", declared["parse"], callable(declared["parse"]), fn),
        fetch=_check(module, "fetch", fetch, fetch is None or callable(fetch), "a function or None"),
        combine=hook("combine", callable, fn),
        coverage=hook("coverage", callable, fn),
        origin_url=hook("origin_url", callable, fn),
        load_user_file=hook("load_user_file", callable, fn),
        replay=hook("REPLAY", lambda v: isinstance(v, dict) and all(isinstance(u, str) for u in v),
                    "a dict {URL: answer}", {}),
        replay_skip=hook("REPLAY_SKIP", lambda v: isinstance(v, str) and v.strip() != "", "a non-empty reason"),
        replay_faults=hook("REPLAY_FAULTS", lambda v: isinstance(v, dict), "a dict {fault id: bytes}", {}),
        append_only=hook("APPEND_ONLY", lambda v: isinstance(v, bool), "True or False", False),
    )


def replay_answer(answer, folder: Path) -> bytes:
    """A REPLAY value as bytes: the bytes, a zero-argument callable that builds them, or a file under folder."""
    if callable(answer):
        return answer()
    return answer if isinstance(answer, bytes) else (folder / answer).read_bytes()
