"""Quote marks paired into quotes, and quoted titles of works told apart from quotations.

How, and why this way:

- Quote marks are paired by a small state machine over the marks of each paragraph, found with
  one regex scan. A regex over quote bodies would backtrack on unbalanced marks; the state
  machine is linear whatever the input, and an unclosed mark ends with its paragraph unless the
  next paragraph reopens with a mark (AP style), so a stray mark cannot swallow the article.
- Whether a straight mark opens or closes is read from its neighbours (space before: opens;
  space or punctuation after: closes). Curly marks are trusted unless the neighbours say the
  opposite, because real text mixes them (“China’s V-Day commemorations").
- A single mark is a quote mark only when it cannot be an apostrophe: not between letters
  ("China's"), not an elision ("’90s"). A closer after a plural s ("the players' union") gives
  way to a clearer closer later in the paragraph. Inside a quote, marks of the other family are a
  nested quote and are ignored.
- A Title-Case phrase quoted right after a noun of a work ("his hit single", "the film",
  "entitled") is a title, not a quotation, and is left out (CLAIM-SCHEMA: not a claim).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from typing import NamedTuple

from claims.quotes import speechwords as sw
from claims.quotes import titlewords as tw

Span = tuple[int, int]

_OPEN, _CLOSE, _EITHER = 1, 2, 3
_DOUBLE, _SINGLE = '"', "'"
_MARK_CHARS = "\"“”„«»'‘’"
MARK = re.compile(f"[{_MARK_CHARS}]")
# Marks that may be quote marks: not a single mark between letters or digits, an apostrophe
# ("China's", "I'm"), which is most single marks of news text and need not be looked at.
# (Every match begins with the mark itself, so the engine skips in C from mark to mark.)
_MARK_CANDIDATE = re.compile(r"[\"“”„«»'‘’](?:(?<![^\W_]['‘’])|(?![^\W_]))")
_OPENING_CONTEXT = frozenset("([{—–-/\"“‘'«")
_CLOSING_CONTEXT = frozenset(".,;:!?)]}—–-/\"”’'»…")
# An opening mark right after a sentence inside an open quote continues it: paragraphs run
# together in some corpora ('...watching. "When Titanic...').
_REOPENS = re.compile(r"[.!?…][\s]+$")
_ELISION = re.compile(r"(?:\d\d?s?|" + "|".join(sorted(tw.ELISIONS)) + r")(?!\w)", re.IGNORECASE)
# A transcript turn that opens with a mark and its speaker's label ('"PENCE: Well, look'):
# it begins a quote of its own even when the turn before it never closed.
_TURN = re.compile(r"[\"“][ \t]*(?:[A-Z][A-Z.'’-]*[ \t]){0,3}[A-Z][A-Z.'’-]+:[ \t]")
# An unclosed quote in a long paragraph ends with its sentence rather than the paragraph.
_MAX_UNCLOSED = 1000
_TITLE_WORD = re.compile(r"[^\W\d_][\w’'-]*|\d+")
_WORD_BEFORE = re.compile(r"\w[\w’'-]*")  # not the first mark of a doubled one ('')


# Marks and quotes are made by the thousand: named tuples are the cheapest to build.
class _Mark(NamedTuple):
    pos: int
    family: str
    role: int
    weak: bool = False


class Quote(NamedTuple):
    start: int  # first character inside the opening mark
    end: int  # the closing mark, or where an unclosed quote was cut
    closed: bool
    para: int


def _classify(text: str, pos: int, lo: int, hi: int) -> _Mark | None:
    before = text[pos - 1] if pos > lo else " "
    after = text[pos + 1] if pos + 1 < hi else " "
    left = before.isspace() or before in _OPENING_CONTEXT
    right = after.isspace() or after in _CLOSING_CONTEXT
    ch = text[pos]
    if ch in "'‘’":
        return _single_mark(text, pos, before, after, left, right)
    if left != right:
        return _Mark(pos, _DOUBLE, _OPEN if left else _CLOSE)
    if ch in "“„«":
        return _Mark(pos, _DOUBLE, _OPEN)
    return _Mark(pos, _DOUBLE, _CLOSE if ch in "”»" else _EITHER)


def _single_mark(
    text: str, pos: int, before: str, after: str, left: bool, right: bool
) -> _Mark | None:
    if before.isalnum() and after.isalnum():
        return None  # an apostrophe inside a word: "China's", "I'm"
    if after.isalnum():
        if not (left or text[pos] == "‘") or _ELISION.match(text, pos + 1):
            return None
        return _Mark(pos, _SINGLE, _OPEN)
    if right and (before.isalnum() or before in '.,!?;:…—-"”'):
        weak = before in "sSzZ" and after.isspace()
        return _Mark(pos, _SINGLE, _CLOSE, weak)
    return None


def _marks(text: str, lo: int, hi: int, candidates: list[int]) -> list[_Mark]:
    """The quote marks of the paragraph [lo, hi), from the candidates of the whole text."""
    # The candidates were read with the text's own neighbours; a paragraph's first and last
    # characters are read with a space outside them, so they are looked at on their own.
    first = bisect.bisect_left(candidates, lo + 1)
    inner = candidates[first : bisect.bisect_left(candidates, hi - 1, first)]
    if lo < hi and text[lo] in _MARK_CHARS:
        inner.insert(0, lo)
    if lo < hi - 1 and text[hi - 1] in _MARK_CHARS:
        inner.append(hi - 1)
    found = [_classify(text, pos, lo, hi) for pos in inner]
    return [mark for mark in found if mark is not None]


def _single_closes_ahead(marks: Sequence[_Mark]) -> tuple[list[bool], list[bool]]:
    """For each mark: is there a clear (and any) single closer later, before the next opener?"""
    strong, anyc = [False] * len(marks), [False] * len(marks)
    seen_strong = seen_any = False
    for i in range(len(marks) - 1, -1, -1):
        strong[i], anyc[i] = seen_strong, seen_any
        mark = marks[i]
        if mark.family == _SINGLE and mark.role == _OPEN:
            seen_strong = seen_any = False
        elif mark.family == _SINGLE:
            seen_any = True
            seen_strong = seen_strong or not mark.weak
    return strong, anyc


class _Pairing:
    """Pairs the marks paragraph by paragraph; `quotes` holds the result in text order."""

    def __init__(self, text: str, paragraphs: Sequence[Span], sentences: Sequence[Span]) -> None:
        self.text, self.paragraphs, self.sentences = text, paragraphs, sentences
        self.sentence_starts = [s for s, _ in sentences]
        self.quotes: list[Quote] = []
        self.state: tuple[int, str, int] | None = None  # content start, family, paragraph

    def run(self) -> list[Quote]:
        candidates = [m.start() for m in _MARK_CANDIDATE.finditer(self.text)]
        for index, (lo, hi) in enumerate(self.paragraphs):
            marks = _marks(self.text, lo, hi, candidates)
            if self.state is not None and marks:
                marks = marks[1:]  # the mark that reopened an AP continuation
            if marks:
                self._paragraph(marks, index)
            if self.state is not None and not self._reopens(index + 1):
                self._cut(lo, hi)
        return self.quotes

    def _paragraph(self, marks: Sequence[_Mark], index: int) -> None:
        strong, anyc = _single_closes_ahead(marks)
        for i, mark in enumerate(marks):
            if self.state is None:
                if mark.role != _CLOSE:
                    self.state = (mark.pos + 1, mark.family, index)
                continue
            start, family, para = self.state
            if mark.family != family:
                # An opener of the other family while no single closer follows: the single
                # "opener" was an apostrophe after all.
                if family == _SINGLE and mark.role != _CLOSE and not anyc[i]:
                    self.state = (mark.pos + 1, mark.family, index)
                continue
            if mark.role == _OPEN:
                if not _REOPENS.search(self.text, max(start, mark.pos - 4), mark.pos):
                    self.state = (mark.pos + 1, family, index)  # the earlier mark never closed
            elif not (mark.weak and strong[i]):
                self._emit(start, mark.pos, True, para)
                self.state = None

    def _reopens(self, index: int) -> bool:
        if index >= len(self.paragraphs) or self.state is None:
            return False
        lo, hi = self.paragraphs[index]
        if _TURN.match(self.text, lo):
            return False  # a transcript's next turn is a quote of its own
        mark = _classify(self.text, lo, lo, hi) if MARK.match(self.text, lo) else None
        return mark is not None and mark.family == self.state[1] and mark.role != _CLOSE

    def _cut(self, lo: int, hi: int) -> None:
        """Ends an unclosed quote at its paragraph (double marks only: a lone single is too
        often an apostrophe), or at its sentence when the paragraph runs on."""
        assert self.state is not None
        start, family, para = self.state
        self.state = None
        if family != _DOUBLE:
            return
        end = hi
        if hi - start > _MAX_UNCLOSED:
            i = bisect.bisect_right(self.sentence_starts, start) - 1
            end = min(hi, self.sentences[i][1]) if i >= 0 else hi
        self._emit(start, end, False, para)

    def _emit(self, start: int, end: int, closed: bool, para: int) -> None:
        content = self.text[start:end]
        stripped = content.strip()
        if not any(c.isalnum() for c in stripped):
            return
        lead = len(content) - len(content.lstrip())
        self.quotes.append(Quote(start + lead, start + lead + len(stripped), closed, para))


def pair_quotes(text: str, paragraphs: Sequence[Span], sentences: Sequence[Span]) -> list[Quote]:
    """The quotes of `text` in text order, titles of works included."""
    return _Pairing(text, paragraphs, sentences).run()


def is_markup(text: str, quote: Quote) -> bool:
    """An attribute's value in markup the text kept ('tweet-date="..."', 'author="@name"')."""
    return quote.start >= 2 and text[quote.start - 2] == "="


