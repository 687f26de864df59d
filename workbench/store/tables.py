"""The tables of the review store, defined once for SQLite and PostgreSQL (SQLAlchemy Core).

The types mean the same on both: text, integers and floats. Values that are not one SQL type
(a claim's value, a passage's figures, a history row's details) are JSON text, read and
written by `workbench.records`. There are no triggers: every rule lives in `workbench.review`,
where it can be read and tested. The schema is built and changed only by the Alembic revisions
of `workbench/store/migrations/`; a test checks that they arrive at exactly these tables.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    Column("title", Text, nullable=False),
    Column("outlet", Text),
    Column("published", Text),
    Column("text", Text, nullable=False),
    Column("added_by", Text),
    Column("added_at", Text, nullable=False),
    Column("version_of", Text, ForeignKey("articles.id")),
    Column("version", Integer, nullable=False, server_default="1"),
    Index("articles_by_version_of", "version_of"),
)

claims = Table(
    "claims",
    metadata,
    Column("claim_id", Text, primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("sentence_index", Integer, nullable=False),
    Column("sentence", Text, nullable=False),
    Column("value", Text),
    Column("unit", Text),
    Column("qualifier", Text),
    Column("speaker", Text),
    Column("subject", Text),
    Column("origin", Text, nullable=False),
    CheckConstraint("origin IN ('extractor', 'reviewer')", name="claims_origin"),
    Index("claims_by_article", "article_id", "start"),
    # Counting claims by article and status reads only this index and reviews_status_by_claim,
    # never the claim rows with their sentences: 5x faster over 100,000 claims.
    Index("claims_by_article_id", "article_id", "claim_id"),
)

sources = Table(
    "sources",
    metadata,
    Column("id", Text, primary_key=True),
    Column("title", Text, nullable=False),
    Column("publisher", Text),
    Column("url", Text),
    Column("date", Text),
    Column("file_name", Text),
    Column("format", Text),
    Column("added_at", Text, nullable=False),
)

passages = Table(
    "passages",
    metadata,
    Column("passage_id", Text, primary_key=True),
    Column("source_id", Text, ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("title", Text),
    Column("publisher", Text),
    Column("url", Text),
    Column("date", Text),
    Column("file_name", Text),
    Column("values", Text, nullable=False, server_default="[]"),
    Index("passages_by_source", "source_id", "start"),
)

matches = Table(
    "matches",
    metadata,
    Column("claim_id", Text, ForeignKey("claims.claim_id"), nullable=False),
    Column("rank", Integer, nullable=False),
    Column(
        "passage_id",
        Text,
        ForeignKey("passages.passage_id", ondelete="CASCADE"),
        nullable=False,
    ),
    Column("source_id", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("agreement", Text, nullable=False),
    Column("reason", Text),  # why the verdict, in one line; None for matches stored before
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("source_value", Text),
    Column("passage_text", Text, nullable=False),
    PrimaryKeyConstraint("claim_id", "rank"),
    Index("matches_by_passage", "passage_id"),
)

reviews = Table(
    "reviews",
    metadata,
    Column("claim_id", Text, ForeignKey("claims.claim_id"), primary_key=True),
    Column("status", Text, nullable=False),
    Column("reviewer", Text),
    Column("decided_at", Text),
    Column("note", Text),
    Column("cited_passage_id", Text),
    Column("cited_url", Text),
    Column("cited_text", Text),
    Column("cited_source_title", Text),
    Column("version", Integer, nullable=False, server_default="0"),
    Column("signed_off_by", Text),
    Column("signed_off_at", Text),
    Index("reviews_by_status", "status"),
    Index("reviews_status_by_claim", "claim_id", "status"),
)

# The id only grows: the newest history row's id is the workspace's last change.
history = Table(
    "history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", Text, ForeignKey("claims.claim_id"), nullable=False),
    Column("at", Text, nullable=False),
    Column("who", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("from_status", Text),
    Column("to_status", Text),
    Column("note", Text),
    Column("cited_passage_id", Text),
    Column("cited_url", Text),
    Column("cited_text", Text),
    Column("cited_source_title", Text),
    Column("detail", Text, nullable=False, server_default="{}"),
    Index("history_by_claim", "claim_id", "id"),
    sqlite_autoincrement=True,
)

# How the claims of a draft pair with the previous version's; `id` keeps their order.
revisions = Table(
    "revisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False),
    Column("old_claim_id", Text, ForeignKey("claims.claim_id")),
    Column("new_claim_id", Text, ForeignKey("claims.claim_id")),
    Column("status", Text, nullable=False),
    Column("changes", Text),
    Column("score", Float),
    CheckConstraint(
        "status IN ('unchanged', 'changed', 'removed', 'new')", name="revisions_status"
    ),
    Index("revisions_by_article", "article_id"),
)

# What the self-checks found in each claim; `id` keeps the order they were found in.
flags = Table(
    "flags",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", Text, ForeignKey("claims.claim_id"), nullable=False),
    Column("check", Text, nullable=False),
    Column("message", Text, nullable=False),
    Index("flags_by_claim", "claim_id"),
)

# Work a command has still to finish outside the store's transaction (the passage index,
# matching): written with the change that makes it, removed when it is done.
TASKS = ("index_source", "unindex_source", "match_all", "match_article", "match_claim")
pending_work = Table(
    "pending_work",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("task", Text, nullable=False),
    Column("target", Text),
    Column("started_at", Text, nullable=False),
    CheckConstraint(
        "task IN ('index_source', 'unindex_source', 'match_all', 'match_article', 'match_claim')",
        name="pending_work_task",
    ),
)

# The workspace's settings (the publisher of its fact checks), one row a setting.
settings = Table(
    "settings",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
    Column("set_by", Text),
    Column("set_at", Text, nullable=False),
)
