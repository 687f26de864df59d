"""The review store: SQLite in a workspace folder; the only module (and migrations) speaking SQL.

One short-lived connection per unit of work, never cached: Streamlit reruns a page in any thread
and several processes (the CLI, the UI) may share a workspace. Every write is one `BEGIN
IMMEDIATE` transaction, so a writer takes the lock before it reads what it will check, and the
busy timeout makes the others wait instead of failing. WAL lets readers go on while one writes.

A change to a claim names the review version the reviewer loaded; the update applies only
`WHERE version = ?`, in the same transaction as its history row, so a stale decision is refused
with `ConflictError` (carrying the current state) and no history row is ever lost or doubled.
The rules (who may change what) live in `workbench.review`; this module only keeps them atomic.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd

from claims.evidence.sources import passages_frame
from claims.schema import CLAIM_COLUMNS, MATCH_COLUMNS, PASSAGE_COLUMNS
from workbench.errors import (
    ConflictError,
    DuplicateArticle,
    NotLatestVersion,
    UnknownArticle,
    UnknownClaim,
    UnknownSource,
)
from workbench.migrations import migrate
from workbench.records import (
    FLAG_TABLE_COLUMNS,
    HISTORY_COLUMNS,
    REVIEW_COLUMNS,
    REVISION_COLUMNS,
    SOURCE_COLUMNS,
    Article,
    Carried,
    Citation,
    Clock,
    Review,
    SourceRecord,
    as_dict,
    claim_row,
    claim_table,
    db_value,
    frame,
    passage_params,
    passage_row,
    plain,
    records,
    utc_now,
)

# A rule of workbench.review, run on the current review under the write lock.
Check = Callable[[Review], None]
# A rule of workbench.versions: given the previous draft's reviews (by claim id), read under the
# write lock, what the new draft's claims take over from them.
Carry = Callable[[Mapping[str, Review]], list[Carried]]
DB_NAME = "workbench.sqlite3"
BUSY_TIMEOUT_SECONDS = 30.0


class Store:
    """The SQLite database of one workspace. `clock` stamps every change (tests fix it)."""

    def __init__(self, path: str | Path, *, clock: Clock = utc_now) -> None:
        self.path = Path(path)
        self.clock = clock
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute("PRAGMA journal_mode = WAL")  # persistent: set once, kept in the file
            self.schema_version = migrate(conn)

    def now(self) -> str:
        """The clock's time as stored: ISO 8601 in UTC, to the second."""
        return self.clock().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            # WAL with NORMAL never corrupts and never keeps half a transaction; it syncs at
            # checkpoints, not at every commit (a power cut may lose the last few changes).
            conn.execute("PRAGMA synchronous = NORMAL")
            yield conn
        finally:
            conn.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction that holds the write lock from its first statement."""
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """The rows of a query as dicts (zipped from tuples: 5x faster than sqlite3.Row)."""
        with self._connect() as conn:
            cursor = conn.execute(sql, params)
            cursor.row_factory = None
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

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
            known = conn.execute("SELECT title FROM articles WHERE id = ?", (article.article_id,))
            if (row := known.fetchone()) is not None:
                raise DuplicateArticle(article.article_id, row["title"])
            if article.version_of is not None:
                _check_newest(conn, article.version_of)
            conn.execute(
                "INSERT INTO articles (id, title, outlet, published, text, added_by, added_at, "
                "version_of, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                tuple(as_dict(stamped).values()),
            )
            rows = records(claims)
            _insert_claims(conn, [r for r in rows if r.get("origin") != "reviewer"],
                           origin="extractor")  # fmt: skip
            _insert_claims(conn, [r for r in rows if r.get("origin") == "reviewer"],
                           origin="reviewer")  # fmt: skip
            _insert_flags(conn, flags)
            if revisions is not None:
                _insert_revisions(conn, article.article_id, revisions)
            if carry is not None and article.version_of is not None:
                who = stamped.added_by or "workbench"
                _carry(conn, self.now(), who, carry(_reviews_of(conn, article.version_of)))
        return stamped

    def add_reviewer_claim(self, row: Mapping[str, Any], *, who: str, note: str | None) -> Review:
        """Store a claim a reviewer added, with its review and an `added` history row."""
        with self._write() as conn:
            _insert_claims(conn, [dict(row)], origin="reviewer")
            added = {k: plain(row.get(k)) for k in CLAIM_COLUMNS}
            _history(conn, row["claim_id"], self.now(), who, "added", None, "unreviewed",
                     note=note, detail={"claim": added})  # fmt: skip
            return _review(conn, row["claim_id"])

    def article(self, article_id: str) -> Article:
        """One article; `UnknownArticle` if there is none with this id."""
        rows = self._rows("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise UnknownArticle(
                f"no article {article_id!r} in this workspace; `workbench status` lists them"
            )
        return _article(rows[0])

    def articles(self, *, with_text: bool = True) -> list[Article]:
        """Every article, in the order they were added; without their texts (left empty) for
        lists and pickers, which would otherwise read every article on every page run."""
        columns = (
            "*"
            if with_text
            else (
                "id, title, outlet, published, '' AS text, added_by, added_at, version_of, version"
            )
        )
        sql = f"SELECT {columns} FROM articles ORDER BY added_at, id"
        return [_article(r) for r in self._rows(sql)]

    def versions(self, article_id: str) -> list[Article]:
        """Every draft in the chain of versions `article_id` belongs to, oldest first."""
        self.article(article_id)  # an unknown id gets its specific error
        rows = self._rows(
            "WITH RECURSIVE up(id, version_of) AS (SELECT id, version_of FROM articles "
            "WHERE id = ? UNION SELECT a.id, a.version_of FROM articles a JOIN up "
            "ON a.id = up.version_of), down(id) AS (SELECT id FROM up WHERE version_of IS NULL "
            "UNION SELECT a.id FROM articles a JOIN down ON a.version_of = down.id) "
            "SELECT a.* FROM articles a JOIN down USING (id) ORDER BY a.version, a.added_at",
            (article_id,),
        )
        return [_article(r) for r in rows]

    def revisions(self, article_id: str | None = None) -> pd.DataFrame:
        """How the claims of a draft (or of all) pair with its previous version's claims."""
        where, params = ("WHERE article_id = ?", (article_id,)) if article_id else ("", ())
        rows = self._rows(
            "SELECT old_claim_id, new_claim_id, status, changes, score FROM revisions "
            f"{where} ORDER BY rowid",
            params,
        )
        return frame(rows, REVISION_COLUMNS)

    def flags(self, article_id: str | None = None) -> pd.DataFrame:
        """The self-checks' flags of one article's claims, or of all, in claim order."""
        where, params = ("WHERE c.article_id = ?", (article_id,)) if article_id else ("", ())
        rows = self._rows(
            'SELECT f.claim_id, f."check", f.message FROM flags f JOIN claims c '
            f'USING (claim_id) {where} ORDER BY c.article_id, c."start", f.rowid',
            params,
        )
        return frame(rows, FLAG_TABLE_COLUMNS)

    def last_change(self) -> int:
        """A number that goes up with every change to any claim or review (the newest history
        row's id; every change writes one), so that a page can cache a claim table by it."""
        rows = self._rows("SELECT COALESCE(MAX(id), 0) AS last FROM history")
        return int(rows[0]["last"])

    def claims(self, article_id: str | None = None) -> pd.DataFrame:
        """The claim table with `origin` and every review column, ordered as in the articles."""
        where, params = ("WHERE c.article_id = ?", (article_id,)) if article_id else ("", ())
        rows = self._rows(
            "SELECT c.*, r.* FROM claims c JOIN reviews r USING (claim_id) "
            f"JOIN articles a ON a.id = c.article_id {where} "
            'ORDER BY a.added_at, a.id, c."start", c."end", c.kind',
            params,
        )
        return claim_table(rows)

    def claim(self, claim_id: str) -> dict[str, Any]:
        """One claim row (CLAIM_COLUMNS and origin); `UnknownClaim` if there is none."""
        rows = self._rows("SELECT * FROM claims WHERE claim_id = ?", (claim_id,))
        if not rows:
            raise _unknown_claim(claim_id)
        return claim_row(rows[0])

    def review(self, claim_id: str) -> Review:
        """The current review of a claim."""
        with self._connect() as conn:
            return _review(conn, claim_id)

    def history(
        self, claim_id: str | None = None, *, article_id: str | None = None
    ) -> pd.DataFrame:
        """History rows, oldest first, for one claim, one article or the whole workspace."""
        sql, params = "SELECT h.* FROM history h", []
        if claim_id is not None:
            sql, params = sql + " WHERE h.claim_id = ?", [claim_id]
        elif article_id is not None:
            sql += " JOIN claims c USING (claim_id) WHERE c.article_id = ?"
            params = [article_id]
        rows = self._rows(sql + " ORDER BY h.id", params)
        for row in rows:
            row["detail"] = json.loads(row["detail"])
        return frame(rows, HISTORY_COLUMNS, ints=("id",))

    def status_counts(self) -> pd.DataFrame:
        """Per article and status, the number of claims (statuses with none are left out)."""
        rows = self._rows(  # counted on covering indexes first, then joined to the titles
            "SELECT g.article_id, a.title, g.status, g.claims FROM (SELECT c.article_id, "
            "r.status, COUNT(*) AS claims FROM claims c JOIN reviews r USING (claim_id) "
            "GROUP BY c.article_id, r.status) g JOIN articles a ON a.id = g.article_id "
            "ORDER BY a.added_at, a.id, g.status"
        )
        return frame(rows, ("article_id", "title", "status", "claims"), ints=("claims",))

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
            current, now = _checked(conn, claim_id, expected_version, check), self.now()
            extra = {"cleared_sign_off": current.signed_off_by} if current.signed_off_by else {}
            _update_review(conn, current, status=status, reviewer=reviewer, decided_at=now,
                           note=note, cited_passage_id=cited.passage_id, cited_url=cited.url,
                           cited_text=cited.text, cited_source_title=cited.source_title,
                           signed_off_by=None, signed_off_at=None)  # fmt: skip
            _history(conn, claim_id, now, reviewer, "decided", current.status, status,
                     note=note, citation=cited, detail={**(detail or {}), **extra})  # fmt: skip
            return _review(conn, claim_id)

    def record_sign_off(
        self, claim_id: str, *, expected_version: int, reviewer: str, note: str | None,
        check: Check | None = None,
    ) -> Review:  # fmt: skip
        """Mark the current decision as checked by a second reviewer (`check` as above)."""
        with self._write() as conn:
            current, now = _checked(conn, claim_id, expected_version, check), self.now()
            _update_review(conn, current, signed_off_by=reviewer, signed_off_at=now)
            detail = {"decided_by": current.reviewer}
            _history(conn, claim_id, now, reviewer, "signed_off", current.status,
                     current.status, note=note, detail=detail)  # fmt: skip
            return _review(conn, claim_id)

    def record_correction(
        self, claim_id: str, changes: Mapping[str, tuple[Any, Any]], *, expected_version: int,
        reviewer: str, note: str | None,
    ) -> Review:  # fmt: skip
        """Change claim columns (`changes`: column -> (old, new)); the review keeps its status."""
        with self._write() as conn:
            current, now = _checked(conn, claim_id, expected_version), self.now()
            assigns = ", ".join(f'"{col}" = ?' for col in changes)
            values = [db_value(col, new) for col, (_, new) in changes.items()]
            conn.execute(f"UPDATE claims SET {assigns} WHERE claim_id = ?", (*values, claim_id))
            _update_review(conn, current)
            detail = {"changes": {col: [old, new] for col, (old, new) in changes.items()}}
            _history(conn, claim_id, now, reviewer, "corrected", current.status,
                     current.status, note=note, detail=detail)  # fmt: skip
            return _review(conn, claim_id)

    # --- sources, passages and matches ---------------------------------------------------------

    def add_source(self, source: SourceRecord, passages: pd.DataFrame) -> SourceRecord:
        """Store a source and its passages; the same source again updates it in place."""
        stamped = SourceRecord(**{**as_dict(source), "added_at": source.added_at or self.now()})
        rows = [passage_params(r) for r in records(passages)]
        with self._write() as conn:
            conn.execute(
                'INSERT INTO sources (id, title, publisher, url, "date", file_name, format, '
                "added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                "title = excluded.title, publisher = excluded.publisher, url = excluded.url, "
                '"date" = excluded."date", file_name = excluded.file_name',
                tuple(as_dict(stamped).values()),
            )
            cols = ", ".join(f'"{c}"' for c in PASSAGE_COLUMNS)
            updates = ", ".join(f'"{c}" = excluded."{c}"' for c in PASSAGE_COLUMNS[1:])
            conn.executemany(
                f"INSERT INTO passages ({cols}) VALUES ({', '.join('?' * len(PASSAGE_COLUMNS))}) "
                f"ON CONFLICT (passage_id) DO UPDATE SET {updates}",
                rows,
            )
        return stamped

    def delete_source(self, source_id: str) -> int:
        """Delete a source with its passages and their matches; the passages removed.

        Decisions that cite its passages keep their copies of the text and title.
        """
        with self._write() as conn:
            sql = "SELECT COUNT(*) FROM passages WHERE source_id = ?"
            count = conn.execute(sql, (source_id,)).fetchone()[0]
            if conn.execute("DELETE FROM sources WHERE id = ?", (source_id,)).rowcount == 0:
                raise UnknownSource(f"no source {source_id!r} in this workspace; see the list "
                                    "of sources for the ids")  # fmt: skip
            return int(count)

    def sources(self) -> pd.DataFrame:
        """Every source with its number of passages, in the order they were added."""
        rows = self._rows(
            'SELECT s.id AS source_id, s.title, s.publisher, s.url, s."date", s.file_name, '
            "s.format, s.added_at, COUNT(p.passage_id) AS passages FROM sources s "
            "LEFT JOIN passages p ON p.source_id = s.id GROUP BY s.id ORDER BY s.added_at, s.id"
        )
        return frame(rows, (*SOURCE_COLUMNS, "passages"), ints=("passages",))

    def passages(self, source_id: str | None = None) -> pd.DataFrame:
        """The passage table of one source or of all, in source and text order."""
        where, params = ("WHERE source_id = ?", (source_id,)) if source_id else ("", ())
        rows = self._rows(f'SELECT * FROM passages {where} ORDER BY source_id, "start"', params)
        return passages_frame([passage_row(r) for r in rows])

    def passage(self, passage_id: str) -> dict[str, Any] | None:
        """One passage row (PASSAGE_COLUMNS), or None if there is none with this id."""
        rows = self._rows("SELECT * FROM passages WHERE passage_id = ?", (passage_id,))
        return passage_row(rows[0]) if rows else None

    def replace_matches(self, claim_ids: Iterable[str], matches: pd.DataFrame) -> None:
        """Drop the matches of these claims and store the new ones, in one transaction."""
        params = [tuple(plain(r[c]) for c in MATCH_COLUMNS) for r in records(matches)]
        with self._write() as conn:
            conn.executemany("DELETE FROM matches WHERE claim_id = ?", [(c,) for c in claim_ids])
            conn.executemany(
                f"INSERT INTO matches ({', '.join(MATCH_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(MATCH_COLUMNS))})",
                params,
            )

    def matches(
        self, article_id: str | None = None, *, claim_id: str | None = None
    ) -> pd.DataFrame:
        """MATCH_COLUMNS with the source's title, publisher and url; by claim, then rank."""
        sql = ("SELECT m.*, s.title, s.publisher, s.url FROM matches m "
               "JOIN sources s ON s.id = m.source_id JOIN claims c USING (claim_id)")  # fmt: skip
        params: list[str] = []
        if claim_id is not None:
            sql, params = sql + " WHERE m.claim_id = ?", [claim_id]
        elif article_id is not None:
            sql, params = sql + " WHERE c.article_id = ?", [article_id]
        rows = self._rows(sql + ' ORDER BY c.article_id, c."start", m.claim_id, m.rank', params)
        columns = (*MATCH_COLUMNS, "title", "publisher", "url")
        ints = ("rank", "evidence_start", "evidence_end")
        return frame(rows, columns, ints=ints, floats=("score",))


