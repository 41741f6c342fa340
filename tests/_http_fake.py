"""A stand-in for a streamed requests response: what ingest.http.download reads, shared by the client tests."""

import json


class Response:
    """Status, headers (Content-Length by default), the body in chunks, and use as a context manager."""

    def __init__(self, body, status_code: int = 200, headers: dict | None = None):
        self.body = self.content = body if isinstance(body, bytes) else json.dumps(body).encode()
        self.status_code = status_code
        self.headers = {"Content-Length": str(len(self.content))} if headers is None else headers

    def iter_content(self, chunk_size=1):
        yield from (self.content[i:i + chunk_size] for i in range(0, len(self.content), chunk_size))

    def json(self):
        return json.loads(self.content)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
