"""A journal of work a command still has to finish outside the store's transaction: indexing or
unindexing a source's passages, matching an article's or a claim's claims.

A row is written in the transaction of the change that makes the work (a source stored, an
article stored...) and removed when the work is done, so that a command stopped halfway
leaves a row saying what to finish.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_work",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("task", sa.Text, nullable=False),
        sa.Column("target", sa.Text),
        sa.Column("started_at", sa.Text, nullable=False),
        sa.CheckConstraint(
            "task IN ('index_source', 'unindex_source', 'match_all', 'match_article', "
            "'match_claim')",
            name="pending_work_task",
        ),
    )


def downgrade() -> None:
    op.drop_table("pending_work")
