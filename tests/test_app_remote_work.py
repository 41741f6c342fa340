"""The Remote work page under AppTest: measures named on every chart, coverage shown, WFH Map optional."""

import json

import pytest

from analysis.remote import MEASURES
from tests.conftest import figures
from tests.conftest import open_page as open_app_page


def open_page(**params):
    return open_app_page("remote_work", **params)


def values(at, chart: int, trace: int) -> dict:
    """Label -> value of one trace of one chart (arrays decoded by tests.conftest.figures)."""
    data = figures(at)[chart]["data"][trace]
    if data.get("orientation") == "h":  # horizontal bars: label on y, value on x
        return dict(zip(data["y"], data["x"], strict=True))
    return dict(zip(data["x"], data["y"], strict=True))


def test_page_renders_with_committed_data(committed_data):
    at = open_page()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Healthcare roles that can be done at home"] == "14.3%"  # with school psychologists (19-3034)
    assert metrics["All occupations that can be done at home"] == "38.5%"
    assert metrics["Healthcare practitioners who teleworked, Dec 2023"] == "12.0%"
    assert metrics["US postings mentioning remote/hybrid, Apr 2026"].endswith("%")
    captions = " ".join(c.value for c in at.caption)
    assert "98.6% of projected 2024-34 employment has a value (99.7% for healthcare roles)" in captions
    assert "undercounts telehealth" in captions
    assert "python -m ingest wfh_map --file PATH" in captions  # the optional measure says how to add it
    assert "undercounts telehealth" in " ".join(m.value for m in at.markdown)


def test_every_chart_names_its_measure(committed_data):
    at = open_page()
    figs = figures(at)
    assert len(figs) == 4
    for fig in figs:
        text = json.dumps(fig["layout"]) + json.dumps([t.get("name") for t in fig["data"]])
        named = [m for m in MEASURES.values() if m in text]
        assert named or "Dingel & Neiman" in fig["layout"]["meta"]["title"], fig["layout"]["meta"]["title"]
        assert "Source" in fig["layout"]["meta"]["source"]
    side = figs[1]
    assert [t["name"] for t in side["data"]] == [MEASURES["teleworkable"], MEASURES["teleworked"]]
    assert values(at, 1, 1) == pytest.approx({"Total, all occupations": 0.219,
                                              "Healthcare practitioners and technical occupations": 0.12,
                                              "Healthcare support occupations": 0.089})


def test_level_and_countries_from_the_link(committed_data):
    at = open_page(remote_level="minor", countries="US,GB")
    assert not at.exception
    bars = figures(at)[0]
    assert "Healthcare minor groups" in bars["layout"]["meta"]["title"]
    assert len(bars["data"][0]["y"]) == 6  # 29-1000, 29-2000, 29-9000, 31-1100, 31-2000, 31-9000
    assert sorted(t["name"] for t in figures(at)[2]["data"]) == ["GB", "US"]
    assert at.query_params["remote_level"] == "minor"


def test_wfh_map_shown_when_the_user_supplied_it(committed_data, tmp_path):
    from ingest.runner import run
    from ingest.sources import wfh_map
    from tests.test_remote_wfh_map import workbook_2024

    workbook_2024(tmp_path / "wfh.xlsx")
    [result] = run({"wfh_map": wfh_map}, offline=True, echo=lambda s: None, user_file=tmp_path / "wfh.xlsx")
    assert result.ok
    at = open_page()
    assert not at.exception
    side = figures(at)[1]
    assert [t["name"] for t in side["data"]][-1] == MEASURES["advertised"]
    # The fixture has one healthcare group, 29-1000 at 3.84% both months: the 29 bar is exactly that.
    wfh = values(at, 1, len(side["data"]) - 1)
    assert wfh["Healthcare practitioners and technical occupations"] == pytest.approx(0.0384)


def test_largest_roles_order_shows_the_zeros_too(committed_data):
    at = open_page(remote_order="employment", remote_n="15")
    assert not at.exception
    bars = values(at, 0, 0)
    # The largest healthcare roles are clinical: registered nurses, aides, nursing assistants all score 0.
    assert bars["Registered nurses"] == 0.0
    assert bars["Home health and personal care aides"] == 0.0
    assert len(bars) == 15


def test_every_major_group_side_by_side(committed_data):
    at = open_page(remote_groups="all")
    assert not at.exception
    side = figures(at)[1]
    assert "SOC major groups" in side["layout"]["meta"]["title"]
    cps = values(at, 1, 1)
    assert len(cps) == 23  # 22 SOC major groups + all occupations, the CPS granularity
    assert cps["Computer and mathematical occupations"] == pytest.approx(0.66)
