"""A loopback HTTP server that replays live URLs and injects faults, and the adapter that routes a session to it."""

import socket
import threading
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter

STALL_SECONDS = 5  # longer than the 1 s read time-out tests give the session; bounded so threads always end

# A fault is a tuple whose first item names it; the server applies the next queued fault of a URL per request.
#   ("status", code, headers, body)  answer with this status
#   ("body", bytes)                  answer 200 with these bytes instead of the file
#   ("transform", fn)                answer 200 with fn(the file's bytes), e.g. its header renamed
#   ("stall",)                       accept the request, then say nothing (read time-out)
#   ("stall_body",)                  send headers and half the body, then say nothing
#   ("drop",)                        close the connection without answering
#   ("truncate",)                    announce the full Content-Length, send half, close
#   ("truncate_unannounced",)        no Content-Length, send half, close (only the parser can notice)
#   ("truncate_lines",)              the same, cut at the end of a line (only a row count can notice)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _serve(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)  # a POST body (the BLS API) is read, not checked
        host, _, rest = self.path.lstrip("/").partition("/")
        url = f"https://{host}/{rest}"
        server: FaultServer = self.server  # type: ignore[assignment]
        with server.lock:
            server.requests.append((self.command, url, dict(self.headers)))
            queue = server.faults.get(url)
            fault = queue.pop(0) if queue else None
        body = server.files.get(url)
        if fault is None:
            if body is None:
                return self._answer(404, {}, b"<html><body>Not Found</body></html>")
            return self._answer(200, {}, body)
        kind = fault[0]
        if kind == "status":
            return self._answer(fault[1], fault[2], fault[3])
        if kind == "body":
            return self._answer(200, {}, fault[1])
        if kind == "transform":
            return self._answer(200, {}, fault[1](body or b""))
        if kind == "stall":
            server.stop.wait(STALL_SECONDS)
            return self._close()
        if kind == "drop":
            return self._close()
        half = (body or b"x" * 1000)[: len(body or b"x" * 1000) // 2]
        if kind == "stall_body":
            self._head(200, {"Content-Length": str(len(body or b""))})
            self.wfile.write(half)
            self.wfile.flush()
            server.stop.wait(STALL_SECONDS)
            return self._close()
        if kind == "truncate":
            self._head(200, {"Content-Length": str(len(body or b""))})
            self.wfile.write(half)
            return self._close()
        if kind in ("truncate_unannounced", "truncate_lines"):
            if kind == "truncate_lines":  # cut after a whole line: a CSV that still parses, only shorter
                half = half[: half.rfind(b"\n") + 1] or half
            self._head(200, {"Connection": "close"})
            self.wfile.write(half)
            return self._close()
        raise ValueError(f"unknown fault {fault!r}")

    do_GET = do_POST = _serve

    def _head(self, status, headers):
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()

    def _answer(self, status, headers, body):
        self._head(status, {"Content-Length": str(len(body)), **headers})
        self.wfile.write(body)

    def _close(self):
        self.close_connection = True
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def log_message(self, *args):
        pass


class FaultServer(ThreadingHTTPServer):
    """Serves `files` (live URL -> bytes) on 127.0.0.1; `faults[url]` queues faults for the next requests."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.files: dict[str, bytes] = {}
        self.faults: dict[str, list[tuple]] = defaultdict(list)
        self.requests: list[tuple[str, str, dict]] = []
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def port(self) -> int:
        return self.server_address[1]

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()  # releases stalled handlers
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)


class Loopback(HTTPAdapter):
    """Sends every request to the fault server instead: https://host/path -> http://127.0.0.1:port/host/path.

    Mounted on a session for "https://" and "http://", it replaces the real transport, so no test can
    reach the network; the session's retry policy is kept (pass its max_retries).
    """

    def __init__(self, port: int, **kwargs):
        self.loopback_port = port
        super().__init__(**kwargs)

    def send(self, request, **kwargs):
        parts = urlsplit(request.url)
        request.url = (f"http://127.0.0.1:{self.loopback_port}/{parts.hostname}{parts.path}"
                       + (f"?{parts.query}" if parts.query else ""))
        return super().send(request, **kwargs)


def route(session, server: "FaultServer | int"):
    """Route a session built by ingest.http.build_session to the fault server (or its port), keeping retries."""
    retries = session.get_adapter("https://").max_retries
    adapter = Loopback(server if isinstance(server, int) else server.port, max_retries=retries)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session
