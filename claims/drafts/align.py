"""The claims of a revised article paired with those of its previous version.

Reviewers' decisions belong to claims; when a draft comes back revised, each new claim is paired
with the claim it continues so that the decision can follow it. Claims pair by what they say and
where they stand in their sentence, never by offsets alone: a sentence inserted above a claim or
a paragraph moved shifts every offset after it and changes nothing about the claim.

First, claims with the same kind, words and sentence pair one to one, in order. The rest pair
within their kind by the best score of three rapidfuzz ratios, above a floor so that unrelated
claims stay apart: the claim's words, its sentence, and the words on either side of it in the
sentence (which keeps "97%" paired when it becomes "95%", and tells apart two figures of one
sentence). Relative position only breaks ties, such as the same sentence twice in an article.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process

from claims.drafts.changes import describe_changes, is_unchanged, squash

ALIGNMENT_COLUMNS = ("old_claim_id", "new_claim_id", "status", "changes", "score")
STATUSES = ("unchanged", "changed", "removed", "new")
COMPARED_FIELDS = ("text", "value", "qualifier", "unit", "speaker", "subject")

# Weights of the claim's words, its sentence and its neighbouring words, and the floor of a
# pairing. Measured on scripted edits of 300 BBC articles: pairs lost at this floor were 0.0% of
# figures with a digit changed, 0.9% of quotes cut by half, 0.0% of sentences with three words
# rewritten or a speaker renamed; 0.09% of same-kind claims in different sentences of one article
# would pair if one were deleted and the other added. Heavier context weights made more of those
# pair: a quote that fills its sentence has no neighbouring words to tell it apart.
WEIGHTS = (0.2, 0.6, 0.2)
MIN_SCORE = 65.0
CONTEXT_CHARS = 30
# A shortened quote keeps its words: compared as sets of words, it stays close to the original.
_TEXT_SCORERS: dict[str, Callable[..., float]] = {"quote": fuzz.token_set_ratio}
# Above this many pairs in a block of one kind, rapidfuzz's threads pay for their start-up.
_THREADED_PAIRS = 20_000
# Candidate pairs looked at per numpy step of the greedy pairing.
_BLOCK = 4096
# Rows of the result: what needs a reviewer's eye first.
_OUTPUT_ORDER = ("changed", "removed", "new", "unchanged")

Pair = tuple[int, int, float]


@dataclass(frozen=True)
class _Side:
    """One version's claims in text order, with what the pairing compares."""

    records: list[dict[str, Any]]
    kinds: list[str]
    texts: list[str]
    sentences: list[str]
    contexts: list[str]
    places: np.ndarray


