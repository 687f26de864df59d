"""The passage index: tantivy BM25 over source passages, in a folder or in memory.

Retrieval is plain BM25 (DESIGN.md: tantivy top hits, then a rapidfuzz rerank). The analyzer is
tantivy's `en_stem` (simple tokenizer, tokens over 40 bytes dropped, lower case, English Snowball
stemmer) with tantivy's English stop words removed before stemming. It is registered on the
index every time the index is opened, because tantivy stores only the analyzer's name.

What is searched is the passage's source title followed by its text, in one field: a press
release's title says what every one of its passages is about. On Climate-FEVER (each evidence
sentence with its Wikipedia title, 1,061 claims) this reaches recall@5 0.566; the text alone
gives 0.537, and the title as a second field scored apart gives 0.532.

A query is never parsed. Claims hold quotes, colons, parentheses, "AND", "-", "%" and "$", which
are syntax to tantivy's query parser; instead the query text goes through the same analyzer and
each distinct token becomes a Should term query. That cannot fail on any text, and it is exactly
BM25 over the query's words (each word once: counting a repeated word twice lowered recall@5 from
0.566 to 0.553). A query with no searchable word gives an empty frame.

The passage itself is stored as one JSON list per row (every PASSAGE_COLUMNS field, the values list
included, packed: `claims.evidence.stored_rows`), so that what comes back is what went in; rows
stored as JSON objects by earlier versions are read as well. Passage and source ids are also indexed
as single terms, for deletes and look-ups. Adding a passage whose id is already in the index
replaces it, so adding the same source twice leaves one copy. `search_hits` gives the passages found
as plain rows, for matching, which reads fifty a claim.

tantivy allows one writer per index. Every write takes a thread lock (one per folder in this
process) and then an exclusive `flock` on a lock file in the folder (other processes: the CLI
and the UI may write the same workspace), opens a writer, commits once, and waits for merges,
which releases tantivy's own writer lock; `add_all` writes many tables that way, in one commit.
Readers reload when the folder's meta.json has changed (every commit replaces it; a stat costs a
microsecond), so a search sees the latest commit of any process; a reload starts a new searcher
with cold caches, so it is not done when nothing changed. The index is derived data (DESIGN.md):
`rebuild` replaces everything in one commit, and readers see the old passages until the new
ones are committed.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
import tantivy

from claims.errors import PassageIndexError
from claims.evidence.sources import passages_frame
from claims.evidence.stored_rows import Hit, documents, rows, stored
from claims.schema import PASSAGE_COLUMNS

try:
    import fcntl
except ImportError:  # Windows: tantivy's own lock file still refuses a second writer
    fcntl = None  # type: ignore[assignment]

Progress = Callable[[int, int], None]

ANALYZER = "passage_en"
LOCK_FILE = ".passage-index.lock"
SEARCH_COLUMNS = (*PASSAGE_COLUMNS, "bm25")
WRITER_HEAP_BYTES = 128_000_000
# One indexing thread: building the documents in Python is the slower side, and on two cores a
# second thread made adding 300,000 passages a fifth slower, its smaller segments costing more
# CPU to merge.
WRITER_THREADS = 1
PROGRESS_EVERY = 1_000
TERM_QUERIES_KEPT = 100_000

_FOLDER_LOCKS: dict[Path, threading.Lock] = {}
_FOLDER_LOCKS_GUARD = threading.Lock()


def analyzer() -> tantivy.TextAnalyzer:
    """en_stem with English stop words removed: the analyzer of passages and queries alike."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(40))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.stopword("english"))
        .filter(tantivy.Filter.stemmer("english"))
        .build()
    )


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("passage_id", tokenizer_name="raw")
    builder.add_text_field("source_id", tokenizer_name="raw", fast=True)
    builder.add_text_field("body", tokenizer_name=ANALYZER, index_option="freq")
    builder.add_bytes_field("row", stored=True)
    return builder.build()


