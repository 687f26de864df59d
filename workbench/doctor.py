"""`workbench doctor`: the store checked against the passage index and the matches, and
repaired.

The store is the truth; the index and the matches are derived from it. What can be out of step,
after a kill, a full disk or a folder deleted by hand: work a stopped command left in the
journal; an index that cannot be opened; sources whose passages the index lacks, or holds
although the store deleted them; articles whose claims were never matched. Each finding says
what is wrong and what the repair does; `repair` does it.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.errors import BrokenIndex
from workbench.matching import Progress, finish_pending, rebuild_index, rematch
from workbench.workspace import Workspace


@dataclass(frozen=True)
class Finding:
    """One thing out of step, and what `repair` does about it (`rebuild`: the index)."""

    problem: str
    repair: str
    rebuild: bool = False


def check(ws: Workspace) -> list[Finding]:
    """Everything out of step in the workspace; empty when store, index and matches agree."""
    found: list[Finding] = []
    pending = ws.store.pending_work()
    if pending and ws.idle():
        tasks = ", ".join(sorted({t.task.replace("_", " ") for t in pending}))
        found.append(Finding(f"{len(pending)} tasks left unfinished by a stopped command "
                             f"({tasks})", "finish them"))  # fmt: skip
    try:
        counts = ws.index().source_counts()
    except BrokenIndex as exc:
        found.append(Finding(f"the passage index cannot be opened ({exc.__cause__ or exc})",
                             "make it again from the store's passages", rebuild=True))  # fmt: skip
        return found
    stored = ws.store.passage_counts()
    missing = sorted(s for s, n in stored.items() if counts.get(s, 0) != n)
    extra = sorted(s for s in counts if s not in stored)
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"{len(missing)} sources whose passages the index lacks or miscounts")
        if extra:
            parts.append(f"{len(extra)} deleted sources still in the index")
        found.append(Finding("; ".join(parts), "make the index again from the store's "
                             "passages", rebuild=True))  # fmt: skip
    if stored:
        unmatched = ws.store.unmatched_articles()
        if unmatched:
            found.append(Finding(f"{len(unmatched)} articles whose claims were never matched "
                                 f"({', '.join(unmatched[:5])})", "match them"))  # fmt: skip
    return found


def repair(
    ws: Workspace, *, rebuild_index_anyway: bool = False, progress: Progress | None = None
) -> list[str]:
    """Repair what `check` finds (and rebuild the index if asked); what was done, in words."""
    done = [line.removeprefix("finished what a stopped command left: ")
            for line in finish_pending(ws, progress=progress)]  # fmt: skip
    with ws.working():
        findings = check(ws)
        if rebuild_index_anyway or any(f.rebuild for f in findings):
            passages = rebuild_index(ws, progress=progress)
            done.append(f"made the passage index again from the store: {passages} passages")
        unmatched = ws.store.unmatched_articles() if ws.store.passage_counts() else []
        if unmatched:
            claims = rematch(ws, unmatched, progress=progress)
            done.append(f"matched the {claims} claims of {len(unmatched)} articles")
    return done
