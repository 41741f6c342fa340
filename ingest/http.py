"""The one HTTP session every source uses: timeouts, polite retries, and a User-Agent with a contact address."""

import hashlib
import os
from urllib.parse import urlparse

import requests
from requests.adapters import HTTPAdapter
from tqdm import tqdm
from urllib3.exceptions import InvalidHeader, MaxRetryError, ResponseError
from urllib3.util.retry import Retry

from ingest.errors import IngestError, register_secret

CONTACT_ENV = "HLT_CONTACT_EMAIL"
TIMEOUT = (10, 60)  # seconds: connect, read
RETRY_STATUSES = (429, 500, 502, 503, 504)
MAX_RETRY_AFTER = 120  # seconds; a server asking for longer is treated as a failure, not waited on


class _Retry(Retry):
    """urllib3 retry that honours Retry-After but will not sleep for hours on a server's say-so."""

    def get_retry_after(self, response):
        try:
            return super().get_retry_after(response)
        except InvalidHeader:  # "Retry-After: soon" is no reason to give up: back off as usual instead
            return None

    def increment(self, method=None, url=None, response=None, error=None, _pool=None, _stacktrace=None):
        # A wait longer than MAX_RETRY_AFTER ends the retries here, so the caller gets the server's own
        # 429/503 response (and says how long it asked for) instead of an exception that reads like a
        # network failure.
        wait = self.get_retry_after(response) if response is not None else None
        if wait is not None and wait > MAX_RETRY_AFTER:
            raise MaxRetryError(_pool, url, ResponseError(f"Retry-After {wait:.0f} s"))
        return super().increment(method, url, response, error, _pool, _stacktrace)


class _TimeoutSession(requests.Session):
    """A Session whose requests time out by default; requests itself has no session-wide timeout."""

    timeout: tuple[float, float] = TIMEOUT

    def request(self, method, url, **kwargs):
        kwargs.setdefault("timeout", self.timeout)
        return super().request(method, url, **kwargs)


def user_agent(contact: str | None) -> str:
    base = "healthcare-labour-trends/0.1 (open-source dashboard; python-requests)"
    return f"{base} contact: {contact}" if contact else base


def build_session(contact: str | None = None, *, retries: int = 4, backoff: float = 1.0,
                  timeout: tuple[float, float] = TIMEOUT) -> requests.Session:
    """The shared session. The contact address comes from HLT_CONTACT_EMAIL unless given.

    `timeout` is (connect, read) in seconds; tests pass about 1 s so a stalled server costs them little.
    """
    contact = (contact if contact is not None else os.environ.get(CONTACT_ENV, "")).strip() or None
    session = _TimeoutSession()
    session.timeout = timeout
    register_secret(contact)  # so no error message can repeat it
    retry = _Retry(
        total=retries,
        connect=retries,
        read=retries,
        status=retries,
        backoff_factor=backoff,
        backoff_max=60,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=None,  # the BLS API is POST; its retries are as safe as a GET's
        respect_retry_after_header=True,
        raise_on_status=False,
    )
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = user_agent(contact)
    session.has_contact = contact is not None  # read by error messages, never the address itself
    session.downloads = {}  # sha256 of each body -> its URL: the runner names the URL a bad file came from
    return session


def _offline_fix(raw_hint: str) -> str:
    return f"download it by hand into {raw_hint} and run `python -m ingest --offline`."


def http_error(source: str, url: str, status: int, *, has_contact: bool, raw_hint: str,
               retry_after: float | None = None) -> IngestError:
    """Turn an HTTP status into one line that says what happened and what to do."""
    host = urlparse(url).hostname or ""
    if retry_after is not None and retry_after > MAX_RETRY_AFTER:
        return IngestError(
            source,
            f"HTTP {status} from {url}: the server asks to wait {retry_after:.0f} s (Retry-After), longer than "
            f"the {MAX_RETRY_AFTER} s this tool waits.",
            f"run again after that, or {_offline_fix(raw_hint)}",
        )
    if status == 403 and host.endswith("bls.gov"):
        if has_contact:
            fix = (
                f"bls.gov still refused with a contact address set; try later, or {_offline_fix(raw_hint)}"
            )
        else:
            fix = (
                f"bls.gov refuses scripts that do not identify themselves: set {CONTACT_ENV}=you@example.org "
                f"(an address BLS can reach) and run again, or {_offline_fix(raw_hint)}"
            )
        return IngestError(source, f"HTTP 403 Forbidden from {url}.", fix)
    if status == 404:
        return IngestError(
            source,
            f"HTTP 404 Not Found at {url}; the publisher may have moved the file.",
            f"check the source page, or {_offline_fix(raw_hint)}",
        )
    if status == 429:
        return IngestError(
            source, f"HTTP 429 Too Many Requests from {url} after retries.", "wait and run again later."
        )
    return IngestError(
        source, f"HTTP {status} from {url} after retries.", f"run again later, or {_offline_fix(raw_hint)}"
    )


