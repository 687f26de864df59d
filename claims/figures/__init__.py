"""Figures: percentages, money, counts, quantities, ordinals and comparisons in article text.

`numbers` finds the figures and normalizes their values (`parse` reads one number as written,
`words` holds the word tables: number words, scales, currencies, units, qualifiers); `ranks`
finds ordinals and comparisons; `subjects` reads what a figure is about.
"""

from __future__ import annotations

from claims.figures.numbers import find_numbers
from claims.figures.ranks import find_ranks
from claims.figures.subjects import subject_of

__all__ = ["find_numbers", "find_ranks", "subject_of"]
