"""What every part of the store shares: the workspace's engine (a SQLite file, or a
PostgreSQL server named by a URL), its clock, and the two ways to open a unit of work (a read,
or a write holding the lock)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Select

from workbench.records import Clock, utc_now
from workbench.store.engine import engine_for, is_url, reading, use_wal, writing
from workbench.store.schema import upgrade


class StoreBase:
    """The database of one workspace, brought to the newest schema when opened. `clock` stamps
    every change (tests fix it)."""

    def __init__(self, database: str | Path, *, clock: Clock = utc_now) -> None:
        self.clock = clock
        # `path` is the SQLite file, None on a server; `database` names either, as given.
        self.path = None if is_url(database) else Path(database)
        self.database = str(database)
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.engine = engine_for(database)
        use_wal(self.engine)
        self.schema_version = upgrade(self.engine)

    def now(self) -> str:
        """The clock's time as stored: ISO 8601 in UTC, to the second."""
        return self.clock().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with reading(self.engine) as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        with writing(self.engine) as conn:
            yield conn

    def _rows(
        self, query: Select[Any], params: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """The rows of a query as dicts (zipped from tuples: faster than mapping rows)."""
        with self._read() as conn:
            result = conn.execute(query, params)
            names = list(result.keys())
            return [dict(zip(names, row, strict=True)) for row in result.all()]
