"""The review store: the only package that speaks SQL (DESIGN.md).

SQLAlchemy Core tables (`tables`) for SQLite, the embedded default, and PostgreSQL; the schema
built and upgraded by Alembic revisions when a workspace opens (`schema`, `migrations/`); one
connection per unit of work (`engine`); the `Store` with every read and change of a workspace
(`store`, `evidence`, `changes`).
"""

from __future__ import annotations

from workbench.records import Article, Citation, Clock, Review, SourceRecord, utc_now
from workbench.store.changes import Check
from workbench.store.store import DB_NAME, Carry, Store

__all__ = [
    "DB_NAME",
    "Article",
    "Carry",
    "Check",
    "Citation",
    "Clock",
    "Review",
    "SourceRecord",
    "Store",
    "utc_now",
]
