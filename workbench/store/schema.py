"""The schema's version: Alembic revisions, applied when a workspace opens.

The revisions live in `workbench/store/migrations/versions/`, one file a step, only ever appended;
one that has shipped is never edited. Opening a workspace reads the revision its database is at and,
if it is behind, applies the rest in one transaction that holds the write lock from its start and
reads the revision again: two processes opening a new workspace at once cannot both apply a step
(the second waits, reads the new revision and applies nothing). A database from a newer workbench (a
revision this code does not know) is refused before anything is written.

Before Alembic, the store versioned its schema with SQLite's `PRAGMA user_version` (1 to 3);
such a database has no revision yet and the first revision brings it to today's schema in
place, keeping every row.
"""

from __future__ import annotations

import functools
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, func, select

from workbench.errors import SchemaVersionError
from workbench.store.engine import reading, writing

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
# The key of the PostgreSQL advisory lock that serializes schema upgrades.
SCHEMA_LOCK = 0x57_42_53_43  # "WBSC"
# The last `PRAGMA user_version` of the hand-written migrations that came before Alembic.
LEGACY_LATEST = 3


@functools.cache
def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("path_separator", "os")
    return config


@functools.cache
def _script() -> ScriptDirectory:
    return ScriptDirectory.from_config(_config())


def head() -> str:
    """The revision this code brings every database to."""
    found = _script().get_current_head()
    assert found is not None, f"no revisions in {MIGRATIONS}"
    return found


def known_revisions() -> frozenset[str]:
    return frozenset(rev.revision for rev in _script().walk_revisions())


def current_revision(conn: Connection) -> str | None:
    """The revision the database is at; None for a new file or one from before Alembic."""
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine) -> str:
    """Bring the database to `head()`, refusing one from a newer workbench; the revision."""
    with reading(engine) as conn:  # the common case, without taking the write lock
        current = current_revision(conn)
        _refuse_newer(conn, current)
        if current == head():
            return current
    with writing(engine) as conn:  # read again under the lock: another process may be done
        if conn.dialect.name == "postgresql":  # SQLite's BEGIN IMMEDIATE, on a server
            conn.execute(select(func.pg_advisory_xact_lock(SCHEMA_LOCK)))
        current = current_revision(conn)
        _refuse_newer(conn, current)
        if current != head():
            config = _config()
            config.attributes["connection"] = conn
            try:
                command.upgrade(config, "head")
            finally:
                config.attributes.pop("connection", None)
        return head()


def _refuse_newer(conn: Connection, current: str | None) -> None:
    if current is not None and current not in known_revisions():
        raise SchemaVersionError(
            f"this workspace's database is at schema revision {current}, which is newer than "
            f"this workbench knows (it knows up to {head()}); upgrade claim-workbench to open it"
        )
    if current is None and conn.dialect.name == "sqlite":
        legacy = int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)
        if legacy > LEGACY_LATEST:
            raise SchemaVersionError(
                f"this workspace's database is at schema version {legacy}, newer than this "
                "workbench knows; upgrade claim-workbench to open it"
            )
