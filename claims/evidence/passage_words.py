"""A source passage as agreement reads it: its sentences, and the words, names and years
around each of its values.

`Passage` splits its text once, when first needed, and is shared by the passage's values;
`claims.evidence.figure_agreement` states what the words are used for.
"""

from __future__ import annotations

import functools
import numbers
import re
from collections.abc import Mapping
from typing import Any

from claims.evidence.same_thing import (
    is_age,
    is_change,
    months_in,
    ordinal_series,
    party_words,
    specific,
    with_aliases,
    years_in,
)
from claims.evidence.subject_words import (
    OPENERS,
    Words,
    clause_span,
    clause_words,
    event_span,
    event_words,
    subject_words,
    words_of,
)
from claims.evidence.verdict import field
from claims.reading.sentences import sentence_spans

# A table row ("year: 2022; partner: China; share: 94.2") is one record: every cell is about
# its figures, though ";" parts prose clauses.
TABLE_ROW = re.compile(r"^[^:;\n]{1,80}: [^\n]*?; [^:;\n]{1,80}: ")


class Passage:
    """A passage's text with its sentences, split once and shared by its values."""

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentence_spans(self.text)

    @functools.cached_property
    def is_table_row(self) -> bool:
        return bool(TABLE_ROW.match(self.text))

    @functools.cached_property
    def names(self) -> frozenset[str]:
        """Every word of the passage with its aliases: where a claim's names are looked for."""
        return with_aliases(words_of(self.text).all, self.text)

    @functools.cached_property
    def named(self) -> frozenset[str]:
        """The names the passage gives (not opening a sentence), with their aliases."""
        names = (words_of(self.text[a:b], sentence_start=True).names for a, b in self.sentences)
        return specific(with_aliases(frozenset().union(*names), self.text))

    def sentence_at(self, start: int) -> tuple[int, int]:
        """The span of the sentence holding `start` (the whole text if none does)."""
        return next(((a, b) for a, b in self.sentences if a <= start < b), (0, len(self.text)))

    def opens(self, value: Mapping[str, Any]) -> bool:
        """Whether the value's subject opens its sentence (as `subject_words` tells it)."""
        start, end = span(self, value)
        if start is None or end is None:
            return False
        s_start, s_end = self.sentence_at(start)
        sentence = self.text[s_start:s_end]
        return sentence.lstrip(OPENERS).startswith(str(field(value, "subject")))

    def words_at(self, value: Mapping[str, Any]) -> tuple[Words, frozenset[str]]:
        """The words of the value's subject and unit and its clause (an ordinal's own words, if
        any), with their aliases, and the names of its subject alone."""
        subject, unit = field(value, "subject"), field(value, "unit")
        start, end = span(self, value)
        if start is None or end is None:
            named = words_of(subject)
            return _aliased(named | words_of(unit), self.text), named.names
        s_start, s_end = self.sentence_at(start)
        sentence = self.text[s_start:s_end]
        if field(value, "kind") == "date":
            clause = event_words(sentence, start - s_start, end - s_start)
        else:
            clause = clause_words(sentence, start - s_start, end - s_start)
        named = subject_words(sentence, None, subject, None)
        mine = subject_words(sentence, field(value, "kind"), subject, unit)
        return _aliased(clause | mine, self.text), named.names

    def years_at(self, value: Mapping[str, Any]) -> frozenset[int]:
        """The years of the value's clause, or of its table row, but its own words."""
        return years_in(self._around(value))

    def months_at(self, value: Mapping[str, Any]) -> frozenset[str]:
        """The months of the value's clause, or of its table row, but its own words."""
        return months_in(self._around(value))

    def _around(self, value: Mapping[str, Any]) -> str:
        start, end = span(self, value)
        if start is None or end is None:
            return ""
        if self.is_table_row:
            return self.text[:start] + " " + self.text[end:]
        s_start, s_end = self.sentence_at(start)
        sentence = self.text[s_start:s_end]
        lo, hi = clause_span(sentence, start - s_start, end - s_start)
        return sentence[lo : start - s_start] + " " + sentence[end - s_start : hi]

    def near_at(self, value: Mapping[str, Any]) -> Words:
        """The content words next to the value in its sentence (`event_words`)."""
        start, end = span(self, value)
        if start is None or end is None:
            return Words(frozenset(), frozenset())
        s_start, s_end = self.sentence_at(start)
        return event_words(self.text[s_start:s_end], start - s_start, end - s_start)

    def parties_at(self, value: Mapping[str, Any]) -> frozenset[str]:
        """The parties the value's part of its sentence names ("with China"): `party_words`."""
        start, end = span(self, value)
        if start is None or end is None:
            return frozenset()
        s_start, s_end = self.sentence_at(start)
        sentence = self.text[s_start:s_end]
        lo, hi = event_span(sentence, start - s_start, end - s_start)
        return party_words(sentence[lo:hi])

    def is_age_at(self, value: Mapping[str, Any]) -> bool:
        """Whether the value is a person's age (`claims.evidence.same_thing.is_age`)."""
        start, end = span(self, value)
        if start is None or end is None:
            return False
        kind, unit, number = field(value, "kind"), field(value, "unit"), field(value, "value")
        return is_age(kind, unit, self.text[max(0, start - 40) : start], self.text[end:], number)

    def change_at(self, value: Mapping[str, Any]) -> bool:
        """Whether the value is a change ("up 2%"), by the words of its sentence before it."""
        start, _ = span(self, value)
        if start is None:
            return False
        s_start, _ = self.sentence_at(start)
        return is_change(self.text[s_start:start])

    def series_at(self, value: Mapping[str, Any]) -> tuple[str | None, str | None]:
        """An ordinal's noun and bound (`claims.evidence.same_thing.ordinal_series`)."""
        start, end = span(self, value)
        if start is None or end is None:
            return None, None
        return ordinal_series(self.text[start:end], self.text[end : end + 60])


def _aliased(words: Words, text: str) -> Words:
    return Words(with_aliases(words.common), with_aliases(words.names, text))


def span(passage: Passage, value: Mapping[str, Any]) -> tuple[int | None, int | None]:
    """The value's offsets in the passage, or None when it has none that fit."""
    start, end = field(value, "start"), field(value, "end")
    # numbers.Integral: offsets read back from a table may be numpy integers.
    if not (type(start) is int and type(end) is int) and not (
        isinstance(start, numbers.Integral) and isinstance(end, numbers.Integral)
    ):
        return None, None
    first, last = int(start), int(end)
    return (first, last) if 0 <= first <= last <= len(passage.text) else (None, None)


def value_text(passage: Passage, value: Mapping[str, Any]) -> str:
    """The value's words as the passage writes them."""
    start, end = span(passage, value)
    if start is not None and end is not None:
        return passage.text[start:end]
    return str(field(value, "text") or "")
