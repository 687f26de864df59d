"""The figures and dates of many passages at once, on worker processes: a batch job's scan.

`claims.evidence.passage_values.passages_values` reads passages (their sentences, `find_numbers`,
`find_dates`), a few dozen joined at a time. At a seventh of a millisecond a passage it is most
of the cost of indexing a corpus (70% of a million generated news passages), and every passage
is independent of the others, so `ValueScan` runs it on a pool of processes, one per core by
default, in chunks. `submit` returns at once: the caller indexes one batch while the pool reads
the next, and `ScanJob.get` waits for the values, in the order of the texts. With one process
(or one core) there is no pool and the values are read in this process when asked for.

Measured on 2 cores (bench/match.py): a million passages indexed with the scan on two processes
beside the indexing, against one after the other in one process; see the benchmark's report.
A prefilter was measured and left out: passages with no digit and no number or date word are
13% of the generated passages but take 1.7% of the scan, since the finders skip such text at
once, while telling them apart cost a fifth of the scan.

The processes are forked where the system can (they start at once, with `claims.evidence.sources`
imported, and need no `if __name__ == "__main__"` guard in the caller's script); they run only
the finders, never tantivy, so a thread of the caller's index copied half-way cannot hurt them.
Elsewhere they are spawned, and the caller's script needs that guard.
"""

from __future__ import annotations

import datetime as dt
import functools
import multiprocessing
import os
from collections.abc import Sequence
from multiprocessing.pool import AsyncResult, Pool
from types import TracebackType
from typing import Any

from claims.evidence.passage_values import passages_values

Values = list[dict[str, Any]]
# Passages sent to a process at a time: few enough to spread a batch over the processes, many
# enough that sending them costs little beside reading them.
CHUNK = 500


class ScanJob:
    """The values of one `submit`: `get()` waits for them."""

    def __init__(self, result: AsyncResult[list[list[Values]]] | None, texts: Sequence[str],
                 published: dt.date | None) -> None:  # fmt: skip
        self._result = result
        self._texts = texts
        self._published = published

    def get(self) -> list[Values]:
        """The values of every text, in order (`passage_values` of each)."""
        if self._result is not None:
            return [values for chunk in self._result.get() for values in chunk]
        return passages_values(self._texts, published=self._published)


class ValueScan:
    """A pool of processes reading the values of passages; use it in a `with` block."""

    def __init__(self, processes: int | None = None, *, chunk: int = CHUNK) -> None:
        self.processes = max(1, processes if processes is not None else os.cpu_count() or 1)
        self._chunk = chunk
        self._pool: Pool | None = None
        if self.processes > 1:
            self._pool = _context().Pool(self.processes)

    def submit(self, texts: Sequence[str], *, published: dt.date | None = None) -> ScanJob:
        """Start reading the values of `texts`; relative dates resolve against `published`."""
        if self._pool is None:
            return ScanJob(None, texts, published)
        read = functools.partial(passages_values, published=published)
        items = list(texts)
        chunks = [items[i : i + self._chunk] for i in range(0, len(items), self._chunk)]
        return ScanJob(self._pool.map_async(read, chunks, chunksize=1), texts, published)

    def values(self, texts: Sequence[str], *, published: dt.date | None = None) -> list[Values]:
        """The values of every text, in order: `submit(...).get()`."""
        return self.submit(texts, published=published).get()

    def close(self) -> None:
        """Stop the processes (after the work submitted is done)."""
        if self._pool is not None:
            self._pool.close()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> ValueScan:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if error is not None and self._pool is not None:
            self._pool.terminate()  # do not wait for work nobody will read
        self.close()


def _context() -> Any:
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")
