"""Retrieval quality on real claims (Climate-FEVER), beside two baselines from the same run.

    .venv/bin/python bench/retrieval.py [--repeat R] [--candidates N] [--no-grid]

Every evidence sentence of `climate-fever/corpus.jsonl` is one passage (its id the corpus id,
its title the Wikipedia title, its figures from `passage_values`). Every claim of
`queries.jsonl` with relevant evidence is entered as a `statement` row and ranked three ways:

- ours: `claims.evidence.match.match_claims` (BM25 top candidates re-scored by the weighted
  signals);
- plain BM25: `PassageIndex.search` order, the floor our re-scoring must never fall below;
- rapidfuzz: `process.extract` with `token_set_ratio` over the whole corpus, what one would
  write without an index.

Printed: recall@1/5/10 (the share of claims with any relevant id in the top k) and milliseconds per
claim for each. Then recall@5 for a grid of signal weights, so that the weights in
`claims.evidence.match.SIGNAL_WEIGHTS` are chosen by measurement. Statements carry no value to
check, so the `value` signal is 0 on every candidate here and its weight changes nothing: the grid
varies the balance of `bm25` and `fuzz`.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import pandas as pd
from common import EVAL, best_of, goal, load_average, machine, recall_at, require
from rapidfuzz import fuzz, process, utils

from claims.evidence.index import PassageIndex
from claims.evidence.match import CANDIDATES, SIGNAL_WEIGHTS, match_claims
from claims.evidence.sources import passage_values, passages_frame
from claims.schema import claims_frame

DATA = EVAL / "climate-fever"
KS = (1, 5, 10)
BM25_RECALL5_MEASURED = 0.566  # DESIGN.md: plain BM25, en_stem with stop words out
# (bm25, fuzz) weights; `value` stays at its current weight (it is 0 for statements).
# Only their ratio matters for statements; they sum to 1 so that the value weight keeps its
# meaning for figures.
GRID: tuple[tuple[float, float], ...] = (
    (1.0, 0.0),
    (0.95, 0.05),
    (0.9, 0.1),
    (0.8, 0.2),
    (0.75, 0.25),
    (0.7, 0.3),
    (0.6, 0.4),
    (0.55, 0.45),
    (0.5, 0.5),
    (0.45, 0.55),
    (0.4, 0.6),
    (0.25, 0.75),
    (0.0, 1.0),
)

Ranking = list[list[str]]


def load() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    corpus_path = require(DATA / "corpus.jsonl")
    queries_path = require(DATA / "queries.jsonl")
    corpus = [json.loads(line) for line in corpus_path.open(encoding="utf-8")]
    queries = [json.loads(line) for line in queries_path.open(encoding="utf-8")]
    return corpus, [q for q in queries if q.get("relevant")]


def passages(corpus: list[dict[str, Any]]) -> pd.DataFrame:
    """One passage per evidence sentence, with its figures and dates."""
    rows = [
        {
            "passage_id": doc["id"],
            "source_id": doc["title"],
            "start": 0,
            "end": len(doc["text"]),
            "text": doc["text"],
            "title": doc["title"],
            "values": passage_values(doc["text"]),
        }
        for doc in corpus
    ]
    return passages_frame(rows)


def statements(queries: list[dict[str, Any]]) -> pd.DataFrame:
    """Each claim as a `statement` row: the whole sentence is the claim."""
    rows: list[dict[str, object]] = [
        {
            "claim_id": q["qid"],
            "kind": "statement",
            "text": q["claim"],
            "start": 0,
            "end": len(q["claim"]),
            "sentence_index": 0,
            "sentence": q["claim"],
        }
        for q in queries
    ]
    return claims_frame(rows)


def rank_ours(
    claims: pd.DataFrame,
    index: PassageIndex,
    candidates: int,
    weights: Mapping[str, float] | None = None,
) -> Ranking:
    matches = match_claims(claims, index, limit=10, candidates=candidates, weights=weights)
    by_claim = matches.sort_values(["claim_id", "rank"]).groupby("claim_id")["passage_id"]
    found = {claim_id: list(ids) for claim_id, ids in by_claim}
    return [found.get(claim_id, []) for claim_id in claims["claim_id"]]


def rank_bm25(claims: Sequence[str], index: PassageIndex) -> Ranking:
    return [list(index.search(claim, limit=10)["passage_id"]) for claim in claims]


def rank_rapidfuzz(claims: Sequence[str], texts: Sequence[str], ids: Sequence[str]) -> Ranking:
    ranked = []
    for claim in claims:
        hits = process.extract(
            claim, texts, scorer=fuzz.token_set_ratio, processor=utils.default_process, limit=10
        )
        ranked.append([ids[i] for _, _, i in hits])
    return ranked


def timed_ranking(run: Callable[[], Ranking], repeat: int) -> tuple[Ranking, float]:
    """The ranking, and the best wall time of `repeat` runs."""
    result: list[Ranking] = []
    seconds = best_of(lambda: result.append(run()), repeat)
    return result[-1], seconds


def report_line(name: str, ranking: Ranking, relevant: list[set[str]], seconds: float) -> None:
    recalls = "  ".join(f"{recall_at(ranking, relevant, k):.3f}" for k in KS)
    print(f"  {name:<38} {recalls}   {seconds / len(ranking) * 1000:8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="timed passes; the best is kept")
    parser.add_argument(
        "--candidates", type=int, default=CANDIDATES, help="BM25 candidates re-scored per claim"
    )
    parser.add_argument("--no-grid", action="store_true", help="skip the weight grid")
    args = parser.parse_args()
    corpus, queries = load()
    print(f"Machine: {machine()}; at the start: {load_average()}")

    start = time.perf_counter()
    table = passages(corpus)
    index = PassageIndex.open(None)
    index.add(table)
    built = time.perf_counter() - start
    print(f"Corpus: {len(table)} evidence sentences, indexed in {built:.1f} s (values included)")
    print(f"Queries: {len(queries)} claims with relevant evidence\n")

    claims = statements(queries)
    texts, ids = list(table["text"]), list(table["passage_id"])
    claim_texts = [q["claim"] for q in queries]
    relevant = [set(q["relevant"]) for q in queries]
    rank_bm25(claim_texts[:5], index)  # warm up the searcher and the analyzer
    ours, s_ours = timed_ranking(lambda: rank_ours(claims, index, args.candidates), args.repeat)
    bm25, s_bm25 = timed_ranking(lambda: rank_bm25(claim_texts, index), args.repeat)
    fuzzy, s_fuzzy = timed_ranking(lambda: rank_rapidfuzz(claim_texts, texts, ids), args.repeat)

    print(f"  {'ranking':<38} {'R@1':>5}  {'R@5':>5}  {'R@10':>5}   {'ms/claim':>8}")
    weights = ", ".join(f"{k} {v:g}" for k, v in SIGNAL_WEIGHTS.items())
    report_line(f"ours ({weights})", ours, relevant, s_ours)
    report_line("plain BM25", bm25, relevant, s_bm25)
    report_line("rapidfuzz exhaustive", fuzzy, relevant, s_fuzzy)

    r5_ours, r5_bm25 = recall_at(ours, relevant, 5), recall_at(bm25, relevant, 5)
    never_below = all(recall_at(ours, relevant, k) >= recall_at(bm25, relevant, k) for k in KS)
    print(
        f"\nGoal: ours never below plain BM25 at k = 1, 5, 10: {goal(never_below)} "
        f"(recall@5 {r5_ours:.3f} against {r5_bm25:.3f}; BM25 measured before: "
        f"{BM25_RECALL5_MEASURED})"
    )
    best = None if args.no_grid else weight_grid(claims, index, relevant, args.candidates, bm25)
    if not never_below:
        found = f"the best weights measured here: {best}" if best else "run the grid to find better"
        print(f"\nOURS IS BELOW PLAIN BM25 with the current SIGNAL_WEIGHTS ({weights}); {found}")
    print(f"\nAt the end: {load_average()}")


def weight_grid(
    claims: pd.DataFrame,
    index: PassageIndex,
    relevant: list[set[str]],
    candidates: int,
    bm25: Ranking,
) -> str:
    """Recall@k for each (bm25, fuzz) pair of the grid, and the best by recall@5 (then @1, @10)."""
    base = [recall_at(bm25, relevant, k) for k in KS]
    print(f"\nWeight grid (value weight {SIGNAL_WEIGHTS.get('value', 0):g}, its signal 0 here):")
    print(f"  {'bm25':>5} {'fuzz':>5}   {'R@1':>5}  {'R@5':>5}  {'R@10':>5}   R@5 claims   vs BM25")
    scores: list[tuple[tuple[float, float, float], str]] = []
    for w_bm25, w_fuzz in GRID:
        weights = {**SIGNAL_WEIGHTS, "bm25": w_bm25, "fuzz": w_fuzz}
        ranking = rank_ours(claims, index, candidates, weights)
        r1, r5, r10 = (recall_at(ranking, relevant, k) for k in KS)
        below = [f"@{k}" for k, r, b in zip(KS, (r1, r5, r10), base, strict=True) if r < b]
        versus = f"below at {' '.join(below)}" if below else "never below"
        current = w_bm25 == SIGNAL_WEIGHTS["bm25"] and w_fuzz == SIGNAL_WEIGHTS["fuzz"]
        found = f"{round(r5 * len(ranking))}/{len(ranking)}"
        print(
            f"  {w_bm25:>5.2f} {w_fuzz:>5.2f}   {r1:.3f}  {r5:.3f}  {r10:.3f}   {found:>10}   "
            f"{versus}{'   <- current' if current else ''}"
        )
        scores.append(((r5, r1, r10), f"bm25 {w_bm25:g}, fuzz {w_fuzz:g} ({versus})"))
    (r5, r1, r10), best = max(scores, key=lambda pair: pair[0])
    print(f"Best by recall@5: {best}: R@1 {r1:.3f}, R@5 {r5:.3f}, R@10 {r10:.3f}")
    return best


if __name__ == "__main__":
    main()
