"""The evidence half of the store: sources, their passages, and the matches of claims.

`Store` inherits these methods, with the engine and clock of `StoreBase`: one connection per
unit of work, every write one transaction holding the write lock.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Table, bindparam, delete, func, insert, select
from sqlalchemy.dialects import postgresql, sqlite

from claims.evidence.sources import passages_frame
from claims.schema import MATCH_COLUMNS, PASSAGE_COLUMNS
from workbench.errors import UnknownSource
from workbench.records import (
    SOURCE_COLUMNS,
    SourceRecord,
    as_dict,
    frame,
    passage_params,
    passage_row,
    plain,
    records,
)
from workbench.store import journal
from workbench.store.journal import JournalStore
from workbench.store.tables import claims, matches, passages, sources

_SOURCE_FIELDS = ("id", *SOURCE_COLUMNS[1:])  # the record's source_id is the table's id
_SOURCE_UPDATED = ("title", "publisher", "url", "date", "file_name")
# Looked up for every decision that cites a passage: built once.
_PASSAGE = select(passages).where(passages.c.passage_id == bindparam("wanted"))


class EvidenceStore(JournalStore):
    """Sources, passages and matches; mixed into `workbench.store.Store`."""

    def add_source(self, source: SourceRecord, passage_table: pd.DataFrame) -> SourceRecord:
        """Store a source and its passages; the same source again updates it in place."""
        stamped = SourceRecord(**{**as_dict(source), "added_at": source.added_at or self.now()})
        rows = [dict(zip(PASSAGE_COLUMNS, passage_params(r), strict=True))
                for r in records(passage_table)]  # fmt: skip
        with self._write() as conn:
            values = dict(zip(_SOURCE_FIELDS, as_dict(stamped).values(), strict=True))
            _upsert(conn, sources, [values], key="id", updated=_SOURCE_UPDATED)
            _upsert(conn, passages, rows, key="passage_id", updated=PASSAGE_COLUMNS[1:])
            journal.add(conn, stamped.added_at, "index_source", stamped.source_id)
            journal.add(conn, stamped.added_at, "match_all", None)
        return stamped

    def delete_source(self, source_id: str) -> int:
        """Delete a source with its passages and their matches; the passages removed.

        Decisions that cite its passages keep their copies of the text and title.
        """
        with self._write() as conn:
            counted = select(func.count()).where(passages.c.source_id == source_id)
            count = int(conn.execute(counted).scalar() or 0)
            if conn.execute(delete(sources).where(sources.c.id == source_id)).rowcount == 0:
                raise UnknownSource(f"no source {source_id!r} in this workspace; see the list "
                                    "of sources for the ids")  # fmt: skip
            journal.add(conn, self.now(), "unindex_source", source_id)
            journal.add(conn, self.now(), "match_all", None)
            return count

    def sources(self) -> pd.DataFrame:
        """Every source with its number of passages, in the order they were added."""
        query = (
            select(
                sources.c.id.label("source_id"),
                *(sources.c[col] for col in SOURCE_COLUMNS[1:]),
                func.count(passages.c.passage_id).label("passages"),
            )
            .outerjoin(passages, passages.c.source_id == sources.c.id)
            .group_by(sources.c.id)
            .order_by(sources.c.added_at, sources.c.id)
        )
        return frame(self._rows(query), (*SOURCE_COLUMNS, "passages"), ints=("passages",))

    def passage_counts(self) -> dict[str, int]:
        """How many passages each source has in the store (sources without any left out)."""
        query = select(passages.c.source_id, func.count().label("n")).group_by(passages.c.source_id)
        return {r["source_id"]: int(r["n"]) for r in self._rows(query)}

    def unmatched_articles(self) -> list[str]:
        """The ids of the articles that have claims and not one match."""
        with_claims = select(claims.c.article_id).distinct()
        touched = (
            select(claims.c.article_id)
            .join(matches, matches.c.claim_id == claims.c.claim_id)
            .distinct()
        )
        every = {r["article_id"] for r in self._rows(with_claims)}
        return sorted(every - {r["article_id"] for r in self._rows(touched)})

    def passages(self, source_id: str | None = None) -> pd.DataFrame:
        """The passage table of one source or of all, in source and text order."""
        query = select(passages).order_by(passages.c.source_id, passages.c.start)
        if source_id:
            query = query.where(passages.c.source_id == source_id)
        return passages_frame([passage_row(r) for r in self._rows(query)])

    def passage(self, passage_id: str) -> dict[str, Any] | None:
        """One passage row (PASSAGE_COLUMNS), or None if there is none with this id."""
        rows = self._rows(_PASSAGE, {"wanted": passage_id})
        return passage_row(rows[0]) if rows else None

    def replace_matches(
        self, claim_ids: Iterable[str], found: pd.DataFrame, *, finished: Iterable[int] = ()
    ) -> None:
        """Drop the matches of these claims and store the new ones, in one transaction, with
        the journal's rows of the work this finishes."""
        rows = [{c: plain(r[c]) for c in MATCH_COLUMNS} for r in records(found)]
        dropped = [{"dropped": claim_id} for claim_id in claim_ids]
        with self._write() as conn:
            if dropped:
                drop = delete(matches).where(matches.c.claim_id == bindparam("dropped"))
                conn.execute(drop, dropped)
            if rows:
                conn.execute(insert(matches), rows)
            journal.finish(conn, finished)

    def matches(
        self, article_id: str | None = None, *, claim_id: str | None = None
    ) -> pd.DataFrame:
        """MATCH_COLUMNS with the source's title, publisher and url; by claim, then rank."""
        query = (
            select(
                *(matches.c[col] for col in MATCH_COLUMNS),
                sources.c.title,
                sources.c.publisher,
                sources.c.url,
            )
            .join(sources, sources.c.id == matches.c.source_id)
            .join(claims, claims.c.claim_id == matches.c.claim_id)
            .order_by(claims.c.article_id, claims.c.start, matches.c.claim_id, matches.c.rank)
        )
        if claim_id is not None:
            query = query.where(matches.c.claim_id == claim_id)
        elif article_id is not None:
            query = query.where(claims.c.article_id == article_id)
        columns = (*MATCH_COLUMNS, "title", "publisher", "url")
        ints = ("rank", "evidence_start", "evidence_end")
        return frame(self._rows(query), columns, ints=ints, floats=("score",))


def _upsert(
    conn: Connection, table: Table, rows: list[dict[str, Any]], *, key: str,
    updated: Iterable[str],
) -> None:  # fmt: skip
    """Insert rows, or update the `updated` columns of a row whose `key` is already there."""
    if not rows:
        return
    dialects: dict[str, Any] = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
    statement = dialects[conn.dialect.name](table)
    statement = statement.on_conflict_do_update(
        index_elements=[key], set_={col: statement.excluded[col] for col in updated}
    )
    conn.execute(statement, rows)
