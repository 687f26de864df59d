"""The journal of pending work: what a command still has to do outside the store.

The passage index and the matches are derived from the store, but written apart from it (the
index is a tantivy folder; matching runs after an article is stored). A change that makes such
work writes its journal row in its own transaction (`add`, from `workbench.store.changes`'s
callers), and the work's end removes it, so that after a kill the next command reads here
what is unfinished and finishes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import Connection, delete, insert, select

from workbench.records import PendingTask
from workbench.store.base import StoreBase
from workbench.store.tables import TASKS, pending_work, settings


def add(conn: Connection, now: str, task: str, target: str | None) -> None:
    """One row of pending work, in the caller's transaction."""
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; one of {', '.join(TASKS)}")
    conn.execute(insert(pending_work).values(task=task, target=target, started_at=now))


def finish(conn: Connection, task_ids: Iterable[int]) -> None:
    """Remove rows of finished work, in the caller's transaction."""
    ids = list(task_ids)
    if ids:
        conn.execute(delete(pending_work).where(pending_work.c.id.in_(ids)))


class JournalStore(StoreBase):
    """Reading and closing the journal, and the workspace's settings; mixed into
    `workbench.store.Store`."""

    def pending_work(self) -> list[PendingTask]:
        """Every row of unfinished work, oldest first."""
        query = select(pending_work).order_by(pending_work.c.id)
        return [PendingTask(r["id"], r["task"], r["target"], r["started_at"])
                for r in self._rows(query)]  # fmt: skip

    def finish_work(self, task_ids: Iterable[int]) -> None:
        """The work of these rows is done."""
        with self._write() as conn:
            finish(conn, task_ids)

    def settings(self) -> dict[str, str]:
        """The workspace's settings, by key."""
        return {r["key"]: r["value"] for r in self._rows(select(settings.c.key, settings.c.value))}

    def set_settings(self, values: Mapping[str, str | None], *, who: str | None) -> None:
        """Set settings (None or "" removes one), in one transaction."""
        now = self.now()
        with self._write() as conn:
            for key, value in values.items():
                conn.execute(delete(settings).where(settings.c.key == key))
                if value:
                    row = {"key": key, "value": value, "set_by": who, "set_at": now}
                    conn.execute(insert(settings).values(row))

    def add_work(self, task: str, target: str | None = None) -> int:
        """Note work to do that no change of the store makes (matching every article again);
        its row's id."""
        with self._write() as conn:
            add(conn, self.now(), task, target)
            newest = select(pending_work.c.id).order_by(pending_work.c.id.desc()).limit(1)
            return int(conn.execute(newest).scalar_one())
