"""The Demand now page under AppTest: charts label index vs count and snapshots, numbers equal the files."""

import pytest

from tests.conftest import figures, open_page


def run(**params):
    return open_page("demand_now", **params)


def trace(fig: dict, name: str) -> dict:
    return next(t for t in fig["data"] if t["name"] == name)


@pytest.fixture(scope="module")
def default():
    return run()


def test_default_view_renders_every_chart(default):
    assert not default.exception
    titles = [f["layout"]["meta"]["title"] for f in figures(default)]
    assert titles == [
        "Job postings by category: index as published",
        "Posting momentum on 27 Sep 2024 against projected growth 2024-34",
        "All postings: every snapshot as its own line",
        "Job openings since 2015: health care against all",
        "Health care and social assistance: share of all job openings",
        "Nursing roles: employment growth May 2021–May 2025 and projected 2024-34",
    ]


def test_postings_chart_says_index_not_count_and_names_its_snapshot(default):
    fig = figures(default)[0]
    subtitle = fig["layout"]["meta"]["subtitle"]
    assert "not a count" in subtitle and "Snapshot tracker 2024-10-03" in subtitle
    assert {t["type"] for t in fig["data"]} == {"scattergl"}
    nursing = trace(fig, "Nursing")
    ys = nursing["y"]
    assert (nursing["x"][0][:10], ys[0]) == ("2020-02-01", 100.0)
    assert (nursing["x"][-1][:10], ys[-1]) == ("2024-09-27", 123.53)  # the file's last value, unchanged
    assert len(ys) == 244  # weekly points, not 1,701 days
    assert len(default.get("plotly_chart")[0].proto.spec) < 120_000  # light in the browser


def test_snapshots_are_separate_lines(default):
    fig = figures(default)[2]
    assert [t["name"] for t in fig["data"]] == ["tracker 2024-10-03", "tracker 2026-08-19"]
    assert "not a count" in fig["layout"]["meta"]["subtitle"]


def test_openings_are_labelled_as_a_count_with_the_files_numbers(default):
    metrics = {m.label: m.value for m in default.metric}
    assert metrics["Health care and social assistance, Oct 2025"] == "1,424k"
    assert metrics["Total nonfarm, Oct 2025"] == "7,670k"
    fig = figures(default)[3]
    assert "a count" in fig["layout"]["meta"]["subtitle"]
    assert trace(fig, "Health care and social assistance")["y"][-1] == 1424


def test_history_table_carries_oews_values(default):
    table = default.dataframe[-1].value.set_index("SOC")
    assert table.loc["29-1141", "Employment May 2021"] == 3047530
    assert table.loc["29-1141", "Employment May 2025"] == 3379720
    assert table.loc["29-1141", "Projected change, %"] == 4.9


def test_a_link_reopens_a_view_against_all_postings_smoothed():
    at = run(view="vs_all", smooth="28", cats="Nursing|Dental", start="2022-01-01")
    assert not at.exception
    fig = figures(at)[0]
    assert fig["layout"]["meta"]["title"] == "Job postings by category: against all postings"
    assert sorted(t["name"] for t in fig["data"]) == ["Dental", "Nursing"]
    assert trace(fig, "Nursing")["x"][0][:10] >= "2022-01-01"
    assert at.query_params["cats"] == "Nursing|Dental" and at.query_params["smooth"] == "28"


def test_a_role_link_picks_its_category():
    at = run(soc="29-1292", pair="Medical Technician", **{"from": "2019"})
    assert not at.exception
    assert [t["name"] for t in figures(at)[0]["data"]] == ["All postings", "Dental"]
    assert figures(at)[5]["layout"]["meta"]["title"].startswith("Dental roles: employment growth May 2019")
    portal = [t["name"] for t in figures(at)[2]["data"]]
    assert portal == ["portal 2025-12-20 (unstated, probably NSA)", "tracker 2024-10-03"]


def test_unknown_parameters_fall_back_with_a_note():
    at = run(view="<script>", start="not-a-date", cats="Nope")
    assert not at.exception
    assert figures(at)[0]["layout"]["meta"]["title"] == "Job postings by category: index as published"
    assert "Ignored an unknown value for “view”" in " ".join(c.value for c in at.caption)
