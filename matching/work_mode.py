"""Remote / hybrid / on-site from location, title, description and a remote flag: a documented rule set.

Rules, first match wins (text = location + title + description, lower case):
1. a negated remote or telework phrase ("not remote", "telework is not available", "on-site only") -> on-site
2. a strong remote phrase: USAJOBS's "Anywhere in the U.S. (remote job)", "fully remote", "100% remote",
   "not expected to report to an agency worksite" -> remote
3. a hybrid phrase: "hybrid" next to work words (hybrid work/schedule/remote/role...), "telework"
   (USAJOBS: telework-eligible = part home, part office), "N days in the office", "partially remote" -> hybrid
4. a remote phrase: "remote", "work from home", "telecommute", "virtual position" -> remote
5. the remote flag column is true -> remote
6. an explicit on-site phrase, or any location at all -> on-site
7. nothing to go on -> unknown
Traps kept out on purpose (seen in real USAJOBS titles): "Home Based Primary Care" (clinicians visit patients'
homes), "Telehealth"/"Tele-Mental Health"/"Telemetry"/"Telecommunications" (not where the worker sits), and
VA "Hybrid" Title 38 positions (a pay system, not a work pattern).
"""

import re

import pandas as pd

MODES = ("remote", "hybrid", "on-site", "unknown")

NEGATED = re.compile(
    r"\b(?:not|no|non)[- ](?:a |an )?(?:remote|telework)"
    r"|\b(?:remote|telework)(?: work)?(?: is)? not "
    r"(?:available|offered|eligible|authorized|an option|possible)"
    r"|\bon[- ]?site only\b|\bin[- ]person only\b|\bmust (?:work|report) on[- ]?site\b")
STRONG_REMOTE = re.compile(
    r"anywhere in the u\.?s\.?\s*\(remote job\)|\bfully remote\b|\b100 ?% (?:remote|telework)\b"
    r"|\bfull[- ]time telework\b|\bremote[- ]only\b"
    r"|not expected to report to (?:an |the )?(?:official )?(?:agency )?work ?site")
HYBRID = re.compile(
    r"\bhybrid[- /]+(?:work|schedule|remote|telework|role|model|arrangement|office|on[- ]?site)"
    r"|\b(?:remote|telework|on[- ]?site|office)[- /]+hybrid\b|\bhybrid\s*\((?:remote|telework|\d)"
    r"|\btelework(?:ing)?\b|\bpartially remote\b|\bpart(?:ly|ially)? (?:from )?home\b"
    r"|\b\d (?:days?|x) (?:a |per )?(?:week )?(?:in|on)[- ](?:the )?(?:office|site)\b")
REMOTE = re.compile(
    r"\bremote\b(?! operational)|\bwork(?:ing)? (?:from|at) home\b|\bwfh\b|\btelecommut"
    r"|\bvirtual (?:position|role|job)\b|\bhome[- ]based (?:position|role|job|employee)\b")
ON_SITE = re.compile(r"\bon[- ]?site\b|\bin[- ]person\b|\bin[- ]office\b")
TRUE = {"1", "true", "t", "yes", "y", "remote"}


def classify(*, location=None, title=None, description=None, remote_flag=None) -> str:
    """One posting -> 'remote', 'hybrid', 'on-site' or 'unknown' (see the module's rules)."""
    parts = [p for p in (location, title, description) if isinstance(p, str) and p.strip()]
    text = " ".join(parts).lower()
    flag = remote_flag is True or (isinstance(remote_flag, str) and remote_flag.strip().lower() in TRUE) or (
        isinstance(remote_flag, int | float) and not isinstance(remote_flag, bool) and remote_flag == 1)
    if NEGATED.search(text):
        return "on-site"
    if STRONG_REMOTE.search(text):
        return "remote"
    if HYBRID.search(text):
        return "hybrid"
    if REMOTE.search(text) or flag:
        return "remote"
    if ON_SITE.search(text) or (isinstance(location, str) and location.strip()):
        return "on-site"
    return "unknown"


def _plain(v):
    return None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else v


def classify_frame(df: pd.DataFrame) -> pd.Series:
    """The columns location, title, description, remote_flag where present; each distinct combination is
    classified once (a big file repeats the same title and place many times)."""
    cols = [c for c in ("location", "title", "description", "remote_flag") if c in df.columns]
    seen: dict[tuple, str] = {}
    out = []
    for values in zip(*(df[c].to_numpy() for c in cols), strict=True) if cols else ((),) * len(df):
        key = tuple(_plain(v) for v in values)
        if (mode := seen.get(key)) is None:
            mode = seen[key] = classify(**dict(zip(cols, key, strict=True)))
        out.append(mode)
    return pd.Series(out, index=df.index, dtype="str")
