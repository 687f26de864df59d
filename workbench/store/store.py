"""The review store: a workspace's database (SQLite in the workspace folder by default).

One short-lived connection per unit of work, never cached: Streamlit reruns a page in any thread
and several processes (the CLI, the UI) may share a workspace (`workbench.store.engine`). Every
write is one transaction that holds the write lock from its start, so a writer reads what it
will check under the lock, and the others wait instead of failing.

A change to a claim names the review version the reviewer loaded; the update applies only where
the version is still that one, in the same transaction as its history row, so a stale decision
is refused with `ConflictError` (carrying the current state) and no history row is ever lost or
doubled. The rules (who may change what) live in `workbench.review`; this module only keeps
them atomic.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from sqlalchemy import func, insert, literal, select

from claims.schema import CLAIM_COLUMNS
from workbench.errors import DuplicateArticle, UnknownArticle
from workbench.records import (
    FLAG_TABLE_COLUMNS,
    HISTORY_COLUMNS,
    REVIEW_COLUMNS,
    REVISION_COLUMNS,
    Article,
    Carried,
    Citation,
    Review,
    as_dict,
    claim_row,
    claim_table,
    frame,
    plain,
    records,
)
from workbench.store import changes, journal
from workbench.store.changes import Check
from workbench.store.evidence import EvidenceStore
from workbench.store.tables import articles, claims, flags, history, reviews, revisions

# A rule of workbench.versions: given the previous draft's reviews (by claim id), read under the
# write lock, what the new draft's claims take over from them.
Carry = Callable[[Mapping[str, Review]], list[Carried]]
DB_NAME = "workbench.sqlite3"
# The claim columns and the review's, once each (the two tables share the claim id).
_CLAIM_AND_REVIEW = (
    *(claims.c[col] for col in (*CLAIM_COLUMNS, "origin")),
    *(reviews.c[col] for col in REVIEW_COLUMNS[1:]),
)
_ARTICLE_COLUMNS = (
    "id", "title", "outlet", "published", "text", "added_by", "added_at", "version_of",
    "version",
)  # fmt: skip


class Store(EvidenceStore):
    """The database of one workspace: articles, claims, reviews and their history here; sources,
    passages and matches in `EvidenceStore`; the engine and clock in `StoreBase`."""

    # --- articles and claims -------------------------------------------------------------------

    def add_article(
        self, article: Article, claims: pd.DataFrame, *, flags: pd.DataFrame | None = None,
        revisions: pd.DataFrame | None = None, carry: Carry | None = None,
    ) -> Article:  # fmt: skip
        """Store an article and its claims, each with an unreviewed review, in one transaction.

        `flags` are the self-checks' findings. For a new draft of an article (`version_of`),
        `revisions` pairs its claims with the previous version's and `carry` decides, from the
        previous reviews as they are under the lock, what each claim takes over.
        """
        stamped = Article(**{**as_dict(article), "added_at": article.added_at or self.now()})
        with self._write() as conn:
            known = select(articles.c.title).where(articles.c.id == article.article_id)
            if (title := conn.execute(known).scalar()) is not None:
                raise DuplicateArticle(article.article_id, title)
            if article.version_of is not None:
                changes.check_newest(conn, article.version_of)
            values = dict(zip(_ARTICLE_COLUMNS, as_dict(stamped).values(), strict=True))
            conn.execute(insert(articles).values(values))
            rows = records(claims)
            changes.insert_claims(conn, [r for r in rows if r.get("origin") != "reviewer"],
                                  origin="extractor")  # fmt: skip
            changes.insert_claims(conn, [r for r in rows if r.get("origin") == "reviewer"],
                                  origin="reviewer")  # fmt: skip
            changes.insert_flags(conn, flags)
            journal.add(conn, stamped.added_at, "match_article", article.article_id)
            if revisions is not None:
                changes.insert_revisions(conn, article.article_id, revisions)
            if carry is not None and article.version_of is not None:
                who = stamped.added_by or "workbench"
                plan = carry(changes.reviews_of(conn, article.version_of))
                changes.carry(conn, self.now(), who, plan)
        return stamped

    def add_reviewer_claim(self, row: Mapping[str, Any], *, who: str, note: str | None) -> Review:
        """Store a claim a reviewer added, with its review and an `added` history row."""
        with self._write() as conn:
            changes.insert_claims(conn, [dict(row)], origin="reviewer")
            journal.add(conn, self.now(), "match_claim", row["claim_id"])
            added = {k: plain(row.get(k)) for k in CLAIM_COLUMNS}
            changes.add_history(conn, row["claim_id"], self.now(), who, "added", None,
                                "unreviewed", note=note, detail={"claim": added})  # fmt: skip
            return changes.review(conn, row["claim_id"])

    def article(self, article_id: str) -> Article:
        """One article; `UnknownArticle` if there is none with this id."""
        rows = self._rows(select(articles).where(articles.c.id == article_id))
        if not rows:
            raise UnknownArticle(
                f"no article {article_id!r} in this workspace; `workbench status` lists them"
            )
        return _article(rows[0])

    def articles(self, *, with_text: bool = True) -> list[Article]:
        """Every article, in the order they were added; without their texts (left empty) for
        lists and pickers, which would otherwise read every article on every page run."""
        columns = [articles.c[col] for col in _ARTICLE_COLUMNS]
        if not with_text:
            columns[_ARTICLE_COLUMNS.index("text")] = literal("").label("text")  # type: ignore[call-overload]
        query = select(*columns).order_by(articles.c.added_at, articles.c.id)
        return [_article(r) for r in self._rows(query)]

    def versions(self, article_id: str) -> list[Article]:
        """Every draft in the chain of versions `article_id` belongs to, oldest first."""
        self.article(article_id)  # an unknown id gets its specific error
        newer, older = articles.alias("newer"), articles.alias("older")
        up = select(articles.c.id, articles.c.version_of).where(articles.c.id == article_id)
        up_cte = up.cte("up", recursive=True)
        up_cte = up_cte.union(
            select(older.c.id, older.c.version_of).join(up_cte, older.c.id == up_cte.c.version_of)
        )
        down = select(up_cte.c.id).where(up_cte.c.version_of.is_(None)).cte("down", recursive=True)
        down = down.union(select(newer.c.id).join(down, newer.c.version_of == down.c.id))
        query = (
            select(articles)
            .join(down, articles.c.id == down.c.id)
            .order_by(articles.c.version, articles.c.added_at)
        )
        return [_article(r) for r in self._rows(query)]

    def revisions(self, article_id: str | None = None) -> pd.DataFrame:
        """How the claims of a draft (or of all) pair with its previous version's claims."""
        query = select(*(revisions.c[col] for col in REVISION_COLUMNS)).order_by(revisions.c.id)
        if article_id:
            query = query.where(revisions.c.article_id == article_id)
        return frame(self._rows(query), REVISION_COLUMNS)

    def flags(self, article_id: str | None = None) -> pd.DataFrame:
        """The self-checks' flags of one article's claims, or of all, in claim order."""
        query = (
            select(*(flags.c[col] for col in FLAG_TABLE_COLUMNS))
            .join(claims, claims.c.claim_id == flags.c.claim_id)
            .order_by(claims.c.article_id, claims.c.start, flags.c.id)
        )
        if article_id:
            query = query.where(claims.c.article_id == article_id)
        return frame(self._rows(query), FLAG_TABLE_COLUMNS)

    def last_change(self) -> int:
        """A number that goes up with every change to any claim or review (the newest history
        row's id; every change writes one), so that a page can cache a claim table by it."""
        rows = self._rows(select(func.coalesce(func.max(history.c.id), 0).label("last")))
        return int(rows[0]["last"])

    def claims(self, article_id: str | None = None) -> pd.DataFrame:
        """The claim table with `origin` and every review column, ordered as in the articles."""
        query = (
            select(*_CLAIM_AND_REVIEW)
            .join(reviews, reviews.c.claim_id == claims.c.claim_id)
            .join(articles, articles.c.id == claims.c.article_id)
            .order_by(
                articles.c.added_at, articles.c.id, claims.c.start, claims.c.end, claims.c.kind
            )
        )
        if article_id:
            query = query.where(claims.c.article_id == article_id)
        return claim_table(self._rows(query))

    def claim(self, claim_id: str) -> dict[str, Any]:
        """One claim row (CLAIM_COLUMNS and origin); `UnknownClaim` if there is none."""
        rows = self._rows(select(claims).where(claims.c.claim_id == claim_id))
        if not rows:
            raise changes.unknown_claim(claim_id)
        return claim_row(rows[0])

    def review(self, claim_id: str) -> Review:
        """The current review of a claim."""
        with self._read() as conn:
            return changes.review(conn, claim_id)

    def history(
        self, claim_id: str | None = None, *, article_id: str | None = None
    ) -> pd.DataFrame:
        """History rows, oldest first, for one claim, one article or the whole workspace."""
        query = select(history).order_by(history.c.id)
        if claim_id is not None:
            query = query.where(history.c.claim_id == claim_id)
        elif article_id is not None:
            query = query.join(claims, claims.c.claim_id == history.c.claim_id).where(
                claims.c.article_id == article_id
            )
        rows = self._rows(query)
        for row in rows:
            row["detail"] = json.loads(row["detail"])
        return frame(rows, HISTORY_COLUMNS, ints=("id",))

    def status_counts(self) -> pd.DataFrame:
        """Per article and status, the number of claims (statuses with none are left out)."""
        counted = (  # counted on covering indexes first, then joined to the titles
            select(claims.c.article_id, reviews.c.status, func.count().label("claims"))
            .join(reviews, reviews.c.claim_id == claims.c.claim_id)
            .group_by(claims.c.article_id, reviews.c.status)
            .subquery("g")
        )
        query = (
            select(counted.c.article_id, articles.c.title, counted.c.status, counted.c.claims)
            .join(articles, articles.c.id == counted.c.article_id)
            .order_by(articles.c.added_at, articles.c.id, counted.c.status)
        )
        columns = ("article_id", "title", "status", "claims")
        return frame(self._rows(query), columns, ints=("claims",))

    # --- changes to a claim's review -----------------------------------------------------------

    def record_decision(
        self, claim_id: str, status: str, *, expected_version: int, reviewer: str,
        note: str | None, citation: Citation | None, detail: Mapping[str, Any] | None = None,
        check: Check | None = None,
    ) -> Review:  # fmt: skip
        """Set a claim's status with its note and evidence; clears any sign-off.

        `check` sees the current review inside the transaction and may refuse the change.
        """
        cited = citation or Citation()
        with self._write() as conn:
            current = changes.checked(conn, claim_id, expected_version, check)
            now = self.now()
            extra = {"cleared_sign_off": current.signed_off_by} if current.signed_off_by else {}
            changes.update_review(
                conn, current, status=status, reviewer=reviewer, decided_at=now, note=note,
                cited_passage_id=cited.passage_id, cited_url=cited.url, cited_text=cited.text,
                cited_source_title=cited.source_title, signed_off_by=None, signed_off_at=None,
            )  # fmt: skip
            changes.add_history(conn, claim_id, now, reviewer, "decided", current.status,
                                status, note=note, citation=cited,
                                detail={**(detail or {}), **extra})  # fmt: skip
            return changes.review(conn, claim_id)

    def record_sign_off(
        self, claim_id: str, *, expected_version: int, reviewer: str, note: str | None,
        check: Check | None = None,
    ) -> Review:  # fmt: skip
        """Mark the current decision as checked by a second reviewer (`check` as above)."""
        with self._write() as conn:
            current = changes.checked(conn, claim_id, expected_version, check)
            now = self.now()
            changes.update_review(conn, current, signed_off_by=reviewer, signed_off_at=now)
            detail = {"decided_by": current.reviewer}
            changes.add_history(conn, claim_id, now, reviewer, "signed_off", current.status,
                                current.status, note=note, detail=detail)  # fmt: skip
            return changes.review(conn, claim_id)

    def record_correction(
        self, claim_id: str, corrections: Mapping[str, tuple[Any, Any]], *,
        expected_version: int, reviewer: str, note: str | None,
    ) -> Review:  # fmt: skip
        """Change claim columns (column -> (old, new)); the review keeps its status."""
        with self._write() as conn:
            current = changes.checked(conn, claim_id, expected_version)
            now = self.now()
            changes.correct_claim(conn, claim_id, {c: new for c, (_, new) in corrections.items()})
            journal.add(conn, now, "match_claim", claim_id)
            changes.update_review(conn, current)
            detail = {"changes": {col: [old, new] for col, (old, new) in corrections.items()}}
            changes.add_history(conn, claim_id, now, reviewer, "corrected", current.status,
                                current.status, note=note, detail=detail)  # fmt: skip
            return changes.review(conn, claim_id)


def _article(row: Mapping[str, Any]) -> Article:
    return Article(row["id"], row["title"], row["outlet"], row["published"], row["text"],
                   row["added_by"], row["added_at"], row["version_of"],
                   row.get("version") or 1)  # fmt: skip
