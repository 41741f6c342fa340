"""Entry point: `streamlit run app.py`. A short router; every page lives in pages/."""

import streamlit as st

st.set_page_config(page_title="Healthcare labour-market trends", page_icon="🩺", layout="wide")

PAGES = [
    st.Page("pages/growing_roles.py", title="Growing roles", icon="📈", url_path="growing-roles", default=True),
    st.Page("pages/remote_work.py", title="Remote work", icon="🏠", url_path="remote-work"),
]

st.navigation(PAGES).run()
