"""Does a source passage state the claim's figure or date? Values compared as values.

Figures (percent, count, money, quantity, ordinal), dates and durations:
- A passage value is comparable when it is of the claim's kind, its unit fits and its subject is
  the claim's. Units: money in the same currency; percent with the same unit (per cent and
  percentage points differ); counts when either has no unit or the units share a content word
  ("leaders" ~ "foreign leaders"); quantities when the units are equal or share a word.
  Ordinals are read from the passage text when the index has none.
- Same subject. Words are content words: lower-cased, without stop words, digits, number,
  month, weekday, ordinal, scale and hedge words, with plurals and possessives cut ("leaders" ->
  "leader"); a capitalized word not opening its sentence is a name. A figure's surroundings are
  the words of its clause (its sentence cut at ";", dashes, "while", "whereas", "but",
  "although"), at most 12 words each side: a long sentence holds several events. The claim has
  key words (those of its subject and unit, or an ordinal's own words; if these hold no common
  noun, its surroundings'), names (of its subject; a figure whose subject names nothing takes
  those of its surroundings, a date none), and a context (all words of subject, unit and
  surroundings). The passage side is the words of the value's subject, unit and
  surroundings (an ordinal's own words only). Same subject when (1) a key word is among the
  passage side's words, and with more than 3 key words, a second context word is too; and (2) if
  the claim and the passage side both have names, one of the claim's is among the passage
  side's words or a passage name is in the claim's context; but when the passage value's own
  subject names something, that name must be the one in the claim's context (a name elsewhere in
  its clause, such as the body that published both figures, does not make two places one). So
  "97% of North Korea's external trade" and "97 percent of North Korea's exports" differ (no
  "trade"), "95% of North Korea's trade" is the same subject, "unemployment in France" is not
  "unemployment in Spain", and "wages in Leeds rose to 4%, the ONS said" is not "wages in York
  rose to 5%, the ONS said". A value about another subject is not comparable, whatever its
  figure: the same figure about another subject is `absent`, never `agrees`.
- Numbers (`claims.evidence.values`): exact figures agree when equal at the precision written, one
  unit of the last digit ("97%" takes 96.5% to 97.5%, so the claim "97%" rounds a source's 96.8%);
  "about" widens that to 2% of the value ("about 97%" agrees with 96.7%, not with 95%; "about
  2,000" with 2,030, not with 2,300). Bounds and ranges are intervals: the source's inside the
  claim's agrees ("more than 5 million" and 5.3 million), disjoint conflicts (4.9 million); a
  source's bound that the claim satisfies neither confirms nor contradicts it (`absent`, with a
  detail). Durations are compared as seconds, precise to their last unit (P18M == P1.5Y).
- Dates are day intervals at the precision written ("2011-12" covers December; "late" is the last
  third of its period; "since 2019" is compared by its anchor, 2019). The source's days inside the
  claim's agree ("December 2011" and "Dec 5, 2011"); disjoint conflicts (2022 against 2023). A
  date the index left without a value ("3 September" with no publication date) is read again
  from its words and put in the claim's year; it can confirm or contradict a claim of a day, a
  week or a month, never of a year. A date the words do not give ("next Wednesday") is skipped.
- A source less precise than the claim but consistent with it ("97%" for a claim of 96.8%,
  "December 2011" for Dec 5, 2011) agrees, with a detail saying that the source is less precise;
  a number only when the source is at most one digit less precise ("two years" does not round
  "18 months"; it conflicts), a date when it is one level coarser (a month for a day, a year for
  a month; a year neither confirms nor contradicts a day in it).
- Of several comparable values, one that agrees wins (exactly before at the source's lower
  precision), else the conflicting one with the most subject words in common; its span is
  reported. No comparable value: `absent`.
"""

from __future__ import annotations

import functools
import numbers
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from claims.evidence.quote_agreement import quote_agreement
from claims.evidence.subject_words import (
    OPENERS,
    Subject,
    Words,
    clause_words,
    subject_overlap,
    subject_words,
    units_fit,
    words_of,
)
from claims.evidence.values import (
    Relation,
    date_days,
    duration_figure,
    figure,
    month_day,
    relate,
    relate_dates,
)
from claims.evidence.verdict import ABSENT, UNCHECKED, Verdict, field
from claims.figures.ranks import find_ranks
from claims.reading.sentences import sentence_spans
from claims.schema import DATE_KINDS, NUMERIC_KINDS


