"""The words of a figure's subject and clause, and whether two figures speak of one subject.

Content words are lower-cased, without stop words, digits, number, month, weekday, ordinal,
scale and hedge words, with plurals and possessives cut; a capitalized word not opening its
sentence is a name, kept apart from the common words. `claims.evidence.figure_agreement`
states how a claim's subject and a passage value's are compared.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from claims.dates.words import MONTHS, WEEKDAYS
from claims.figures.words import (
    ORDINAL_WORDS,
    QUALIFIER_WORDS,
    SCALE_WORDS,
    STOP_WORDS,
    TENS_WORDS,
    UNITS_WORDS,
)

_WORD = re.compile(r"[^\W\d_]+")
_NOT_CONTENT = (
    STOP_WORDS
    | {w.lower() for w in [*MONTHS, *WEEKDAYS, *ORDINAL_WORDS, *SCALE_WORDS]}
    | {*UNITS_WORDS, *TENS_WORDS}
    | {w for phrase in QUALIFIER_WORDS for w in phrase.split()}
    | set("per cent percent percentage point points pc bn mr mrs ms dr other another".split())
    | set("already earlier later ago previously similar".split())
)


NEAR_WORDS = 12
# Up to this many key words, one shared key word makes the subject; more need a second word.
KEY_WORDS_FOR_ONE = 3
_CLAUSE_BREAK = re.compile(r";|\s[—–-]\s|,?\s+(?:while|whereas|but|although)\s+")
OPENERS = " \"'“‘(["  # what may stand before a sentence's first word


@dataclass(frozen=True, slots=True)
class Words:
    """Content words of a phrase, crudely stemmed: common words and name words."""

    common: frozenset[str]
    names: frozenset[str]

    def __or__(self, other: Words) -> Words:
        return Words(self.common | other.common, self.names | other.names)

    @property
    def all(self) -> frozenset[str]:
        return self.common | self.names


@dataclass(frozen=True, slots=True)
class Subject:
    """What a claim's figure is about: key words, the names in its subject, its clause's words."""

    key: frozenset[str]
    names: frozenset[str]
    context: frozenset[str]


def words_of(text: str | None, *, sentence_start: bool = False) -> Words:
    """Content words; a capitalized word is a name unless it opens the sentence."""
    common: set[str] = set()
    names: set[str] = set()
    for i, part in enumerate(_WORD.findall(text or "")):
        word = _content_word(part)
        if word is None:
            continue
        is_name = part[:1].isupper() and not (sentence_start and i == 0)
        (names if is_name else common).add(word)
    return Words(frozenset(common), frozenset(names))


@functools.lru_cache(maxsize=65_536)
def _content_word(part: str) -> str | None:
    """A word as `words_of` keeps it (lower case, stemmed), or None for no content word; the
    same few thousand words recur in every passage."""
    word = stem(part.lower())
    return None if len(word) < 2 or word in _NOT_CONTENT else word


def stem(word: str) -> str:
    """Plural and possessive off: "leaders" -> "leader", "countries" -> "country"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def subject_overlap(
    claim: Subject, passage: Words, subject_names: frozenset[str] = frozenset()
) -> int:
    """Shared words, or 0 when the subjects differ (the rule in `agreement`'s docstring).

    `subject_names` are the names of the passage value's own subject ("Leeds" in "wages in
    Leeds"), among `passage`'s names."""
    shared = claim.key & passage.all
    near = claim.context & passage.all
    if claim.key and (not shared or (len(claim.key) > KEY_WORDS_FOR_ONE and len(near) < 2)):
        return 0
    if claim.names and passage.names and not claim.names & passage.all:
        # "unemployment in France" is not "unemployment in Spain"; a name the two clauses
        # share (the office that published both) does not count when the passage's subject
        # names another place.
        rescue = subject_names or passage.names
        if not rescue & claim.context:
            return 0
    return len(shared) + len(near) + 1


def subject_words(sentence: str, kind: Any, subject: Any, unit: Any) -> Words:
    """Words of a subject, and of a count's or quantity's unit (a currency code says nothing of
    the subject); a subject that opens its sentence has no name by case."""
    opens = bool(subject) and sentence.lstrip(OPENERS).startswith(str(subject))
    words = words_of(subject, sentence_start=opens)
    return words | words_of(unit) if kind in ("count", "quantity") else words


# Past this length a sentence (a table or transcript run into one line) is read only within
# CLAUSE_SCAN_CHARS of the figure, which holds its NEAR_WORDS words on each side many times
# over: scanning the whole sentence for each of its figures cost its length squared (an
# article of one 76,000-character sentence took 14 s in the self-checks). Longer than any of the
# 72,040 sentences of the real news corpora (2,467 characters), so that they read as before.
LONG_SENTENCE_CHARS = 4_000
CLAUSE_SCAN_CHARS = 1_000


def clause_words(sentence: str, start: int, end: int) -> Words:
    """Words of the clause of `sentence` around [start, end), at most NEAR_WORDS on each side.

    A long sentence holds several events; the words next to a figure are the ones about it.
    """
    if len(sentence) <= LONG_SENTENCE_CHARS:
        return _clause_words(sentence, start, end, opens_sentence=True)
    lo = max(0, start - CLAUSE_SCAN_CHARS)
    hi = min(len(sentence), end + CLAUSE_SCAN_CHARS)
    return _clause_words(sentence[lo:hi], start - lo, end - lo, opens_sentence=lo == 0)


def _clause_words(sentence: str, start: int, end: int, *, opens_sentence: bool) -> Words:
    lo, hi = 0, len(sentence)
    for m in _CLAUSE_BREAK.finditer(sentence):
        if m.end() <= start:
            lo = m.end()
        elif m.start() >= end:
            hi = m.start()
            break
    before = [m.start() for m in _WORD.finditer(sentence, lo, max(lo, start))]
    after = [m.end() for m in _WORD.finditer(sentence, min(end, hi), hi)]
    first = before[-NEAR_WORDS] if len(before) >= NEAR_WORDS else lo
    last = after[NEAR_WORDS - 1] if len(after) >= NEAR_WORDS else hi
    opens = opens_sentence and first == lo and not sentence[:lo].strip(OPENERS)
    return words_of(sentence[first:last], sentence_start=opens)


def units_fit(kind: str, mine: Any, theirs: Any) -> bool:
    """Money in one currency, percent against percent (not points), counts by a shared word."""
    if kind in ("money", "percent"):
        return mine == theirs
    if mine is None or theirs is None:
        return kind == "count" or mine is theirs
    same = str(mine).lower() == str(theirs).lower()
    return same or bool(words_of(str(mine)).all & words_of(str(theirs)).all)
