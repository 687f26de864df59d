"""Revised drafts: what the claims of a new version of an article take over from the previous one.

Copy changes after the fact-check are where errors slip in, so the rule is strict: a claim keeps
its decision only when its kind, text (white space aside), value, qualifier, unit, speaker and
subject are all unchanged (`claims.drafts.align` pairs the claims and names what changed). Every
other paired claim starts again as `unreviewed`, and its history keeps the decision it had.
Claims a reviewer added by hand are looked for in the new text, so that they are not lost, and
reviewers' corrections of the extractor are undone before the comparison and applied again to
the unchanged claims: a corrected value is not a change of the text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from claims.extract import claim_id as make_claim_id
from claims.reading.sentences import sentence_index_of, sentence_spans
from workbench.errors import NotLatestVersion
from workbench.records import Article, Carried, Citation, Review
from workbench.store import Carry

# The review columns a decision consists of: what an unchanged claim takes over.
DECISION_COLUMNS = (
    "status", "reviewer", "decided_at", "note", "cited_passage_id", "cited_url", "cited_text",
    "cited_source_title", "signed_off_by", "signed_off_at",
)  # fmt: skip


def check_latest(chain: list[Article], article_id: str) -> Article:
    """The draft `article_id`, if it is the newest of its chain; else a specific error."""
    latest = chain[-1]
    if latest.article_id != article_id:
        raise NotLatestVersion(article_id, latest.article_id, latest.version)
    return latest


Corrections = dict[str, dict[str, Any]]  # claim id -> column -> the value a reviewer set


def as_extracted(claims: pd.DataFrame, history: pd.DataFrame) -> tuple[pd.DataFrame, Corrections]:
    """The claims as the extractor read them (reviewers' corrections undone), and the
    corrections by claim, each column at the value it was corrected to last."""
    corrections: Corrections = {}
    originals: dict[str, dict[str, Any]] = {}
    for row in history[history["action"] == "corrected"].to_dict(orient="records"):
        for col, (old, new) in row["detail"].get("changes", {}).items():
            originals.setdefault(row["claim_id"], {}).setdefault(col, old)
            corrections.setdefault(row["claim_id"], {})[col] = new
    table = claims.copy()
    for claim_id, cols in originals.items():
        at = table.index[table["claim_id"] == claim_id]
        for col, value in cols.items():
            table.loc[at, col] = pd.Series([value] * len(at), index=at, dtype=object)
    return table, corrections


def with_corrections(
    claims: pd.DataFrame, alignment: pd.DataFrame, corrections: Corrections
) -> pd.DataFrame:
    """The new draft's claims with the corrections of the unchanged claims they pair with."""
    table = claims.copy()
    kept = alignment[alignment["status"] == "unchanged"]
    for old_id, new_id in zip(kept["old_claim_id"], kept["new_claim_id"], strict=True):
        at = table.index[table["claim_id"] == new_id]
        for col, value in corrections.get(str(old_id), {}).items():
            table.loc[at, col] = pd.Series([value] * len(at), index=at, dtype=object)
    return table


def carry_plan(
    alignment: pd.DataFrame, previous: Article, corrections: Corrections | None = None
) -> Carry:
    """The `carry` rule of `Store.add_article` for a new draft of `previous`."""
    rows = [{str(k): v for k, v in row.items()} for row in alignment.to_dict(orient="records")]
    fixes = corrections or {}

    def plan(old_reviews: Mapping[str, Review]) -> list[Carried]:
        carried = []
        for row in rows:
            old = old_reviews.get(str(row["old_claim_id"])) if row["old_claim_id"] else None
            if row["new_claim_id"] is None:
                continue
            if row["status"] == "unchanged" and old is not None:
                carried.append(_kept(str(row["new_claim_id"]), old, previous,
                                     fixes.get(old.claim_id, {})))  # fmt: skip
            elif row["status"] == "changed" and old is not None:
                carried.append(_reset(row, old, previous))
            elif row["status"] == "new":
                carried.append(_new(str(row["new_claim_id"]), previous))
        return carried

    return plan


def _kept(claim_id: str, old: Review, previous: Article, fixes: Mapping[str, Any]) -> Carried:
    decision = {col: getattr(old, col) for col in DECISION_COLUMNS}
    note = f"carried over from version {previous.version}"
    if fixes:
        note += " with its corrections (" + ", ".join(sorted(fixes)) + ")"
    return Carried(
        claim_id, decision if old.status != "unreviewed" or old.note else {}, "carried",
        "unreviewed", old.status, note, _citation(old),
        {"from_claim": old.claim_id, "from_article": previous.article_id,
         "from_version": previous.version, "corrections": dict(fixes)},
    )  # fmt: skip


def _reset(row: Mapping[str, Any], old: Review, previous: Article) -> Carried:
    what = f"changed since version {previous.version}: {row['changes']}"
    if old.status != "unreviewed":
        who = f" by {old.reviewer}" if old.reviewer else ""
        what += f"; it was {old.status.replace('_', ' ')}{who} there, so it is to check again"
    previous_decision = {col: getattr(old, col) for col in DECISION_COLUMNS}
    return Carried(
        str(row["new_claim_id"]), {}, "reset", old.status, "unreviewed", what, _citation(old),
        {"from_claim": old.claim_id, "from_article": previous.article_id,
         "from_version": previous.version, "changes": row["changes"],
         "previous_decision": previous_decision},
    )  # fmt: skip


def _new(claim_id: str, previous: Article) -> Carried:
    return Carried(claim_id, {}, "new_in_version", None, "unreviewed",
                   f"new in version {previous.version + 1}", None,
                   {"from_article": previous.article_id})  # fmt: skip


def _citation(old: Review) -> Citation | None:
    if not (old.cited_passage_id or old.cited_url):
        return None
    return Citation(old.cited_passage_id, old.cited_url, old.cited_text, old.cited_source_title)


def reviewer_claims_in(text: str, old_claims: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """The claims a reviewer added to the previous draft, found again in the new text.

    A claim is found when its words appear in the new text, preferably inside its old
    sentence; the first such appearance is taken. Claims whose words are gone are left out
    (they show as removed).
    """
    added = old_claims[old_claims["origin"] == "reviewer"] if "origin" in old_claims else None
    if added is None or added.empty:
        return old_claims.iloc[0:0]
    spans, rows = sentence_spans(text), []
    for row in added.to_dict(orient="records"):
        start = _find(text, str(row["text"]), str(row["sentence"]))
        if start < 0:
            continue
        index = sentence_index_of(spans, start) if spans else 0
        sentence = text[spans[index][0] : spans[index][1]] if spans else text
        words = f"reviewer\x1f{row['text']}"
        rows.append({**row, "claim_id": make_claim_id(article_id, row["kind"], words, 1),
                     "article_id": article_id, "start": start, "end": start + len(row["text"]),
                     "sentence_index": index, "sentence": sentence})  # fmt: skip
    return pd.DataFrame(rows, columns=old_claims.columns)


def _find(text: str, words: str, sentence: str) -> int:
    at = text.find(sentence)
    if at >= 0 and (inside := sentence.find(words)) >= 0:
        return at + inside
    return text.find(words)


def revision_summary(revisions: pd.DataFrame, version: int) -> str:
    """One line: how many claims of this version are unchanged, changed, new, and removed."""
    counts = revisions["status"].value_counts()
    return (
        f"Version {version}: {int(counts.get('unchanged', 0))} claims unchanged (decisions "
        f"kept), {int(counts.get('changed', 0))} changed (to check again), "
        f"{int(counts.get('new', 0))} new, {int(counts.get('removed', 0))} removed."
    )
