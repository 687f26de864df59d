"""Claims x passage index -> ranked evidence, with what each passage says of the claim's value.

Candidates come from BM25 (tantivy) over the claim's words and its sentence; they are re-scored
by one function over named signals with weights (`SIGNAL_WEIGHTS`), so a new signal (a sentence
embedding, planned next) is one more column and one more weight:

- `bm25`: the BM25 score, divided by the best candidate's, so it is comparable across claims.
  Measured on Climate-FEVER, BM25 order alone reaches recall@5 0.566 and rapidfuzz alone 0.41:
  the fuzzy score must add to BM25, not replace it.
- `fuzz`: rapidfuzz `token_set_ratio` of the claim's sentence and the passage, over 100.
- `value`: 1 when the passage states the claim's value (`agrees`, `verbatim`), 0.7 for the
  same words changed or said by someone else, 0.5 when it states a competing value
  (`conflicts`: evidence a checker must see, but below a passage that states the value),
  else 0. This is what makes "97%" find "97 per cent" before "95 per cent", which no string
  score can do.

`evidence_start`/`evidence_end` mark the part of the passage that matches the claim best
(rapidfuzz's alignment), for highlighting.

The ranks and scores are those of `rescore` over every signal of every candidate, but only what
can change the top ranks is computed (`_ranked`: each candidate starts at an upper bound of its
score, and the best bound is refined first); a new signal needs its bound there too. On 100,000
generated news passages (bench/match.py) a claim's hundred candidates needed about ten
`agreement` calls, against seventy-five when every candidate holding a value of the claim's kind
was checked, and with search hits read as plain rows a claim is matched in a third of the time.
"""

from __future__ import annotations

import functools
import heapq
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import pandas as pd
from rapidfuzz import fuzz, utils

from claims.evidence.agreement import ClaimCheck, Verdict
from claims.evidence.context import claim_context, sentence_offsets
from claims.evidence.stored_rows import Hit
from claims.schema import MATCH_COLUMNS, PASSAGE_COLUMNS

# bm25 and fuzz in equal parts: on Climate-FEVER (bench/retrieval.py) every split from 0.55/0.45
# to 0.45/0.55 is never below plain BM25 at k = 1, 5, 10, and 0.5/0.5 has the best recall@1.
SIGNAL_WEIGHTS: dict[str, float] = {"bm25": 0.5, "fuzz": 0.5, "value": 1.0}
_VALUE_SIGNAL: dict[str, float] = {
    "agrees": 1.0,
    "verbatim": 1.0,
    "altered": 0.7,
    "misattributed": 0.7,
    "consistent": 0.8,
    "conflicts": 0.5,
}
# BM25 candidates re-scored per claim. Fifty, not DESIGN.md's hundred: measured, the second fifty
# never changed recall on Climate-FEVER (bench/retrieval.py --candidates 50 and 100: R@1/5/10
# 0.291/0.572/0.677 both), nor where the claim's own article's passage ranked for 7,510 claims
# of 300 BBC articles against 13,671 passages of 1,500 (rank 1 for 6,717, top 5 for 7,501, both);
# what they added to a top 5 were figures of other events (the "£50" of a pension claim against
# "a £1bn package"; a "62"-year-old against "the top ten"), and they cost two fifths of the time.
CANDIDATES = 50


class PassageSearch(Protocol):
    """What matching needs of an index: `claims.evidence.index.PassageIndex` is one.

    An index may also offer `search_hits(query, *, limit)` (a list of
    `claims.evidence.stored_rows.Hit`), the same passages without a table per query; matching uses
    it when it is there.
    """

    def search(self, query: str, *, limit: int = 100) -> pd.DataFrame: ...


