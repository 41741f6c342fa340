"""Remote-work figure builders on hand-built frames: measure named, missing values shown, source inside."""

import numpy as np
import pandas as pd

from analysis.remote import MEASURES
from charts import remote as charts


def test_share_bars_marks_missing_values_and_names_the_measure():
    rows = pd.DataFrame({"title": ["A", "B", "C"], "teleworkable_share": [0.2, np.nan, 1.0]})
    fig = charts.share_bars(rows, measure=MEASURES["teleworkable"], title="T", source="Source: test.",
                            reference=0.38)
    bar = fig.data[0]
    assert list(bar.y) == ["B", "A", "C"]  # missing first (bottom), largest on top
    assert list(bar.text) == ["no value", "20%", "100%"]
    assert fig.layout.xaxis.title.text == MEASURES["teleworkable"]
    assert fig.layout.annotations[-1].text == "Source: test."


def test_share_bars_ties_keep_the_given_order_first_on_top():
    rows = pd.DataFrame({"title": ["big", "small"], "teleworkable_share": [1.0, 1.0]})
    fig = charts.share_bars(rows, measure="m", title="T", source="S")
    assert list(fig.data[0].y) == ["small", "big"]  # Plotly draws the last bar on top


def test_measures_side_by_side_one_trace_per_measure():
    long = pd.DataFrame({
        "major_title": ["All", "Healthcare", "All", "Healthcare"],
        "measure": [MEASURES["teleworkable"]] * 2 + [MEASURES["teleworked"]] * 2,
        "share": [0.38, 0.05, 0.22, 0.12], "period": ["p1", "p1", "p2", "p2"],
    })
    fig = charts.measures_side_by_side(long, title="T", source="S")
    assert [t.name for t in fig.data] == [MEASURES["teleworkable"], MEASURES["teleworked"]]
    assert list(fig.data[1].x) == [0.22, 0.12]
    assert list(fig.data[1].y) == ["All", "Healthcare"]
    # First group on top: a category axis counts upwards, so the order is listed bottom-up.
    assert fig.layout.barmode == "group" and list(fig.layout.yaxis.categoryarray) == ["Healthcare", "All"]


def test_growth_vs_telework_shades_the_both_corner():
    frame = pd.DataFrame({"soc_code": ["1", "2"], "title": ["a", "b"], "is_healthcare": [True, False],
                          "teleworkable_share": [0.8, 0.1], "change_pct": [12.0, 1.0],
                          "openings_annual_k": [5.0, 50.0], "crosswalk": ["direct", "merge"],
                          "share_threshold": 0.5, "growth_threshold_pct": 3.1})
    fig = charts.growth_vs_telework(frame, title="T", source="S")
    assert [t.name for t in fig.data] == ["Other occupations", "Healthcare roles"]
    rect = fig.layout.shapes[0]
    assert (rect.x0, rect.y0) == (0.5, 3.1)
    assert "Dingel & Neiman" in fig.layout.xaxis.title.text
