"""Entry point: `streamlit run app.py`. A short router over views/ (not pages/, which Streamlit serves unrouted)."""

import streamlit as st

st.set_page_config(page_title="Healthcare labour-market trends", page_icon="🩺", layout="wide")

PAGES = [
    st.Page("views/overview.py", title="Overview", icon="🩺", url_path="overview", default=True),
    st.Page("views/growing_roles.py", title="Growing roles", icon="📈", url_path="growing-roles"),
    st.Page("views/explorer.py", title="Role explorer", icon="🔎", url_path="explorer"),
    st.Page("views/profile.py", title="Role profile", icon="🧑‍⚕️", url_path="profile"),
    st.Page("views/compare.py", title="Compare", icon="⚖️", url_path="compare"),
    st.Page("views/demand_now.py", title="Demand now", icon="📊", url_path="demand-now"),
    st.Page("views/remote_work.py", title="Remote work", icon="🏠", url_path="remote-work"),
    st.Page("views/postings.py", title="Postings", icon="🗂️", url_path="postings"),
    st.Page("views/trends.py", title="Trends", icon="📰", url_path="trends"),
    st.Page("views/sources.py", title="Data & sources", icon="📚", url_path="sources"),
]

st.navigation(PAGES).run()