def is_work_title(text: str, quote: Quote, lo: int) -> bool:
    """A Title-Case phrase quoted right after "single", "film", "the book", "titled"...

    The words before the quote are read first: they rule out almost every quote, and they
    are a few dozen characters where the quote may run to hundreds."""
    before = text[max(lo, quote.start - 60) : quote.start]
    # The last word alone rules out most quotes; no word spans a space, so the last chunk
    # between spaces holds it, unless that chunk is all punctuation.
    chunks = before.rsplit(None, 1)
    words = _WORD_BEFORE.findall(chunks[-1]) if chunks else []
    if not words or words[-1].lower() in tw.WORK_NAMING:
        words = _WORD_BEFORE.findall(before)[-4:]
    if not words:
        return _heading(text, quote, lo) or _work_after(text, quote)
    last = words[-1].lower()
    after_work = last in tw.WORK_NOUNS or last in ("titled", "entitled")
    # "On "Face the Nation"", "on CNN's "State of the Union"", "an episode of "The ... Show"".
    after_work = after_work or last == "on" or sw.is_possessive(words[-1])
    after_work = after_work or (last == "of" and len(words) > 1 and words[-2] in tw.WORK_NOUNS)
    if not after_work and not (
        last in tw.WORK_NAMING and any(w.lower() in tw.WORK_NOUNS for w in words[:-1])
    ):
        return _work_after(text, quote)
    return _title_case(text[quote.start : quote.end])


