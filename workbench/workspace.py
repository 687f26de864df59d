"""A workspace folder: the review store, the passage index, and the lock of the work that keeps
them in step.

The store holds everything a reviewer made; the passage index and the matches are derived from
it (DESIGN.md). A command that changes the index or the matches holds the folder's work lock
(an exclusive `flock` on a file in the folder, and a thread lock in this process) for as long as
it works: a second such command waits its turn, and a command killed halfway frees the lock at
once, so that the next one can tell unfinished work (journal rows with nobody working) from
work in progress (journal rows while the lock is held).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from claims.errors import PassageIndexError
from claims.evidence.index import PassageIndex
from workbench.errors import BrokenIndex, WorkspaceError
from workbench.store import DB_NAME, Clock, Store, utc_now

try:
    import fcntl
except ImportError:  # Windows: one process at a time is then the user's to keep
    fcntl = None  # type: ignore[assignment]

ENV_VAR = "WORKBENCH_WORKSPACE"
DATABASE_VAR = "WORKBENCH_DATABASE"
DEFAULT_FOLDER = Path("workspace")
INDEX_FOLDER = "index"
WORK_LOCK = ".workbench-work.lock"


@dataclass(frozen=True)
class Workspace:
    """A workspace folder: its store, and its passage index opened on demand. `notices` are
    what the commands run on it had to say besides their results (unfinished work finished),
    `resumed` the articles whose unfinished matching was finished."""

    folder: Path
    store: Store
    notices: list[str] = field(default_factory=list, compare=False)
    resumed: set[str] = field(default_factory=set, compare=False)

    @classmethod
    def open(
        cls,
        folder: str | os.PathLike[str] | None = None,
        *,
        clock: Clock = utc_now,
        database: str | None = None,
    ) -> Workspace:
        """The workspace in `folder` (created if missing): WORKBENCH_WORKSPACE, else ./workspace.
        Its store is the folder's SQLite file, or the PostgreSQL database of `database` (else
        WORKBENCH_DATABASE), a `postgresql+psycopg://` URL; the passage index stays in the
        folder."""
        path = Path(folder) if folder is not None else default_folder()
        if path.exists() and not path.is_dir():
            raise WorkspaceError(f"{path} is a file; choose a folder for the workspace")
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(
                f"cannot create the workspace {path}: {exc.strerror or exc}; choose a "
                "writable folder with --workspace DIR or WORKBENCH_WORKSPACE"
            ) from exc
        server = database or os.environ.get(DATABASE_VAR) or None
        return cls(path, Store(server or path / DB_NAME, clock=clock))

    @property
    def index_folder(self) -> Path:
        """Where the passage index lives."""
        return self.folder / INDEX_FOLDER

    def index(self) -> PassageIndex:
        """The passage index (cheap to open; readers see every commit); `BrokenIndex`, which
        says how to repair it, when it cannot be opened."""
        try:
            return PassageIndex.open(self.index_folder)
        except PassageIndexError as exc:
            raise BrokenIndex(self.folder, exc) from exc

    @contextmanager
    def working(self) -> Iterator[None]:
        """Hold the work lock (waiting for another command's work to end); re-entrant."""
        with _lock_of(self.folder).held(wait=True):
            yield

    def idle(self) -> bool:
        """Whether no command is working on the workspace now (in any process)."""
        lock = _lock_of(self.folder)
        with lock.held(wait=False) as got:
            return got and lock.depth == 1  # not this thread's own work either


def default_folder() -> Path:
    """WORKBENCH_WORKSPACE when set, else ./workspace."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_FOLDER)


class _FolderLock:
    """A folder's work lock: a re-entrant thread lock, and while any thread of this process
    holds it, an exclusive flock on the folder's lock file."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / WORK_LOCK
        self.thread_lock = threading.RLock()
        self.depth = 0
        self.handle: IO[bytes] | None = None

    @contextmanager
    def held(self, *, wait: bool) -> Iterator[bool]:
        if not self.thread_lock.acquire(blocking=wait):
            yield False
            return
        try:
            if self.depth == 0 and not self._lock_file(wait):
                yield False
                return
            self.depth += 1
            try:
                yield True
            finally:
                self.depth -= 1
                if self.depth == 0:
                    self._unlock_file()
        finally:
            self.thread_lock.release()

    def _lock_file(self, wait: bool) -> bool:
        handle = self.path.open("ab")
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                handle.close()
                return False
        self.handle = handle
        return True

    def _unlock_file(self) -> None:
        if self.handle is not None:
            if fcntl is not None:
                fcntl.flock(self.handle, fcntl.LOCK_UN)
            self.handle.close()
            self.handle = None


_LOCKS: dict[Path, _FolderLock] = {}
_LOCKS_GUARD = threading.Lock()


def _lock_of(folder: Path) -> _FolderLock:
    key = folder.resolve()
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, _FolderLock(key))
