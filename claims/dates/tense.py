"""The tense of the sentence around a date: whether a relative date points back or ahead.

"on Wednesday" is last Wednesday in "He arrived on Wednesday" and next Wednesday in "China will
hold the parade on Wednesday". The sign comes from the nearest tense marker (`words.TENSE`:
"will", "is due", "said", any "-ed" verb) before the date in its sentence, else the nearest one
after it, and only within a clause's reach: 150 characters before, 80 after. A guess, but a
cheap one: each sentence is scanned once, on the first date in it that needs its tense, so a
long sentence full of dates stays linear.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from claims.dates import words as W

# How far a marker may be from the date and still speak for it: about a clause.
REACH_BEFORE = 150
REACH_AFTER = 80

# Marker starts, marker ends and signs (+1 future, -1 past) of one sentence, in text order.
Markers = tuple[list[int], list[int], list[int]]


class SentenceTenses:
    """Tense markers of the sentences of one text, scanned lazily and kept per sentence."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]], starts: list[int]):
        self.text = text
        self.sentences = sentences
        self.starts = starts
        self._markers: dict[int, Markers] = {}

    def at(self, start: int, end: int) -> int:
        """+1 future, -1 past, 0 unknown for the date at `text[start:end]`."""
        starts, ends, signs = self._sentence_markers(bisect.bisect_right(self.starts, start) - 1)
        before = bisect.bisect_right(ends, start) - 1
        if before >= 0 and start - ends[before] <= REACH_BEFORE:
            return signs[before]
        after = bisect.bisect_left(starts, end)
        return signs[after] if after < len(starts) and starts[after] - end <= REACH_AFTER else 0

    def _sentence_markers(self, index: int) -> Markers:
        if index not in self._markers:
            self._markers[index] = self._scan(index)
        return self._markers[index]

    def _scan(self, index: int) -> Markers:
        s_start, s_end = self.sentences[index] if index >= 0 else (0, len(self.text))
        found: Markers = ([], [], [])
        # A marker opening the text has no separator before it; any other starts later.
        first = W.TENSE_AT_START.match(self.text, 0, s_end) if s_start == 0 else None
        if first is not None:
            _add_marker(found, first, 0)
        # One character early: the scan matches the separator before a marker.
        for m in W.TENSE.finditer(self.text, max(s_start - 1, 0), s_end):
            _add_marker(found, m, m.start() + 1)  # after the separator
        return found


def _add_marker(found: Markers, m: re.Match[str], start: int) -> None:
    if m["ed"] and m["ed"].lower() in W.NOT_PAST_ED:
        return
    found[0].append(start)
    found[1].append(m.end())
    found[2].append(-1 if m["past"] or m["ed"] else 1)
