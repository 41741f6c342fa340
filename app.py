"""Entry point: `streamlit run app.py`. A short router over views/ (not pages/, which Streamlit serves unrouted)."""

import streamlit as st

from dashboard.layout import new_page
from dashboard.pages import PAGES, default_page

st.set_page_config(page_title="Healthcare labour-market trends", page_icon="🩺", layout="wide")


def home() -> None:
    # Streamlit serves its default page only at "/", so "/overview" said "Page not found". "/" is a hidden
    # page that opens Overview at its own path, with the link's parameters; every page then has one address.
    st.switch_page(default_page().script, query_params=st.query_params.to_dict())


sections: dict[str, list] = {}
for page in PAGES:
    sections.setdefault(page.section, []).append(
        st.Page(page.script, title=page.title, icon=page.icon, url_path=page.url_path))
sections[default_page().section].insert(0, st.Page(home, title="Home", url_path="home", default=True,
                                                   visibility="hidden"))
page = st.navigation(sections)
new_page()  # the page's charts are collected afresh for 'Download this page'
page.run()
