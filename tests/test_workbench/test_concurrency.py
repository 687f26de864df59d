"""Several threads and processes deciding the same and different claims of one workspace.

Every attempt must end applied or refused with a ConflictError; the history must hold exactly
one row per applied decision, and no two writers may both win from the same version.
"""

from __future__ import annotations

import multiprocessing
import random
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from workbench import review
from workbench.errors import ConflictError
from workbench.pipeline import Workspace, add_article
from workbench.store import Store

ATTEMPTS = 12
PROCESSES = 3
THREADS = 3
Outcome = tuple[str, str, int]  # claim id, "applied" or "conflict", version written or expected


def next_status(current: str, rng: random.Random) -> str:
    """A status the claim may move to from `current`, never the same one."""
    choices = [s for s in review.allowed_statuses(current) if s != current]
    return rng.choice(choices)


def attempt(store: Store, claim_id: str, who: str, rng: random.Random) -> Outcome:
    loaded = store.review(claim_id)
    status = next_status(loaded.status, rng)
    url = "https://example.org/evidence" if status in review.NEEDS_EVIDENCE else None
    threading.Event().wait(rng.random() / 500)  # widen the window between load and write
    try:
        done = review.decide(store, claim_id, status, reviewer=who,
                             expected_version=loaded.version, url=url)  # fmt: skip
    except ConflictError as conflict:
        assert conflict.current.version > loaded.version
        return (claim_id, "conflict", loaded.version)
    return (claim_id, "applied", done.version)


def worker(db: str, shared: str, own: str, who: str) -> list[Outcome]:
    """One reviewer: half the attempts on the shared claim, half on a claim of their own."""
    store, rng = Store(db), random.Random(who)
    return [attempt(store, shared if i % 2 else own, who, rng) for i in range(ATTEMPTS)]


def process_worker(db: str, shared: str, owns: list[str], name: str) -> list[Outcome]:
    """A process running several reviewer threads."""
    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(worker, db, shared, own, f"{name}-t{i}")
                   for i, own in enumerate(owns)]  # fmt: skip
        return [outcome for f in futures for outcome in f.result()]


def article_text(n: int) -> str:
    return " ".join(f"Region {i} grew {i + 1}% last year." for i in range(n)) + "\n"


def test_threads_and_processes_never_lose_or_double_a_decision(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws")
    add_article(ws, article_text(20), title="Regions", published="2025-01-15")
    ids = ws.store.claims()["claim_id"].tolist()
    shared, owns = ids[0], ids[1:]
    db = str(ws.store.path)
    per_process = [owns[i * THREADS : (i + 1) * THREADS] for i in range(PROCESSES)]
    local = owns[PROCESSES * THREADS : PROCESSES * THREADS + THREADS]
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(PROCESSES) as pool:
        remote = pool.starmap_async(
            process_worker, [(db, shared, mine, f"p{i}") for i, mine in enumerate(per_process)]
        )
        outcomes = process_worker(db, shared, local, "main")  # threads here, at the same time
        outcomes += [o for batch in remote.get(timeout=300) for o in batch]
    assert len(outcomes) == (PROCESSES + 1) * THREADS * ATTEMPTS
    applied = [(cid, version) for cid, result, version in outcomes if result == "applied"]
    assert len(set(applied)) == len(applied), "two writers won from the same version"
    history = ws.store.history()
    assert len(history) == len(applied)
    per_claim = Counter(cid for cid, _ in applied)
    assert Counter(history["claim_id"]) == per_claim
    for cid, count in per_claim.items():
        assert ws.store.review(cid).version == count
        assert sorted(v for c, v in applied if c == cid) == list(range(1, count + 1))
    for cid in per_claim:  # each change starts from the state the one before it left
        rows = history[history["claim_id"] == cid]
        assert rows["from_status"].tolist()[1:] == rows["to_status"].tolist()[:-1]
    assert per_claim[shared] > 1 and any(c == shared for c, r, _ in outcomes if r == "conflict")


SOAK_SECONDS = 10.0


def soak_worker(db: str, claim_ids: list[str], name: str, seconds: float) -> list[Outcome]:
    """Decide on random claims (a few shared by every process) for `seconds`, as fast as the
    store lets it; every outcome recorded, anything but a conflict raised."""
    import time

    store, rng, outcomes = Store(db), random.Random(name), []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        outcomes.append(attempt(store, rng.choice(claim_ids), name, rng))
    return outcomes


def test_processes_deciding_for_ten_seconds_lose_and_double_nothing(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws")
    add_article(ws, article_text(8), title="Soak")
    claim_ids = ws.store.claims()["claim_id"].tolist()
    spawn = multiprocessing.get_context("spawn")
    for processes in (2, 4):
        before = len(ws.store.history())
        with spawn.Pool(processes) as pool:
            runs = [pool.apply_async(soak_worker, (str(ws.store.path), claim_ids, f"p{i}",
                                                   SOAK_SECONDS))
                    for i in range(processes)]  # fmt: skip
            outcomes = [o for run in runs for o in run.get(timeout=120)]
        applied = [o for o in outcomes if o[1] == "applied"]
        assert len(applied) > 20 * processes  # the store kept up; no writer starved
        history = ws.store.history().iloc[before:]
        assert len(history) == len(applied)  # one history row per applied decision
        versions = Counter((claim, version) for claim, _, version in applied)
        assert max(versions.values()) == 1  # no two writers won from the same version
    for claim_id in claim_ids:  # each review's version counts exactly its decisions
        rows = ws.store.history(claim_id)
        assert ws.store.review(claim_id).version == len(rows)