# --- rows <-> values ---------------------------------------------------------------------------


def _article(row: Mapping[str, Any]) -> Article:
    return Article(row["id"], row["title"], row["outlet"], row["published"], row["text"],
                   row["added_by"], row["added_at"], row["version_of"],
                   row.get("version") or 1)  # fmt: skip


def _insert_claims(conn: sqlite3.Connection, rows: list[dict[str, Any]], *, origin: str) -> None:
    cols = [*CLAIM_COLUMNS, "origin"]
    names = ", ".join(f'"{c}"' for c in cols)
    conn.executemany(
        f"INSERT INTO claims ({names}) VALUES ({', '.join('?' * len(cols))})",
        [(*(db_value(c, row.get(c)) for c in CLAIM_COLUMNS), origin) for row in rows],
    )
    conn.executemany(
        "INSERT INTO reviews (claim_id, status, version) VALUES (?, 'unreviewed', 0)",
        [(row["claim_id"],) for row in rows],
    )


def _check_newest(conn: sqlite3.Connection, article_id: str) -> None:
    """Under the write lock: two new drafts of one version, added at once, would fork it."""
    sql = "SELECT id, version FROM articles WHERE version_of = ?"
    if (newer := conn.execute(sql, (article_id,)).fetchone()) is not None:
        raise NotLatestVersion(article_id, newer["id"], newer["version"])