def match_claims(
    claims: pd.DataFrame,
    index: PassageSearch,
    *,
    limit: int = 5,
    candidates: int = CANDIDATES,
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """The best `limit` passages for every claim row, ranked, with agreement and evidence span.

    Any claim rows work, including a `statement` (a whole sentence given as the claim). A claim
    without any candidate has no rows: "no match" is an empty frame, not an exception.
    """
    rows: list[tuple[Any, ...]] = []
    records = _records(claims)
    shared = _Shared()
    weights = weights or SIGNAL_WEIGHTS
    for claim, offset in zip(records, sentence_offsets(records), strict=True):
        if offset is not None:  # a long sentence: its context is the part around the claim
            claim = {**claim, "sentence": claim_context(claim, offset)}
        hits = shared.hits(index, claim_query(claim), candidates)
        rows.extend(_ranked(claim, hits, limit=limit, weights=weights, fuzz_of=shared.fuzz))
    return pd.DataFrame(rows, columns=[*MATCH_COLUMNS, *_SIGNAL_COLUMNS])


_SIGNAL_COLUMNS = tuple(f"signal_{name}" for name in SIGNAL_WEIGHTS)


def claim_query(claim: Mapping[str, Any]) -> str:
    """The words to search for: the claim's span and its sentence, bounded by `claim_context`
    (or a statement's text)."""
    text = str(claim.get("text") or "")
    sentence = claim.get("sentence")
    if claim.get("kind") == "statement" or not isinstance(sentence, str) or not sentence:
        return text
    sentence = claim_context(claim)
    return f"{text} {sentence}" if text not in sentence else sentence


def rescore(signals: pd.DataFrame, weights: Mapping[str, float] = SIGNAL_WEIGHTS) -> pd.Series:
    """One score from named signal columns (each in 0..1) and their weights."""
    total = pd.Series(0.0, index=signals.index)
    for name, weight in weights.items():
        total = total + weight * signals[name].astype(float)
    return total


def _records(claims: pd.DataFrame) -> list[dict[str, Any]]:
    """The claim rows as dicts of plain Python values (what `to_dict("records")` gives, at a
    fraction of its cost for the one-row tables the app and the benchmarks match)."""
    columns = [str(col) for col in claims.columns]
    cells: list[list[Any]] = claims.to_numpy(dtype=object).tolist()
    return [dict(zip(columns, row, strict=True)) for row in cells]


class _Shared:
    """What consecutive claims of one sentence share: the claims of a sentence search with the
    same query (the sentence, or one window of a long one), so the hits and the fuzzy scores
    of the last query are kept rather than computed again for each claim."""

    def __init__(self) -> None:
        self._query: str | None = None
        self._hits: Sequence[Hit] = ()
        self._fuzz: dict[tuple[str, int], float] = {}

    def hits(self, index: PassageSearch, query: str, limit: int) -> Sequence[Hit]:
        if query != self._query:
            self._query, self._hits = query, _search(index, query, limit)
            self._fuzz.clear()
        return self._hits

    def fuzz(self, core: str, i: int, hit: Hit) -> float:
        """token_set_ratio of the claim's processed context and hit `i` of the last query."""
        ratio = self._fuzz.get((core, i))
        if ratio is None:
            text = utils.default_process(hit.text)
            ratio = self._fuzz[(core, i)] = fuzz.token_set_ratio(core, text, processor=None)
        return ratio


def _search(index: PassageSearch, query: str, limit: int) -> Sequence[Hit]:
    search_hits = getattr(index, "search_hits", None)
    if search_hits is not None:
        found: Sequence[Hit] = search_hits(query, limit=limit)
        return found
    frame = index.search(query, limit=limit)
    passages: list[dict[str, Any]] = frame[list(PASSAGE_COLUMNS)].to_dict(orient="records")  # type: ignore[assignment]
    return [Hit(float(b), p) for b, p in zip(frame["bm25"], passages, strict=True)]


def _ranked(
    claim: Mapping[str, Any],
    hits: Sequence[Hit],
    *,
    limit: int,
    weights: Mapping[str, float],
    fuzz_of: Callable[[str, int, Hit], float],
) -> list[tuple[Any, ...]]:
    """The best `limit` hits by `rescore`'s score, exactly as if every signal of every hit were
    computed, but computing only what can change the order.

    Each hit starts with an upper bound of its score: the fuzz signal at its best, the value
    signal at the best of the agreements its figures allow (`ClaimCheck.possible`, cheap; none
    when the passage holds no value of the claim's kind). The hit with the highest bound is
    refined one step (its fuzz score, then its agreement) and put back; a hit whose score is
    final when it comes out on top is the next of the ranking. A bound never rises as it is
    refined, so nothing left behind can outscore what was taken, and ties go to the earlier
    hit, as in a stable sort. Most hits never reach `agreement`, the costly step.
    """
    if not hits:
        return []
    top = max(max(hit.bm25 for hit in hits), 1e-9)
    score = _scorer(weights)
    # The claim's side of every fuzz score, processed once (the scores are the same).
    core = utils.default_process(_claim_core(claim))
    weight = weights.get("value", 0.0)
    bm25 = [hit.bm25 / top for hit in hits]
    fuzzes = [_best_fuzz(weights)] * len(hits)
    values = [0.0] * len(hits)
    verdicts: list[Verdict | None] = [None] * len(hits)
    check = ClaimCheck(claim)
    heap: list[tuple[float, int, int]] = []
    for i, hit in enumerate(hits):
        if not _comparable(claim, hit):
            verdicts[i] = _NO_VALUE
        else:  # cheap, and the value signal's bound is needed at once for most hits
            possible = check.possible(hit.text, hit.values or [])
            values[i] = _best_value(weight, possible)
            if len(possible) == 1:  # "absent" or "unchecked", as `agreement` would say it
                verdicts[i] = _ONLY.get(next(iter(possible)))
        heap.append((-score(bm25[i], fuzzes[i], values[i]), i, _FUZZ))
    heapq.heapify(heap)
    order: list[tuple[int, float]] = []
    while heap and len(order) < limit:
        bound, i, step = heapq.heappop(heap)
        if step == _DONE:
            order.append((i, -bound))
            continue
        hit = hits[i]
        if step == _FUZZ:
            fuzzes[i] = fuzz_of(core, i, hit) / 100
        else:
            verdict = check.verdict(hit.text, hit.values or [])
            verdicts[i], values[i] = verdict, _VALUE_SIGNAL.get(verdict.agreement, 0.0)
        step = _DONE if verdicts[i] is not None else _AGREEMENT
        heapq.heappush(heap, (-score(bm25[i], fuzzes[i], values[i]), i, step))
    return [
        _row(claim, hits[i], verdicts[i] or _NO_VALUE, rank, total, bm25[i], fuzzes[i], values[i])
        for rank, (i, total) in enumerate(order, start=1)
    ]


# The steps of a hit's refinement after the agreements its figures allow: its fuzz score, its
# agreement.
_FUZZ, _AGREEMENT, _DONE = range(3)


Scorer = Callable[[float, float, float], float]  # (bm25, fuzz, value) -> score


def _scorer(weights: Mapping[str, float]) -> Scorer:
    """`rescore` for one hit, summed in the same order (the same floating-point result)."""
    names = list(weights)
    if names == ["bm25", "fuzz", "value"]:
        w_bm25, w_fuzz, w_value = weights["bm25"], weights["fuzz"], weights["value"]
        return lambda bm25, fuzz, value: 0.0 + w_bm25 * bm25 + w_fuzz * fuzz + w_value * value
    position = {"bm25": 0, "fuzz": 1, "value": 2}
    terms = [(position[name], weights[name]) for name in names]  # KeyError, as in `rescore`

    def score(*signals: float) -> float:
        total = 0.0
        for at, weight in terms:
            total = total + weight * signals[at]
        return total

    return score


def _best_fuzz(weights: Mapping[str, float]) -> float:
    """The fuzz signal that adds the most to a score: the start of an upper bound."""
    return 1.0 if weights.get("fuzz", 0.0) > 0 else 0.0


@functools.lru_cache(maxsize=256)
def _best_value(weight: float, agreements: frozenset[str]) -> float:
    """The value signal of these agreements (or of none, 0) that adds the most to a score."""
    signals = (0.0, *(_VALUE_SIGNAL.get(name, 0.0) for name in agreements))
    return max(signals, key=lambda signal: weight * signal)


_NO_VALUE = Verdict("absent", None, None, None, None, "no figure of this kind")
# The verdict of a passage whose figures allow one agreement, one that adds nothing to a score.
_ONLY = {name: Verdict(name, None, None, None) for name in ("absent", "unchecked")}
# Ordinals are read from the passage text by `agreement`, not from the stored values.
_STORED_KINDS = frozenset({"percent", "count", "money", "quantity", "date", "duration"})


def _comparable(claim: Mapping[str, Any], hit: Hit) -> bool:
    """False when the passage holds no value of the claim's kind: nothing to compare, so the
    verdict is `absent` without reading the passage (many of the candidates)."""
    kind = claim.get("kind")
    if kind not in _STORED_KINDS:
        return True
    if kind in ("count", "quantity"):  # an age is either ("Jones, 37,", "the 37-year-old")
        return hit.has_value_of("count") or hit.has_value_of("quantity")
    return hit.has_value_of(kind)


def _claim_core(claim: Mapping[str, Any]) -> str:
    return claim_context(claim)


def _row(
    claim: Mapping[str, Any],
    hit: Hit,
    verdict: Verdict,
    rank: int,
    score: float,
    *signals: float,
) -> tuple[Any, ...]:
    """A row of MATCH_COLUMNS and the signal columns (bm25, fuzz, value), in their order."""
    passage = hit.passage
    start, end = _evidence_span(claim, str(passage["text"]), verdict)
    return (
        claim.get("claim_id"),
        rank,
        passage["passage_id"],
        passage["source_id"],
        round(float(score), 6),
        verdict.agreement,
        reason_of(verdict),
        start,
        end,
        verdict.source_value,
        passage["text"],
        *(round(float(signal), 6) for signal in signals),
    )


_REASONS = {
    "absent": "no comparable figure",
    "unchecked": "nothing to compare: ranked evidence only",
    "verbatim": "the same words",
    "altered": "the words differ",
    "misattributed": "said by someone else",
}


def reason_of(verdict: Verdict) -> str:
    """The verdict's one-line reason (its detail where it has no reason of its own)."""
    return verdict.reason or verdict.detail or _REASONS.get(verdict.agreement, verdict.agreement)


# Below this partial_ratio, an alignment is letters shared by chance ("ve table" for "about
# 97%"): marking it would point the reviewer at words that have nothing to do with the claim.
EVIDENCE_MIN_SCORE = 60.0


def _evidence_span(claim: Mapping[str, Any], passage: str, verdict: Verdict) -> tuple[int, int]:
    """The value's span when the passage states one, else rapidfuzz's best alignment."""
    if verdict.start is not None and verdict.end is not None:
        return verdict.start, verdict.end
    needle = str(claim.get("text") or "")
    if claim.get("kind") in ("attribution", "comparison", "statement"):
        needle = _claim_core(claim)
    return _aligned(needle, passage)


# The attributions of one sentence align the same context with the same top passages.
@functools.lru_cache(maxsize=1_024)
def _aligned(needle: str, passage: str) -> tuple[int, int]:
    """The whole words of `passage` that rapidfuzz aligns best with `needle`, or (0, 0)."""
    alignment = fuzz.partial_ratio_alignment(needle, passage, processor=None)
    if alignment is None or alignment.score < EVIDENCE_MIN_SCORE:
        return 0, 0  # nothing in the passage is like the claim: mark nothing
    return _whole_words(passage, alignment.dest_start, alignment.dest_end)


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to whole words: an alignment may start or end inside one."""
    while 0 < start < len(text) and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end
