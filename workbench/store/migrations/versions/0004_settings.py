"""The workspace's settings: who publishes its fact checks (organisation name, site, the
address pattern of a published review), one row a setting.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("set_by", sa.Text),
        sa.Column("set_at", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("settings")
