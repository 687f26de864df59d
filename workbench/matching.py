"""Keeping the derived data in step with the store: the passage index and the matches.

Each function here does work that the journal of pending work (`workbench.store.journal`)
may hold a row of, and removes the rows it finishes: matches are written together with the
removal of their rows, in one transaction; the index's rows are removed after its commit (a
kill between the two makes the next command index the same passages again, which replaces
them). `finish_pending` finishes what a stopped command left, when nobody is working.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from claims.evidence.index import PassageIndex
from claims.evidence.match import match_claims
from claims.schema import CLAIM_COLUMNS
from workbench.errors import BrokenIndex
from workbench.records import PendingTask
from workbench.workspace import Workspace

MATCH_LIMIT = 5

# progress(done, total, what is being done): a tqdm bar in the CLI, st.progress in the UI.
Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, what: str) -> None:
    """Progress reports go nowhere when nobody asked for them."""


def match_rows(
    ws: Workspace, claims: pd.DataFrame, index: PassageIndex, *, finished: Iterable[int] = ()
) -> int:
    """Match claim rows against the index and store their matches (with the journal rows this
    finishes); the claims matched."""
    done = list(finished)
    if claims.empty or len(index) == 0:
        ws.store.finish_work(done)
        return 0
    table = claims[list(CLAIM_COLUMNS)]
    matches = match_claims(table, index, limit=MATCH_LIMIT)
    ws.store.replace_matches(table["claim_id"].tolist(), matches, finished=done)
    return len(table)


def match_claim(ws: Workspace, claim_id: str, *, finished: Iterable[int] = ()) -> None:
    """Match one claim again."""
    claims = ws.store.claims(ws.store.claim(claim_id)["article_id"])
    match_rows(ws, claims[claims["claim_id"] == claim_id], ws.index(), finished=finished)


def rematch(
    ws: Workspace,
    article_ids: Iterable[str] | None = None,
    *,
    progress: Progress | None = None,
    finished: Iterable[int] = (),
) -> int:
    """Match the claims of these articles (default: all) again; the number of claims matched.
    The journal rows `finished` are removed with the last article's matches."""
    report = progress or no_progress
    with ws.working():
        every = (a.article_id for a in ws.store.articles(with_text=False))
        ids = list(article_ids) if article_ids is not None else list(every)
        index, total, done = ws.index(), 0, list(finished)
        for number, article_id in enumerate(ids, start=1):
            last = number == len(ids)
            claims = ws.store.claims(article_id)
            total += match_rows(ws, claims, index, finished=done if last else ())
            report(number, len(ids), "Matching claims")
        if not ids:
            ws.store.finish_work(done)
    return total


def rebuild_index(ws: Workspace, *, progress: Progress | None = None) -> int:
    """Make the passage index again from the store's passages; the number of passages. An
    index folder that cannot be opened any more is removed first and made anew."""
    report = progress or no_progress
    with ws.working():
        passages = ws.store.passages()
        try:
            index = ws.index()
        except BrokenIndex:
            if ws.index_folder.is_dir() and not ws.index_folder.is_symlink():
                shutil.rmtree(ws.index_folder)
            index = ws.index()
        index.rebuild(passages, progress=lambda d, t: report(d, t, "Indexing passages"))
    return len(passages)


def finish_pending(ws: Workspace, *, progress: Progress | None = None) -> list[str]:
    """Finish the work a stopped command left in the journal; what was done, in words. Nothing
    when the journal is empty or another command is working now (its work is not unfinished)."""
    if not ws.idle():
        return []
    with ws.working():
        tasks = ws.store.pending_work()
        if not tasks:
            return []
        said = _finish(ws, tasks, progress)
    ws.notices.extend(said)
    return said


def _finish(ws: Workspace, tasks: Sequence[PendingTask], progress: Progress | None) -> list[str]:
    said: list[str] = []
    by_task: dict[str, list[PendingTask]] = {}
    for task in tasks:
        by_task.setdefault(task.task, []).append(task)
    index = ws.index()
    for task in by_task.get("unindex_source", []):
        index.delete_source(str(task.target))
        ws.store.finish_work([task.task_id])
        said.append(f"removed the passages of the deleted source {task.target} from the index")
    for task in by_task.get("index_source", []):
        passages = ws.store.passages(str(task.target))
        index.add(passages)
        ws.store.finish_work([task.task_id])
        said.append(f"indexed the {len(passages)} passages of source {task.target}")
    matching = [t for name in ("match_all", "match_article", "match_claim")
                for t in by_task.get(name, [])]  # fmt: skip
    ids = [t.task_id for t in matching]
    if by_task.get("match_all"):
        claims = rematch(ws, progress=progress, finished=ids)
        ws.resumed.update(str(t.target) for t in by_task.get("match_article", []))
        said.append(f"matched the {claims} claims of every article against the sources")
    elif by_task.get("match_article"):
        articles = sorted({str(t.target) for t in by_task["match_article"]})
        claims = rematch(ws, articles, progress=progress)
        ws.resumed.update(articles)
        for task in by_task.get("match_claim", []):
            match_claim(ws, str(task.target))
        ws.store.finish_work(ids)
        said.append(f"matched the {claims} claims of article {', '.join(articles)}")
    elif matching:
        for task in matching:
            match_claim(ws, str(task.target), finished=[task.task_id])
        said.append(f"matched {len(matching)} corrected or added claims again")
    return [f"finished what a stopped command left: {line}" for line in said]
