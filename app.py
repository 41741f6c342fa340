"""Entry point: `streamlit run app.py`. A short router over views/ (not pages/, which Streamlit serves unrouted)."""

import streamlit as st

from dashboard.layout import new_page
from dashboard.pages import PAGES

st.set_page_config(page_title="Healthcare labour-market trends", page_icon="🩺", layout="wide")

sections: dict[str, list] = {}
for page in PAGES:
    sections.setdefault(page.section, []).append(
        st.Page(page.script, title=page.title, icon=page.icon, url_path=page.url_path, default=page.default))
page = st.navigation(sections)
new_page()  # the page's charts are collected afresh for 'Download this page'
page.run()
