"""The reviewers' workbench: `streamlit run workbench/ui/app.py` (or `workbench ui`).

This file is the frame around every page: the page set-up, the navigation and the sidebar where
the reviewer gives their name once. The workspace comes from $WORKBENCH_WORKSPACE. A server
started without an address listens on every interface: the app then shows nothing but how to
start it on this machine only (`workbench ui` does), or on an address chosen on purpose.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from workbench.ui import widgets

PAGES_DIR = Path(__file__).resolve().parent / "views"

st.set_page_config(page_title="Claim workbench", page_icon=":material/fact_check:", layout="wide")
widgets.refuse_all_interfaces()

pages = [
    st.Page(PAGES_DIR / "review.py", title="Review", icon=":material/rate_review:", default=True),
    st.Page(PAGES_DIR / "articles.py", title="Articles", icon=":material/article:"),
    st.Page(PAGES_DIR / "sources.py", title="Sources", icon=":material/library_books:"),
    st.Page(PAGES_DIR / "dashboard.py", title="Dashboard", icon=":material/monitoring:"),
    st.Page(PAGES_DIR / "export.py", title="Export", icon=":material/download:"),
]
page = st.navigation(pages)
widgets.sidebar()
page.run()
