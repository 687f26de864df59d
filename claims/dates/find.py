"""Dates and durations in article text -> ISO 8601 values (CLAIM-SCHEMA.md).

Two compiled scans cover the whole text: one for trigger words (month and weekday names,
"today", "last", unit words such as "years") and one for figures (ISO and numeric dates, years,
decades, year ranges). Both start with a plain set of first characters, so the regex engine skips
most of the text without trying a match. Around each trigger, short anchored regexes read the
rest: the day and year after a month, the number before a unit, and the words before a date
("since", "in the early", "last") from a window of a few dozen characters. Every gap is
`\\s{1,3}` and every window is bounded, so the cost is linear on any input.

The readers live beside what they read, each module with the choices it makes:
- `calendar`: month names, numeric dates, years, decades and year ranges;
- `relative`: weekdays, "today", "last week", seasons, weekends, "ago", and the year of a
  month-day written without one;
- `durations`: "six years", "two to three years", "half an hour";
- `context` and `tense`: what they share, the words before a date and the sentence's tense;
- `words`: the word tables and the patterns compiled from them.
Common to all: a preposition's qualifier wins over a part ("since late 2011" is "since"), and
names with a number ("Windows 2000") and a page's own time stamp are no claims. Candidates that
overlap keep the longest, so "3 September 2025" is not also the year 2025.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from claims.dates import words as W
from claims.dates.calendar import read_figures, read_month
from claims.dates.context import PRIORITY, Date, DateContext
from claims.dates.durations import read_duration
from claims.dates.relative import (
    read_relative_day,
    read_relative_step,
    read_season,
    read_weekday,
    read_weekend,
)
from claims.found import Found

__all__ = ["PRIORITY", "find_dates"]

# Trigger family (`words.TRIGGERS`) -> the reader of the date around that word.
_WORD_READERS: dict[str, Callable[[DateContext, int, int], list[Found]]] = {
    "month": read_month,
    "weekday": read_weekday,
    "day": read_relative_day,
    "step": read_relative_step,
    "unit": read_duration,
    "season": read_season,
    "weekend": read_weekend,
}
# A page's time stamp ends at most this far before the date it holds, and opens with one of
# these (`words.STAMP_BEFORE`).
_STAMP_WINDOW = 48
_STAMP_WORDS = ("PUBLISHED", "UPDATED", "Last updated")


def find_dates(
    text: str, sentences: Sequence[tuple[int, int]], *, published: Date | None
) -> list[Found]:
    """Every date and duration claim in `text`, in order, without overlaps among themselves.

    `sentences` are the spans from `sentence_spans(text)`; `published` resolves relative dates.
    """
    ctx = DateContext(text, sentences, published)
    found = _non_overlapping(_word_dates(ctx) + _figure_dates(ctx))
    if not any(word in text for word in _STAMP_WORDS):
        return found  # no time stamp to look behind every date for
    return [f for f in found if not _in_stamp(text, f)]


def _word_dates(ctx: DateContext) -> list[Found]:
    found: list[Found] = []
    # The scan matches the separator before a word, so the text's first word is matched apart.
    first = W.WORD_AT_START.match(ctx.text)
    for m in [first, *W.WORDS.finditer(ctx.text)] if first else W.WORDS.finditer(ctx.text):
        found.extend(_WORD_READERS[W.TRIGGERS[m["w"]]](ctx, m.start("w"), m.end("w")))
    return found


def _figure_dates(ctx: DateContext) -> list[Found]:
    text, covered = ctx.text, 0
    found: list[Found] = []
    for m in W.DIGITS.finditer(text):
        start = m.start()
        if start < covered or (start and _bad_before_figure(text, start)):
            continue  # inside the last figure read, or part of a word, price or number
        figure = W.FIGURES.match(text, start)
        if figure is not None:
            covered = figure.end()
            found.extend(read_figures(ctx, figure))
    return found


def _bad_before_figure(text: str, start: int) -> bool:
    before = text[start - 1]
    if before.isalnum() or before in W.NOT_BEFORE_FIGURE:
        return True
    return before in "-–" and start > 1 and text[start - 2].isdigit()  # "1-2019" is no year


def _in_stamp(text: str, found: Found) -> bool:
    """ "PUBLISHED: . 08:03 EST, 13 March 2012" is the page's, not a claim."""
    return found.kind == "date" and bool(
        W.STAMP_BEFORE.search(text, max(0, found.start - _STAMP_WINDOW), found.start)
    )


def _non_overlapping(found: list[Found]) -> list[Found]:
    """In text order; of overlapping candidates the longest, the first on a tie."""
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start, -f.length)):
        if kept and f.start < kept[-1].end:
            if f.length > kept[-1].length:
                kept[-1] = f
            continue
        kept.append(f)
    return kept
