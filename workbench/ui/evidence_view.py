"""The Review page's claim panel: the claim, its best passages, the decision form, the sign-off
and the history.

Every change is made in a widget callback whose arguments were bound when the page was drawn:
the review version passed to the backend is the one the reviewer was looking at, so a change
made by someone else in between is refused as a conflict instead of being overwritten.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from claims.evidence.sources import safe_url
from workbench import review
from workbench.errors import ConflictError
from workbench.pipeline import Workspace
from workbench.records import Review
from workbench.ui import markup, state, widgets

NO_CITATION = ""
HISTORY_COLUMNS = (
    "at",
    "who",
    "action",
    "from_status",
    "to_status",
    "note",
    "cited_source_title",
    "cited_url",
)
SAVE_LABEL = "Save decision"


def claim_header(claim: Mapping[str, Any], current: Review) -> None:
    """What the claim says, its value, and where its review stands."""
    st.subheader(f"“{markup.md(claim['text'])}”")
    facts = [f"**{claim['kind']}**"]
    for label, column in (
        ("value", "value"),
        ("unit", "unit"),
        ("speaker", "speaker"),
        ("subject", "subject"),
    ):
        if claim.get(column) not in (None, ""):
            shown = widgets.value_text(claim[column], claim["kind"] if column == "value" else None)
            facts.append(f"{label}: {markup.md(shown)}")
    st.markdown(" · ".join(facts))
    line = markup.status_badge(current.status)
    if current.reviewer:
        line += f" by {markup.escape(current.reviewer)}"
    if current.decided_at:
        line += f" on {markup.escape(markup.when(current.decided_at))}"
    if current.signed_off_by:
        line += f" · signed off by {markup.escape(current.signed_off_by)}"
    widgets.html(line)
    if current.note:
        st.caption(f"Note: {markup.md(current.note)}")


def show_conflict(claim_id: str) -> None:
    """The warning left by a decision that lost a race on this claim, with the new state."""
    conflict = st.session_state.get(state.CONFLICT)
    if not conflict or conflict.get("claim_id") != claim_id:
        return
    st.session_state.pop(state.CONFLICT, None)
    new: Review = conflict["current"]
    who = f" by {markup.md(new.reviewer)}" if new.reviewer else ""
    note = f" Their note: “{markup.md(new.note)}”." if new.note else ""
    st.warning(
        f"**This claim changed since you loaded it.** It is now **{new.status}**{who}"
        f"{', ' + new.decided_at if new.decided_at else ''}.{note} Nothing you entered was "
        "saved: look at its new state below and decide again if you still disagree.",
        icon=":material/sync_problem:",
    )


def passages(matches: pd.DataFrame) -> None:
    """The best passages, best first: agreement badge, what the source says, the words marked."""
    if matches.empty:
        st.info(
            "No passage in the sources mentions this claim. Add sources on the Sources page, "
            "or cite a URL below.",
            icon=":material/search_off:",
        )
        return
    for number, row in enumerate(widgets.records(matches), start=1):
        with st.container(border=True):
            agreement = row.get("agreement") or "unchecked"
            says = row.get("source_value")
            head = f"**{number}.** {markup.agreement_badge(agreement)} "
            head += f"*{markup.AGREEMENT_HELP.get(agreement, '')}*"
            st.markdown(head)
            reason = row.get("reason")
            if isinstance(reason, str) and reason:
                st.caption(f"Why: {markup.md(reason)}")
            title = markup.md(row.get("title") or "Untitled source")
            st.caption(f"{title}{_link(row.get('url'))} · score {float(row['score']):.2f}")
            if says not in (None, ""):
                st.markdown(f"The source says: **{markup.md(says)}**")
            widgets.html(
                markup.highlight_passage(
                    str(row["passage_text"]),
                    _int(row.get("evidence_start")),
                    _int(row.get("evidence_end")),
                )
            )


def decision_form(claim_id: str, current: Review, matches: pd.DataFrame) -> None:
    """Status, note and evidence (a passage shown above, or a URL), submitted together."""
    name = state.reviewer()
    options = list(review.allowed_statuses(current.status))
    cite_ids = [NO_CITATION, *matches["passage_id"].astype(str).tolist()]
    labels = {NO_CITATION: "No passage"}
    for number, row in enumerate(widgets.records(matches), start=1):
        labels[str(row["passage_id"])] = (
            f"Passage {number}: {markup.md(row.get('title') or 'source')}"
        )
    with st.form(f"decide_{claim_id}", border=True):
        st.markdown("**Your decision**")
        st.selectbox(
            "Status",
            options,
            index=None,
            format_func=markup.status_label,
            key=state.claim_key(state.DECISION_STATUS, claim_id),
            placeholder="Choose a status",
            help="Verified, false and misleading need evidence: a passage or a URL.",
        )
        st.text_area(
            "Note",
            key=state.claim_key(state.DECISION_NOTE, claim_id),
            height=80,
            placeholder="Why, in a sentence or two",
        )
        st.radio(
            "Cite this passage",
            cite_ids,
            format_func=labels.get,
            key=state.claim_key(state.DECISION_CITE, claim_id),
            horizontal=False,
        )
        st.text_input(
            "…or a URL", key=state.claim_key(state.DECISION_URL, claim_id), placeholder="https://"
        )
        st.form_submit_button(
            SAVE_LABEL,
            type="primary",
            disabled=name is None,
            on_click=_decide,
            args=(claim_id, current.version),
            help=None if name else "Enter your name in the sidebar first.",
        )
    if name is None:
        st.caption("Decisions are recorded under your name: enter it in the sidebar.")


def _decide(claim_id: str, version: int) -> None:
    status = st.session_state.get(state.claim_key(state.DECISION_STATUS, claim_id))
    if status is None:
        state.flash("error", "Choose a status for the claim first.")
        return
    cited = st.session_state.get(state.claim_key(state.DECISION_CITE, claim_id)) or None
    saved = _change(
        claim_id,
        lambda ws: review.decide(
            ws.store,
            claim_id,
            str(status),
            reviewer=state.reviewer(),
            expected_version=version,
            note=st.session_state.get(state.claim_key(state.DECISION_NOTE, claim_id)),
            passage_id=cited,
            url=st.session_state.get(state.claim_key(state.DECISION_URL, claim_id)),
        ),
        f"Saved: marked {markup.STATUS_LABELS[str(status)].lower()}.",
    )
    if saved:  # a fresh form for the next change; after a conflict the entries stay
        for prefix in (state.DECISION_STATUS, state.DECISION_NOTE, state.DECISION_URL):
            st.session_state.pop(state.claim_key(prefix, claim_id), None)


def sign_off(claim_id: str, current: Review) -> None:
    """The second reviewer's confirmation of the decision (two-person rule)."""
    if current.status not in review.DECIDED_STATUSES or current.signed_off_by:
        return
    name = state.reviewer()
    same = (
        name is not None
        and current.reviewer is not None
        and (name.casefold() == current.reviewer.casefold())
    )
    reason = (
        "Enter your name in the sidebar first."
        if name is None
        else "A second reviewer signs off; you made this decision."
        if same
        else f"Confirm {markup.md(current.reviewer)}'s decision as a second reviewer."
    )
    st.button(
        "Sign off this decision",
        key=state.claim_key(state.SIGN_OFF, claim_id),
        icon=":material/verified_user:",
        disabled=name is None or same,
        help=reason,
        on_click=_sign_off,
        args=(claim_id, current.version),
    )