class PassageIndex:
    """Passages searchable by BM25. Open one with `PassageIndex.open(folder or None)`."""

    def __init__(self, index: tantivy.Index, schema: tantivy.Schema, folder: Path | None) -> None:
        self._index = index
        self._schema = schema
        self._folder = folder
        self._analyzer = analyzer()
        self._term_queries: dict[str, tantivy.Query] = {}
        self._stamp: tuple[int, int, int] | None = None
        self._lock = _folder_lock(folder) if folder else threading.Lock()

    @classmethod
    def open(cls, path: str | Path | None = None) -> PassageIndex:
        """The index in folder `path` (created if missing), or a new one in memory for None."""
        schema = _schema()
        folder = Path(path).resolve() if path is not None else None
        index = _open_folder(schema, folder) if folder else tantivy.Index(schema)
        index.register_tokenizer(ANALYZER, analyzer())
        return cls(index, schema, folder)

    @property
    def path(self) -> Path | None:
        """The index's folder; None for an index in memory."""
        return self._folder

    def __len__(self) -> int:
        return int(self._searcher().num_docs)

    def add(self, passages: pd.DataFrame, *, progress: Progress | None = None) -> int:
        """Add (or replace, by passage id) the rows of a passage table; commit once."""
        return self.add_all([passages], progress=progress)

    def add_all(self, tables: Iterable[pd.DataFrame], *, progress: Progress | None = None) -> int:
        """Add (or replace, by passage id) the rows of many passage tables, read one at a time
        from `tables` (a generator may build the next while these are indexed), with one writer
        and one commit: how a batch job indexes a corpus. Readers see none of the rows until
        all are in. `progress(done, total)` counts the rows of the tables read so far.

        One commit for all: on a million passages in tables of 20,000, a commit per table
        costs twice the CPU in tantivy (each commit flushes small segments, which are then
        merged again and again).
        """
        with self._writer() as writer:
            searcher = self._searcher()
            done, total = _write(
                writer, tables, progress, committed=searcher if len(self) else None
            )
        if progress is not None:
            progress(done, total)
        return done

    def delete_source(self, source_id: str) -> int:
        """Remove every passage of a source; the number removed (0 for an unknown source)."""
        query = tantivy.Query.term_query(self._schema, "source_id", source_id)
        with self._writer() as writer:
            result = self._searcher().search(query, 1, count=True)
            count = int(result.count or 0)  # type: ignore[attr-defined]  # missing from the stubs
            if count:
                writer.delete_documents_by_term("source_id", source_id)
        return count

    def rebuild(self, passages: pd.DataFrame, *, progress: Progress | None = None) -> None:
        """Replace every passage with these, in one commit; their stored ids are kept."""
        with self._writer() as writer:
            writer.delete_all_documents()
            done, total = _write(writer, [passages], progress, committed=None)
        if progress is not None:
            progress(done, total)

    def search(self, query: str, *, limit: int = 100) -> pd.DataFrame:
        """The best passages for `query` by BM25, best first, with a "bm25" column.

        Any text is a valid query; no searchable word means an empty frame.
        """
        hits = self.search_hits(query, limit=limit)
        return _frame([hit.passage for hit in hits], [hit.bm25 for hit in hits])

    def search_hits(self, query: str, *, limit: int = 100) -> list[Hit]:
        """What `search` finds, as a list of `Hit`: matching reads fifty passages a claim,
        and a table per query would cost more than the search itself."""
        if limit < 1:
            raise ValueError(f"limit must be at least 1, not {limit}")
        tokens = list(dict.fromkeys(self._analyzer.analyze(query)))
        if not tokens:
            return []
        terms = [(tantivy.Occur.Should, self._term_query(token)) for token in tokens]
        searcher = self._searcher()
        hits = searcher.search(tantivy.Query.boolean_query(terms), limit, count=False).hits
        found = stored(searcher, [address for _, address in hits])
        return [Hit(score, stored=cells) for (score, _), cells in zip(hits, found, strict=True)]

    def _term_query(self, token: str) -> tantivy.Query:
        """The term query of one token, kept: a claim's words recur in the next claim's query."""
        query = self._term_queries.get(token)
        if query is None:
            if len(self._term_queries) >= TERM_QUERIES_KEPT:
                self._term_queries.clear()
            query = tantivy.Query.term_query(self._schema, "body", token)
            self._term_queries[token] = query
        return query

    def get(self, passage_ids: Sequence[str]) -> pd.DataFrame:
        """The passages with these ids, in the order asked; unknown ids are left out."""
        wanted = list(dict.fromkeys(str(pid) for pid in passage_ids))
        if not wanted:
            return passages_frame([])
        query = tantivy.Query.term_set_query(self._schema, "passage_id", wanted)
        searcher = self._searcher()
        hits = searcher.search(query, len(wanted), count=False).hits
        found = {row["passage_id"]: row for row in rows(searcher, [a for _, a in hits])}
        return passages_frame([found[pid] for pid in wanted if pid in found])

    def source_ids(self) -> list[str]:
        """The ids of the sources with passages in the index, sorted."""
        return sorted(self.source_counts())

    def source_counts(self) -> dict[str, int]:
        """How many passages each source has in the index."""
        searcher = self._searcher()
        if not searcher.num_docs:
            return {}
        terms = {"terms": {"field": "source_id", "size": searcher.num_docs}}
        result = searcher.aggregate(tantivy.Query.all_query(), {"ids": terms})
        return {str(b["key"]): int(b["doc_count"]) for b in result["ids"]["buckets"]}

    def _searcher(self) -> tantivy.Searcher:
        # A reload costs microseconds but starts a new searcher, with cold caches (a passage
        # read again would be decompressed again): reload only when the folder's meta.json,
        # which every commit replaces, has changed. An index in memory changes only by our
        # own writes, which reload.
        stamp = _commit_stamp(self._folder)
        if stamp != self._stamp:
            self._index.reload()
            self._stamp = stamp
        return self._index.searcher()

    @contextlib.contextmanager
    def _writer(self) -> Iterator[tantivy.IndexWriter]:
        with self._lock, _file_lock(self._folder):
            writer = self._open_writer()
            try:
                yield writer
                writer.commit()
            except BaseException:
                writer.rollback()
                raise
            finally:
                writer.wait_merging_threads()  # also frees tantivy's writer lock
            self._index.reload()

    def _open_writer(self) -> tantivy.IndexWriter:
        try:
            return self._index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=WRITER_THREADS)
        except ValueError as exc:  # tantivy's lock is held by a writer that skipped ours
            raise PassageIndexError(
                f"the passage index in {self._folder} is being written by another program "
                f"({exc}); close it, or wait for it to finish, and try again"
            ) from exc


