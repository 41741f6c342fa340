"""A Streamlit client without a browser: one session over the app's own websocket protocol (/_stcore/stream).

It speaks the messages the browser speaks, built from the protobuf classes shipped in the `streamlit`
package: a BackMsg `rerun_script` carrying a ClientState (page name, query string, widget states, the
hashes of messages it already holds), answered by ForwardMsgs (deltas, page info, `script_finished`).
Like the browser it keeps the query string the app writes back (`page_info_changed`), resolves cached
messages sent by reference, and reruns only a fragment when the widget changed lives in one.
"""

import asyncio
import json
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ContextInfo
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
WIDGETS = ("selectbox", "radio")  # the widgets a simulated user changes (string values: the option's label)
# Keys of a Plotly trace that carry its points; a chart whose traces have none of them drawn is empty.
POINT_KEYS = ("x", "y", "z", "labels", "values", "locations", "lat", "lon", "r", "theta")


class ProtocolError(RuntimeError):
    """The server closed the session, or a run did not finish in time."""


@dataclass
class Widget:
    kind: str
    id: str
    label: str
    options: list[str]
    value: str | None
    fragment_id: str


@dataclass
class Run:
    """One script run as the client saw it: seconds from request to `script_finished`, and the page after it."""
    seconds: float
    status: int
    elements: dict = field(repr=False)  # delta path -> Element, in page order
    first_chart_s: float | None = None  # seconds to the first Plotly chart of this run, if it drew one
    fragments: dict = field(default_factory=dict, repr=False)  # delta path -> fragment id

    def kinds(self) -> list[str]:
        return [el.WhichOneof("type") for el in self.elements.values()]

    def charts(self) -> list[dict]:
        return [json.loads(el.plotly_chart.spec) for el in self.elements.values()
                if el.WhichOneof("type") == "plotly_chart"]

    def widgets(self) -> list[Widget]:
        out = []
        for path, el in self.elements.items():
            kind = el.WhichOneof("type")
            if kind in WIDGETS:
                w = getattr(el, kind)
                value = w.raw_value if w.set_value else (w.options[w.default] if w.HasField("default") else None)
                out.append(Widget(kind, w.id, w.label, list(w.options), value, self.fragments.get(path, "")))
        return out

    def problems(self, min_charts: int = 0) -> list[str]:
        """What a user would see as broken: an exception, an error box, an empty chart, missing charts."""
        found = []
        if self.status not in FINISHED:
            found.append(f"script ended with status {ForwardMsg.ScriptFinishedStatus.Name(self.status)}")
        for el in self.elements.values():
            kind = el.WhichOneof("type")
            if kind == "exception":
                found.append(f"exception: {el.exception.type}: {el.exception.message[:120]}")
            elif kind == "alert" and el.alert.format == Alert.ERROR:
                found.append(f"error box: {el.alert.body[:120]}")
        charts = self.charts()
        found += [f"empty chart: {_title(c) or f'chart {i}'}" for i, c in enumerate(charts) if not has_points(c)]
        if len(charts) < min_charts:
            found.append(f"{len(charts)} charts drawn, expected at least {min_charts}")
        return found


def _title(spec: dict) -> str:
    title = (spec.get("layout") or {}).get("title") or {}
    return str(title.get("text", "") if isinstance(title, dict) else title)


def _filled(value) -> bool:
    if isinstance(value, dict):  # plotly's typed array: {"dtype": ..., "bdata": base64}
        return bool(value.get("bdata") or value.get("_inputArray"))
    if isinstance(value, list | tuple):
        return any(v is not None for v in value)
    return False


def has_points(spec: dict) -> bool:
    """True when at least one visible trace of the figure JSON carries data points."""
    return any(trace.get("visible", True) is not False and any(_filled(trace.get(k)) for k in POINT_KEYS)
               for trace in spec.get("data") or [])


