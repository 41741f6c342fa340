"""The one error type ingest raises: it names the source, the problem and the fix, and never a secret."""

import os
import re

# Environment variables whose values must never be printed: API keys, tokens, the contact address.
SECRET_ENV = re.compile(r"KEY|TOKEN|SECRET|PASSWORD|EMAIL|CONTACT", re.IGNORECASE)
SECRET_QUERY = re.compile(r"(?i)([?&][a-z_]*(?:key|token|secret|password|email)=)[^&#\s'\"]+")
_registered: set[str] = set()


def register_secret(value: str | None) -> None:
    """A secret that did not come from the environment (e.g. a contact passed to build_session)."""
    if value and len(value.strip()) >= 4:
        _registered.add(value.strip())


def redact(text: str) -> str:
    """The text with every known secret replaced by ***: messages end up in logs, terminals and issues."""
    text = SECRET_QUERY.sub(r"\1***", text)
    found = {v.strip() for k, v in os.environ.items() if SECRET_ENV.search(k) and len(v.strip()) >= 6}
    for value in sorted(found | _registered, key=len, reverse=True):
        text = text.replace(value, "***")
    return text


class IngestError(Exception):
    """A source failed; the message is one line a user can act on."""

    def __init__(self, source: str, problem: str, fix: str | None = None):
        self.source = source
        self.problem = redact(problem)
        self.fix = redact(fix) if fix else fix
        super().__init__(f"{source}: {self.problem}" + (f" Fix: {self.fix}" if self.fix else ""))


def looks_like(raw: bytes) -> str:
    """How a file that failed to parse looks: servers often send an HTML error page with a 200."""
    head = raw.lstrip()[:15].lower()
    if not raw:
        return "empty"
    return "like an HTML page" if head.startswith((b"<!doctype", b"<html")) else "damaged"
