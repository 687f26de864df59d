"""Export: a preview of the editors' table and the downloads, byte for byte what
`workbench export` writes."""

from __future__ import annotations

import streamlit as st

from workbench import export, publisher
from workbench.ui import state, versions_view, widgets

ALL = ""
FORMAT_LABELS = {
    "csv": "CSV (for Excel and the editors)",
    "jsonl": "JSON lines (for scripts)",
    "claimreview": "ClaimReview JSON-LD (decided claims, for publishing)",
}

st.title("Export")
ws = widgets.open_workspace()
articles = ws.store.articles(with_text=False)
if not articles:
    widgets.empty_state(
        "No articles yet: add one on the Articles page.", "articles.py", "Add an article"
    )
    st.stop()

titles = {a.article_id: versions_view.version_label(a) for a in articles}
col_article, col_format = st.columns([3, 2])
article_id = (
    col_article.selectbox(
        "Articles",
        [ALL, *titles],
        format_func=lambda a: titles.get(a, "All articles"),
        key=state.EXPORT_ARTICLE,
    )
    or None
)
fmt = col_format.radio(
    "Format", export.EXPORT_FORMATS, format_func=FORMAT_LABELS.get, key=state.EXPORT_FORMAT
)
bom = False
if fmt == "csv":
    bom = st.checkbox(
        "Start with a byte-order mark (Excel on Windows reads UTF-8 then)", key=state.EXPORT_BOM
    )

if fmt == "claimreview":
    settings = ws.store.settings()
    complete = all(settings.get(k) for k in publisher.SETTINGS)
    heading = "Publisher (ClaimReview's author and the address of each review)"
    with st.expander(heading, expanded=not complete), st.form(state.PUBLISHER_FORM):
        name = st.text_input("Organisation", settings.get(publisher.NAME, ""))
        site = st.text_input("Site", settings.get(publisher.SITE_URL, ""),
                             placeholder="https://factcheck.example.org")  # fmt: skip
        review_url = st.text_input(
            "Address of a published review", settings.get(publisher.REVIEW_URL, ""),
            placeholder="https://factcheck.example.org/checks/{claim_id}",
            help="Where the review of one claim is published; {claim_id} is its id.",
        )  # fmt: skip
        if st.form_submit_button("Save publisher", icon=":material/save:"):
            with widgets.user_errors("Not saved: "):
                publisher.set_publisher(
                    ws.store, name=name, site_url=site, review_url=review_url,
                    who=state.reviewer(),
                )  # fmt: skip
                st.success("Saved.")

with widgets.user_errors("Cannot export: "):
    data = export.export_bytes(ws, fmt, article_id=article_id, bom=bom)
    st.download_button(
        f"Download {export.export_file_name(fmt, article_id)}",
        data=data,
        file_name=export.export_file_name(fmt, article_id),
        mime=export.MIME_TYPES[fmt],
        type="primary",
        icon=":material/download:",
        key=state.EXPORT_DOWNLOAD,
    )
    st.caption(
        "One row per claim, in article order: the claim, its status, reviewer, note, cited "
        "source, agreement, sign-off, corrections and the number of history entries. Cells "
        "that a spreadsheet would run as a formula are made inert."
    )
    st.subheader("Preview")
    rows = export.export_rows(ws, article_id)
    # Every cell as the CSV writes it: ranges as JSON, missing values empty.
    st.dataframe(rows.map(export.cell_text), hide_index=True)