class Session:
    """One simulated browser tab: `await Session.open(base, page, query)`, then `await s.change(...)`."""

    def __init__(self, ws, base: str, timeout: float):
        self.ws, self.base, self.timeout = ws, base, timeout
        self.query = ""
        self.page_name = ""
        self.page_hash = ""
        self.cache: dict[str, ForwardMsg] = {}  # the browser's message cache: hash -> message
        self.states: dict[str, WidgetState] = {}  # every value this user has set, sent with each rerun
        self.elements: dict = {}
        self.fragments: dict = {}
        self.last: Run | None = None
        self.upstream = base

    @classmethod
    async def open(cls, base: str, page: str = "", query: str = "", *, timeout: float = 60,
                   cookie: str = "") -> "Session":
        """Connect and run `page` (its url_path; "" for the default page) with `query` as the browser would.
        cookie: a "name=value" the browser would send (a proxy's affinity cookie)."""
        url = "ws" + base[len("http"):].rstrip("/") + "/_stcore/stream"
        try:
            ws = await connect(url, subprotocols=["streamlit"], max_size=2**26, open_timeout=timeout,
                               ping_interval=None, compression=None,
                               additional_headers={"Cookie": cookie} if cookie else None)
        except Exception as exc:
            raise ProtocolError(f"cannot open {url}: {type(exc).__name__}: {exc}") from exc
        session = cls(ws, base, timeout)
        # A proxy in front may name the replica that took the connection (deploy/nginx.conf sets X-Upstream).
        session.upstream = (ws.response.headers.get("X-Upstream") if ws.response else None) or base
        session.page_name, session.query = page, query
        await session.rerun()
        return session

    async def close(self) -> None:
        await self.ws.close()

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        await self.close()

    def _client_state(self, fragment_id: str = ""):
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = self.query
        cs.page_name = self.page_name
        cs.page_script_hash = self.page_hash
        cs.widget_states.widgets.extend(self.states.values())
        cs.cached_message_hashes.extend(self.cache)
        if fragment_id:
            cs.fragment_id = fragment_id
        cs.context_info.CopyFrom(ContextInfo(timezone="UTC", timezone_offset=0, locale="en-US",
                                             url=f"{self.base}/{self.page_name}", is_embedded=False))
        return msg

    async def rerun(self, fragment_id: str = "") -> Run:
        """Send a rerun request and read until its script finishes; the page as it stands afterwards."""
        start = time.perf_counter()
        await self.ws.send(self._client_state(fragment_id).SerializeToString())
        seen: dict = {}
        first_chart = None
        deadline = start + self.timeout
        while True:
            try:
                raw = await asyncio.wait_for(self.ws.recv(), max(0.0, deadline - time.perf_counter()))
            except TimeoutError as exc:
                raise ProtocolError(f"no script_finished within {self.timeout:.0f} s") from exc
            except Exception as exc:  # the socket closed: the server went away or refused us
                raise ProtocolError(f"connection lost: {type(exc).__name__}: {exc}") from exc
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            msg = self._resolve(msg)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash or self.page_hash
            elif kind == "navigation":
                self.page_hash = msg.navigation.page_script_hash or self.page_hash
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                path = tuple(msg.metadata.delta_path)
                seen[path] = msg.delta.new_element
                self.fragments[path] = msg.delta.fragment_id
                if first_chart is None and msg.delta.new_element.WhichOneof("type") == "plotly_chart":
                    first_chart = time.perf_counter() - start
            elif kind == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # a newer run replaces this one; keep reading
                break
        if msg.script_finished == ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY:
            self.elements.update(seen)  # a fragment run redraws its own part; the rest of the page stays
        else:
            self.elements = seen
        ordered = dict(sorted(self.elements.items()))
        self.last = Run(time.perf_counter() - start, msg.script_finished, ordered, first_chart,
                        {p: self.fragments.get(p, "") for p in ordered})
        return self.last

    def _resolve(self, msg: ForwardMsg) -> ForwardMsg:
        if msg.WhichOneof("type") == "ref_hash":
            cached = self.cache.get(msg.ref_hash)
            if cached is None:
                raise ProtocolError(f"server referred to a message this client never received ({msg.ref_hash})")
            full = ForwardMsg()
            full.CopyFrom(cached)
            full.metadata.CopyFrom(msg.metadata)
            return full
        if msg.metadata.cacheable and msg.hash:
            self.cache[msg.hash] = msg
        return msg

    def widget(self, kind: str, label: str | None = None) -> Widget:
        """The first widget of `kind` (with `label`, if given) on the page as last drawn."""
        for w in (self.last.widgets() if self.last else []):
            if w.kind == kind and (label is None or w.label == label):
                if w.id in self.states:  # the value this user chose (the element shows the default)
                    w.value = self.states[w.id].string_value
                return w
        raise LookupError(f"no {kind}{f' labelled {label!r}' if label else ''} on page {self.page_name or '/'}")

    async def change(self, kind: str, label: str | None, value: str | None = None) -> Run:
        """Set a selectbox or radio to `value` (None: the next option) and wait for the rerun it triggers."""
        w = self.widget(kind, label)
        if value is None:
            value = w.options[(w.options.index(w.value) + 1) % len(w.options)] if w.value in w.options \
                else w.options[0]
        if value not in w.options:
            raise LookupError(f"{kind} {w.label!r} has no option {value!r}")
        self.states[w.id] = WidgetState(id=w.id, string_value=value)
        return await self.rerun(w.fragment_id)


def base_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
