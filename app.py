"""Entry point: `streamlit run app.py`. A short router; every page lives in pages/."""

import streamlit as st

st.set_page_config(page_title="Healthcare labour-market trends", page_icon="🩺", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon="🩺", url_path="overview", default=True),
    st.Page("pages/growing_roles.py", title="Growing roles", icon="📈", url_path="growing-roles"),
    st.Page("pages/explorer.py", title="Role explorer", icon="🔎", url_path="explorer"),
    st.Page("pages/profile.py", title="Role profile", icon="🧑‍⚕️", url_path="profile"),
    st.Page("pages/compare.py", title="Compare", icon="⚖️", url_path="compare"),
    st.Page("pages/demand_now.py", title="Demand now", icon="📊", url_path="demand-now"),
    st.Page("pages/remote_work.py", title="Remote work", icon="🏠", url_path="remote-work"),
    st.Page("pages/trends.py", title="Trends", icon="📰", url_path="trends"),
    st.Page("pages/sources.py", title="Data & sources", icon="📚", url_path="sources"),
]

st.navigation(PAGES).run()
