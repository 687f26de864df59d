"""Revisions and flags keep their order in an `id` column, as every other ordered table does.

They were read back in SQLite's `rowid` order, which PostgreSQL has no counterpart of. On
SQLite each table is copied into a new one whose `id` is the old `rowid` (the same order, and
`INTEGER PRIMARY KEY` is SQLite's rowid itself, so nothing grows); elsewhere an identity
column is added.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op
from sqlalchemy.schema import SchemaItem

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _revisions() -> list[SchemaItem]:
    return [
        sa.Column("article_id", sa.Text, sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("old_claim_id", sa.Text, sa.ForeignKey("claims.claim_id")),
        sa.Column("new_claim_id", sa.Text, sa.ForeignKey("claims.claim_id")),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("changes", sa.Text),
        sa.Column("score", sa.Float),
        sa.CheckConstraint(
            "status IN ('unchanged', 'changed', 'removed', 'new')", name="revisions_status"
        ),
    ]


def _flags() -> list[SchemaItem]:
    return [
        sa.Column("claim_id", sa.Text, sa.ForeignKey("claims.claim_id"), nullable=False),
        sa.Column("check", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
    ]


TABLES = {
    "revisions": (_revisions, "revisions_by_article", ("article_id",)),
    "flags": (_flags, "flags_by_claim", ("claim_id",)),
}


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for name, (columns, index, indexed) in TABLES.items():
        if sqlite:
            _copy_with_ids(name, columns)
            op.create_index(index, name, list(indexed))
        else:
            op.add_column(name, sa.Column("id", sa.Integer, sa.Identity(), nullable=False))
            op.create_primary_key(f"{name}_pkey", name, ["id"])


def _copy_with_ids(name: str, columns: Callable[[], list[SchemaItem]]) -> None:
    made = columns()
    names = [item.name for item in made if isinstance(item, sa.Column)]
    new = op.create_table(
        f"_new_{name}", sa.Column("id", sa.Integer, primary_key=True, autoincrement=True), *made
    )
    old = sa.table(name, *(sa.column(col) for col in names))
    rowid: sa.ColumnClause[int] = sa.literal_column("rowid")
    copied = sa.select(rowid, *(old.c[col] for col in names)).order_by(rowid)
    op.execute(sa.insert(new).from_select(["id", *names], copied))
    op.drop_table(name)
    op.rename_table(f"_new_{name}", name)


def downgrade() -> None:
    for name in TABLES:
        with op.batch_alter_table(name, recreate="always") as batch:
            batch.drop_column("id")
