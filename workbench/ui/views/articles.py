"""Articles: add an article (pasted or uploaded) and see how far the review of each has got."""

from __future__ import annotations

import streamlit as st

from workbench import pipeline, versions
from workbench.ui import markup, state, versions_view, widgets

ARTICLE_TYPES = ["txt", "md", "html", "htm", "docx"]

st.title("Articles")
ws = widgets.open_workspace()
widgets.show_flash()

latest = versions_view.latest_versions(ws.store.articles(with_text=False))
with st.form("add_article", clear_on_submit=False):
    st.markdown("**Add an article**")
    st.caption(
        "Paste the text or upload the file. Its claims are extracted, checked against the rest "
        "of the article and matched against the sources right away; the publication date "
        "resolves phrases like “next week”."
    )
    version_of = st.selectbox(
        "New version of",
        [None, *(a.article_id for a in latest)],
        format_func=lambda i: (
            "— a new article —"
            if i is None
            else versions_view.version_label(next(a for a in latest if a.article_id == i))
        ),
        key=state.NEW_VERSION_OF,
        help="For a revised draft of an article already here: its unchanged claims keep their "
        "decisions, changed claims are to check again and say what changed. Title, outlet and "
        "date default to the previous version's.",
    )
    pasted = st.text_area(
        "Article text", height=180, placeholder="Paste the article here…", key=state.NEW_TEXT
    )
    upload = st.file_uploader(
        "…or upload a file",
        type=ARTICLE_TYPES,
        key=state.NEW_FILE,
        help="Plain text, Markdown, HTML or Word (.docx).",
    )
    col_title, col_outlet, col_date = st.columns([3, 2, 1])
    title = col_title.text_input(
        "Title", placeholder="From the file name when left empty", key=state.NEW_TITLE
    )
    outlet = col_outlet.text_input(
        "Outlet", placeholder="e.g. The Associated Press", key=state.NEW_OUTLET
    )
    published = col_date.date_input(
        "Published", value=None, format="YYYY-MM-DD", key=state.NEW_PUBLISHED
    )
    submitted = st.form_submit_button("Add article", type="primary", icon=":material/add:")

if submitted:
    when = published.isoformat() if published else None
    with st.spinner("Extracting and matching claims…"), widgets.user_errors("Not added: "):
        if upload is not None:
            article = pipeline.add_article_file(
                ws,
                upload,
                title=title or None,
                outlet=outlet,
                published=when,
                added_by=state.reviewer(),
                version_of=version_of,
            )
        elif pasted.strip():
            article = pipeline.add_article(
                ws,
                pasted,
                title=title or None,
                outlet=outlet,
                published=when,
                added_by=state.reviewer(),
                version_of=version_of,
            )
        else:
            st.warning("Paste the article's text or choose its file first.")
            st.stop()
        st.session_state[state.ARTICLE] = article.article_id
        claims = len(ws.store.claims(article.article_id))
        name = markup.md(article.title)
        st.toast(f"Added “{name}”", icon=":material/check_circle:")
        st.success(f"Added “{name}” with {claims} claims. Review it on the Review page.")
        if article.version_of:
            st.info(
                versions.revision_summary(ws.store.revisions(article.article_id), article.version),
                icon=":material/difference:",
            )
        widgets.page_link("review.py", "Review it now", icon=":material/arrow_forward:")

st.subheader("Articles in this workspace")
progress = pipeline.status(ws)
if progress.empty:
    st.info("No articles yet: add one with the form above.", icon=":material/info:")
else:
    st.dataframe(
        widgets.status_counts_frame(progress),
        hide_index=True,
        column_config=widgets.status_column_config(),
    )
    st.caption("Decided: the share of claims with a status other than unreviewed or in progress.")
