"""Every page under AppTest: widgets and URL parameters set, and what is shown checked."""

import pytest

from tests.conftest import figures, open_page


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_overview_states_the_finding():
    at = open_page("overview")
    assert not at.exception
    sentence = at.markdown[0].value
    assert "grow 9.5% from 2024 to 2034, 3.1 times the 3.1% for all occupations" in sentence
    assert "1.72 million jobs" in sentence and "1.92 million openings" in sentence
    titles = [f["layout"]["meta"]["title"] for f in figures(at)]
    assert titles[0] == "Nurse practitioners grow fastest of healthcare (BLS, SOC 29+31), 2024-34"
    assert titles[1] == ("Home health and personal care aides have the most openings of healthcare (BLS, SOC 29+31), "
                         "2024-34")
    assert "Healthcare means BLS healthcare groups (SOC 29 + 31); BLS projections vintage 2024-34." in sentence


def test_explorer_lens_filters_and_link_state():
    at = open_page("explorer")
    assert at.subheader[0].value.startswith("88 roles match")  # BLS healthcare groups, SOC 29 + 31
    at.toggle(key="w_hc").set_value(False).run()
    assert at.subheader[0].value.startswith("832 roles match")
    at = open_page("explorer", hc="0", groups="29-0000", edu="Master's degree", wages="100000-240000")
    assert not at.exception
    table = at.dataframe[-1].value
    assert len(table) > 0 and table["SOC"].str.startswith("29-").all()
    assert (table["Typical entry education"] == "Master's degree").all()
    assert (table["Median wage, $"] >= 100_000).all()


def test_explorer_ignores_unknown_group_with_a_note():
    at = open_page("explorer", groups="99-0000,<b>x</b>")
    assert not at.exception
    assert "Ignored unknown value(s) for “groups”" in captions(at)
    assert at.subheader[0].value.startswith("88 roles match")


@pytest.mark.parametrize(("params", "count"), [({"def": "wide"}, 104), ({"humans": "1"}, 85),
                                               ({"humans": "1", "massage": "1"}, 84),
                                               ({"def": "wide", "humans": "1"}, 101)])
def test_explorer_follows_the_healthcare_definition(params, count):
    at = open_page("explorer", **params)
    assert at.subheader[0].value.startswith(f"{count} roles match")


def test_profile_shows_outlook_across_vintages_with_code_changes():
    at = open_page("profile", soc="31-1120")
    assert not at.exception
    assert at.title[0].value == "Home health and personal care aides"
    history = figures(at)[0]
    # Horizontal bars, oldest vintage on top (a category axis counts upwards, so listed newest first)
    assert list(history["data"][0]["y"]) == ["2024-34", "2023-33", "2022-32", "2021-31", "2019-29", "2016-26",
                                             "2014-24"]
    # 2014-24 and 2016-26 are the SOC 2010 home health aides and personal care aides, summed
    assert history["data"][0]["x"][-2:] == [41.3, 30.1]
    assert history["layout"]["meta"]["title"] == ("The outlook for home health and personal care aides moved from "
                                                  "+30.1% (2014-24) to +17.0% (2024-34)")
    assert "31-1011 + 39-9021 (sum of SOC 2010 codes)" in captions(at)


def test_profile_unknown_code_falls_back_to_default():
    at = open_page("profile", soc="99-9999")
    assert not at.exception
    assert at.title[0].value == "Nurse practitioners"
    assert "Ignored an unknown value for “soc”" in captions(at)


def test_compare_two_roles_and_too_few():
    at = open_page("compare", roles="29-1171,29-1071")
    assert at.subheader[0].value == "Nurse practitioners grows fastest of these (+40.1%)"
    assert len(figures(at)) == 3
    at = open_page("compare", roles="29-1171")
    assert any("at least two roles" in i.value for i in at.info)


def test_trends_checks_claims():
    at = open_page("trends")
    assert not at.exception
    claims = at.dataframe[-2].value.set_index("Claim")
    hc = claims.loc["Healthcare occupations are projected to grow much faster than average, adding about 1.8 "
                    "million jobs over the decade"]
    assert hc["Verdict"] == "Supported" and hc["Figure"].startswith("1.72 million jobs added (+9.5%)")
    np_claim = claims.loc["Nurse practitioners are the fastest-growing occupation in the country"]
    assert np_claim["Verdict"] == "Not supported" and "#3" in np_claim["Figure"]


@pytest.mark.parametrize("page", ["overview", "explorer", "profile", "compare", "trends", "track_record", "sources"])
def test_every_page_renders_with_sources(page):
    at = open_page(page)
    assert not at.exception
    if page != "sources":
        assert any("Sources:" in t.value for t in at.text)


def test_overview_of_a_release_without_annual_openings_says_so():
    at = open_page("overview", vintage="2014-24")
    assert not at.exception
    assert any("Openings a year are not published for 2014-24" in i.value for i in at.info)