class ClaimCheck:
    """A claim made ready to be checked against many passages: its kind, figure and subject
    are read once, not once per passage."""

    def __init__(self, claim: Mapping[str, Any]) -> None:
        self.claim = claim
        self.kind = field(claim, "kind")
        rule = _RULES.get(self.kind) if isinstance(self.kind, str) else None
        self._read: Reader | None = rule[0] if rule else None
        self._compare: Callable[[Any, Any], Relation] | None = rule[1] if rule else None
        self._mine = None
        if self._read is not None:
            value = _plain(field(claim, "value"))
            self._mine = self._read(value, field(claim, "qualifier"), field(claim, "text"))
        self._key = _claim_subject(claim) if self._mine is not None else None
        self._unit = field(claim, "unit")

    def verdict(self, passage_text: str, values: Sequence[Mapping[str, Any]]) -> Verdict:
        """The verdict for any claim: figures and dates by value, quotes by words."""
        if self.kind in NUMERIC_KINDS or self.kind in DATE_KINDS:
            return self.figure_verdict(passage_text, values)
        if self.kind == "quote":
            return quote_agreement(self.claim, passage_text)
        return UNCHECKED

    def figure_verdict(self, passage_text: str, values: Sequence[Mapping[str, Any]]) -> Verdict:
        """Does the passage state the claim's figure or date (module docstring for the rules)?"""
        kind, read, compare, key = self.kind, self._read, self._compare, self._key
        if read is None or compare is None:
            return UNCHECKED
        if key is None:
            return Verdict("unchecked", None, None, None, "the claim has no value to compare")
        passage = _Passage(passage_text)
        found: list[tuple[int, Relation, Mapping[str, Any]]] = []
        for value in _candidates(kind, passage, values):
            theirs = self._theirs(passage, value)
            if theirs is None or not units_fit(kind, self._unit, field(value, "unit")):
                continue
            if _another_place(key, passage, value):
                continue  # what `subject_overlap` would find, without reading the clause
            overlap = subject_overlap(key, *passage.words_at(value))
            if not overlap:
                continue
            relation = compare(self._mine, theirs)
            if relation == "conflicts" and kind in NUMERIC_KINDS and not _same_row(key, passage):
                continue  # a table row of another party (Russia's share, not China's)
            found.append((overlap, relation, value))
        return _verdict(self.claim, passage, found)

    def possible(self, passage_text: str, values: Sequence[Mapping[str, Any]]) -> frozenset[str]:
        """The agreements `verdict` can give for this passage, told from the figures alone.

        A cheap superset, for ranking many passages by a score that counts agreement: figures
        are compared as `figure_verdict` compares them, but without the subject test, which
        needs the passage's sentences and words; a passage where none of the claim's key words
        occurs cannot pass that test at all. Quotes, and ordinals read from the text, are left
        open.
        """
        kind, compare, key = self.kind, self._compare, self._key
        if kind == "quote":
            return _ANY_AGREEMENT
        if not (kind in NUMERIC_KINDS or kind in DATE_KINDS) or compare is None or key is None:
            return _UNCHECKED_ONLY
        same = [v for v in values if field(v, "kind") == kind]
        if kind == "ordinal" and not same:
            return _ANY_AGREEMENT  # read from the passage's text by `_candidates`
        if not same:
            return _ABSENT_ONLY
        passage = _Passage(passage_text)
        found = {"absent"}
        for value in same:
            theirs = self._theirs(passage, value)
            if theirs is None or not units_fit(kind, self._unit, field(value, "unit")):
                continue
            relation = compare(self._mine, theirs)
            found.add(
                "conflicts" if relation == "conflicts" else "agrees" if relation else "absent"
            )
        # The figures first: the key words are looked for only where a figure could count.
        if len(found) == 1 or not _key_word_may_occur(key, passage_text, same):
            return _ABSENT_ONLY
        return frozenset(found)

    def _theirs(self, passage: _Passage, value: Mapping[str, Any]) -> Any:
        """A passage value read as the claim's is; a date without a year as a `MonthDay`."""
        assert self.kind is not None
        text, number = _text(passage, value), field(value, "value")
        qualifier = field(value, "qualifier")
        if type(number) in _ATOMS and type(qualifier) in _ATOMS:
            return _read_value(self.kind, number, qualifier, text)
        return _read_value.__wrapped__(self.kind, _plain(number), qualifier, text)


