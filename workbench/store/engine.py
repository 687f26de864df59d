"""Connections to a workspace's database: one `Engine` per database, one connection per unit
of work. SQLite (a file in the workspace folder) by default; PostgreSQL for a desk's shared
store, through the same code.

The engine pools nothing (`NullPool`): every unit of work opens its own connection and closes
it, so nothing is held across Streamlit sessions or threads, and several processes (the CLI,
the UI) may share a workspace. On SQLite every connection turns foreign keys on and syncs at
checkpoints (WAL with `synchronous = NORMAL` never corrupts and never keeps half a
transaction); a write begins with `BEGIN IMMEDIATE`, so a writer holds the lock before it
reads what it will check, and the busy timeout makes the others wait instead of failing. A
read begins no transaction: each of its statements reads the last commit, while writers go on
(WAL), and nothing is left to roll back. A connection is closed, not reset, when its unit of
work ends: a reset would be one more round trip for a connection about to go.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, exc, make_url
from sqlalchemy.pool import NullPool

from workbench.errors import DamagedStore, StoreUnavailable

BUSY_TIMEOUT_SECONDS = 30.0
_WRITE = "workbench_write"  # the execution option that makes a transaction a writer's

_ENGINES: dict[Path, Engine] = {}
_SERVER_ENGINES: dict[str, Engine] = {}
_ENGINES_GUARD = threading.Lock()


def is_url(database: str | Path) -> bool:
    """Whether `database` names a database server (a SQLAlchemy URL), not a SQLite file."""
    return isinstance(database, str) and "://" in database


def engine_for(database: str | Path) -> Engine:
    """The engine of a SQLite file, or of the server a `postgresql+psycopg://` URL names."""
    if not is_url(database):
        return sqlite_engine(Path(database))
    url = make_url(str(database))
    if not url.drivername.startswith("postgresql"):
        raise StoreUnavailable(
            url.render_as_string(hide_password=True),
            "only PostgreSQL is supported as a server: give a postgresql+psycopg:// URL",
        )
    key = url.render_as_string(hide_password=False)
    with _ENGINES_GUARD:
        engine = _SERVER_ENGINES.get(key)
        if engine is None:
            # A server connection costs a process on the server: a few are kept for the
            # units of work of this process, each handed to one unit at a time.
            engine = create_engine(url, pool_size=4, max_overflow=8, pool_pre_ping=True,
                                   connect_args={"connect_timeout": 10})  # fmt: skip
            _SERVER_ENGINES[key] = engine
        return engine


def sqlite_engine(path: Path) -> Engine:
    """The engine of the SQLite database at `path`, made once per process."""
    key = path.resolve()
    with _ENGINES_GUARD:
        engine = _ENGINES.get(key)
        if engine is None:
            url = URL.create("sqlite", database=str(key))
            engine = create_engine(
                url,
                poolclass=NullPool,
                pool_reset_on_return=None,
                connect_args={"timeout": BUSY_TIMEOUT_SECONDS},
            )
            event.listen(engine, "connect", _on_sqlite_connect)
            event.listen(engine, "begin", _on_begin)
            _ENGINES[key] = engine
        return engine


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling is turned off: `_on_begin` says how each begins.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def _on_begin(conn: Connection) -> None:
    if conn.dialect.name == "sqlite" and conn.get_execution_options().get(_WRITE, False):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def use_wal(engine: Engine) -> None:
    """Write-ahead logging, so that readers go on while one process writes (kept in the file)."""
    if engine.dialect.name == "sqlite":
        with damage_as_error(engine):
            raw = engine.raw_connection()  # outside any transaction, as the pragma requires
            try:
                raw.cursor().execute("PRAGMA journal_mode = WAL")
            finally:
                raw.close()


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for reads, closed at the end."""
    with damage_as_error(engine), engine.connect() as conn:
        yield conn


@contextmanager
def writing(engine: Engine) -> Iterator[Connection]:
    """One transaction that holds the write lock from its first statement; committed at the
    end, rolled back on any exception."""
    with (
        damage_as_error(engine),
        engine.connect().execution_options(**{_WRITE: True}) as conn,
        conn.begin(),
    ):
        yield conn


@contextmanager
def damage_as_error(engine: Engine) -> Iterator[None]:
    """A file that is not a database, or a damaged one, as `DamagedStore` with what to do.
    Only SQLite's plain DatabaseError means that: a locked database or a broken constraint
    (its subclasses) stay what they are."""
    try:
        yield
    except exc.OperationalError as error:
        if engine.dialect.name == "sqlite":
            raise
        shown = engine.url.render_as_string(hide_password=True)
        raise StoreUnavailable(shown, str(error.orig).strip().splitlines()[0]) from error
    except exc.DatabaseError as error:
        if type(error.orig) is not sqlite3.DatabaseError:
            raise
        raise DamagedStore(engine.url.database, error.orig) from error
    except sqlite3.DatabaseError as error:  # raised by the driver outside SQLAlchemy's calls
        if type(error) is not sqlite3.DatabaseError:
            raise
        raise DamagedStore(engine.url.database, error) from error
