"""Use cases of the workbench, the same for the command line and the UI.

A workspace is a folder with the review store (`workbench.sqlite3`) and the passage index
(`index/`, derived data: `rebuild_index` makes it again from the store). Adding an article
extracts its claims and matches them against the sources already indexed; adding sources
matches the claims of every article again, because a new source may hold the evidence of an
old claim. Matching again replaces matches only: reviews and the passages they cite are kept.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import pandas as pd

from claims.checks.selfcheck import self_check
from claims.drafts.align import align_claims
from claims.errors import EmptyInputError
from claims.evidence.sources import (
    Source,
    load_source,
    passages_frame,
    readable_name,
    source_from_bytes,
    source_passages,
)
from claims.extract import extract_claims, parse_published, text_id
from claims.reading.text import DEFAULT_MAX_BYTES, load_text, text_from_bytes
from claims.schema import CLAIM_COLUMNS
from workbench import review, versions
from workbench.errors import UnknownArticle, WorkspaceError
from workbench.evidence import source_files
from workbench.matching import (
    MATCH_LIMIT,
    Progress,
    finish_pending,
    match_claim,
    match_rows,
    no_progress,
    rebuild_index,
    rematch,
)
from workbench.seeds import SEEDS_DIR, seed_article
from workbench.store import DB_NAME, Article, Clock, Review, SourceRecord, utc_now
from workbench.workspace import (
    DEFAULT_FOLDER,
    ENV_VAR,
    INDEX_FOLDER,
    Workspace,
    default_folder,
)

__all__ = [
    "DEFAULT_FOLDER",
    "ENV_VAR",
    "INDEX_FOLDER",
    "MATCH_LIMIT",
    "Progress",
    "Workspace",
    "default_folder",
    "finish_pending",
    "rebuild_index",
    "rematch",
]

DEMO_FOLDER = Path("demo-workspace")
DEMO_MARKER = ".workbench-demo"


@runtime_checkable
class Upload(Protocol):
    """A file in memory, such as Streamlit's UploadedFile: a name and its bytes."""

    name: str

    def getvalue(self) -> bytes: ...


FileInput = str | os.PathLike[str] | Upload


@dataclass(frozen=True)
class SourcesAdded:
    """What `add_sources` did: the sources stored, their passages, the claims matched again."""

    sources: list[SourceRecord]
    passages: int
    claims_matched: int


def add_article(
    ws: Workspace,
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    added_by: str | None = None,
    article_id: str | None = None,
    version_of: str | None = None,
) -> Article:
    """Extract the claims of an article's text, check it against itself, store it, match it.

    With `version_of`, the text is a revised draft of that article (the newest of its
    versions): its claims are paired with the previous version's, unchanged ones keep their
    decisions, changed ones are reset and say what changed. Title, outlet and publication
    date default to the previous version's.
    """
    if not text.strip():
        raise EmptyInputError("the article is empty; paste its text or choose its file")
    art_id = article_id or text_id(text)
    finish_pending(ws)
    if art_id in ws.resumed and _stored_text(ws, art_id) == text:
        # A run stopped after storing this article: its matching is finished now, and adding
        # it again is what the user did to finish it.
        return ws.store.article(art_id)
    with ws.working():
        return _add_article(ws, text, art_id, title=title, outlet=outlet, published=published,
                            added_by=added_by, version_of=version_of)  # fmt: skip


def _stored_text(ws: Workspace, article_id: str) -> str | None:
    try:
        return ws.store.article(article_id).text
    except UnknownArticle:
        return None


def _add_article(
    ws: Workspace, text: str, art_id: str, *, title: str | None, outlet: str | None,
    published: str | None, added_by: str | None, version_of: str | None,
) -> Article:  # fmt: skip
    previous = _previous(ws, version_of)
    if previous is not None:
        title, outlet = title or previous.title, outlet or previous.outlet
        published = published or previous.published
    when = parse_published(published)
    claims = extract_claims(text, published=when, article_id=art_id)
    flags = self_check(text, claims, published=when)
    first_line = text.strip().splitlines()[0][:120]
    article = Article(art_id, (title or "").strip() or first_line, outlet or None,
                      when.isoformat() if when else None, text, added_by or None, "",
                      version_of=previous.article_id if previous else None,
                      version=previous.version + 1 if previous else 1)  # fmt: skip
    if previous is None:
        stored = ws.store.add_article(article, claims, flags=flags)
    else:
        old, fixes = versions.as_extracted(
            ws.store.claims(previous.article_id), ws.store.history(article_id=previous.article_id)
        )
        claims = _with_reviewer_claims(claims, versions.reviewer_claims_in(text, old, art_id))
        alignment = align_claims(old[list(CLAIM_COLUMNS)], claims[list(CLAIM_COLUMNS)])
        claims = versions.with_corrections(claims, alignment, fixes)
        stored = ws.store.add_article(
            article,
            claims,
            flags=flags,
            revisions=alignment,
            carry=versions.carry_plan(alignment, previous, fixes),
        )
    match_rows(ws, claims, ws.index(), finished=_pending(ws, "match_article", art_id))
    return stored


