"""What a finder (numbers, dates, quotes) reports: one candidate claim, before overlaps resolve.

The finders know nothing of each other; `extract` merges their candidates, so the rules for
which candidate wins an overlap live in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Found:
    """A candidate claim: `text[start:end]` is its exact span in the article."""

    start: int
    end: int
    kind: str
    value: Any = None
    unit: str | None = None
    qualifier: str | None = None
    speaker: str | None = None
    subject: str | None = None
    # Higher wins when two candidates of different finders overlap (dates over bare counts).
    priority: int = 0

    @property
    def length(self) -> int:
        return self.end - self.start
