"""Entry point: `streamlit run app.py`. A short router; every page lives in pages/."""

import streamlit as st

st.set_page_config(page_title="Healthcare labour-market trends", page_icon="🩺", layout="wide")

PAGES = [
    st.Page("pages/growing_roles.py", title="Growing roles", icon="📈", url_path="growing-roles", default=True),
    st.Page("pages/demand_now.py", title="Demand now", icon="📰", url_path="demand-now"),
]

st.navigation(PAGES).run()