def _sign_off(claim_id: str, version: int) -> None:
    _change(
        claim_id,
        lambda ws: review.sign_off(
            ws.store, claim_id, reviewer=state.reviewer(), expected_version=version
        ),
        "Signed off.",
    )


def history(ws: Workspace, claim_id: str) -> None:
    """Every change to the claim, oldest first."""
    rows = ws.store.history(claim_id)
    if rows.empty:
        st.caption("No changes yet.")
        return
    labels = ("When", "Who", "Action", "From", "To", "Note", "Cited source", "URL")
    config = {
        col: st.column_config.TextColumn(label)
        for col, label in zip(HISTORY_COLUMNS, labels, strict=True)
    }
    config["cited_url"] = st.column_config.LinkColumn("URL")
    urls = pd.Series([safe_url(u) if isinstance(u, str) else None for u in rows["cited_url"]],
                     index=rows.index, dtype=object)  # fmt: skip
    shown = rows[list(HISTORY_COLUMNS)].assign(
        at=[markup.when(t) for t in rows["at"]], cited_url=urls
    )
    st.dataframe(shown, hide_index=True, column_config=config)


def _change(claim_id: str, action: Callable[[Workspace], Review], success: str) -> bool:
    """Run a change in a callback: a success message, a conflict warning, or the error."""
    state.reset_claim_table()
    try:
        action(widgets.callback_workspace())
    except ConflictError as conflict:
        st.session_state[state.CONFLICT] = {"claim_id": claim_id, "current": conflict.current}
    except widgets.USER_ERRORS as exc:
        state.flash("error", f"Not saved: {markup.md(exc)}")
    else:
        state.flash("success", success)
        return True
    return False


def _link(url: Any) -> str:
    """A source's address as a Markdown link, for web and mail addresses only."""
    safe = safe_url(url) if isinstance(url, str) else None
    if safe is None:
        return ""
    return f" · [{markup.md(safe)}]({safe.replace(')', '%29')})"


def _int(value: Any) -> int | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return int(value)
