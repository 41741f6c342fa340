"""The one error type ingest raises: it names the source, the problem and the fix."""


class IngestError(Exception):
    """A source failed; the message is one line a user can act on."""

    def __init__(self, source: str, problem: str, fix: str | None = None):
        self.source = source
        self.problem = problem
        self.fix = fix
        super().__init__(f"{source}: {problem}" + (f" Fix: {fix}" if fix else ""))
