"""Widgets bound to the URL (dashboard.state): a link that changes a page's own parameter changes the view,
a second change is never lost, a bad value falls back with a note, a sticky choice follows the user."""

from tests.conftest import open_page


def test_a_link_to_the_same_page_changes_the_role():
    at = open_page("profile", soc="29-1141")
    assert at.selectbox(key="w_soc").value == "29-1141"
    # What a "similar role" link does: the same page, a new ?soc=, the widget's own state still holding the old one.
    at.query_params["soc"] = "29-1051"
    at.run()
    assert at.selectbox(key="w_soc").value == "29-1051"
    assert at.title[0].value == "Pharmacists"
    assert str(at.query_params["soc"]).strip("[]'") == "29-1051"


def test_widget_changes_are_written_back_and_a_second_change_sticks():
    at = open_page("growing_roles")
    at.radio(key="w_lens").set_value("all").run()
    assert str(at.query_params["lens"]).strip("[]'") == "all"
    at.radio(key="w_lens").set_value("healthcare").run()
    assert at.radio(key="w_lens").value == "healthcare"
    assert "lens" not in at.query_params  # the default stays out of the link
    at.selectbox(key="w_n").set_value(20).run()
    assert at.selectbox(key="w_n").value == 20 and at.radio(key="w_lens").value == "healthcare"


def test_unknown_value_falls_back_with_a_note():
    at = open_page("profile", soc="99-9999")
    assert at.selectbox(key="w_soc").value == "29-1171"
    assert any("Ignored an unknown value for “soc”" in c.value for c in at.caption)


def test_vintage_chosen_once_follows_to_another_page():
    at = open_page("overview", vintage="2019-29")
    assert at.selectbox(key="w_vintage").value == "2019-29"
    at.switch_page("views/compare.py").run()  # the navigation drops the query string; the session keeps it
    assert at.selectbox(key="w_vintage").value == "2019-29"