# Values whose reading can be kept: the same figures recur from passage to passage.
_ATOMS = frozenset({str, int, float, type(None)})


@functools.lru_cache(maxsize=16_384, typed=True)
def _read_value(kind: str, value: Any, qualifier: Any, text: str) -> Any:
    read = _RULES[kind][0]
    theirs = read(value, qualifier, text)
    if kind == "date" and theirs is None:
        theirs = month_day(text)  # "3 September" indexed without a year
    return theirs


_ANY_AGREEMENT = frozenset(
    {"agrees", "verbatim", "altered", "misattributed", "conflicts", "absent"}
)
_UNCHECKED_ONLY = frozenset({"unchecked"})
_ABSENT_ONLY = frozenset({"absent"})


def _key_word_may_occur(
    key: Subject, passage_text: str, values: Sequence[Mapping[str, Any]]
) -> bool:
    """False only when no key word can be among the words `subject_overlap` looks at: those
    come from the passage's text and its values' subject, unit and text. A word stems to a key
    word only if it starts with all of the key word but its last letter."""
    if not key.key:
        return True
    text = passage_text.lower()
    if any(word[:-1] in text for word in key.key):
        return True
    extra = (field(v, name) for v in values for name in ("subject", "unit", "text"))
    haystack = " ".join(str(x) for x in extra if x is not None).lower()
    return any(word[:-1] in haystack for word in key.key)


def _another_place(key: Subject, passage: _Passage, value: Mapping[str, Any]) -> bool:
    """True only when `subject_overlap` must find the value about another place than the claim
    (the names rule), told without reading its clause: the value's own subject names something
    outside the claim's context, and none of the claim's names can be among the passage's
    words. Cheap, and most candidate passages of a claim about one place are about others."""
    subject = field(value, "subject")
    if not key.names or not isinstance(subject, str) or not subject:
        return False
    inside, opening = _subject_names(subject)
    names = inside if inside == opening else opening if passage.opens(value) else inside
    if not names or names & key.context:
        return False
    return not _key_word_may_occur(_names_as_key(key), passage.text, [value])


@functools.lru_cache(maxsize=4096)
def _names_as_key(key: Subject) -> Subject:
    """The claim's subject with its names as the words to look for."""
    return replace(key, key=key.names)


@functools.lru_cache(maxsize=16_384)
def _subject_names(subject: str) -> tuple[frozenset[str], frozenset[str]]:
    """The names of a subject inside its sentence, and opening it (`subject_words`)."""
    return words_of(subject).names, words_of(subject, sentence_start=True).names


def _verdict(
    claim: Mapping[str, Any],
    passage: _Passage,
    found: list[tuple[int, Relation, Mapping[str, Any]]],
) -> Verdict:
    """Agreeing first, then conflicting; among those the most subject words in common."""
    for wanted in ("agrees", "coarser", "conflicts"):
        best = max((f for f in found if f[1] == wanted), key=lambda f: f[0], default=None)
        if best is None:
            continue
        value = best[2]
        text = " ".join(_text(passage, value).split())
        detail = {
            "agrees": None,
            "coarser": f"the source is less precise: {text}",
            "conflicts": f"{' '.join(str(field(claim, 'text')).split())} vs {text}",
        }[wanted]
        agreed = "conflicts" if wanted == "conflicts" else "agrees"
        return Verdict(agreed, text, *_span(passage, value), detail)
    if found:
        bound = " ".join(_text(passage, found[0][2]).split())
        return Verdict("absent", None, None, None, f"{bound}: neither confirms nor contradicts")
    return ABSENT


Reader = Callable[[Any, Any, Any], Any]  # (value, qualifier, text) -> comparable or None
_RULES: dict[str, tuple[Reader, Callable[[Any, Any], Relation]]] = {
    **{kind: (figure, relate) for kind in NUMERIC_KINDS},
    "duration": (lambda value, qualifier, _: duration_figure(value, qualifier), relate),
    "date": (lambda value, qualifier, _: date_days(value, qualifier), relate_dates),
}


def _candidates(
    kind: str, passage: _Passage, values: Sequence[Mapping[str, Any]]
) -> list[Mapping[str, Any]]:
    same = [v for v in values if field(v, "kind") == kind]
    if kind == "ordinal" and not same:
        # Ordinals are not part of every index: read them from the passage itself.
        found = find_ranks(passage.text, passage.sentences)
        same = [
            {"kind": f.kind, "value": f.value, "start": f.start, "end": f.end}
            for f in found
            if f.kind == "ordinal"
        ]
    return same


