"""The one HTTP session every source uses: timeouts, polite retries, and a User-Agent with a contact address."""

import os
from urllib.parse import urlparse

import requests
from requests.adapters import HTTPAdapter
from tqdm import tqdm
from urllib3.util.retry import Retry

from ingest.errors import IngestError

CONTACT_ENV = "HLT_CONTACT_EMAIL"
TIMEOUT = (10, 60)  # seconds: connect, read
RETRY_STATUSES = (429, 500, 502, 503, 504)
MAX_RETRY_AFTER = 120  # seconds; a server asking for longer is treated as a failure, not waited on


class _Retry(Retry):
    """urllib3 retry that honours Retry-After but will not sleep for hours on a server's say-so."""

    def get_retry_after(self, response):
        seconds = super().get_retry_after(response)
        if seconds is not None and seconds > MAX_RETRY_AFTER:
            raise requests.exceptions.RetryError(f"server asked to wait {seconds:.0f} s (Retry-After)")
        return seconds


class _TimeoutSession(requests.Session):
    """A Session whose requests time out by default; requests itself has no session-wide timeout."""

    def request(self, method, url, **kwargs):
        kwargs.setdefault("timeout", TIMEOUT)
        return super().request(method, url, **kwargs)


def user_agent(contact: str | None) -> str:
    base = "healthcare-labour-trends/0.1 (open-source dashboard; python-requests)"
    return f"{base} contact: {contact}" if contact else base


def build_session(contact: str | None = None, *, retries: int = 4, backoff: float = 1.0) -> requests.Session:
    """The shared session. The contact address comes from HLT_CONTACT_EMAIL unless given."""
    contact = (contact if contact is not None else os.environ.get(CONTACT_ENV, "")).strip() or None
    session = _TimeoutSession()
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
    return session


def _offline_fix(raw_hint: str) -> str:
    return f"download it by hand into {raw_hint} and run `python -m ingest --offline`."


def http_error(source: str, url: str, status: int, *, has_contact: bool, raw_hint: str) -> IngestError:
    """Turn an HTTP status into one line that says what happened and what to do."""
    host = urlparse(url).hostname or ""
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


def download(session: requests.Session, url: str, *, source: str, raw_hint: str, **kwargs) -> bytes:
    """GET a file with a progress bar; every failure becomes an IngestError naming source, URL and fix."""
    try:
        with session.get(url, stream=True, **kwargs) as resp:
            if resp.status_code >= 400:
                raise http_error(
                    source,
                    url,
                    resp.status_code,
                    has_contact=getattr(session, "has_contact", False),
                    raw_hint=raw_hint,
                )
            total = int(resp.headers.get("Content-Length") or 0) or None
            chunks = []
            with tqdm(
                total=total, unit="B", unit_scale=True, desc=f"{source} ↓", leave=False, disable=None
            ) as bar:
                for chunk in resp.iter_content(chunk_size=1 << 16):
                    chunks.append(chunk)
                    bar.update(len(chunk))
            return b"".join(chunks)
    except IngestError:
        raise
    except requests.exceptions.RetryError as exc:
        raise IngestError(source, f"gave up on {url} after retries ({exc}).", "run again later.") from None
    except requests.exceptions.Timeout:
        raise IngestError(
            source, f"timed out waiting for {url}.", f"run again later, or {_offline_fix(raw_hint)}"
        ) from None
    except requests.exceptions.RequestException as exc:
        reason = type(exc).__name__
        raise IngestError(
            source,
            f"could not download {url} ({reason}).",
            f"check the network, or rebuild from the committed files: {_offline_fix(raw_hint)}",
        ) from None
