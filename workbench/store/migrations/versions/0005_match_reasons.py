"""Every match carries the one-line reason for its verdict; matches stored before have none.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("matches", sa.Column("reason", sa.Text))


def downgrade() -> None:
    with op.batch_alter_table("matches", recreate="always") as batch:
        batch.drop_column("reason")
