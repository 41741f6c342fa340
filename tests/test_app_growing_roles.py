"""The Growing roles page under AppTest: what it shows, its widgets, and its state in the URL."""

import pytest

from tests.conftest import figures, open_page


def run(**params):
    return open_page("growing_roles", **params)


def test_default_view_is_latest_vintage_healthcare():
    at = run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Healthcare (BLS, SOC 29+31), 2024–2034"] == "+9.5%"
    assert metrics["All occupations"] == "+3.1%"
    assert metrics["Jobs added, healthcare (BLS, SOC 29+31)"] == "1.72 million"
    assert at.subheader[0].value.startswith("Nurse practitioners leads healthcare roles (BLS, SOC 29+31)")
    bars = figures(at)[0]
    assert bars["data"][0]["y"][-1] == "Nurse practitioners"  # largest drawn on top
    assert "U.S. Bureau of Labor Statistics" in bars["layout"]["meta"]["source"]
    assert "vintage" not in at.query_params and "lens" not in at.query_params  # defaults stay out of the link


def test_switching_lens_and_measure_redraws_with_other_data():
    at = run()
    at.radio[0].set_value("all").run()
    assert at.subheader[0].value.startswith("Wind turbine service technicians leads occupations")
    at.radio[1].set_value("openings_annual_k").run()
    assert figures(at)[0]["layout"]["meta"]["title"] == "Top 10 occupations by annual openings, 2024-34"
    assert at.query_params["lens"] == "all" and at.query_params["by"] == "openings_annual_k"


def test_link_with_parameters_reopens_the_same_view():
    at = run(vintage="2019-29", lens="healthcare", by="change_k", n="15", q="nurse")
    assert not at.exception
    assert at.selectbox[0].value == "2019-29"
    title = figures(at)[0]["layout"]["meta"]["title"]
    assert title == "Top 15 healthcare roles (BLS, SOC 29+31) by projected employment change, 2019-29"
    table = at.dataframe[-1].value
    # search order, not growth order: official nurse titles first, then roles with a 'nurse' O*NET title
    assert table["Occupation"].iloc[0] == "Registered nurses"
    assert table["Occupation"].head(5).str.lower().str.contains("nurse").all()
    assert "not recorded here" in " ".join(c.value for c in at.caption)  # no bands known for 2019-29


@pytest.mark.parametrize("bad", ["2099-09", "<script>alert(1)</script>", "x" * 5000])
def test_unknown_parameters_fall_back_with_a_note(bad):
    at = run(vintage=bad)
    assert not at.exception
    assert at.selectbox[0].value == "2024-34"
    notes = " ".join(c.value for c in at.caption)
    assert "Ignored an unknown value for “vintage”" in notes
    assert "<script>" not in notes
