"""What every date reader needs around a trigger: the text, its sentences, the publication date,
the sentence's tense, and the words written before the date that belong to it.

The readers (`calendar`, `relative`, `durations`) are plain functions of a
`DateContext` and the trigger's span, so each one reads only the few characters around its
trigger. The words before a date ("since", "in the early", "last") are read from a window of at
most 48 characters behind it, and only after a cheap test of the last word, since most dates
have none.
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from claims.dates import words as W
from claims.dates.tense import SentenceTenses
from claims.found import Found

# Dates and durations outrank the bare counts the number finder reads in the same figures.
PRIORITY = 10
Date = datetime.date
# The longest run of prefix words ("in the early", "ahead of the") a date can carry.
PREFIX_WINDOW = 48


class DateContext:
    """One text with its sentences, publication date and lazily scanned tense markers."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]], published: Date | None):
        self.text = text
        self.sentences = sentences
        self.starts = [start for start, _ in sentences]
        self.published = published
        self._tenses = SentenceTenses(text, sentences, self.starts)

    def sentence(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.sentences[index] if index >= 0 else (0, len(self.text))

    def tense(self, start: int, end: int) -> int:
        """+1 future, -1 past, 0 unknown (see `claims.dates.tense`)."""
        if self.published is None:
            return 0  # nothing to resolve: spare the scan
        return self._tenses.at(start, end)


@dataclass(frozen=True, slots=True)
class Prefix:
    """The words written before a date that belong to it."""

    start: int
    qualifier: str | None = None
    step: int | None = None  # "last" -1, "this" 0, "next" +1
    prep: str | None = None
    part: str | None = None
    season: bool = False
    the: bool = False

    @property
    def context(self) -> bool:
        """Whether any word before the date says it is one: a bare number may be a count."""
        return bool(self.prep or self.part or self.season or self.step is not None)


def date_prefix(
    ctx: DateContext, start: int, *, the_ok: bool = False, rel_ok: bool = False
) -> Prefix:
    """The prefix ending at `start`. "the" alone belongs only to decades and weekends, and
    "last"/"next" only where the date is relative (a weekday, a month without a day)."""
    if last_word(ctx.text, start) not in W.PREFIX_LAST_WORDS:
        return Prefix(start)
    m = W.DATE_PREFIX.search(ctx.text, max(0, start - PREFIX_WINDOW), start)
    if m is None or m.start() == start:
        return Prefix(start)
    if (m["the"] and not (the_ok or m["part"] or m["season"])) or (m["rel"] and not rel_ok):
        return Prefix(start)
    prep = norm(m["prep"]) if m["prep"] else None
    part = W.PARTS[norm(m["part"])] if m["part"] else None
    qualifier = (prep and W.DATE_PREPOSITIONS[prep]) or part
    step = W.RELATIVE_WORDS[norm(m["rel"])] if m["rel"] else None
    return Prefix(m.start(), qualifier, step, prep, part, bool(m["season"]), bool(m["the"]))


def last_word(text: str, end: int) -> str:
    """The word just before `end`, lower-cased: a cheap test before a window regex."""
    words = text[max(0, end - 16) : end].rstrip(" \t\n\r\u00a0-").rsplit(None, 1)
    return words[-1].rsplit("-", 1)[-1].lower() if words else ""


def norm(words: str) -> str:
    """Lower case and single spaces: the key of a phrase in the word tables."""
    return " ".join(words.lower().split())


def date_found(start: int, end: int, value: object, qualifier: str | None = None) -> Found:
    return Found(start, end, "date", value, qualifier=qualifier, priority=PRIORITY)