def _heading(text: str, quote: Quote, lo: int) -> bool:
    """A Title-Case quote that is its paragraph whole: a section heading ("'All Bets Are
    Off.'")."""
    after = text[quote.end + 1 : quote.end + 3]
    return (
        quote.start - lo <= 1
        and not after.strip(" .\n")
        and _title_case(text[quote.start : quote.end])
    )


def _work_after(text: str, quote: Quote) -> bool:
    """A Title-Case quote followed by the noun of its work: '"Keepin' It Real" radio
    program', "''Make Your Kid a Millionaire'' book"."""
    after = _WORD_BEFORE.findall(text[quote.end + 1 : quote.end + 30])[:2]
    if not any(w.lower() in tw.WORK_NOUNS for w in after):
        return False
    return _title_case(text[quote.start : quote.end])


def _title_case(content: str) -> bool:
    # A title has at most a dozen words: reading a thirteenth settles it.
    words = [m.group() for m in itertools.islice(_TITLE_WORD.finditer(content), 13)]
    if not words or len(words) > 12:
        return False
    significant = [w for w in words if w.lower() not in tw.TITLE_SMALL_WORDS]
    capitalized = [w for w in significant if w[0].isupper() or w[0].isdigit()]
    return bool(significant) and len(capitalized) >= 0.75 * len(significant)