def _open_folder(schema: tantivy.Schema, folder: Path) -> tantivy.Index:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / "meta.json").exists() and any(folder.iterdir()):
            raise PassageIndexError(
                f"{folder} holds other files and no passage index; choose a new or empty "
                "folder for the index"
            )
        return tantivy.Index(schema, path=str(folder), reuse=True)
    except OSError as exc:
        raise PassageIndexError(
            f"cannot use {folder} for the passage index: {exc.strerror or exc}; check the path "
            "and that it is a writable folder"
        ) from exc
    except ValueError as exc:  # tantivy: a schema of another version, or a damaged index
        raise PassageIndexError(
            f"{folder} holds an index this version cannot read ({exc}); the index is derived "
            "data: delete the folder and rebuild it from the sources"
        ) from exc


def _commit_stamp(folder: Path | None) -> tuple[int, int, int] | None:
    """What changes with every commit in `folder`: tantivy replaces meta.json (a new file)."""
    if folder is None:
        return None
    try:
        meta = os.stat(folder / "meta.json")
    except OSError:
        return None
    return meta.st_ino, meta.st_mtime_ns, meta.st_size


def _folder_lock(folder: Path) -> threading.Lock:
    with _FOLDER_LOCKS_GUARD:
        return _FOLDER_LOCKS.setdefault(folder, threading.Lock())


@contextlib.contextmanager
def _file_lock(folder: Path | None) -> Iterator[None]:
    if folder is None or fcntl is None:
        yield
        return
    # A new descriptor per write: flock excludes other descriptors, this process's included.
    with open(folder / LOCK_FILE, "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write(
    writer: tantivy.IndexWriter,
    tables: Iterable[pd.DataFrame],
    progress: Progress | None,
    *,
    committed: tantivy.Searcher | None,
) -> tuple[int, int]:
    """Add the documents of every table; how many (twice: done, and the total for `progress`,
    which is told every PROGRESS_EVERY documents). A passage whose id may be in the
    index already (`committed`, or added before by this writer) is deleted first: a delete
    applies to the documents added before it, so re-adding an id replaces it. A delete costs
    as much as indexing the passage, so none is made for an id that cannot be there."""
    done = total = 0
    seen = _SeenIds()
    for table in tables:
        docs = documents(table)
        total += len(docs)
        ids = [pid for pid, _ in docs]
        maybe_there = seen.contains(ids) | pd.Series(ids, dtype=object).duplicated().to_numpy()
        if committed is not None:
            maybe_there |= np.array([committed.doc_freq("passage_id", pid) > 0 for pid in ids])
        seen.add(ids)
        for (pid, doc), there in zip(docs, maybe_there.tolist(), strict=True):
            if there:
                writer.delete_documents_by_term("passage_id", pid)
            writer.add_document(doc)
            done += 1
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, total)
    return done, total


class _SeenIds:
    """The passage ids a write has added so far, as a Bloom filter of 2**25 bits (4 MB) with
    two probes: a million ids in constant memory. A false "seen" (about 1 in 300 at a million
    ids) costs one needless delete; an id added is never missed."""

    BITS = 25

    def __init__(self) -> None:
        self._bits = np.zeros(1 << (self.BITS - 3), dtype=np.uint8)

    def contains(self, ids: Sequence[str]) -> npt.NDArray[np.bool_]:
        first, second = self._probes(ids)
        return self._test(first) & self._test(second)

    def add(self, ids: Sequence[str]) -> None:
        for probe in self._probes(ids):
            np.bitwise_or.at(self._bits, probe >> 3, np.left_shift(1, probe & 7).astype(np.uint8))

    def _probes(self, ids: Sequence[str]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        hashes = np.fromiter(map(hash, ids), dtype=np.int64, count=len(ids))
        mask = (1 << self.BITS) - 1
        return hashes & mask, (hashes >> self.BITS) & mask

    def _test(self, probe: npt.NDArray[np.int64]) -> npt.NDArray[np.bool_]:
        return (self._bits[probe >> 3] >> (probe & 7).astype(np.uint8)) & 1 == 1


def _frame(rows: list[dict[str, Any]], scores: list[float]) -> pd.DataFrame:
    frame = passages_frame(rows)
    frame["bm25"] = pd.Series(scores, dtype="float64", index=frame.index)
    return frame