def _pending(ws: Workspace, task: str, target: str | None = None) -> list[int]:
    """The journal rows of this task (and target, if given): under the work lock, ours."""
    return [t.task_id for t in ws.store.pending_work()
            if t.task == task and (target is None or t.target == target)]  # fmt: skip


def _previous(ws: Workspace, version_of: str | None) -> Article | None:
    if version_of is None:
        return None
    return versions.check_latest(ws.store.versions(version_of), version_of)


def _with_reviewer_claims(claims: pd.DataFrame, added: pd.DataFrame) -> pd.DataFrame:
    if added.empty:
        return claims
    table = claims.assign(origin="extractor")
    added = added[[*CLAIM_COLUMNS, "origin"]]
    return pd.concat([table, added], ignore_index=True).sort_values(
        ["start", "end"], ignore_index=True
    )


def add_article_file(
    ws: Workspace,
    file: FileInput,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    added_by: str | None = None,
    version_of: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """`add_article` for a file on disk or an upload (.txt .md .html .docx).

    The title is the file's name, or for a new version the previous version's title.
    `max_bytes` bounds the file's size, what it unpacks to and its text (`load_text`).
    """
    if isinstance(file, Upload):
        name = file.name
        text = text_from_bytes(file.getvalue(), name=file.name, max_bytes=max_bytes)
    else:
        name, text = os.fspath(file), load_text(file, max_bytes=max_bytes)
    default_title = None if version_of else readable_name(Path(name).stem)
    return add_article(ws, text, title=title or default_title, outlet=outlet,
                       published=published, added_by=added_by,
                       version_of=version_of)  # fmt: skip


def add_sources(
    ws: Workspace,
    files: Iterable[FileInput],
    *,
    progress: Progress | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> SourcesAdded:
    """Store and index source files (folders are searched), then match every article again.

    Every file is read before anything is stored: a bad file stops the run and leaves the
    workspace as it was.
    """
    report = progress or no_progress
    items = _expand(files)
    sources = []
    for done, item in enumerate(items, start=1):
        sources.append(_read_source(item, max_bytes))
        report(done, len(items), "Reading sources")
    finish_pending(ws, progress=progress)
    with ws.working():
        records, tables = [], []
        for source in sources:
            table = source_passages(source)
            records.append(ws.store.add_source(_record(source), table))
            tables.append(table)
        passages = pd.concat(tables, ignore_index=True) if tables else passages_frame([])
        ws.index().add(passages, progress=lambda d, t: report(d, t, "Indexing passages"))
        ws.store.finish_work(_pending(ws, "index_source"))
        matched = rematch(ws, progress=progress, finished=_pending(ws, "match_all"))
    return SourcesAdded(records, len(passages), matched)


def remove_source(ws: Workspace, source_id: str, *, progress: Progress | None = None) -> int:
    """Remove a source from the store and the index, then match every article again.

    Decisions that cite its passages keep their copies of the text and the source's title.
    """
    finish_pending(ws, progress=progress)
    with ws.working():
        removed = ws.store.delete_source(source_id)
        ws.index().delete_source(source_id)
        ws.store.finish_work(_pending(ws, "unindex_source", source_id))
        rematch(ws, progress=progress, finished=_pending(ws, "match_all"))
    return removed


def replace_source(
    ws: Workspace, source_id: str, file: FileInput, *, progress: Progress | None = None
) -> SourcesAdded:
    """A new version of a source: add the new file, then remove the old one."""
    with ws.working():
        added = add_sources(ws, [file], progress=progress)
        if source_id not in {s.source_id for s in added.sources}:  # the same bytes: keep it
            remove_source(ws, source_id, progress=progress)
    return added


def add_missed_claim(
    ws: Workspace,
    article_id: str,
    words: str,
    *,
    kind: str,
    reviewer: str | None,
    occurrence: int = 1,
    fields: Mapping[str, Any] | None = None,
    note: str | None = None,
) -> Review:
    """`review.add_claim`, then the new claim is matched against the sources."""
    with ws.working():
        added = review.add_claim(ws.store, article_id, words, kind=kind, reviewer=reviewer,
                                 occurrence=occurrence, fields=fields, note=note)  # fmt: skip
        match_claim(ws, added.claim_id, finished=_pending(ws, "match_claim", added.claim_id))
    return added


def correct_claim(
    ws: Workspace,
    claim_id: str,
    changes: Mapping[str, Any],
    *,
    reviewer: str | None,
    expected_version: int,
    note: str | None = None,
) -> Review:
    """`review.correct_claim`, then the claim is matched again (its value may agree now)."""
    with ws.working():
        corrected = review.correct_claim(ws.store, claim_id, changes, reviewer=reviewer,
                                         expected_version=expected_version, note=note)  # fmt: skip
        match_claim(ws, claim_id, finished=_pending(ws, "match_claim", claim_id))
    return corrected


def search_passages(ws: Workspace, query: str, *, limit: int = 20) -> pd.DataFrame:
    """The passages of the workspace's sources that best match `query` (BM25)."""
    return ws.index().search(query, limit=limit)


def status(ws: Workspace) -> pd.DataFrame:
    """One row per article: id, title, version, published, claims, then each status's count."""
    counts = ws.store.status_counts()
    rows = []
    for article in ws.store.articles(with_text=False):
        mine = counts[counts["article_id"] == article.article_id]
        by_status = dict(zip(mine["status"], mine["claims"], strict=True))
        rows.append({"article_id": article.article_id, "title": article.title,
                     "version": article.version, "published": article.published,
                     "claims": int(mine["claims"].sum()),
                     **{s: int(by_status.get(s, 0)) for s in review.STATUSES}})  # fmt: skip
    columns = ["article_id", "title", "version", "published", "claims", *review.STATUSES]
    return pd.DataFrame(rows, columns=columns)


def build_demo(
    folder: str | os.PathLike[str] = DEMO_FOLDER,
    *,
    clock: Clock = utc_now,
    progress: Progress | None = None,
    database: str | None = None,
) -> Workspace:
    """Build the demo workspace from scratch from `seeds/`: the demo sources and the seed article.

    It is rebuilt every time. The folder is removed first only when it is a demo workspace
    (it holds the marker file) or empty; any other folder is refused and left untouched. Its
    store is the folder's own SQLite file, never WORKBENCH_DATABASE's (the demo must not land
    in a desk's shared store); `database` puts it in an empty database on purpose.
    """
    path = Path(folder)
    _clear_demo(path)
    path.mkdir(parents=True, exist_ok=True)
    (path / DEMO_MARKER).write_text("Built by `workbench demo`; rebuilt on every run.\n")
    ws = Workspace.open(path, clock=clock, database=database or str(path / DB_NAME))
    add_sources(ws, [SEEDS_DIR / "sources"], progress=progress)
    seed = seed_article()
    add_article(ws, seed.text, title=seed.title, outlet=seed.outlet, published=seed.published,
                added_by="workbench demo", article_id=seed.id)  # fmt: skip
    return ws


def _clear_demo(path: Path) -> None:
    if path.is_symlink():
        raise WorkspaceError(
            f"{path} is a link (to {os.readlink(path)}); the demo is rebuilt from scratch each "
            "time and never removes what a link points to: remove the link or run the demo "
            "elsewhere"
        )
    if not path.exists():
        return
    if path.is_dir() and ((path / DEMO_MARKER).is_file() or not any(path.iterdir())):
        shutil.rmtree(path)
        return
    raise WorkspaceError(
        f"{path} exists and is not a demo workspace; the demo is rebuilt from scratch each "
        "time and never touches another folder: move that folder or run the demo elsewhere"
    )


def _expand(files: Iterable[FileInput]) -> list[Path | Upload]:
    items: list[Path | Upload] = []
    for item in files:
        items.extend([item] if isinstance(item, Upload) else source_files([Path(item)]))
    return items


def _read_source(item: Path | Upload, max_bytes: int) -> Source:
    if isinstance(item, Upload):
        return source_from_bytes(item.getvalue(), name=item.name, max_bytes=max_bytes)
    return load_source(item, max_bytes=max_bytes)


def _record(source: Source) -> SourceRecord:
    return SourceRecord(source.source_id, source.title, source.publisher, source.url,
                        source.date, source.file_name, source.format)  # fmt: skip
