"""The schema of the hand-written migrations' version 3: articles and their drafts, claims,
sources, passages, matches, reviews, history, revisions and self-check flags.

A new database gets every table here. A database of the hand-written migrations is brought to
the same schema in place, keeping every row: version 3 is that schema already; version 1 lacks
the covering indexes, the articles' version numbers and the revisions and flags tables, and
version 2 the last two. The tables are written out as they were, not taken from
`workbench.store.tables`, which describes the newest schema.

Revision ID: 0001
Revises:
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TEXT, INT, REAL = sa.Text, sa.Integer, sa.Float


def _articles() -> list[SchemaItem]:
    return [
        sa.Column("id", TEXT, primary_key=True),
        sa.Column("title", TEXT, nullable=False),
        sa.Column("outlet", TEXT),
        sa.Column("published", TEXT),
        sa.Column("text", TEXT, nullable=False),
        sa.Column("added_by", TEXT),
        sa.Column("added_at", TEXT, nullable=False),
        sa.Column("version_of", TEXT, sa.ForeignKey("articles.id")),
        _article_version(),
    ]


def _article_version() -> sa.Column[int]:
    return sa.Column("version", INT, nullable=False, server_default="1")


def _claims() -> list[SchemaItem]:
    return [
        sa.Column("claim_id", TEXT, primary_key=True),
        sa.Column("article_id", TEXT, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("kind", TEXT, nullable=False),
        sa.Column("text", TEXT, nullable=False),
        sa.Column("start", INT, nullable=False),
        sa.Column("end", INT, nullable=False),
        sa.Column("sentence_index", INT, nullable=False),
        sa.Column("sentence", TEXT, nullable=False),
        *(sa.Column(name, TEXT) for name in ("value", "unit", "qualifier", "speaker", "subject")),
        sa.Column("origin", TEXT, nullable=False),
        sa.CheckConstraint("origin IN ('extractor', 'reviewer')", name="claims_origin"),
    ]


def _sources() -> list[SchemaItem]:
    return [
        sa.Column("id", TEXT, primary_key=True),
        sa.Column("title", TEXT, nullable=False),
        *(sa.Column(name, TEXT) for name in ("publisher", "url", "date", "file_name", "format")),
        sa.Column("added_at", TEXT, nullable=False),
    ]


def _passages() -> list[SchemaItem]:
    return [
        sa.Column("passage_id", TEXT, primary_key=True),
        sa.Column(
            "source_id", TEXT, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("start", INT, nullable=False),
        sa.Column("end", INT, nullable=False),
        sa.Column("text", TEXT, nullable=False),
        *(sa.Column(name, TEXT) for name in ("title", "publisher", "url", "date", "file_name")),
        sa.Column("values", TEXT, nullable=False, server_default="[]"),
    ]


def _matches() -> list[SchemaItem]:
    passage = sa.ForeignKey("passages.passage_id", ondelete="CASCADE")
    return [
        sa.Column("claim_id", TEXT, sa.ForeignKey("claims.claim_id"), nullable=False),
        sa.Column("rank", INT, nullable=False),
        sa.Column("passage_id", TEXT, passage, nullable=False),
        sa.Column("source_id", TEXT, nullable=False),
        sa.Column("score", REAL, nullable=False),
        sa.Column("agreement", TEXT, nullable=False),
        sa.Column("evidence_start", INT, nullable=False),
        sa.Column("evidence_end", INT, nullable=False),
        sa.Column("source_value", TEXT),
        sa.Column("passage_text", TEXT, nullable=False),
        sa.PrimaryKeyConstraint("claim_id", "rank"),
    ]


def _reviews() -> list[SchemaItem]:
    return [
        sa.Column("claim_id", TEXT, sa.ForeignKey("claims.claim_id"), primary_key=True),
        sa.Column("status", TEXT, nullable=False),
        *(sa.Column(name, TEXT) for name in ("reviewer", "decided_at", "note")),
        *(
            sa.Column(name, TEXT)
            for name in ("cited_passage_id", "cited_url", "cited_text", "cited_source_title")
        ),
        sa.Column("version", INT, nullable=False, server_default="0"),
        sa.Column("signed_off_by", TEXT),
        sa.Column("signed_off_at", TEXT),
    ]


def _history() -> list[SchemaItem]:
    return [
        sa.Column("id", INT, primary_key=True, autoincrement=True),
        sa.Column("claim_id", TEXT, sa.ForeignKey("claims.claim_id"), nullable=False),
        sa.Column("at", TEXT, nullable=False),
        sa.Column("who", TEXT, nullable=False),
        sa.Column("action", TEXT, nullable=False),
        *(sa.Column(name, TEXT) for name in ("from_status", "to_status", "note")),
        *(
            sa.Column(name, TEXT)
            for name in ("cited_passage_id", "cited_url", "cited_text", "cited_source_title")
        ),
        sa.Column("detail", TEXT, nullable=False, server_default="{}"),
    ]


def _revisions() -> list[SchemaItem]:
    return [
        sa.Column("article_id", TEXT, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("old_claim_id", TEXT, sa.ForeignKey("claims.claim_id")),
        sa.Column("new_claim_id", TEXT, sa.ForeignKey("claims.claim_id")),
        sa.Column("status", TEXT, nullable=False),
        sa.Column("changes", TEXT),
        sa.Column("score", REAL),
        sa.CheckConstraint(
            "status IN ('unchanged', 'changed', 'removed', 'new')", name="revisions_status"
        ),
    ]


def _flags() -> list[SchemaItem]:
    return [
        sa.Column("claim_id", TEXT, sa.ForeignKey("claims.claim_id"), nullable=False),
        sa.Column("check", TEXT, nullable=False),
        sa.Column("message", TEXT, nullable=False),
    ]


TABLES = {
    "articles": (_articles, {}),
    "claims": (_claims, {}),
    "sources": (_sources, {}),
    "passages": (_passages, {}),
    "matches": (_matches, {}),
    "reviews": (_reviews, {}),
    "history": (_history, {"sqlite_autoincrement": True}),
    "revisions": (_revisions, {}),
    "flags": (_flags, {}),
}
INDEXES = (
    ("claims_by_article", "claims", ("article_id", "start")),
    ("passages_by_source", "passages", ("source_id", "start")),
    ("matches_by_passage", "matches", ("passage_id",)),
    ("reviews_by_status", "reviews", ("status",)),
    ("history_by_claim", "history", ("claim_id", "id")),
    ("claims_by_article_id", "claims", ("article_id", "claim_id")),
    ("reviews_status_by_claim", "reviews", ("claim_id", "status")),
    ("articles_by_version_of", "articles", ("version_of",)),
    ("revisions_by_article", "revisions", ("article_id",)),
    ("flags_by_claim", "flags", ("claim_id",)),
)


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    existing = set(inspector.get_table_names())
    for name, (columns, options) in TABLES.items():
        if name not in existing:
            op.create_table(name, *columns(), **options)
    if "articles" in existing:
        have = {column["name"] for column in inspector.get_columns("articles")}
        if "version" not in have:  # a database of the hand-written version 1
            op.add_column("articles", _article_version())
    for index, table, indexed in INDEXES:
        known = {found["name"] for found in sa.inspect(op.get_bind()).get_indexes(table)}
        if index not in known:
            op.create_index(index, table, list(indexed))


def downgrade() -> None:
    for name in reversed(list(TABLES)):
        op.drop_table(name)
