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
    | set("st nd rd th".split())  # the ends of "80th", "1st"
    | set("far also just still even yet now well much many".split())
)


NEAR_WORDS = 12
# Content words on each side of a date that tell its event.
EVENT_WORDS = 5
# A claim must share two words of its subject and clause with a passage value (one in common,
# "sales", "old", is what any two figures of a news section share), unless they hold no more
# words than this ("Inflation in Britain was 1.2%")
# needs only its key word in common.
SHORT_CONTEXT = 3
# A clause of this many words shares a word or two with any passage of its section: without a
# name in common, it needs a third.
LONG_CONTEXT = 10
_CLAUSE_BREAK = re.compile(r";|\s[—–-]\s|,?\s+(?:while|whereas|but|although)\s+")
# The longest aside between two dashes read as part of the clause around it.
ASIDE_CHARS = 40
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
    # The names that tell its party apart, the years its clause speaks of, and for an ordinal
    # the noun it counts and its bound (`claims.evidence.same_thing`).
    specific: frozenset[str] = frozenset()
    years: frozenset[int] = frozenset()
    months: frozenset[str] = frozenset()
    series: tuple[str | None, str | None] = (None, None)
    # Names of its clause beyond its subject: the party or place it is for ("with Russia").
    parties: frozenset[str] = frozenset()
    # A percentage: whether it is a change ("up 2%") rather than a share or level.
    change: bool = False
    # A count's unit words ("foreign leaders"), to hold a count of something else apart.
    unit: frozenset[str] = frozenset()
    # A date's event: the common word nearest it on each side ("parade" for "the parade on
    # Wednesday").
    event: frozenset[str] = frozenset()
    # Words of its context a passage value must share (a date's few event words: one, which
    # must then be its event word).
    min_shared: int = 2
    # A count or quantity that is a person's age ("Jones, 37,", "the 37-year-old").
    age: bool = False
    # A date's sentence's names: a date of an event of other parties is another event.
    sentence_names: frozenset[str] = frozenset()
    # The content words next to the figure (`event_words`).
    near: frozenset[str] = frozenset()
    # The word its subject names the measure by ("wages" in "average monthly wages"), if any.
    head: str | None = None


def words_of(text: str | None, *, sentence_start: bool = False) -> Words:
    """Content words; a capitalized word is a name unless it opens the sentence, where it is
    one only when a possessive or another capitalized word follows ("Kraft's new policy",
    "Deutsche Boerse said"; not "Sales climbed")."""
    common: set[str] = set()
    names: set[str] = set()
    parts = _WORD.findall(text or "")
    for i, part in enumerate(parts):
        word = _content_word(part)
        if word is None:
            if not (1 < len(part) < 6 and part.isupper()):
                continue
            word = part.lower()  # an acronym, even one spelled like a stop word: "US"
        is_name = part[:1].isupper() and not (
            sentence_start and i == 0 and not _opens_a_name(parts)
        )
        (names if is_name else common).add(word)
    return Words(frozenset(common), frozenset(names))


def _opens_a_name(parts: list[str]) -> bool:
    """Whether the first word of a sentence is a name by what follows it."""
    if len(parts) < 2 or parts[0].lower() in STOP_WORDS:
        return False
    return parts[1] == "s" or parts[1][:1].isupper()


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
    if not claim.context or (claim.key and not shared):
        return 0  # a figure whose sentence says nothing of what it is for ties to nothing
    if len(near) < _wanted(claim, passage) and len(claim.context) > SHORT_CONTEXT:
        return 0  # one word in common ("old", "sales", "site") is a coincidence
    if claim.names and passage.names and not claim.names & passage.all:
        # "unemployment in France" is not "unemployment in Spain"; a name the two clauses
        # share (the office that published both) does not count when the passage's subject
        # names another place.
        rescue = subject_names or passage.names
        if not rescue & claim.context:
            return 0
    return len(shared) + len(near) + 1


def _wanted(claim: Subject, passage: Words) -> int:
    """Context words a passage value must share: one more for a long clause, unless the two
    share a name that tells the party apart or every word of the thing a count counts."""
    if claim.specific & passage.all or (claim.unit and claim.unit <= passage.all):
        return claim.min_shared
    if len(claim.context) >= LONG_CONTEXT:
        return claim.min_shared + 1
    return claim.min_shared


def subject_words(sentence: str, kind: Any, subject: Any, unit: Any) -> Words:
    """Words of a subject, and of a count's or quantity's unit (a currency code says nothing of
    the subject); a subject that opens its sentence has no name by case."""
    opens = bool(subject) and sentence.lstrip(OPENERS).startswith(str(subject))
    words = words_of(subject, sentence_start=opens)
    return words | words_of(unit) if kind in ("count", "quantity") else words