def align_claims(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Pair the claims of a new version with those of the previous one.

    One row per pair and per unpaired claim (ALIGNMENT_COLUMNS): "unchanged" or "changed" pairs
    (with `changes` saying what changed and the alignment `score`, 0-100), "removed" claims of
    the old version and "new" claims of the new one. Changed rows come first, then removed, new
    and unchanged; each group in text order.
    """
    before, after = _side(old), _side(new)
    pairs = _pair_identical(before, after)
    paired_old = {i for i, _, _ in pairs}
    paired_new = {j for _, j, _ in pairs}
    pairs += _pair_similar(before, after, paired_old, paired_new)
    return _table(before, after, pairs)


def _side(table: pd.DataFrame) -> _Side:
    """A claim table read once into plain lists (a DataFrame row costs microseconds)."""
    names = [str(c) for c in table.columns]
    columns = [table[c].tolist() for c in table.columns]
    records = [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]
    if records and "start" in table.columns:
        records.sort(key=lambda r: (_int(r.get("start")), _int(r.get("end"))))
    texts = [squash(r.get("text")) for r in records]
    # A claim without its sentence is compared by its own words only.
    sentences = [squash(r.get("sentence")) or t for r, t in zip(records, texts, strict=True)]
    places = _places(records) if "start" in table.columns else _ranks(len(records))
    return _Side(
        records=records,
        kinds=[squash(r.get("kind")) for r in records],
        texts=texts,
        sentences=sentences,
        contexts=list(_contexts(records, texts, sentences)),
        places=np.array(places, dtype=np.float64),
    )


def _contexts(
    records: list[dict[str, Any]], texts: list[str], sentences: list[str]
) -> Iterable[str]:
    """The words on either side of each claim in its sentence, the claim itself left out."""
    searched_from: dict[tuple[Any, str, str], int] = {}
    for record, text, sentence in zip(records, texts, sentences, strict=True):
        # The k-th claim with these words in a sentence is the k-th occurrence of them.
        key = (record.get("sentence_index"), sentence, text)
        at = sentence.find(text, searched_from.get(key, 0)) if text else -1
        if at < 0:
            yield text
            continue
        searched_from[key] = at + 1
        left = sentence[max(0, at - CONTEXT_CHARS) : at]
        yield f"{left}\x1f{sentence[at + len(text) : at + len(text) + CONTEXT_CHARS]}"


def _pair_identical(before: _Side, after: _Side) -> list[Pair]:
    """Same kind, words and sentence: one to one, in order, nearest first if counts differ."""
    groups: dict[tuple[str, str, str], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for side, index in ((before, 0), (after, 1)):
        for i, key in enumerate(zip(side.kinds, side.texts, side.sentences, strict=True)):
            groups[key][index].append(i)
    pairs: list[Pair] = []
    for olds, news in groups.values():
        if len(olds) == len(news):
            pairs += [(i, j, 100.0) for i, j in zip(olds, news, strict=True)]
        elif olds and news:
            scores = np.full((len(olds), len(news)), 100.0)
            pairs += _greedy(scores, olds, news, before, after)
    return pairs


def _pair_similar(
    before: _Side, after: _Side, paired_old: set[int], paired_new: set[int]
) -> list[Pair]:
    """The remaining claims, kind by kind, by best score above MIN_SCORE."""
    pairs: list[Pair] = []
    for kind in sorted(set(before.kinds) & set(after.kinds)):
        olds = [i for i, k in enumerate(before.kinds) if k == kind and i not in paired_old]
        news = [j for j, k in enumerate(after.kinds) if k == kind and j not in paired_new]
        if olds and news:
            pairs += _greedy(_scores(before, after, olds, news), olds, news, before, after)
    return pairs


def _scores(before: _Side, after: _Side, olds: list[int], news: list[int]) -> np.ndarray:
    """The weighted score of every old claim against every new one of the block."""
    workers = -1 if len(olds) * len(news) > _THREADED_PAIRS else 1
    total = np.zeros((len(olds), len(news)), dtype=np.float64)
    fields = ("texts", "sentences", "contexts")
    kind = before.kinds[olds[0]]
    for weight, field in zip(WEIGHTS, fields, strict=True):
        scorer = _TEXT_SCORERS.get(kind, fuzz.ratio) if field == "texts" else fuzz.ratio
        # Many claims share a sentence: each distinct string is compared once.
        old_codes, old_strings = _factorize([getattr(before, field)[i] for i in olds])
        new_codes, new_strings = _factorize([getattr(after, field)[j] for j in news])
        ratios = process.cdist(old_strings, new_strings, scorer=scorer, workers=workers)
        total += weight * ratios[np.ix_(old_codes, new_codes)]
    return np.round(total, 1)


def _factorize(strings: list[str]) -> tuple[np.ndarray, list[str]]:
    """Each string's index among the distinct strings, and those strings."""
    codes: dict[str, int] = {}
    indices = [codes.setdefault(s, len(codes)) for s in strings]
    return np.array(indices, dtype=np.intp), list(codes)


def _greedy(
    scores: np.ndarray, olds: list[int], news: list[int], before: _Side, after: _Side
) -> list[Pair]:
    """Best score first, the nearer relative position first among equal scores."""
    rows, cols = np.nonzero(scores >= MIN_SCORE)
    distance = np.abs(before.places[olds][rows] - after.places[news][cols])
    # Scores are rounded to tenths and distances lie in [0, 1]: one float key sorts by score,
    # then by distance, three times faster than a lexsort of the two.
    order = np.argsort((1000 - np.rint(scores[rows, cols] * 10)) * 2 + distance, kind="stable")
    rows, cols = rows[order], cols[order]
    free_rows = np.ones(len(olds), dtype=bool)
    free_cols = np.ones(len(news), dtype=bool)
    pairs: list[Pair] = []
    # A block of candidates at a time: numpy drops those already taken, so Python only looks
    # at the few that may pair (similar drafts can leave a million candidates above the floor).
    for at in range(0, len(rows), _BLOCK):
        block_rows, block_cols = rows[at : at + _BLOCK], cols[at : at + _BLOCK]
        open_ = free_rows[block_rows] & free_cols[block_cols]
        for r, c in zip(block_rows[open_].tolist(), block_cols[open_].tolist(), strict=True):
            if free_rows[r] and free_cols[c]:
                free_rows[r] = free_cols[c] = False
                pairs.append((olds[r], news[c], float(scores[r, c])))
        if not free_rows.any() or not free_cols.any():
            break
    return pairs


def _table(before: _Side, after: _Side, pairs: list[Pair]) -> pd.DataFrame:
    """The result rows: pairs with their status, then unpaired claims, in output order."""
    rows: list[tuple[float, dict[str, Any]]] = []
    for i, j, score in pairs:
        old, new = before.records[i], after.records[j]
        if is_unchanged(old, new):
            rows.append((after.places[j], _row(old, new, "unchanged", None, score)))
        else:
            changes = describe_changes(old, new)
            rows.append((after.places[j], _row(old, new, "changed", changes, score)))
    paired_old = {i for i, _, _ in pairs}
    paired_new = {j for _, j, _ in pairs}
    rows += [
        (before.places[i], _row(r, None, "removed"))
        for i, r in enumerate(before.records)
        if i not in paired_old
    ]
    rows += [
        (after.places[j], _row(None, r, "new"))
        for j, r in enumerate(after.records)
        if j not in paired_new
    ]
    rows.sort(key=lambda row: (_OUTPUT_ORDER.index(row[1]["status"]), row[0]))
    return pd.DataFrame([row for _, row in rows], columns=list(ALIGNMENT_COLUMNS), dtype=object)


def _row(
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    status: str,
    changes: str | None = None,
    score: float | None = None,
) -> dict[str, Any]:
    return {
        "old_claim_id": None if old is None else old.get("claim_id"),
        "new_claim_id": None if new is None else new.get("claim_id"),
        "status": status,
        "changes": changes,
        "score": score,
    }


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _places(records: list[dict[str, Any]]) -> list[float]:
    """Each claim's offset as a share of the text's length, so that two versions compare."""
    span = max((_int(r.get("end")) for r in records), default=0) or 1
    return [_int(r.get("start")) / span for r in records]


def _ranks(n: int) -> list[float]:
    """Places for a table without offsets: its order."""
    return [i / max(n - 1, 1) for i in range(n)]
