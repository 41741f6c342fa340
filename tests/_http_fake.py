"""A stand-in for a streamed requests response and a session that serves recorded bodies."""


class Response:
    def __init__(self, body: bytes, status_code: int = 200, headers: dict | None = None):
        self.body = body
        self.content = body
        self.status_code = status_code
        self.headers = headers or {}

    def iter_content(self, chunk_size):
        yield self.body

    def json(self):
        import json

        return json.loads(self.body)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
