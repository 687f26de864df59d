"""The Review page's left half: the article with its claims highlighted, the claim table, its
filters and the quick bulk marking."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from claims.schema import KINDS
from workbench import review
from workbench.records import Article
from workbench.ui import markup, state, widgets

TABLE_COLUMNS = ("status", "kind", "text", "value", "speaker", "reviewer", "signed_off_by")


@st.cache_data(show_spinner=False, max_entries=64)
def article_html(key: str, _text: str, _spans: tuple[tuple[int, int, str, str, bool], ...]) -> str:
    """The article escaped, every claim marked in its status colour; cached by `key`, a digest
    of the text and the spans (Streamlit's own hashing of a thousand spans costs more than the
    highlighting)."""
    return markup.highlight(_text, [markup.Span(*span) for span in _spans])


def show_article(article: Article, claims: pd.DataFrame, selected: str | None) -> None:
    """The article text, each claim highlighted in its status colour (the open one outlined),
    with the legend above."""
    widgets.status_legend()
    spans = tuple(
        (int(start), int(end), markup.STATUS_COLORS.get(status, "#fde68a"), f"{kind}: {status}",
         claim_id == selected)
        for claim_id, start, end, status, kind in zip(
            claims["claim_id"], claims["start"], claims["end"], claims["status"], claims["kind"],
            strict=True,
        )
    )  # fmt: skip
    with st.container(height=560, border=True):
        digest = hashlib.blake2b(article.text.encode(), digest_size=16)
        digest.update(repr(spans).encode())
        widgets.html(article_html(digest.hexdigest(), article.text, spans))


def filters(claims: pd.DataFrame) -> pd.DataFrame:
    """Filter widgets for kind, status and text; the claims that pass them."""
    kinds = [k for k in KINDS if k in set(claims["kind"])]
    col_kind, col_status, col_text = st.columns([1, 1, 1])
    chosen_kinds = col_kind.multiselect(
        "Kind",
        kinds,
        default=[k for k in state.kept(state.FILTER_KINDS, []) if k in kinds],
        key=state.widget_key(state.FILTER_KINDS),
        on_change=state.keep_filter,
        args=(state.FILTER_KINDS,),
        placeholder="All kinds",
    )
    chosen_statuses = col_status.multiselect(
        "Status",
        review.STATUSES,
        default=state.kept(state.FILTER_STATUSES, []),
        format_func=markup.status_label,
        key=state.widget_key(state.FILTER_STATUSES),
        on_change=state.keep_filter,
        args=(state.FILTER_STATUSES,),
        placeholder="All statuses",
    )
    words = col_text.text_input(
        "Text contains",
        value=state.kept(state.FILTER_TEXT, ""),
        key=state.widget_key(state.FILTER_TEXT),
        on_change=state.keep_filter,
        args=(state.FILTER_TEXT,),
        placeholder="e.g. percent",
    )
    return filtered(claims, chosen_kinds, chosen_statuses, words)


def filtered(
    claims: pd.DataFrame, kinds: Sequence[str], statuses: Sequence[str], words: str
) -> pd.DataFrame:
    """The claims of the chosen kinds and statuses whose text or sentence holds the words."""
    keep = pd.Series(True, index=claims.index)
    if kinds:
        keep &= claims["kind"].isin(list(kinds))
    if statuses:
        keep &= claims["status"].isin(list(statuses))
    needle = words.strip().casefold()
    if needle:
        keep &= claims["text"].str.casefold().str.contains(needle, regex=False)
    return claims[keep]


def claim_table(shown: pd.DataFrame, total: int) -> str | None:
    """The claim table with single-row selection; the id of the claim whose evidence is open."""
    st.caption(f"{len(shown)} of {total} claims. Select a row to see its evidence and decide.")
    # The self-checks' flags and the changes since the last version go right after the claim,
    # where a narrow table still shows them.
    marks = [c for c in ("revision", "flags") if c in shown and shown[c].astype(bool).any()]
    columns = [*TABLE_COLUMNS[:3], *marks, *TABLE_COLUMNS[3:]]
    view = shown[columns].copy()
    for column in ("speaker", "reviewer", "signed_off_by"):
        view[column] = view[column].where(view[column].notna(), "")
    view["status"] = widgets.as_status_cells(view["status"])
    view["value"] = [
        widgets.value_text(v, k) for v, k in zip(view["value"], view["kind"], strict=True)
    ]
    event = st.dataframe(
        view,
        key=state.claim_table_key(),
        on_select="rerun",
        selection_mode="single-row",
        hide_index=True,
        height=min(420, 38 + 35 * max(len(view), 1)),
        column_config={
            "status": widgets.status_column(),
            "kind": st.column_config.TextColumn("Kind"),
            "text": st.column_config.TextColumn("Claim", width="medium"),
            "value": st.column_config.TextColumn("Value"),
            "speaker": st.column_config.TextColumn("Speaker"),
            "reviewer": st.column_config.TextColumn("Reviewer"),
            "signed_off_by": st.column_config.TextColumn("Signed off by"),
            "flags": st.column_config.TextColumn(
                "Self-checks", help="What the self-checks flagged; open the claim for details"
            ),
            "revision": st.column_config.TextColumn(
                "Since last version", help="Changed or new since the previous version"
            ),
        },
    )
    return state.picked_claim(list(event.selection.rows), shown["claim_id"].tolist())


NEXT_LABEL = "Next claim to check"


def next_to_check(shown: pd.DataFrame, selected: str | None) -> None:
    """A button that opens the next unreviewed claim of the table after the open one, in the
    article's order: on deadline a reviewer goes down the list without hunting for the row."""
    target = next_unreviewed(shown["claim_id"].tolist(), shown["status"].tolist(), selected)
    st.button(
        NEXT_LABEL,
        icon=":material/skip_next:",
        key=state.NEXT_CLAIM_BUTTON,
        disabled=target is None,
        on_click=state.open_claim,
        args=(target,),
        help="Opens the next unreviewed claim in the table, after the open one"
        if target
        else "No unreviewed claim left in the table (filters apply).",
    )