def _claim_subject(claim: Mapping[str, Any]) -> Subject:
    """Key words from the subject and unit (an ordinal's own words), else from the clause."""
    return _subject_of(
        str(field(claim, "kind")),
        str(field(claim, "sentence") or ""),
        str(field(claim, "text") or ""),
        _hashable(field(claim, "subject")),
        _hashable(field(claim, "unit")),
    )


def _hashable(value: Any) -> str | None:
    return None if value is None else str(value)


# A claim is compared with up to a hundred candidate passages: its subject is read once.
@functools.lru_cache(maxsize=4096)
def _subject_of(kind: str, sentence: str, text: str, subject: Any, unit: Any) -> Subject:
    at = max(sentence.find(text), 0) if text else 0
    clause = clause_words(sentence, at, at + len(text))
    own = words_of(text) if kind == "ordinal" else subject_words(sentence, kind, subject, unit)
    # A figure without a named subject takes the names next to it; a date's names are often
    # those of another part of its event (Kim's visit, the parade in Beijing), so it has none.
    names = own.names or (clause.names if kind in NUMERIC_KINDS else frozenset())
    return Subject(own.common or clause.common or own.names, names, own.all | clause.all)


_TABLE_ROW = re.compile(r"^[^:;\n]{1,80}: [^\n]*?; [^:;\n]{1,80}: ")


def _same_row(key: Subject, passage: _Passage) -> bool:
    """In a table row every named cell belongs to the figure: a row naming a party the claim's
    sentence does not name ("partner: Russia" for a claim about trade with China) is another
    record, not a contradiction. Prose is not held to this: a sentence names its sources too."""
    if not _TABLE_ROW.match(passage.text):
        return True
    return words_of(passage.text).names <= key.context


class _Passage:
    """A passage's text with its sentences, split once (when first needed) and shared by its
    values."""

    def __init__(self, text: str) -> None:
        self.text = text

    @functools.cached_property
    def sentences(self) -> list[tuple[int, int]]:
        return sentence_spans(self.text)

    def sentence_at(self, start: int) -> tuple[int, int]:
        """The span of the sentence holding `start` (the whole text if none does)."""
        return next(((a, b) for a, b in self.sentences if a <= start < b), (0, len(self.text)))

    def opens(self, value: Mapping[str, Any]) -> bool:
        """Whether the value's subject opens its sentence (as `subject_words` tells it)."""
        start, end = _span(self, value)
        if start is None or end is None:
            return False
        s_start, s_end = self.sentence_at(start)
        sentence = self.text[s_start:s_end]
        return sentence.lstrip(OPENERS).startswith(str(field(value, "subject")))

    def words_at(self, value: Mapping[str, Any]) -> tuple[Words, frozenset[str]]:
        """The words of the value's subject and unit and its clause (an ordinal's own words, if
        any), and the names of its subject alone."""
        own = words_of(_text(self, value)) if field(value, "kind") == "ordinal" else None
        if own is not None and own.all:
            return own, frozenset()
        subject, unit = field(value, "subject"), field(value, "unit")
        start, end = _span(self, value)
        if start is None or end is None:
            named = words_of(subject)
            return named | words_of(unit), named.names
        s_start, s_end = self.sentence_at(start)
        sentence = self.text[s_start:s_end]
        clause = clause_words(sentence, start - s_start, end - s_start)
        named = subject_words(sentence, None, subject, None)
        return clause | subject_words(sentence, field(value, "kind"), subject, unit), named.names


def _span(passage: _Passage, value: Mapping[str, Any]) -> tuple[int | None, int | None]:
    start, end = field(value, "start"), field(value, "end")
    # numbers.Integral: offsets read back from a table may be numpy integers.
    if not (type(start) is int and type(end) is int) and not (
        isinstance(start, numbers.Integral) and isinstance(end, numbers.Integral)
    ):
        return None, None
    first, last = int(start), int(end)
    return (first, last) if 0 <= first <= last <= len(passage.text) else (None, None)


def _text(passage: _Passage, value: Mapping[str, Any]) -> str:
    start, end = _span(passage, value)
    if start is not None and end is not None:
        return passage.text[start:end]
    return str(field(value, "text") or "")


def _plain(value: Any) -> Any:
    # A range read back from a table may be a numpy array: compare it as a list.
    return value.tolist() if hasattr(value, "tolist") and not isinstance(value, str) else value
