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
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import pandas as pd
from rapidfuzz import fuzz, utils

from claims.agreement import Verdict, agreement
from claims.schema import MATCH_COLUMNS

# bm25 and fuzz in equal parts: on Climate-FEVER (bench/retrieval.py) every split from 0.55/0.45
# to 0.45/0.55 is never below plain BM25 at k = 1, 5, 10, and 0.5/0.5 has the best recall@1.
SIGNAL_WEIGHTS: dict[str, float] = {"bm25": 0.5, "fuzz": 0.5, "value": 1.0}
_VALUE_SIGNAL: dict[str, float] = {
    "agrees": 1.0,
    "verbatim": 1.0,
    "altered": 0.7,
    "misattributed": 0.7,
    "conflicts": 0.5,
}
CANDIDATES = 100


class PassageSearch(Protocol):
    """What matching needs of an index: `claims.index.PassageIndex` is one."""

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
    rows: list[dict[str, Any]] = []
    records: list[dict[str, Any]] = claims.to_dict(orient="records")  # type: ignore[assignment]
    for claim in records:
        hits = index.search(claim_query(claim), limit=candidates)
        rows.extend(_ranked(claim, hits, limit=limit, weights=weights or SIGNAL_WEIGHTS))
    return pd.DataFrame(rows, columns=[*MATCH_COLUMNS, *_SIGNAL_COLUMNS])


_SIGNAL_COLUMNS = tuple(f"signal_{name}" for name in SIGNAL_WEIGHTS)


def claim_query(claim: Mapping[str, Any]) -> str:
    """The words to search for: the claim's span and its sentence (or a statement's text)."""
    text = str(claim.get("text") or "")
    sentence = claim.get("sentence")
    if claim.get("kind") == "statement" or not isinstance(sentence, str) or not sentence:
        return text
    return f"{text} {sentence}" if text not in sentence else sentence


def rescore(signals: pd.DataFrame, weights: Mapping[str, float] = SIGNAL_WEIGHTS) -> pd.Series:
    """One score from named signal columns (each in 0..1) and their weights."""
    total = pd.Series(0.0, index=signals.index)
    for name, weight in weights.items():
        total = total + weight * signals[name].astype(float)
    return total


def _ranked(
    claim: Mapping[str, Any], hits: pd.DataFrame, *, limit: int, weights: Mapping[str, float]
) -> Iterable[dict[str, Any]]:
    if hits.empty:
        return []
    verdicts = [
        agreement(claim, text, values or []) if _comparable(claim, values) else _NO_VALUE
        for text, values in zip(hits["text"], hits["values"], strict=True)
    ]
    core = _claim_core(claim)
    signals = pd.DataFrame(
        {
            "bm25": hits["bm25"] / max(float(hits["bm25"].max()), 1e-9),
            "fuzz": [
                fuzz.token_set_ratio(core, text, processor=utils.default_process) / 100
                for text in hits["text"]
            ],
            "value": [_VALUE_SIGNAL.get(v.agreement, 0.0) for v in verdicts],
        },
        index=hits.index,
    )
    scores = rescore(signals, weights).to_numpy()
    order = sorted(range(len(scores)), key=lambda i: -scores[i])[:limit]
    return [
        _row(claim, hits.iloc[i], verdicts[i], rank, float(scores[i]), signals.iloc[i])
        for rank, i in enumerate(order, start=1)
    ]


_NO_VALUE = Verdict("absent", None, None, None)
# Ordinals are read from the passage text by `agreement`, not from the stored values.
_STORED_KINDS = frozenset({"percent", "count", "money", "quantity", "date", "duration"})


def _comparable(claim: Mapping[str, Any], values: Any) -> bool:
    """False when the passage holds no value of the claim's kind: nothing to compare, so the
    verdict is `absent` without reading the passage (most of the hundred candidates)."""
    kind = claim.get("kind")
    if kind not in _STORED_KINDS:
        return True
    return any(v.get("kind") == kind for v in values or [])


def _claim_core(claim: Mapping[str, Any]) -> str:
    sentence = claim.get("sentence")
    return sentence if isinstance(sentence, str) and sentence else str(claim.get("text") or "")


def _row(
    claim: Mapping[str, Any],
    hit: pd.Series,
    verdict: Verdict,
    rank: int,
    score: float,
    signals: pd.Series,
) -> dict[str, Any]:
    start, end = _evidence_span(claim, str(hit["text"]), verdict)
    return {
        "claim_id": claim.get("claim_id"),
        "rank": rank,
        "passage_id": hit["passage_id"],
        "source_id": hit["source_id"],
        "score": round(float(score), 6),
        "agreement": verdict.agreement,
        "evidence_start": start,
        "evidence_end": end,
        "source_value": verdict.source_value,
        "passage_text": hit["text"],
        **{f"signal_{name}": round(float(signals[name]), 6) for name in SIGNAL_WEIGHTS},
    }


def _evidence_span(claim: Mapping[str, Any], passage: str, verdict: Verdict) -> tuple[int, int]:
    """The value's span when the passage states one, else rapidfuzz's best alignment."""
    if verdict.start is not None and verdict.end is not None:
        return verdict.start, verdict.end
    needle = str(claim.get("text") or "")
    if claim.get("kind") in ("attribution", "comparison", "statement"):
        needle = _claim_core(claim)
    alignment = fuzz.partial_ratio_alignment(needle, passage, processor=None)
    if alignment is None or alignment.score == 0:
        return 0, len(passage)
    return alignment.dest_start, alignment.dest_end
