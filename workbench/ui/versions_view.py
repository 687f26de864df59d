"""Drafts and self-checks on the Review page: the version switcher, what changed between
versions (changed claims first), and the self-checks' flags beside the claims."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from workbench import versions
from workbench.records import Article
from workbench.store import Store
from workbench.ui import markup, state

# What the alignment says of a claim, as the claim table shows it.
REVISION_LABELS = {"changed": "changed", "new": "new", "unchanged": "", "removed": "removed"}
CHANGE_ORDER = {"changed": 0, "removed": 1, "new": 2, "unchanged": 3}


def latest_versions(articles: Sequence[Article]) -> list[Article]:
    """The newest draft of every article, in the order the first drafts were added."""
    newer = {a.version_of for a in articles if a.version_of}
    return [a for a in articles if a.article_id not in newer]


def version_label(article: Article) -> str:
    """An article as a choice: its title, and its version when it has been revised."""
    return article.title if article.version == 1 else f"{article.title} (version {article.version})"


def newest_of(articles: Sequence[Article], article_id: str | None) -> str | None:
    """The newest draft of the chain `article_id` belongs to (itself when it is the newest)."""
    by_parent = {a.version_of: a.article_id for a in articles if a.version_of}
    seen = set()
    while article_id in by_parent and article_id not in seen:
        seen.add(article_id)
        article_id = by_parent[article_id]
    return article_id


def version_switcher(store: Store, newest: Article) -> str:
    """Choose which version of the article to review (the newest unless chosen otherwise)."""
    chain = store.versions(newest.article_id) if newest.version > 1 else [newest]
    if len(chain) == 1:
        return newest.article_id
    ids = [a.article_id for a in chain]
    chosen = state.kept(state.VERSION)
    picked = st.segmented_control(
        "Version",
        ids,
        default=chosen if chosen in ids else ids[-1],
        required=True,
        format_func=lambda i: _version_name(chain, i),
        key=state.widget_key(state.VERSION),
        on_change=_version_changed,
        help="Each version is a revised draft: unchanged claims kept their decisions.",
    )
    return str(picked) if picked in ids else ids[-1]


def _version_name(chain: Sequence[Article], article_id: str) -> str:
    article = next(a for a in chain if a.article_id == article_id)
    latest = " (latest)" if article is chain[-1] else ""
    return f"Version {article.version}{latest}"


def _version_changed() -> None:
    state.keep(state.VERSION)
    state.reset_claim_table()
    st.session_state[state.SELECTED_CLAIM] = None


def changes_table(revisions: pd.DataFrame, old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """What changed between two versions, changed claims first, then removed, then new."""
    old_text = dict(zip(old["claim_id"], old["text"], strict=True))
    new_text = dict(zip(new["claim_id"], new["text"], strict=True))
    kinds = {**dict(zip(old["claim_id"], old["kind"], strict=True)),
             **dict(zip(new["claim_id"], new["kind"], strict=True))}  # fmt: skip
    rows = [
        {
            "change": r["status"],
            "kind": kinds.get(r["new_claim_id"] or r["old_claim_id"], ""),
            "before": old_text.get(r["old_claim_id"], ""),
            "now": new_text.get(r["new_claim_id"], ""),
            "what changed": r["changes"] or "",
        }
        for r in revisions.to_dict(orient="records")
        if r["status"] != "unchanged"
    ]
    table = pd.DataFrame(rows, columns=["change", "kind", "before", "now", "what changed"])
    order = table["change"].map(CHANGE_ORDER)
    return table.iloc[order.argsort(kind="stable")].reset_index(drop=True)


def show_changes(store: Store, article: Article, claims: pd.DataFrame) -> None:
    """The panel of what changed since the previous version (nothing for a first version)."""
    if not article.version_of:
        return
    revisions = store.revisions(article.article_id)
    table = changes_table(revisions, store.claims(article.version_of), claims)
    changed = int((table["change"] == "changed").sum())
    plural = "" if changed == 1 else "s"
    label = f"What changed since version {article.version - 1}: {changed} changed claim{plural}"
    with st.expander(label, icon=":material/difference:", expanded=changed > 0):
        st.caption(versions.revision_summary(revisions, article.version))
        if table.empty:
            st.success("No claim changed: every decision was carried over.")
            return
        st.dataframe(table, hide_index=True, width="stretch")


def with_marks(claims: pd.DataFrame, flags: pd.DataFrame, revisions: pd.DataFrame) -> pd.DataFrame:
    """The claim table with two columns for the table: its self-check flags and its revision."""
    by_claim: dict[str, list[str]] = {}
    for claim_id, check in zip(flags["claim_id"], flags["check"], strict=True):
        by_claim.setdefault(str(claim_id), []).append(str(check))
    revised = dict(zip(revisions["new_claim_id"], revisions["status"], strict=True))
    return claims.assign(
        flags=[", ".join(by_claim.get(c, [])) for c in claims["claim_id"]],
        revision=[REVISION_LABELS.get(revised.get(c, ""), "") for c in claims["claim_id"]],
    )


def show_flags(flags: pd.DataFrame, claim_id: str) -> None:
    """The self-checks' findings on the open claim, each saying what was checked and found."""
    mine = flags[flags["claim_id"] == claim_id]
    for row in mine.to_dict(orient="records"):
        st.warning(f"**Self-check ({markup.md(row['check'])})**: {markup.md(row['message'])}",
                   icon=":material/flag:")  # fmt: skip


def flag_list(flags: pd.DataFrame, claims: pd.DataFrame, titles: dict[str, str]) -> pd.DataFrame:
    """Every flag with its article, claim and the claim's status; open claims first."""
    columns = ["article", "status", "claim", "check", "message"]
    if flags.empty:
        return pd.DataFrame(columns=columns)
    table = flags.merge(claims[["claim_id", "article_id", "text", "status"]], on="claim_id")
    table = table.assign(article=table["article_id"].map(titles), claim=table["text"])
    open_first = (~table["status"].isin(["unreviewed", "in_progress"])).astype(int)
    return table.iloc[open_first.argsort(kind="stable")][columns].reset_index(drop=True)
