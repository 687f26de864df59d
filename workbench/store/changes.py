"""The statements inside a transaction of the store: inserts, review updates, history rows.

Each function takes the open connection of one unit of work (`workbench.store.engine.writing`):
the caller holds the write lock, so what it reads here is what it will change.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Update, bindparam, insert, select, update

from claims.schema import CLAIM_COLUMNS
from workbench.errors import ConflictError, NotLatestVersion, UnknownClaim
from workbench.records import (
    FLAG_TABLE_COLUMNS,
    REVIEW_COLUMNS,
    REVISION_COLUMNS,
    Carried,
    Citation,
    Review,
    db_value,
    plain,
    records,
)
from workbench.store.tables import articles, claims, flags, history, reviews, revisions

# A rule of workbench.review, run on the current review under the write lock.
Check = Callable[[Review], None]


def insert_claims(conn: Connection, rows: list[dict[str, Any]], *, origin: str) -> None:
    """Claims with their reviews, unreviewed at version 0."""
    if not rows:
        return  # an empty parameter list would insert one row of defaults
    values = [{**{c: db_value(c, row.get(c)) for c in CLAIM_COLUMNS}, "origin": origin}
              for row in rows]  # fmt: skip
    conn.execute(insert(claims), values)
    conn.execute(
        insert(reviews),
        [{"claim_id": row["claim_id"], "status": "unreviewed", "version": 0} for row in rows],
    )


def check_newest(conn: Connection, article_id: str) -> None:
    """Under the write lock: two new drafts of one version, added at once, would fork it.
    (On a server the previous version's row is locked first: that is its write lock.)"""
    locked = select(articles.c.id).where(articles.c.id == article_id).with_for_update()
    conn.execute(locked)
    newer = conn.execute(
        select(articles.c.id, articles.c.version).where(articles.c.version_of == article_id)
    ).first()
    if newer is not None:
        raise NotLatestVersion(article_id, newer.id, newer.version)


def insert_flags(conn: Connection, found: pd.DataFrame | None) -> None:
    if found is None or found.empty:
        return
    rows = [{c: plain(r[c]) for c in FLAG_TABLE_COLUMNS} for r in records(found)]
    conn.execute(insert(flags), rows)


def insert_revisions(conn: Connection, article_id: str, pairs: pd.DataFrame) -> None:
    rows = [{"article_id": article_id, **{c: plain(r[c]) for c in REVISION_COLUMNS}}
            for r in records(pairs)]  # fmt: skip
    if rows:
        conn.execute(insert(revisions), rows)


def reviews_of(conn: Connection, article_id: str) -> dict[str, Review]:
    """The reviews of an article's claims, by claim id."""
    query = (
        select(*(reviews.c[col] for col in REVIEW_COLUMNS))
        .join(claims, claims.c.claim_id == reviews.c.claim_id)
        .where(claims.c.article_id == article_id)
    )
    return {row.claim_id: Review(**row._asdict()) for row in conn.execute(query)}


def carry(conn: Connection, now: str, who: str, carried: list[Carried]) -> None:
    """What the claims of a new draft take over from the previous version, with history."""
    for item in carried:
        current = review(conn, item.claim_id)
        if item.review:
            update_review(conn, current, **item.review)
        add_history(conn, item.claim_id, now, who, item.action, item.from_status,
                    item.to_status, note=item.note, citation=item.citation,
                    detail=item.detail)  # fmt: skip


def unknown_claim(claim_id: str) -> UnknownClaim:
    return UnknownClaim(f"no claim {claim_id!r} in this workspace; reload the claim table")


# The statements of every decision, built once: building one costs as much as running it.
_REVIEW = select(*(reviews.c[col] for col in REVIEW_COLUMNS)).where(
    reviews.c.claim_id == bindparam("wanted")
)
_ADD_HISTORY = insert(history)


@functools.lru_cache(maxsize=64)
def _update_review(columns: tuple[str, ...]) -> Update:
    """The update of these review columns (bound as `set_<column>`) and the version, where the
    claim and the version are still those loaded."""
    return (
        update(reviews)
        .where(
            reviews.c.claim_id == bindparam("loaded_claim"),
            reviews.c.version == bindparam("loaded_version"),
        )
        .values({reviews.c[col]: bindparam(f"set_{col}") for col in columns})
        .values(version=reviews.c.version + 1)
    )


def review(conn: Connection, claim_id: str) -> Review:
    """The current review of a claim; `UnknownClaim` if there is none."""
    row = conn.execute(_REVIEW, {"wanted": claim_id}).first()
    if row is None:
        raise unknown_claim(claim_id)
    return Review(**row._asdict())


def checked(
    conn: Connection, claim_id: str, expected_version: int, check: Check | None = None
) -> Review:
    """The current review, if it is still the version the reviewer loaded and passes `check`."""
    current = review(conn, claim_id)
    if current.version != expected_version:
        raise ConflictError(current, expected_version)
    if check is not None:
        check(current)
    return current


def update_review(conn: Connection, current: Review, **values: Any) -> None:
    """Set review columns and count the change, only if the review is still `current`."""
    params = {f"set_{col}": value for col, value in values.items()}
    params.update(loaded_claim=current.claim_id, loaded_version=current.version)
    result = conn.execute(_update_review(tuple(values)), params)
    if result.rowcount != 1:  # cannot happen under the write lock; refuse rather than guess
        raise ConflictError(review(conn, current.claim_id), current.version)


def correct_claim(conn: Connection, claim_id: str, changes: Mapping[str, Any]) -> None:
    """Set claim columns (column -> new value) of one claim."""
    values = {claims.c[col]: db_value(col, new) for col, new in changes.items()}
    conn.execute(update(claims).where(claims.c.claim_id == claim_id).values(values))


def add_history(
    conn: Connection, claim_id: str, at: str, who: str, action: str,
    from_status: str | None, to_status: str | None, *, note: str | None = None,
    citation: Citation | None = None, detail: Mapping[str, Any] | None = None,
) -> None:  # fmt: skip
    """Append one history row (the only way a history row is ever written)."""
    cited = citation or Citation()
    conn.execute(
        _ADD_HISTORY,
        dict(claim_id=claim_id, at=at, who=who, action=action, from_status=from_status,
             to_status=to_status, note=note, cited_passage_id=cited.passage_id,
             cited_url=cited.url, cited_text=cited.text, cited_source_title=cited.source_title,
             detail=json.dumps(dict(detail or {}), ensure_ascii=False)),
    )  # fmt: skip
