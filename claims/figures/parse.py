"""Reading one number as written: "3,028", "1.2", "two million", "twenty-five", "half"."""

from __future__ import annotations

import re

from claims.figures.words import FRACTIONS, SCALE_WORDS, SPECIAL_NUMBERS, TENS_WORDS, UNITS_WORDS

_SPLIT = re.compile(r"[\s-]+")


def parse_number(raw: str) -> float | None:
    """The value of a number written in digits or words; None when it is not one."""
    word = raw.strip().lower()
    if not word:
        return None
    if word[0].isdigit() or word[0] == ".":
        try:
            return float(word.replace(",", ""))
        except ValueError:
            return None
    if word in FRACTIONS:
        return FRACTIONS[word]
    if word in SPECIAL_NUMBERS:
        return float(SPECIAL_NUMBERS[word])
    return _parse_words(word)


def _parse_words(word: str) -> float | None:
    """English number words: "two hundred and five thousand" is 205,000."""
    total = 0.0
    current = 0.0
    seen = False
    for token in _SPLIT.split(word):
        if token == "and":
            continue
        if token in UNITS_WORDS:
            current += UNITS_WORDS[token]
        elif token in TENS_WORDS:
            current += TENS_WORDS[token]
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in SCALE_WORDS:
            total += (current or 1) * SCALE_WORDS[token]
            current = 0
        else:
            return None
        seen = True
    return total + current if seen else None