def _chain(exc: BaseException) -> list[BaseException]:
    """requests wraps urllib3 wraps socket errors; the innermost says what really happened."""
    found: list[BaseException] = []
    while exc is not None and len(found) < 8:
        found.append(exc)
        inner = getattr(exc, "reason", None)
        if not isinstance(inner, BaseException):
            inner = next((a for a in exc.args if isinstance(a, BaseException)), None)
        exc = inner or exc.__context__
    return found


def _what_broke(exc: BaseException, url: str) -> str:
    chain = _chain(exc)
    kinds = {type(e).__name__ for e in chain}
    if kinds & {"ReadTimeoutError", "ReadTimeout", "ConnectTimeoutError", "ConnectTimeout", "TimeoutError"}:
        return f"timed out waiting for {url} (the server stopped sending)."
    if kinds & {"IncompleteRead", "ChunkedEncodingError"}:
        return f"the download of {url} broke off before the end (fewer bytes than the server announced)."
    if kinds & {"RemoteDisconnected", "ConnectionResetError", "BrokenPipeError"}:
        return f"{url} closed the connection without a complete answer."
    if kinds & {"NameResolutionError", "NewConnectionError", "ConnectionRefusedError"}:
        return f"could not connect to {urlparse(url).hostname} for {url} (check the network)."
    return f"could not download {url} ({type(exc).__name__})."


BODY_ATTEMPTS = 2  # urllib3 retries failures before the headers; one more try covers a body cut off midway


class _BrokenBody(Exception):
    """The headers came but the body did not, whole: urllib3 does not retry this, so download() does."""


def _get(session: requests.Session, url: str, *, source: str, raw_hint: str, **kwargs) -> bytes:
    with session.get(url, stream=True, **kwargs) as resp:
        if resp.status_code >= 400:
            raise http_error(
                source,
                url,
                resp.status_code,
                has_contact=getattr(session, "has_contact", False),
                raw_hint=raw_hint,
                retry_after=_retry_after(resp.headers.get("Retry-After")),
            )
        total = int(resp.headers.get("Content-Length") or 0) or None
        chunks = []
        with tqdm(total=total, unit="B", unit_scale=True, desc=f"{source} ↓", leave=False, disable=None) as bar:
            try:
                for chunk in resp.iter_content(chunk_size=1 << 16):
                    chunks.append(chunk)
                    bar.update(len(chunk))
            except requests.exceptions.RequestException as exc:
                raise _BrokenBody(exc) from exc
        return b"".join(chunks)


def _retry_after(value: str | None) -> float | None:
    """Seconds a Retry-After header asks for (a number or an HTTP date), or None."""
    try:
        return None if value is None else Retry(0).parse_retry_after(value)
    except Exception:  # urllib3 raises InvalidHeader on nonsense; then there is nothing to report
        return None


def download(session: requests.Session, url: str, *, source: str, raw_hint: str, **kwargs) -> bytes:
    """GET a file with a progress bar; every failure becomes an IngestError naming source, URL and fix."""
    for attempt in range(1, BODY_ATTEMPTS + 1):
        try:
            body = _get(session, url, source=source, raw_hint=raw_hint, **kwargs)
            if isinstance(getattr(session, "downloads", None), dict):
                session.downloads[hashlib.sha256(body).hexdigest()] = url
            return body
        except IngestError:
            raise
        except requests.exceptions.RetryError as exc:
            raise IngestError(source, f"gave up on {url} after retries ({exc}).", "run again later.") from None
        except _BrokenBody as exc:
            if attempt < BODY_ATTEMPTS:
                continue
            raise IngestError(
                source,
                _what_broke(exc.__cause__, url),
                f"run again later; if it keeps failing, check the network or {_offline_fix(raw_hint)}",
            ) from None
        except requests.exceptions.RequestException as exc:
            raise IngestError(
                source,
                _what_broke(exc, url),
                f"run again later; if it keeps failing, check the network or {_offline_fix(raw_hint)}",
            ) from None
    raise AssertionError("unreachable")
