"""Review: the article with its claims highlighted, the claim table, and the open claim's evidence
and decision."""

from __future__ import annotations

import streamlit as st

from workbench.ui import (
    claims_view,
    corrections_view,
    evidence_view,
    markup,
    state,
    versions_view,
    widgets,
)

st.title("Review")
ws = widgets.open_workspace()
widgets.show_flash()

articles = ws.store.articles(with_text=False)
if not articles:
    widgets.empty_state(
        "No articles yet: add one on the Articles page.", "articles.py", "Add an article"
    )
    st.stop()

# One entry per article, its newest draft; older drafts are a click away in the switcher.
st.session_state[state.ARTICLE] = versions_view.newest_of(articles, state.kept(state.ARTICLE))
newest = versions_view.latest_versions(articles)
article_id = widgets.article_picker(newest)
article = ws.store.article(
    versions_view.version_switcher(ws.store, next(a for a in newest if a.article_id == article_id))
)
flags = ws.store.flags(article.article_id)
claims = versions_view.with_marks(
    widgets.article_claims(ws, article), flags, ws.store.revisions(article.article_id)
)
flagged = f"{flags['claim_id'].nunique()} flagged by the self-checks" if len(flags) else None
facts = (article.outlet, article.published, f"{len(claims)} claims", flagged)
st.caption(" · ".join(markup.md(x) for x in facts if x))
versions_view.show_changes(ws.store, article, claims)

# The table is drawn first: the article outlines the claim selected in it.
col_article, col_claims = st.columns([5, 6], gap="medium")
with col_claims:
    selected = None
    if claims.empty:
        st.info(
            "No checkable claim was found in this article. If it has one, add it below.",
            icon=":material/info:",
        )
    else:
        shown = claims_view.filters(claims)
        selected = claims_view.claim_table(shown, len(claims))
        claims_view.next_to_check(shown, selected)
        claims_view.bulk_marking(shown, selected)
    corrections_view.add_claim_form(article.article_id)
with col_article:
    claims_view.show_article(article, claims, selected)

st.divider()
if selected is None or selected not in set(claims["claim_id"]):
    if not claims.empty:
        st.info(
            "Select a claim in the table to see its evidence and record a decision.",
            icon=":material/touch_app:",
        )
    st.stop()

claim = ws.store.claim(selected)
current = ws.store.review(selected)
matches = ws.store.matches(claim_id=selected)
evidence_view.show_conflict(selected)
evidence_view.claim_header(claim, current)
versions_view.show_flags(flags, selected)

col_evidence, col_decision = st.columns([3, 2], gap="medium")
with col_evidence:
    st.markdown("#### Evidence in the sources")
    evidence_view.passages(matches)
with col_decision:
    evidence_view.decision_form(selected, current, matches)
    evidence_view.sign_off(selected, current)
    corrections_view.correction_form(claim, current)

st.markdown("#### History")
evidence_view.history(ws, selected)