def next_unreviewed(
    ids: Sequence[str], statuses: Sequence[str], selected: str | None
) -> str | None:
    """The first unreviewed claim after `selected` in the article's order, wrapping round to
    the top; None when every claim shown has been looked at."""
    start = ids.index(selected) + 1 if selected in ids else 0
    order = [*range(start, len(ids)), *range(start)]
    return next((ids[i] for i in order if statuses[i] == "unreviewed"), None)


def bulk_marking(shown: pd.DataFrame, selected: str | None) -> None:
    """Mark the claims shown (or only the selected one) with a status that needs no evidence."""
    with st.expander("Quick marking", icon=":material/done_all:"):
        st.caption(
            "For statuses that need no evidence. Verdicts already given are left alone; "
            "verified, false and misleading need a decision of their own."
        )
        col_status, col_scope = st.columns(2)
        col_status.selectbox(
            "Mark as", review.BULK_STATUSES, format_func=markup.status_label, key=state.BULK_STATUS
        )
        scopes = {"shown": f"All {len(shown)} claims in the table"}
        if selected is not None and selected in set(shown["claim_id"]):
            scopes["selected"] = "Only the selected claim"
        scope = col_scope.radio(
            "Which claims", list(scopes), format_func=scopes.get, key=state.BULK_SCOPE
        )
        count = 1 if scope == "selected" else len(shown)
        versions = dict(zip(shown["claim_id"], (int(v) for v in shown["version"]), strict=True))
        st.button(
            f"Mark {count} claim{'s' if count != 1 else ''}",
            key=state.BULK_BUTTON,
            disabled=state.reviewer() is None or not count,
            on_click=_bulk_mark,
            args=(selected, versions),
            help=None if state.reviewer() else "Enter your name in the sidebar first.",
        )


def _bulk_mark(selected: str | None, versions: Mapping[str, int]) -> None:
    # A callback: `versions` are the claims as the table showed them when the button was
    # clicked; the status and the scope are read as they are now.
    status = str(st.session_state.get(state.BULK_STATUS))
    scope = st.session_state.get(state.BULK_SCOPE)
    ids = [selected] if scope == "selected" and selected and selected in versions else [*versions]
    ws = widgets.callback_workspace()
    result = widgets.report_errors(
        lambda: review.bulk_mark(
            ws.store, ids, status, reviewer=state.reviewer(), versions={c: versions[c] for c in ids}
        )
    )
    if result is None:
        return
    state.reset_claim_table()
    parts = [f"Marked {len(result.applied)} claim(s) {markup.STATUS_LABELS[status].lower()}."]
    if result.skipped:
        parts.append(f"{len(result.skipped)} left alone (already so, or with a verdict).")
    if result.conflicts:
        parts.append(f"{len(result.conflicts)} changed since you loaded them and were not marked.")
        state.flash("warning", " ".join(parts))
    else:
        state.flash("success", " ".join(parts))