def clause_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The clause of `sentence` around [start, end): cut at ";", dashes and contrasts, but not
    inside brackets ("A$458.4m ($357.6m; £191m)") nor around a short aside between two dashes
    ("a rise of 8% – or £2,000 – on last year", "5.8% - its first hike in nine years - in
    October 2004"), which belongs to the clause around it."""
    breaks = _breaks(sentence)
    before = [m for m in breaks if m.end() <= start]
    after = [m for m in breaks if m.start() >= end]
    lo = before[-1].end() if before else 0
    hi = after[0].start() if after else len(sentence)
    return lo, hi


@functools.lru_cache(maxsize=4096)
def _breaks(sentence: str) -> list[re.Match[str]]:
    found = [m for m in _CLAUSE_BREAK.finditer(sentence) if not _in_brackets(sentence, m.start())]
    kept: list[re.Match[str]] = []
    skip = -1
    for i, m in enumerate(found):
        if i == skip:
            continue
        following = found[i + 1] if i + 1 < len(found) else None
        aside = following is not None and _is_dash(m) and _is_dash(following)
        if aside and following is not None and following.start() - m.end() <= ASIDE_CHARS:
            skip = i + 1
            continue
        kept.append(m)
    return kept


def _in_brackets(sentence: str, at: int) -> bool:
    head = sentence[:at]
    return head.count("(") > head.count(")")


def _is_dash(m: re.Match[str]) -> bool:
    return m.group().strip() in ("—", "–", "-")


# Past this length a sentence (a table or transcript run into one line) is read only within
# CLAUSE_SCAN_CHARS of the figure (about fifty words), which holds its NEAR_WORDS words on each
# side several times over: scanning the whole sentence for each of its figures cost its length
# squared (an article of one 76,000-character sentence took 14 s in the self-checks). Longer
# than any of the 72,040 sentences of the real news corpora (2,467 characters), so that they
# read as before.
LONG_SENTENCE_CHARS = 4_000
CLAUSE_SCAN_CHARS = 300


def clause_words(sentence: str, start: int, end: int, *, near: int = NEAR_WORDS) -> Words:
    """Words of the clause of `sentence` around [start, end), at most `near` on each side.

    A long sentence holds several events; the words next to a figure are the ones about it.
    """
    if len(sentence) <= LONG_SENTENCE_CHARS:
        return _clause_words(sentence, start, end, near=near, opens_sentence=True)
    lo = max(0, start - CLAUSE_SCAN_CHARS)
    hi = min(len(sentence), end + CLAUSE_SCAN_CHARS)
    part = sentence[lo:hi]
    return _clause_words(part, start - lo, end - lo, near=near, opens_sentence=lo == 0)


def _clause_words(sentence: str, start: int, end: int, *, near: int, opens_sentence: bool) -> Words:
    lo, hi = clause_span(sentence, start, end)
    before = [m.start() for m in _WORD.finditer(sentence, lo, max(lo, start))]
    after = [m.end() for m in _WORD.finditer(sentence, min(end, hi), hi)]
    first = before[-near] if len(before) >= near else lo
    last = after[near - 1] if len(after) >= near else hi
    opens = opens_sentence and first == lo and not sentence[:lo].strip(OPENERS)
    return words_of(sentence[first:last], sentence_start=opens)


def event_words(sentence: str, start: int, end: int, *, near: int = EVENT_WORDS) -> Words:
    """The words of a date's event: the `near` content words on each side of [start, end) in
    its part of the sentence between commas ("the two countries said Thursday", not the parade
    of the clause before), or of its clause when that part has none ("In 2023, ...").

    A sentence often holds the dates of several events; the words next to a date are its own.
    """
    lo, hi = event_span(sentence, start, end)
    return _near_words(sentence, start, end, lo, hi, near)


def event_heads(sentence: str, start: int, end: int) -> frozenset[str]:
    """The common content word nearest a date on each side, in its part of the sentence
    (`event_words`): "parade" for "a military parade next week"."""
    lo, hi = event_span(sentence, start, end)
    before = [m.group() for m in _WORD.finditer(sentence, lo, max(lo, start))]
    after = [m.group() for m in _WORD.finditer(sentence, min(end, hi), hi)]
    heads = (
        next((_content_word(w) for w in words if _content_word(w) and not w[:1].isupper()), None)
        for words in (before[::-1], after)
    )
    return frozenset(h for h in heads if h)


def event_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """The part of the clause around [start, end) between commas, or the clause when that part
    holds no content word."""
    lo, hi = clause_span(sentence, start, end)
    cut_lo = sentence.rfind(", ", lo, start)
    cut_hi = sentence.find(", ", end, hi)
    seg_lo = cut_lo + 2 if cut_lo >= 0 else lo
    seg_hi = cut_hi if cut_hi >= 0 else hi
    if _near_words(sentence, start, end, seg_lo, seg_hi, EVENT_WORDS).all:
        return seg_lo, seg_hi
    return lo, hi


def _near_words(sentence: str, start: int, end: int, lo: int, hi: int, near: int) -> Words:
    before = [m for m in _WORD.finditer(sentence, lo, max(lo, start)) if _content_word(m.group())]
    after = [m for m in _WORD.finditer(sentence, min(end, hi), hi) if _content_word(m.group())]
    picked = [*before[-near:], *after[:near]] if near else []
    opens = not sentence[:lo].strip(OPENERS)
    first = before[0].start() if before else None
    common: set[str] = set()
    names: set[str] = set()
    for m in picked:
        word = _content_word(m.group())
        assert word is not None
        opening = opens and m.start() == first == lo
        is_name = m.group()[:1].isupper() and not opening
        (names if is_name else common).add(word)
    return Words(frozenset(common), frozenset(names))


def units_fit(kind: str, mine: Any, theirs: Any) -> bool:
    """Money in one currency, percent against percent (not points), counts by a shared word."""
    if kind in ("money", "percent"):
        return mine == theirs
    if mine is None or theirs is None:
        return kind == "count" or mine is theirs
    same = str(mine).lower() == str(theirs).lower()
    return same or bool(words_of(str(mine)).all & words_of(str(theirs)).all)
