"""Does a source passage quote the claim's words, as said, and by the claim's speaker?

Quotes, compared as words (lower-cased; punctuation, quote marks and white space ignored):
- `verbatim`: the quote's words appear in the passage in order, as one run (a quote cut by an
  ellipsis, as runs in order).
- `altered`: the best-aligned window (rapidfuzz `partial_ratio_alignment` over the normalized
  words) scores at least 80, and at least 60% of the quote's words, and no fewer than 4, survive
  a word-level diff (difflib); `detail` names the words that differ ("loved -> liked"; "(none)"
  for a word added or dropped).
- `misattributed`: verbatim or altered words (a quote of 4 words or more) inside a quotation of
  the passage whose speaker (`claims.quotes.find.find_quotes`) is another name than the claim's
  (rapidfuzz `token_set_ratio` below 70) and is named in the quotation's own sentences; `detail`
  says who. A speaker the finder carried over from earlier text ("he said") may come from text
  the passage cut off, so it keeps the verdict, as does a quotation without a known speaker.
- `absent`: none of these.
"""

from __future__ import annotations

import bisect
import difflib
import functools
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from rapidfuzz import fuzz, utils

from claims.evidence.subject_words import words_of
from claims.evidence.verdict import ABSENT, Verdict, field
from claims.quotes.find import find_quotes
from claims.reading.sentences import paragraph_spans, sentence_spans

ALTERED_SCORE = 80.0
ALTERED_SHARE = 0.6
MIN_QUOTE_WORDS = 4
SAME_SPEAKER = 70.0
_QUOTE_WORD = re.compile(r"\w+")
# Words left out of a quotation: "...", "…", "[...]".
_ELLIPSIS = re.compile(r"\[?(?:\.\s?\.\s?\.|…)\]?")
Word = tuple[str, int, int]


def quote_agreement(claim: Mapping[str, Any], passage_text: str) -> Verdict:
    """Are the quote's words in the passage, as said, and said by the claim's speaker?"""
    quote = str(field(claim, "text") or "")
    pieces, at = [], 0
    for part in _ELLIPSIS.split(quote):
        at = quote.find(part, at)
        pieces.append([(w, s + at, e + at) for w, s, e in _words(part)])
    mine = [w for piece in pieces for w in piece]
    theirs = _words(passage_text)
    if not mine or not theirs:
        return ABSENT
    verdict = _verbatim([p for p in pieces if p], theirs, passage_text) or _altered(
        mine, quote, theirs, passage_text
    )
    if verdict is None:
        return ABSENT
    return _attributed(verdict, field(claim, "speaker"), passage_text, len(mine))


# A passage is read against every quote claim of an article: its words are read once.
@functools.lru_cache(maxsize=2048)
def _words(text: str) -> tuple[Word, ...]:
    return tuple((m.group().lower(), m.start(), m.end()) for m in _QUOTE_WORD.finditer(text))


@functools.lru_cache(maxsize=2048)
def _joined_words(text: str) -> tuple[str, list[int]]:
    """`_joined` of the words of `text` (callers must not change the list)."""
    return _joined(_words(text))


def _joined(words: Sequence[Word]) -> tuple[str, list[int]]:
    """The words joined by single spaces, and where each starts in that string."""
    starts = [0, *itertools.accumulate(len(w) + 1 for w, _, _ in words)][:-1]
    return " ".join(w for w, _, _ in words), starts


def _evidence(kind: str, words: Sequence[Word], text: str, detail: str | None = None) -> Verdict:
    start, end = words[0][1], words[-1][2]
    return Verdict(kind, text[start:end], start, end, detail)


def _verbatim(pieces: list[list[Word]], theirs: Sequence[Word], text: str) -> Verdict | None:
    """Each piece of the quote (pieces are cut at an ellipsis) as a run of words, in order."""
    joined, starts = _joined_words(text)
    padded, at, first, last = f" {joined} ", 0, None, 0
    for piece in pieces:
        at = padded.find(f" {' '.join(w for w, _, _ in piece)} ", at)
        if at < 0:
            return None
        index = bisect.bisect_left(starts, at)
        first = index if first is None else first
        last = index + len(piece)
        at = starts[last - 1] + 1 + len(theirs[last - 1][0])  # the space after the piece
    return _evidence("verbatim", theirs[first or 0 : last], text)


def _altered(mine: list[Word], quote: str, theirs: Sequence[Word], text: str) -> Verdict | None:
    """The best-aligned window of the passage, when close enough, with its differing words."""
    joined, starts = _joined_words(text)
    said = [w for w, _, _ in mine]
    aligned = fuzz.partial_ratio_alignment(" ".join(said), joined, score_cutoff=ALTERED_SCORE)
    if aligned is None:
        return None
    first = bisect.bisect_right(starts, aligned.dest_start) - 1
    window = theirs[max(first, 0) : bisect.bisect_left(starts, aligned.dest_end)]
    ops = _trimmed(difflib.SequenceMatcher(None, said, [w for w, _, _ in window], False))
    kept = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
    if not ops or kept < max(ALTERED_SHARE * len(said), MIN_QUOTE_WORDS):
        return None
    changes = [
        f"{_said(mine[i1:i2], quote)} -> {_said(window[j1:j2], text)}"
        for tag, i1, i2, j1, j2 in ops
        if tag != "equal"
    ]
    window = window[ops[0][3] : ops[-1][4]]
    return _evidence("altered" if changes else "verbatim", window, text, "; ".join(changes) or None)


def _trimmed(matcher: difflib.SequenceMatcher[str]) -> list[tuple[str, int, int, int, int]]:
    """The diff without words of the window before or after the quote's own words."""
    ops: list[tuple[str, int, int, int, int]] = list(matcher.get_opcodes())
    while ops and ops[0][0] == "insert":
        ops = ops[1:]
    while ops and ops[-1][0] == "insert":
        ops = ops[:-1]
    return ops


def _said(words: Sequence[Word], text: str) -> str:
    return " ".join(text[start:end] for _, start, end in words) or "(none)"


def _attributed(verdict: Verdict, speaker: Any, text: str, quoted: int) -> Verdict:
    """Misattributed when the passage's quotation holding the words names another speaker."""
    if not speaker or quoted < MIN_QUOTE_WORDS:
        return verdict  # a word or two in quotes is too common to say who said it
    holder = _holder(verdict, text)
    if holder is None or fuzz.token_set_ratio(_name(str(speaker)), _name(holder)) >= SAME_SPEAKER:
        return verdict
    said = f"said by {holder}, not {speaker}"
    detail = f"{said}; {verdict.detail}" if verdict.detail else said
    return replace(verdict, agreement="misattributed", detail=detail)


def _holder(verdict: Verdict, text: str) -> str | None:
    """The speaker of the passage's quotation that holds the evidence, if named beside it."""
    start, end, sentences = verdict.start or 0, verdict.end or 0, sentence_spans(text)
    quotes = [
        f
        for f in find_quotes(text, sentences, paragraph_spans(text))
        if f.kind == "quote" and f.speaker and f.start < end and start < f.end
    ]
    if not quotes:
        return None
    holder = max(quotes, key=lambda f: min(f.end, end) - max(f.start, start))
    # Only a speaker named in the quotation's own sentences: one carried over from text the
    # passage cut off may be a guess.
    around = " ".join(text[a:b] for a, b in sentences if a < holder.end and holder.start < b)
    return holder.speaker if words_of(holder.speaker).all & words_of(around).all else None


def _name(speaker: str) -> str:
    return str(utils.default_process(speaker))
