"""Review: the article with its claims highlighted, the claim table, and the open claim's evidence
and decision."""

from __future__ import annotations

import streamlit as st

from workbench.ui import claims_view, corrections_view, evidence_view, markup, widgets

st.title("Review")
ws = widgets.open_workspace()
widgets.show_flash()

articles = ws.store.articles()
if not articles:
    widgets.empty_state(
        "No articles yet: add one on the Articles page.", "articles.py", "Add an article"
    )
    st.stop()

article_id = widgets.article_picker(articles)
article = next(a for a in articles if a.article_id == article_id)
claims = ws.store.claims(article.article_id)
facts = (article.outlet, article.published, f"{len(claims)} claims")
st.caption(" · ".join(markup.md(x) for x in facts if x))

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
