"""The one error type ingest raises: it names the source, the problem and the fix."""


class IngestError(Exception):
    """A source failed; the message is one line a user can act on."""

    def __init__(self, source: str, problem: str, fix: str | None = None):
        self.source = source
        self.problem = problem
        self.fix = fix
        super().__init__(f"{source}: {problem}" + (f" Fix: {fix}" if fix else ""))


def looks_like(raw: bytes) -> str:
    """How a file that failed to parse looks: servers often send an HTML error page with a 200."""
    head = raw.lstrip()[:15].lower()
    if not raw:
        return "empty"
    return "like an HTML page" if head.startswith((b"<!doctype", b"<html")) else "damaged"
