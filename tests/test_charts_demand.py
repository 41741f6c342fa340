"""Demand figure builders on hand-built frames: separate snapshot lines, labels, values passed through."""

import pandas as pd

from charts import demand


def rows(category, snapshot="tracker 2024-10-03", sa="SA", values=(100.0, 110.0)):
    return pd.DataFrame({"snapshot": snapshot, "category": category, "seasonal_adjustment": sa,
                         "date": pd.date_range("2020-02-01", periods=len(values), freq="7D"),
                         "index": list(values)})


def test_each_snapshot_is_its_own_webgl_line_and_all_postings_is_black_and_first():
    data = pd.concat([rows("Medical Technician", values=(100.0, 120.0)),
                      rows("Medical Technician", "portal 2025-12-20", "unstated, probably NSA", (100.0, 125.5)),
                      rows("All postings")])
    fig = demand.postings_lines(data, y="index", y_title="Index", title="T", source="S", note=demand.INDEX_NOTE)
    assert [t.name for t in fig.data] == [
        "All postings<br>tracker 2024-10-03",
        "Medical Technician<br>portal 2025-12-20<br>(unstated, probably NSA)",
        "Medical Technician<br>tracker 2024-10-03"]
    assert all(t.type == "scattergl" for t in fig.data)
    assert fig.data[0].line.color == "#000000"
    assert fig.data[1].line.dash == "dot" and fig.data[2].line.dash == "solid"
    assert list(fig.data[1].y) == [100.0, 125.5]
    assert "not a count" in fig.layout.title.subtitle.text
    assert fig.layout.meta["source"] == "S"


def test_one_category_in_several_snapshots_is_named_by_snapshot():
    data = pd.concat([rows("All postings"), rows("All postings", "tracker 2026-08-19")])
    fig = demand.postings_lines(data, y="index", y_title="Index", title="T", source="S", note="n")
    assert [t.name for t in fig.data] == ["tracker 2024-10-03", "tracker 2026-08-19"]


def test_an_eighth_category_reuses_a_colour_dashed():
    data = pd.concat([rows(f"C{i}") for i in range(8)])
    fig = demand.postings_lines(data, y="index", y_title="Index", title="T", source="S", note="n")
    assert [t.name for t in fig.data] == [f"C{i}" for i in range(8)]
    assert fig.data[7].line.color == fig.data[0].line.color and fig.data[7].line.dash == "dash"
    assert len({t.line.color for t in fig.data[:7]}) == 7


def test_openings_levels_are_a_count_and_pass_values_through():
    table = pd.DataFrame({"date": pd.to_datetime(["2025-09-01", "2025-10-01"]),
                          "healthcare_k": [1375.0, 1424.0], "total_k": [7658.0, 7670.0]})
    fig = demand.openings_levels(table, title="T", source="S")
    assert list(fig.data[1].y) == [1375.0, 1424.0] and fig.data[1].name == "Health care and social assistance"
    assert "a count" in fig.layout.title.subtitle.text


def test_momentum_drops_categories_without_both_measures():
    points = pd.DataFrame({"category": ["Nursing", "Dental"], "vs_all": [109.7, None],
                           "projected_change_pct": [7.2, 5.7], "roles": [5, 6],
                           "employment_base_k": [4425.2, 780.5]})
    fig = demand.momentum_vs_projected(points, x="vs_all", x_title="x", title="T", source="S", note="n",
                                       average_pct=3.1)
    assert [t.name for t in fig.data] == ["Nursing"] and list(fig.data[0].x) == [109.7]


def test_history_bars_show_both_rates_per_role():
    table = pd.DataFrame({"soc_code": ["29-1141"], "title": ["Registered Nurses"],
                          "employment_annual_rate_pct": [2.6], "projected_annual_rate_pct": [0.48]})
    fig = demand.history_vs_projection(table, title="T", source="S", history_label="OEWS",
                                       projection_label="Projected")
    assert [(t.name, list(t.x)) for t in fig.data] == [("OEWS", [2.6]), ("Projected", [0.48])]


def test_lines_that_differ_only_by_snapshot_look_different():
    """Two downloads of the same series were drawn as two identical black lines."""
    data = pd.concat([rows("All postings"), rows("All postings", "tracker 2026-08-19")])
    fig = demand.postings_lines(data, y="index", y_title="Index", title="T", source="S", note="n")
    styles = [(t.line.color, t.line.dash) for t in fig.data]
    assert [t.name for t in fig.data] == ["tracker 2024-10-03", "tracker 2026-08-19"]
    assert styles[0] == ("#000000", "solid") and styles[1] != styles[0] and styles[1][1] != "solid"
