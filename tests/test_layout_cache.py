"""dashboard.layout's shared caches: a figure or derived frame is built once per key, rebuilt for another key."""

import pandas as pd
import plotly.graph_objects as go

from dashboard import layout

calls: list[tuple] = []


def bars(frame: pd.DataFrame, *, title: str, other: pd.DataFrame | None = None) -> go.Figure:
    calls.append(("bars", title, len(frame)))
    return go.Figure(go.Bar(x=frame["x"], y=frame["y"]), layout={"title": title})


def doubled(frame: pd.DataFrame, *, factor: int) -> pd.DataFrame:
    calls.append(("doubled", factor))
    return frame.assign(y=frame["y"] * factor)


def test_a_figure_is_built_once_per_key_and_options():
    frame = pd.DataFrame({"x": ["a", "b"], "y": [1, 2]})
    calls.clear()
    first = layout.figure(bars, frame, key=("k1",), title="T", other=frame)
    again = layout.figure(bars, frame, key=("k1",), title="T", other=frame)
    assert again is first and calls == [("bars", "T", 2)]
    layout.figure(bars, frame, key=("k2",), title="T")
    layout.figure(bars, frame, key=("k1",), title="Other title")
    assert calls == [("bars", "T", 2), ("bars", "T", 2), ("bars", "Other title", 2)]


def test_a_derived_frame_is_computed_once_per_key_and_handed_out_as_a_copy():
    frame = pd.DataFrame({"x": ["a", "b"], "y": [1, 2]})
    calls.clear()
    one = layout.derived(doubled, frame, key=("d1",), factor=3)
    one.loc[0, "y"] = -1  # a page that changes its copy must not change the next page's
    two = layout.derived(doubled, frame, key=("d1",), factor=3)
    assert two["y"].tolist() == [3, 6] and calls == [("doubled", 3)]
    assert layout.derived(doubled, frame, key=("d1",), factor=4)["y"].tolist() == [4, 8]


def test_another_frame_under_the_same_key_is_never_served_the_first_frames_result():
    # A frame filtered by something the key does not name (a healthcare definition, a state) must not fetch
    # the chart or table of the frame cached before it.
    calls.clear()
    first = layout.figure(bars, pd.DataFrame({"x": ["a"], "y": [1]}), key=("same",), title="T")
    other = layout.figure(bars, pd.DataFrame({"x": ["b"], "y": [9]}), key=("same",), title="T")
    assert other is not first and list(other.data[0].y) == [9]
    assert layout.derived(doubled, pd.DataFrame({"x": ["b"], "y": [5]}), key=("d1",), factor=3)["y"].tolist() == [15]


def test_list_options_are_keyed_by_their_contents():
    frame = pd.DataFrame({"x": ["a", "b"], "y": [1, 2]})
    calls.clear()

    def picked(frame: pd.DataFrame, *, codes: list[str]) -> pd.DataFrame:
        calls.append(tuple(codes))
        return frame[frame["x"].isin(codes)]

    assert layout.derived(picked, frame, key=(), codes=["a"])["x"].tolist() == ["a"]
    assert layout.derived(picked, frame, key=(), codes=["a"])["x"].tolist() == ["a"]
    assert layout.derived(picked, frame, key=(), codes=["a", "b"])["x"].tolist() == ["a", "b"]
    assert calls == [("a",), ("a", "b")]


def test_sessions_missing_the_same_key_at_once_wait_for_one_computation():
    # 50 users arriving together must not build the same figure 50 times.
    import threading
    import time

    frame = pd.DataFrame({"x": ["a"], "y": [1]})
    calls.clear()

    def slow(frame: pd.DataFrame, *, title: str) -> go.Figure:
        time.sleep(0.2)
        return bars(frame, title=title)

    results = []
    threads = [threading.Thread(target=lambda: results.append(layout.figure(slow, frame, key=("slow",), title="S")))
               for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == [("bars", "S", 1)] and all(r is results[0] for r in results)
