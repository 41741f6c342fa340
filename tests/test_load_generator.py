"""The protocol load generator on a tiny app: it reads URL parameters, changes widgets, and counts a raised
exception, an error box and an empty chart as errors (and a healthy page as none)."""

import asyncio
import textwrap

import pytest

from appdriver.harness import start_server, stop_server
from appdriver.protocol import Session, has_points
from benchmarks.users import crowd
from dashboard.pages import Filter, Page

pytestmark = pytest.mark.xdist_group("load_generator")  # one server (or deployment) per module, one worker
# One script, four behaviours chosen by the URL's `mode`; picking "b" in the selectbox triggers the fault.
APP = textwrap.dedent('''
    """A tiny app for the load generator's own tests."""
    import plotly.graph_objects as go
    import streamlit as st

    mode = st.query_params.get("mode", "ok")
    st.markdown(f"mode is {mode}")
    pick = st.selectbox("Pick", ["a", "b"])
    st.query_params["pick"] = pick
    broken = pick == "b"
    if mode == "exception" and broken:
        raise ValueError("injected fault")
    if mode == "error" and broken:
        st.error("Injected error box")
    empty = mode == "empty" and broken
    st.plotly_chart(go.Figure(go.Bar(x=[] if empty else ["x", "y"], y=[] if empty else [1, 2])), key="c")
    if mode == "fragment":
        @st.fragment
        def part():
            size = st.radio("Size", ["small", "large"])
            st.plotly_chart(go.Figure(go.Bar(x=["x"], y=[1 if size == "small" else 9])), key="f")
        part()
''')


@pytest.fixture(scope="module")
def tiny_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tiny_app")
    (folder / "tiny.py").write_text(APP, encoding="utf-8")
    proc, base = start_server("tiny.py", cwd=folder)
    yield base
    stop_server(proc)


def run(coro):
    return asyncio.run(coro)


async def _open_and_pick(base: str, mode: str, value: str = "b"):
    session = await Session.open(base, "", f"mode={mode}", timeout=60)
    before = session.last
    after = await session.change("selectbox", "Pick", value)
    await session.close()
    return session, before, after


def test_a_healthy_page_has_no_problems_and_keeps_its_url(tiny_app):
    session, before, after = run(_open_and_pick(tiny_app, "ok"))
    assert before.problems(min_charts=1) == [] and after.problems(min_charts=1) == []
    assert any(el.markdown.body == "mode is ok" for el in after.elements.values() if el.WhichOneof("type") ==
               "markdown")
    # The app wrote pick=b into the URL; the client keeps it for its next rerun, as a browser does.
    assert "mode=ok" in session.query and "pick=b" in session.query
    assert after.seconds > 0 and after.status == 0


def test_an_injected_exception_is_an_error(tiny_app):
    _, before, after = run(_open_and_pick(tiny_app, "exception"))
    assert before.problems(min_charts=1) == []
    assert any(p.startswith("exception: ValueError: injected fault") for p in after.problems(min_charts=1))


def test_an_empty_chart_is_an_error(tiny_app):
    _, before, after = run(_open_and_pick(tiny_app, "empty"))
    assert before.problems(min_charts=1) == []
    assert after.problems(min_charts=1) == ["empty chart: chart 0"]


def test_an_error_box_is_an_error(tiny_app):
    _, _, after = run(_open_and_pick(tiny_app, "error"))
    assert after.problems() == ["error box: Injected error box"]


def test_a_missing_chart_is_an_error(tiny_app):
    _, before, _ = run(_open_and_pick(tiny_app, "ok"))
    assert before.problems(min_charts=2) == ["1 charts drawn, expected at least 2"]


def test_a_widget_in_a_fragment_reruns_only_the_fragment(tiny_app):
    async def go():
        session = await Session.open(tiny_app, "", "mode=fragment", timeout=60)
        whole = session.last
        part = await session.change("radio", "Size", "large")
        await session.close()
        return whole, part

    whole, part = run(go())
    assert whole.status == 0 and part.status == 3  # FINISHED_FRAGMENT_RUN_SUCCESSFULLY
    ys = [c["data"][0]["y"] for c in part.charts()]
    assert len(ys) == 2  # the chart outside the fragment is still on the page
    assert part.problems(min_charts=2) == []


def test_the_crowd_counts_errors_of_a_broken_page_and_none_of_a_healthy_one(tiny_app):
    page = Page("tiny.py", "Tiny", "", "", "x", change=Filter("selectbox", "Pick", "b", back="a"), default=True)
    healthy = run(crowd(tiny_app, page, 3, 4, query="mode=ok", think=1.0, ramp=0.5)).summary()
    broken = run(crowd(tiny_app, page, 3, 4, query="mode=empty", think=1.0, ramp=0.5)).summary()
    assert healthy["errors"] == 0 and healthy["opens"] == 3
    assert healthy["changes"] + healthy["warmup_changes"] >= 3  # every user changes at least once
    assert broken["errors"] >= 3 and "empty chart: chart 0" in broken["error_kinds"]


def test_has_points_reads_plain_and_typed_arrays():
    assert has_points({"data": [{"type": "bar", "x": ["a"], "y": {"dtype": "f8", "bdata": "AAAAAAAA8D8="}}]})
    assert not has_points({"data": [{"type": "bar", "x": [], "y": []}]})
    assert not has_points({"data": []})
    assert not has_points({"data": [{"type": "bar", "x": ["a"], "y": [1], "visible": False}]})


def test_the_crowd_is_bounded_and_loopback_only():
    page = Page("tiny.py", "Tiny", "", "", "x", default=True)
    with pytest.raises(ValueError, match="loopback only"):
        run(crowd("http://example.org", page, 1, 1))
    with pytest.raises(ValueError, match="users must be"):
        run(crowd("http://127.0.0.1:1", page, 10_000, 1))