def _insert_flags(conn: sqlite3.Connection, flags: pd.DataFrame | None) -> None:
    if flags is None or flags.empty:
        return
    conn.executemany(
        'INSERT INTO flags (claim_id, "check", message) VALUES (?, ?, ?)',
        [tuple(plain(r[c]) for c in FLAG_TABLE_COLUMNS) for r in records(flags)],
    )


def _insert_revisions(conn: sqlite3.Connection, article_id: str, revisions: pd.DataFrame) -> None:
    conn.executemany(
        "INSERT INTO revisions (article_id, old_claim_id, new_claim_id, status, changes, score) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(article_id, *(plain(r[c]) for c in REVISION_COLUMNS)) for r in records(revisions)],
    )


def _reviews_of(conn: sqlite3.Connection, article_id: str) -> dict[str, Review]:
    cursor = conn.execute(
        "SELECT r.* FROM reviews r JOIN claims c USING (claim_id) WHERE c.article_id = ?",
        (article_id,),
    )
    return {row["claim_id"]: Review(**{c: row[c] for c in REVIEW_COLUMNS}) for row in cursor}


def _carry(conn: sqlite3.Connection, now: str, who: str, carried: list[Carried]) -> None:
    for item in carried:
        current = _review(conn, item.claim_id)
        if item.review:
            _update_review(conn, current, **item.review)
        _history(conn, item.claim_id, now, who, item.action, item.from_status,
                 item.to_status, note=item.note, citation=item.citation,
                 detail=item.detail)  # fmt: skip


