"""Alembic's environment: runs the revisions on the connection the store hands over.

The store opens the transaction (with the write lock, on SQLite) and passes its connection in
`config.attributes["connection"]`; nothing here opens a connection of its own, reads a URL or
sets up logging.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from workbench.store.tables import metadata


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError(
            "the store's migrations run from workbench.store.schema.upgrade, "
            "which hands them a connection"
        )
    # Batch mode: SQLite changes a table by copying it, which plain ALTER TABLE cannot do.
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("the store's migrations run on a live connection only")
run_migrations_online()
