"""The shared session: contact in the User-Agent, retries honouring Retry-After, clear errors."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ingest.errors import IngestError
from ingest.http import CONTACT_ENV, build_session, download


class Script(BaseHTTPRequestHandler):
    """Answers each GET with the next (status, headers, body) of the server's script."""

    def do_GET(self):
        status, headers, body = self.server.script.pop(0) if self.server.script else (200, {}, b"done")
        self.server.seen.append((time.monotonic(), self.headers.get("User-Agent")))
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Script)
    httpd.script, httpd.seen = [], []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def url(httpd, path="/occupation.xlsx"):
    return f"http://127.0.0.1:{httpd.server_address[1]}{path}"


def test_user_agent_carries_contact_from_environment(monkeypatch):
    monkeypatch.setenv(CONTACT_ENV, "planner@example.org")
    assert "planner@example.org" in build_session().headers["User-Agent"]
    monkeypatch.delenv(CONTACT_ENV)
    assert "contact" not in build_session().headers["User-Agent"]


def test_retry_after_is_honoured_then_succeeds(server):
    server.script = [(503, {"Retry-After": "1"}, b"busy"), (200, {}, b"payload")]
    body = download(build_session("a@b.c", backoff=0), url(server), source="t", raw_hint="data/raw/t/")
    assert body == b"payload"
    (first, _), (second, agent) = server.seen
    assert second - first >= 0.95  # waited as told, not the zero backoff
    assert "a@b.c" in agent


def test_429_retried_with_backoff(server):
    server.script = [(429, {}, b""), (429, {}, b""), (200, {}, b"ok")]
    assert download(build_session(backoff=0.01), url(server), source="t", raw_hint="x") == b"ok"
    assert len(server.seen) == 3


def test_bls_403_explains_contact_and_offline_path(server, monkeypatch):
    import ingest.http as http

    server.script = [(403, {}, b"Access Denied")]
    session = build_session(contact="")
    # The refusal text is chosen by host; pretend this loopback URL is bls.gov.
    monkeypatch.setattr(http, "urlparse", lambda u: type("U", (), {"hostname": "www.bls.gov"})())
    with pytest.raises(IngestError) as err:
        download(session, url(server), source="projections", raw_hint="data/raw/bls/<vintage>/")
    text = str(err.value)
    assert "HTTP 403" in text and CONTACT_ENV in text and "--offline" in text


def test_404_and_unreachable_host_name_source_and_fix(server):
    server.script = [(404, {}, b"")]
    with pytest.raises(IngestError, match=r"^oews: HTTP 404 Not Found at http"):
        download(build_session(), url(server), source="oews", raw_hint="data/raw/oews/")
    port = server.server_address[1]
    server.shutdown()
    server.server_close()
    with pytest.raises(IngestError, match=r"could not connect to 127.0.0.1 .*check the network.* Fix: run again later"):
        download(build_session(retries=0), f"http://127.0.0.1:{port}/x", source="oews", raw_hint="x")
