"""Reviewers correcting the extractor: fix a claim's kind, value, speaker or subject, or add a
claim it missed. Both land in the history and the export, so misses can be counted."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import streamlit as st

from claims.schema import KINDS
from workbench import pipeline, review
from workbench.errors import ConflictError
from workbench.records import Review
from workbench.ui import markup, state, widgets

FIELDS = ("kind", "value", "speaker", "subject")


def correction_form(claim: Mapping[str, Any], current: Review) -> None:
    """Change what the extractor read; only the fields that differ are recorded."""
    claim_id = str(claim["claim_id"])
    name = state.reviewer()
    with (
        st.expander("Correct this claim", icon=":material/edit:"),
        st.form(f"correct_{claim_id}", border=False),
    ):
        kind_index = KINDS.index(claim["kind"]) if claim["kind"] in KINDS else 0
        st.selectbox("Kind", KINDS, index=kind_index, key=state.claim_key(state.FIX_KIND, claim_id))
        st.text_input(
            "Value",
            value=value_text(claim.get("value")),
            key=state.claim_key(state.FIX_VALUE, claim_id),
            help="A number, a date, [low, high] for a range, or text.",
        )
        st.text_input(
            "Speaker",
            value=claim.get("speaker") or "",
            key=state.claim_key(state.FIX_SPEAKER, claim_id),
        )
        st.text_input(
            "Subject",
            value=claim.get("subject") or "",
            key=state.claim_key(state.FIX_SUBJECT, claim_id),
        )
        st.text_input(
            "Note", key=state.claim_key(state.FIX_NOTE, claim_id), placeholder="What was wrong"
        )
        st.form_submit_button(
            "Save correction",
            disabled=name is None,
            on_click=_correct,
            args=(dict(claim), current.version),
            help=None if name else "Enter your name in the sidebar first.",
        )


def _correct(claim: dict[str, Any], version: int) -> None:
    claim_id = str(claim["claim_id"])
    typed = {
        "kind": st.session_state.get(state.claim_key(state.FIX_KIND, claim_id)),
        "value": review.parse_value(
            st.session_state.get(state.claim_key(state.FIX_VALUE, claim_id))
        ),
        "speaker": _text(st.session_state.get(state.claim_key(state.FIX_SPEAKER, claim_id))),
        "subject": _text(st.session_state.get(state.claim_key(state.FIX_SUBJECT, claim_id))),
    }
    changes = {k: v for k, v in typed.items() if v != claim.get(k)}
    if not changes:
        state.flash("warning", "Nothing to correct: change a field first.")
        return
    try:
        pipeline.correct_claim(
            widgets.callback_workspace(),
            claim_id,
            changes,
            reviewer=state.reviewer(),
            expected_version=version,
            note=st.session_state.get(state.claim_key(state.FIX_NOTE, claim_id)),
        )
    except ConflictError as conflict:
        st.session_state[state.CONFLICT] = {"claim_id": claim_id, "current": conflict.current}
    except widgets.USER_ERRORS as exc:
        state.flash("error", f"Not corrected: {markup.md(exc)}")
    else:
        state.flash("success", f"Corrected {', '.join(changes)}.")
    state.reset_claim_table()


def add_claim_form(article_id: str) -> None:
    """A claim the extractor missed: its exact words, which occurrence, and its kind."""
    name = state.reviewer()
    with (
        st.expander("Add a claim the extractor missed", icon=":material/add_circle:"),
        st.form(f"add_claim_{article_id}", border=False, clear_on_submit=True),
    ):
        st.text_input(
            "Exact words",
            key=state.ADD_WORDS,
            help="Copy them from the article, with their punctuation.",
        )
        col_occurrence, col_kind = st.columns(2)
        col_occurrence.number_input(
            "Occurrence",
            min_value=1,
            value=1,
            step=1,
            key=state.ADD_OCCURRENCE,
            help="When the words appear more than once: 1 for the first, 2 for the second…",
        )
        col_kind.selectbox("Kind", KINDS, key=state.ADD_KIND)
        st.form_submit_button(
            "Add claim",
            disabled=name is None,
            on_click=_add_claim,
            args=(article_id,),
            help=None if name else "Enter your name in the sidebar first.",
        )


def _add_claim(article_id: str) -> None:
    words = str(st.session_state.get(state.ADD_WORDS) or "")
    added = widgets.report_errors(
        lambda: pipeline.add_missed_claim(
            widgets.callback_workspace(),
            article_id,
            words,
            kind=str(st.session_state.get(state.ADD_KIND)),
            reviewer=state.reviewer(),
            occurrence=int(st.session_state.get(state.ADD_OCCURRENCE) or 1),
        ),
        prefix="Not added: ",
    )
    if added is not None:
        st.session_state[state.SELECTED_CLAIM] = added.claim_id
        state.reset_claim_table()
        state.flash("success", f"Added the claim “{markup.md(words)}”.")


def value_text(value: Any) -> str:
    """A claim value as the reviewer types it: numbers plain, ranges as JSON."""
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _text(value: Any) -> str | None:
    clean = str(value or "").strip()
    return clean or None
