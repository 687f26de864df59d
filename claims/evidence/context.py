"""The words around a claim that matching searches for and compares: its sentence, bounded.

A claim is matched by its sentence: the BM25 query, the fuzzy score against each passage and,
for statements, attributions and comparisons, the evidence span all read it. Their costs grow
with the sentence, and every claim of a sentence pays them, so one sentence of n characters
holding claims all along it cost n² (a table or a transcript flattened into one line without a
full stop: 40,000 characters took 27 s to match, 200,000 never finished). Past `CONTEXT_CHARS`
the context is a window of `CONTEXT_CHARS` of the sentence around the claim, cut at white
space, so each claim costs at most a bounded amount.

The bound is a passage's cap (`MAX_PASSAGE_CHARS` of `claims.evidence.sources`): no passage
is longer, so the context can hold all the words of the passage it should find. Of the 72,040
sentences of the real news corpora (BBC, CNN/Daily Mail, PolNeAR), 27 are longer (2,467
characters at the longest); for every other sentence the context is the whole sentence, as before.
The windows lie on a grid of half their length, so that neighbouring claims share one, and
with it a query whose hits and fuzzy scores matching keeps (`match._Shared`). Measured on one
200,000-character line of news with no sentence end, a claim cost 3.7 ms with a window centred
on each claim and 1.8 ms with these, against 0.7 ms a claim of ordinary news text.

The claim table gives a claim's offsets in the article, not in its sentence. The sentence's own
start is found from its claims (`sentence_offsets`): a claim's text first occurs in its sentence
at or before its real place, so the sentence starts at or before the start the claim implies,
and the smallest over the sentence's claims is checked against every claim's text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

CONTEXT_CHARS = 1_200
# How far a window's edge moves to fall between words.
_WORD_CHARS = 40


def claim_context(claim: Mapping[str, Any], offset: int | None = None) -> str:
    """The claim's sentence, or past `CONTEXT_CHARS` the part of it around the claim.

    `offset` is where the claim's text starts in its sentence (`sentence_offsets` gives it); when
    it is None, the claim's first occurrence in the sentence is taken.
    """
    sentence = claim.get("sentence")
    if not isinstance(sentence, str) or not sentence:
        return str(claim.get("text") or "")
    if len(sentence) <= CONTEXT_CHARS:
        return sentence
    text = str(claim.get("text") or "")
    at = offset if offset is not None else max(sentence.find(text), 0)
    # Windows on a grid of half their length: the claims near one another share a window, and
    # so a query (matching keeps the last query's results); each claim is at least a quarter of
    # a window from the edges of its own.
    step = CONTEXT_CHARS // 2
    last = (len(sentence) - CONTEXT_CHARS + step - 1) // step
    start = step * min(max(round((at + len(text) / 2 - step) / step), 0), last)
    end = min(start + CONTEXT_CHARS, len(sentence))
    # Whole words only: a cut word would be a search term that no passage holds.
    if start > 0:
        space = sentence.find(" ", start, start + _WORD_CHARS)
        start = space + 1 if space >= 0 else start
    if end < len(sentence):
        space = sentence.rfind(" ", end - _WORD_CHARS, end)
        end = space if space >= 0 else end
    return sentence[start:end]


def sentence_offsets(claims: Sequence[Mapping[str, Any]]) -> list[int | None]:
    """Where each claim's text starts in its sentence, for claims of sentences longer than
    `CONTEXT_CHARS` (None for the others, whose context is the whole sentence)."""
    groups: dict[tuple[Any, Any], list[int]] = {}
    for i, claim in enumerate(claims):
        sentence = claim.get("sentence")
        if isinstance(sentence, str) and len(sentence) > CONTEXT_CHARS:
            key = (claim.get("article_id"), claim.get("sentence_index"))
            groups.setdefault(key, []).append(i)
    offsets: list[int | None] = [None] * len(claims)
    for members in groups.values():
        for i, offset in zip(members, _offsets([claims[i] for i in members]), strict=True):
            offsets[i] = offset
    return offsets


def _offsets(claims: Sequence[Mapping[str, Any]]) -> list[int | None]:
    """Offsets in their sentence of claims that share one, from the sentence's start."""
    sentence = str(claims[0]["sentence"])
    texts = [str(claim.get("text") or "") for claim in claims]
    starts = [_whole_number(claim.get("start")) for claim in claims]
    implied = [
        start - found
        for start, text in zip(starts, texts, strict=True)
        if start is not None and (found := sentence.find(text)) >= 0
    ]
    begin = min(implied, default=None)
    offsets: list[int | None] = []
    for start, text in zip(starts, texts, strict=True):
        at = start - begin if begin is not None and start is not None else -1
        offsets.append(at if at >= 0 and sentence.startswith(text, at) else None)
    return offsets


def _whole_number(value: object) -> int | None:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError, OverflowError):
        return None
