"""SOC code helpers: the level of a code and its parent groups, from the code's own structure."""

import re

from contract.domain import ALL_OCCUPATIONS

CODE_RE = re.compile(r"^\d{2}-\d{4}$")
LEVELS = ("total", "major", "minor", "broad", "detailed")


def is_code(value: object) -> bool:
    return isinstance(value, str) and bool(CODE_RE.match(value.strip()))


def level(code: str) -> str:
    """SOC levels follow the digits: XX-0000 major, XX-YY00 minor, XX-YYY0 broad, anything else detailed."""
    if code == ALL_OCCUPATIONS:
        return "total"
    if code.endswith("0000"):
        return "major"
    if code.endswith("00"):
        return "minor"
    if code.endswith("0"):
        return "broad"
    return "detailed"


def major(code: str) -> str:
    return f"{code[:2]}-0000"


def broad(code: str) -> str | None:
    return f"{code[:6]}0" if level(code) == "detailed" else (code if level(code) == "broad" else None)


def minor(code: str, known_minors: set[str]) -> str | None:
    """Minor groups are XX-Y000 except a few (15-1200, 31-1100, 51-5100), so prefer the finer one that exists."""
    lvl = level(code)
    if lvl in ("total", "major"):
        return None
    if lvl == "minor":
        return code
    finer = f"{code[:5]}00"
    return finer if finer in known_minors else f"{code[:4]}000"
