"""Every session-state key the app uses, and the small rules around them.

Session state holds UI selections and filters only; claims, reviews and sources are read from the
store on every run, so a second reviewer's change shows up at the next click.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

REVIEWER = "reviewer"  # the reviewer's name, asked once in the sidebar
ARTICLE = "article_id"  # the article open on the Review page
FILTER_KINDS = "filter_kinds"
FILTER_STATUSES = "filter_statuses"
FILTER_TEXT = "filter_text"
# Streamlit forgets a widget's value when a page without it runs; the values the reviewer chose
# live under their own keys above and the widgets under these, seeded from them.
WIDGET_PREFIX = "w_"
TABLE_GENERATION = "claim_table_generation"  # a new number gives the claim table a fresh key
LAST_PICK = "claim_table_last_pick"  # (table key, selected rows) seen at the previous run
SELECTED_CLAIM = "selected_claim"  # the claim whose evidence is open
NEXT_CLAIM_BUTTON = "next_claim"
REPAIR = "repair_workspace"
PUBLISHER_FORM = "publisher_form"  # the button of the banner of a workspace that needs repair
CONFLICT = "conflict"  # the claim a decision lost a race on, and its new state
FLASH = "flash"  # a message to show once after a rerun (decision saved, conflict...)
BULK_STATUS, BULK_SCOPE, BULK_BUTTON = "bulk_status", "bulk_scope", "bulk_mark"
ADD_WORDS, ADD_OCCURRENCE, ADD_KIND = "add_words", "add_occurrence", "add_kind"
NEW_TEXT, NEW_FILE, NEW_TITLE = "new_article_text", "new_article_file", "new_article_title"
NEW_OUTLET, NEW_PUBLISHED = "new_article_outlet", "new_article_published"
NEW_VERSION_OF = "new_article_version_of"
VERSION = "article_version"  # the version of the open article shown on the Review page
SHOW_CHANGES = "show_changes"  # the Review page shows what changed since the previous version
SOURCE_FILES = "source_files"
SEARCH_QUERY = "passage_search"
DASHBOARD_SCOPE = "dashboard_scope"
EXPORT_ARTICLE, EXPORT_FORMAT, EXPORT_BOM = "export_article", "export_format", "export_bom"
EXPORT_DOWNLOAD = "export_download"
# Widgets of one claim: a prefix and the claim's id, so a half-filled form stays with its claim.
DECISION_STATUS, DECISION_NOTE = "decision_status_", "decision_note_"
DECISION_CITE, DECISION_URL = "decision_cite_", "decision_url_"
SIGN_OFF = "sign_off_"
FIX_KIND, FIX_VALUE, FIX_SPEAKER = "fix_kind_", "fix_value_", "fix_speaker_"
FIX_SUBJECT, FIX_NOTE = "fix_subject_", "fix_note_"


def claim_key(prefix: str, claim_id: str) -> str:
    """The key of a widget that belongs to one claim."""
    return prefix + claim_id


def widget_key(key: str) -> str:
    """The key of the widget that edits the value kept under `key`."""
    return WIDGET_PREFIX + key


def kept(key: str, default: Any = None) -> Any:
    """The value kept under `key`, or `default` before the reviewer chose one."""
    return st.session_state.get(key, default)


def keep(key: str) -> None:
    """Widget callback: keep the widget's new value under `key`, beyond this page."""
    st.session_state[key] = st.session_state[widget_key(key)]


def keep_filter(key: str) -> None:
    """Widget callback for a claim filter: keep it, and clear the table's row selection."""
    keep(key)
    reset_claim_table()


def reviewer() -> str | None:
    """The reviewer's name without surrounding spaces, or None before one is given."""
    name = str(st.session_state.get(REVIEWER) or "").strip()
    return name or None


def claim_table_key() -> str:
    """The claim table's widget key; a new generation starts with no row selected."""
    return table_key_for(int(st.session_state.setdefault(TABLE_GENERATION, 0)))


def table_key_for(generation: int) -> str:
    """The claim table's widget key in a given generation."""
    return f"claim_table_{generation}"


def reset_claim_table() -> None:
    """Clear the table's row selection (filters changed, claims moved); the open claim stays."""
    st.session_state[TABLE_GENERATION] = st.session_state.get(TABLE_GENERATION, 0) + 1


def open_claim(claim_id: str | None) -> None:
    """Open a claim without a click in the table (whose row selection is cleared, so that it
    does not point at another claim)."""
    if claim_id is not None:
        st.session_state[SELECTED_CLAIM] = claim_id
        reset_claim_table()


def picked_claim(rows: list[int], visible_ids: list[str]) -> str | None:
    """The open claim, following the table's selection only when the reviewer changed it.

    A row number means a claim only in the table it was clicked in: when the table's rows move
    (a filter, a new status) the open claim stays what it was, rather than whatever claim slid
    into the selected row.
    """
    key = claim_table_key()
    current = (key, tuple(rows))
    last = st.session_state.get(LAST_PICK)
    if current != last:
        st.session_state[LAST_PICK] = current
        if rows and rows[0] < len(visible_ids):
            st.session_state[SELECTED_CLAIM] = visible_ids[rows[0]]
        elif last is not None and last[0] == key:
            st.session_state[SELECTED_CLAIM] = None
    selected = st.session_state.get(SELECTED_CLAIM)
    return str(selected) if selected else None


def flash(kind: str, message: str) -> None:
    """Keep a message for the next run: a rerun would otherwise wipe it before it is seen."""
    st.session_state[FLASH] = (kind, message)


def take_flash() -> tuple[str, str] | None:
    """The message kept for this run, once."""
    message = st.session_state.pop(FLASH, None)
    return (str(message[0]), str(message[1])) if message else None
