"""Sources: upload the newsroom's documents, see what is indexed, and search the passages."""

from __future__ import annotations

import streamlit as st

from workbench import pipeline
from workbench.ui import markup, state, widgets

SOURCE_TYPES = ["txt", "md", "html", "htm", "docx", "pdf", "csv"]

st.title("Sources")
ws = widgets.open_workspace()
widgets.show_flash()

with st.form("add_sources", clear_on_submit=True):
    st.markdown("**Add sources**")
    st.caption(
        "Press releases, transcripts, statistics tables, earlier stories. Each file is split "
        "into passages and indexed; then the claims of every article are matched again."
    )
    files = st.file_uploader(
        "Source files", type=SOURCE_TYPES, accept_multiple_files=True, key=state.SOURCE_FILES
    )
    submitted = st.form_submit_button("Add and match", type="primary", icon=":material/upload:")

if submitted:
    if not files:
        st.warning("Choose one or more files first.")
    else:
        bar = st.progress(0.0, text="Reading sources…")

        def report(done: int, total: int, what: str) -> None:
            bar.progress(done / total if total else 1.0, text=f"{what}: {done} of {total}")

        with widgets.user_errors("Nothing was added: "):
            added = pipeline.add_sources(ws, files, progress=report)
            bar.progress(1.0, text="Done")
            names = ", ".join(markup.md(s.title) for s in added.sources)
            st.toast(f"Added {len(added.sources)} source(s)", icon=":material/check_circle:")
            st.success(
                f"Added {len(added.sources)} source(s) ({names}): {added.passages} passages, "
                f"{added.claims_matched} claims matched again."
            )

st.subheader("Sources in this workspace")
sources = ws.store.sources()
if sources.empty:
    st.info("No sources yet: upload some with the form above.", icon=":material/info:")
else:
    st.dataframe(
        sources[["title", "publisher", "date", "file_name", "format", "passages", "url"]],
        hide_index=True,
        column_config={
            "title": st.column_config.TextColumn("Title", width="large"),
            "file_name": st.column_config.TextColumn("File"),
            "passages": st.column_config.NumberColumn("Passages"),
            "url": st.column_config.LinkColumn("URL"),
        },
    )

st.subheader("Search the passages")
query = st.text_input(
    "Words to look for", placeholder="e.g. external trade China", key=state.SEARCH_QUERY
)
if query.strip():
    hits = widgets.passage_index(str(ws.index_folder)).search(query, limit=10)
    if hits.empty:
        st.info("No passage has these words.", icon=":material/search_off:")
    for row in widgets.records(hits):
        with st.container(border=True):
            title = markup.md(row.get("title") or "Untitled source")
            st.caption(f"{title} · BM25 {float(row['bm25']):.2f}")
            widgets.html(markup.highlight_words(str(row["text"]), query))