def _unknown_claim(claim_id: str) -> UnknownClaim:
    return UnknownClaim(f"no claim {claim_id!r} in this workspace; reload the claim table")


def _review(conn: sqlite3.Connection, claim_id: str) -> Review:
    row = conn.execute("SELECT * FROM reviews WHERE claim_id = ?", (claim_id,)).fetchone()
    if row is None:
        raise _unknown_claim(claim_id)
    return Review(**{col: row[col] for col in REVIEW_COLUMNS})


def _checked(
    conn: sqlite3.Connection, claim_id: str, expected_version: int, check: Check | None = None
) -> Review:
    """The current review, if it is still the version the reviewer loaded and passes `check`."""
    current = _review(conn, claim_id)
    if current.version != expected_version:
        raise ConflictError(current, expected_version)
    if check is not None:
        check(current)
    return current


def _update_review(conn: sqlite3.Connection, current: Review, **values: Any) -> None:
    assigns = "".join(f"{col} = ?, " for col in values)
    cursor = conn.execute(
        f"UPDATE reviews SET {assigns}version = version + 1 WHERE claim_id = ? AND version = ?",
        (*values.values(), current.claim_id, current.version),
    )
    if cursor.rowcount != 1:  # cannot happen under the write lock; refuse rather than guess
        raise ConflictError(_review(conn, current.claim_id), current.version)


def _history(
    conn: sqlite3.Connection, claim_id: str, at: str, who: str, action: str,
    from_status: str | None, to_status: str | None, *, note: str | None = None,
    citation: Citation | None = None, detail: Mapping[str, Any] | None = None,
) -> None:  # fmt: skip
    cited = citation or Citation()
    conn.execute(
        "INSERT INTO history (claim_id, at, who, action, from_status, to_status, note, "
        "cited_passage_id, cited_url, cited_text, cited_source_title, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (claim_id, at, who, action, from_status, to_status, note, cited.passage_id, cited.url,
         cited.text, cited.source_title, json.dumps(dict(detail or {}), ensure_ascii=False)),
    )  # fmt: skip
