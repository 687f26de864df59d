"""Runs of spaces and tabs read as one space, with offsets mapped back to the text as given.

The finders' patterns separate words by one space. Text pasted from a page or a word processor
often has two after a full stop, or between any words after a copy edit, and a pattern that
meets them stops early ("biggest  investors" read as "biggest"). Extraction therefore reads a
copy with every run of spaces and tabs made one space, and maps each span back, so offsets
still refer to the text as loaded and `text[start:end]` holds there.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_RUNS = re.compile(r"[ \t]{2,}|\t")


@dataclass(frozen=True)
class Spacing:
    """The text with single spaces, and where its runs were."""

    text: str
    # For the k-th run: its position in `text`, and the characters dropped up to and with it.
    positions: tuple[int, ...]
    dropped: tuple[int, ...]

    def start(self, pos: int) -> int:
        """An offset in `text` as an offset in the original (a run's space: its first)."""
        i = bisect.bisect_left(self.positions, pos)  # runs strictly before `pos`
        return pos + (self.dropped[i - 1] if i else 0)

    def end(self, pos: int) -> int:
        """An end offset (exclusive) in `text` as one in the original."""
        return self.start(pos - 1) + 1 if pos > 0 else 0


def single_spaced(text: str) -> Spacing | None:
    """`text` with each run of spaces and tabs as one space; None when it has no such run."""
    if "  " not in text and "\t" not in text:
        return None
    parts: list[str] = []
    positions: list[int] = []
    dropped: list[int] = []
    last = removed = 0
    for run in _RUNS.finditer(text):
        parts.append(text[last : run.start()])
        positions.append(run.start() - removed)
        removed += run.end() - run.start() - 1
        dropped.append(removed)
        parts.append(" ")
        last = run.end()
    parts.append(text[last:])
    return Spacing("".join(parts), tuple(positions), tuple(dropped))
