"""Dashboard: where the desk stands. Conflicts and self-check flags first, then claims by status,
kind and reviewer."""

from __future__ import annotations

import streamlit as st

from workbench.review import DECIDED_STATUSES
from workbench.ui import charts, state, versions_view, widgets

ALL = ""

st.title("Dashboard")
ws = widgets.open_workspace()
articles = ws.store.articles(with_text=False)
if not articles:
    widgets.empty_state(
        "No articles yet: add one on the Articles page.", "articles.py", "Add an article"
    )
    st.stop()

titles = {a.article_id: versions_view.version_label(a) for a in articles}
scope = st.selectbox(
    "Articles",
    [ALL, *titles],
    format_func=lambda a: titles.get(a, "All articles"),
    key=state.DASHBOARD_SCOPE,
)
claims = ws.store.claims(scope or None)
matches = ws.store.matches(scope or None)
small = charts.summary_input(claims, titles)

decided = int(claims["status"].isin(list(DECIDED_STATUSES)).sum())
found = charts.conflicts(claims, matches, titles)
col_claims, col_decided, col_conflicts, col_signed = st.columns(4)
col_claims.metric("Claims", len(claims))
col_decided.metric("Decided", decided, help="Any status but unreviewed and in progress")
col_conflicts.metric("Conflicts", len(found), help="Claims that a ranked passage contradicts")
col_signed.metric("Signed off", int(claims["signed_off_by"].notna().sum()))

st.subheader("Conflicts first")
if found.empty:
    st.success("No passage contradicts a claim.", icon=":material/check_circle:")
else:
    st.caption(
        "Claims a source states another figure for, on the same subject, place and period; "
        "open ones at the top."
    )
    st.dataframe(
        found.assign(status=widgets.as_status_cells(found["status"])),
        hide_index=True,
        column_config={"status": widgets.status_column()},
    )

st.subheader("Best evidence by verdict")
st.caption(
    "Each claim counted once, by its best passage: `consistent` (within the claim's bound, not "
    "the same figure) is counted apart from `agrees`."
)
st.dataframe(charts.verdict_counts(matches), hide_index=True)

st.subheader("Self-check flags")
flags = versions_view.flag_list(ws.store.flags(scope or None), claims, titles)
if flags.empty:
    st.success("The self-checks found nothing to flag.", icon=":material/check_circle:")
else:
    st.caption("Where an article contradicts itself: open ones at the top.")
    st.dataframe(
        flags.assign(status=widgets.as_status_cells(flags["status"])),
        hide_index=True,
        column_config={
            "status": widgets.status_column(),
            "message": st.column_config.TextColumn("What was checked and found", width="large"),
        },
    )

st.subheader("Claims by status")
st.altair_chart(charts.status_chart(charts.counts_by(small, "title"), "title", "Per article"))
col_kind, col_reviewer = st.columns(2)
with col_kind:
    st.subheader("By kind")
    st.altair_chart(charts.status_chart(charts.counts_by(small, "kind"), "kind", "Per kind"))
with col_reviewer:
    st.subheader("By reviewer")
    reviewers = charts.reviewer_table(small)
    if reviewers.empty:
        st.info(
            "No decisions yet: open a claim on the Review page and decide it.",
            icon=":material/info:",
        )
    else:
        st.altair_chart(
            charts.status_chart(
                charts.counts_by(small[small["status"].isin(list(DECIDED_STATUSES))], "reviewer"),
                "reviewer",
                "Decisions per reviewer",
            )
        )
        st.dataframe(reviewers, hide_index=True)
