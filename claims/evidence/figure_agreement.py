"""Does a source passage state the claim's figure or date? The thing measured, then the value.

A verdict compares the thing measured, not only the number: a figure whose subject, party or
place, period, unit or kind differs from the claim's is about something else and is `absent`,
never `agrees` or `conflicts`. Figures (percent, count, money, quantity, ordinal), dates and
durations:
- Kind and unit. A passage value of the claim's kind; money in the same currency; percent with
  the same unit (per cent and percentage points differ), and a change ("up 2%", "a rise of
  8%") only with a change, a share or a level ("70% of sales") only with those; quantities when
  the units are equal or share a word (an age is one unit in every form: "aged 37", "the
  37-year-old", "Jones, 37,"); counts when the units share a word ("leaders" ~ "foreign
  leaders"), a bare count ("37", "140 on Saturday") only with a bare count or a count of a thing
  its clause names, and a count of a thing against a bare count only where the passage's clause
  names the thing. Ordinals are read from the passage text when the index has none.
- Words (`claims.evidence.subject_words`). Content words: lower-cased, without stop words,
  digits, number, month, weekday, ordinal, scale and hedge words, plurals and possessives cut
  ("leaders" -> "leader"). A capitalized word is a name unless it opens its sentence (then only
  with a possessive or another capitalized word after it: "Kraft's", "Deutsche Boerse"); an
  acronym is a name even when spelled like a stop word ("US"). Aliases
  (`claims.evidence.same_thing`): an acronym spelled out in the same text ("... Caribbean
  (ECLAC)"), a table of common ones ("BBC", "US"), and the usual word of a measure ("wages" ->
  "pay", "trip" -> "visit"). A figure's surroundings are the words of its clause (its sentence
  cut at ";", dashes, "while", "whereas", "but", "although"; an aside between two dashes, "a
  rise of 8% - or £2,000 - on last year", belongs to the clause around it), at most 12 words
  each side; a date's are the five content words on each side of it in its part of the
  sentence between commas ("the two countries said Thursday", not the parade of the part
  before), or of its clause when that part has none ("In 2023, ...").
- Same subject. The claim has key words (of its subject and unit, or its surroundings' when
  these hold no common word), names (of its subject, else of its surroundings; a date none) and
  a context (every word of subject, unit and surroundings). The passage side is the value's
  subject, unit and surroundings. Same subject when a key word is on the passage side, and, for
  a claim with more than three context words, two context words are (one word in common,
  "sales", "old", is what any two figures of a news section share; a date needs one, which must
  be its event word, nearest it on either side, unless two are shared). Names: if both sides
  have names, one of the claim's is on the passage side or a passage name is in the claim's
  context; when the passage value's own subject names something, that name must be in the
  claim's context (the body that published both figures does not make two places one). So "97%
  of North Korea's external trade" and "97 percent of North Korea's exports" differ (no
  "trade"), "unemployment in France" is not "unemployment in Spain", "wages in Leeds rose to 4%,
  the ONS said" is not "wages in York rose to 5%, the ONS said".
- Same party. A figure whose subject or surroundings name a party (not a broad one: "US",
  "British") is compared only with a passage that names it, when the passage names another
  ("TimeWarner's profits" against a passage about Nike); a party its clause gives after "with",
  "in", "for"... ("1.2% was with Russia") must be in the value's clause when that names another
  ("95% was with China"). A table row naming a party the claim's sentence does not name
  ("partner: Russia" for trade with China) is another record, not a contradiction.
- Same period. A figure whose clause states a year is compared only with a value whose clause
  (or table row: its `year` column) states that year, when it states any: "about 95% in 2023"
  is not the 2022 row's 94.2.
- Same series. An ordinal counts a noun ("his first visit", "the 80th anniversary") and may be
  bounded ("first visit in six years", "the first time since taking office", "ever"): it is
  compared only with an ordinal of the same noun and the same bound, so a first within six
  years is neither the fifth visit ever nor contradicted by it.
- Numbers (`claims.evidence.values`): exact figures agree when equal at the precision written,
  one unit of the last digit ("97%" takes 96.5% to 97.5%); "about" widens that to 2% of the
  value ("about 97%" agrees with 96.7%, not with 95%). Bounds and ranges are intervals: the
  source's very bound or range (within the claim's precision) agrees; a figure inside the
  claim's bound or range is `consistent` ("at least 12" against 20, "16 to 30 year olds"
  against "18 to 30": true, but not the source's figure, and the reason says what the source
  says); disjoint conflicts; a source's bound that the claim's figure is inside neither
  confirms nor contradicts it (`absent`, with a detail). Durations are compared as seconds,
  precise to their last unit (P18M == P1.5Y).
- Dates are day intervals at the precision written ("2011-12" covers December; "late" is the
  last third of its period; "since 2019" is compared by its anchor, 2019). The source's days
  inside the claim's agree ("December 2011" and "Dec 5, 2011"; inside a claimed range without
  being it: consistent); disjoint conflicts. A date the index left without a value ("3
  September" with no publication date) is read again from its words and put in the claim's
  year; it can confirm or contradict a claim of a day, a week or a month, never of a year. A
  date the words do not give ("next Wednesday") is skipped.
- A source less precise than the claim but consistent with it ("97%" for a claim of 96.8%) agrees,
  with a detail saying so; a number only when the source is at most one digit less precise, a
  date when it is one level coarser (a month for a day, a year for a month).
- Of several comparable values, one that agrees wins (exactly before at the source's lower
  precision), then a consistent one, else the conflicting one with the most subject words in
  common; its span is reported. No comparable value: `absent`. Every verdict carries a one-line
  reason (`claims.evidence.reasons`): what was compared, or why the nearest figure was not.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from claims.evidence.another_thing import another_thing, same_row
from claims.evidence.passage_words import Passage, value_text
from claims.evidence.quote_agreement import quote_agreement
from claims.evidence.reasons import Found, verdict_of
from claims.evidence.same_thing import (
    is_age,
    is_change,
    months_in,
    ordinal_series,
    party_words,
    specific,
    spellings,
    subject_head,
    with_aliases,
    years_in,
)
from claims.evidence.subject_words import (
    Subject,
    clause_span,
    clause_words,
    event_heads,
    event_span,
    event_words,
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
from claims.evidence.verdict import UNCHECKED, Verdict, field
from claims.figures.ranks import find_ranks
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
        if self.kind == "date" and field(claim, "qualifier") == "range":
            self._compare = functools.partial(relate_dates, ranged=True)
        self._mine = None
        if self._read is not None:
            value = _plain(field(claim, "value"))
            self._mine = self._read(value, field(claim, "qualifier"), field(claim, "text"))
        self._key = _claim_subject(claim) if self._mine is not None else None
        self._unit = field(claim, "unit")
        self._age = self._key is not None and _is_age(claim)
        if self._age and self._key is not None:
            self._key = replace(self._key, age=True)

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
        passage = Passage(passage_text)
        found: list[Found] = []
        missed: str | None = None
        for value in _candidates(kind, passage, values, age=self._age):
            theirs = self._theirs(passage, value)
            if theirs is None or not self._units_fit(value):
                continue
            if _another_place(key, passage, value):
                continue  # what `subject_overlap` would find, without reading the clause
            words, names = passage.words_at(value)
            overlap = subject_overlap(key, words, names)
            why = another_thing(key, passage, value, words) if overlap else "another subject"
            relation = compare(self._mine, theirs)
            if why is None and relation == "conflicts" and not same_row(key, passage):
                why = "another row of the table"  # Russia's share, not China's
            if why is not None:
                if relation is not None and missed is None:
                    missed = f"{why}: {_said(passage, value)}"
                continue
            near = len(key.near & passage.near_at(value).all) if relation else 0
            found.append(Found(overlap, relation, value, near))
        return verdict_of(self.claim, passage, found, key, missed)

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
        kinds = _AGE_KINDS if self._age else (kind,)
        same = [v for v in values if field(v, "kind") in kinds]
        if kind == "ordinal" and not same:
            return _ANY_AGREEMENT  # read from the passage's text by `_candidates`
        if not same:
            return _ABSENT_ONLY
        passage = Passage(passage_text)
        found = {"absent"}
        for value in same:
            theirs = self._theirs(passage, value)
            if theirs is None or not self._units_fit(value):
                continue
            relation = compare(self._mine, theirs)
            found.add(
                "conflicts" if relation == "conflicts" else "agrees" if relation else "absent"
            )
        # The figures first: the key words are looked for only where a figure could count.
        if len(found) == 1 or not _key_word_may_occur(key, passage_text, same):
            return _ABSENT_ONLY
        return frozenset(found)

    def _units_fit(self, value: Mapping[str, Any]) -> bool:
        """Units fit (`units_fit`); an age fits an age in any form ("37," and "37-year-old")."""
        assert self.kind is not None
        return self._age or units_fit(self.kind, self._unit, field(value, "unit"))

    def _theirs(self, passage: Passage, value: Mapping[str, Any]) -> Any:
        """A passage value read as the claim's is; a date without a year as a `MonthDay`."""
        assert self.kind is not None
        text, number = value_text(passage, value), field(value, "value")
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
    words = [w for word in key.key for w in spellings(word)]
    text = passage_text.lower()
    if any(word[:-1] in text for word in words):
        return True
    extra = (field(v, name) for v in values for name in ("subject", "unit", "text"))
    haystack = " ".join(str(x) for x in extra if x is not None).lower()
    return any(word[:-1] in haystack for word in words)


def _another_place(key: Subject, passage: Passage, value: Mapping[str, Any]) -> bool:
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


def _said(passage: Passage, value: Mapping[str, Any]) -> str:
    return " ".join(value_text(passage, value).split())


Reader = Callable[[Any, Any, Any], Any]  # (value, qualifier, text) -> comparable or None
_RULES: dict[str, tuple[Reader, Callable[[Any, Any], Relation]]] = {
    **{kind: (figure, relate) for kind in NUMERIC_KINDS},
    "duration": (lambda value, qualifier, _: duration_figure(value, qualifier), relate),
    "date": (lambda value, qualifier, _: date_days(value, qualifier), relate_dates),
}


_AGE_KINDS = ("count", "quantity")


def _candidates(
    kind: str, passage: Passage, values: Sequence[Mapping[str, Any]], *, age: bool
) -> list[Mapping[str, Any]]:
    """The passage's values of the claim's kind; for an age, the ages of either kind, and for
    another count or quantity, no age."""
    if age:
        return [v for v in values if field(v, "kind") in _AGE_KINDS and passage.is_age_at(v)]
    same = [v for v in values if field(v, "kind") == kind]
    if kind in _AGE_KINDS:
        same = [v for v in same if not passage.is_age_at(v)]
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


def _is_age(claim: Mapping[str, Any]) -> bool:
    sentence, text = str(field(claim, "sentence") or ""), str(field(claim, "text") or "")
    at = sentence.find(text)
    before, after = (
        (sentence[max(0, at - 40) : at], sentence[at + len(text) :]) if at >= 0 else ("", "")
    )
    kind, unit, value = field(claim, "kind"), field(claim, "unit"), field(claim, "value")
    return is_age(kind, unit, before, after, value)


def _hashable(value: Any) -> str | None:
    return None if value is None else str(value)


# A claim is compared with up to a hundred candidate passages: its subject is read once.
@functools.lru_cache(maxsize=4096)
def _subject_of(kind: str, sentence: str, text: str, subject: Any, unit: Any) -> Subject:
    at = max(sentence.find(text), 0) if text else 0
    if kind == "date":
        clause = event_words(sentence, at, at + len(text))
    else:
        clause = clause_words(sentence, at, at + len(text))
    own = words_of(text) if kind == "ordinal" else subject_words(sentence, kind, subject, unit)
    # A figure without a named subject takes the names next to it; a date's names are often
    # those of another part of its event (Kim's visit, the parade in Beijing), so it has none
    # to hold a passage to, but a party its clause names must be named by the source.
    names = own.names or (clause.names if kind in NUMERIC_KINDS else frozenset())
    lo, hi = clause_span(sentence, at, at + len(text))
    around = sentence[lo:at] + " " + sentence[at + len(text) : hi]
    years, months = years_in(around), months_in(around)
    series = ordinal_series(text, sentence[at + len(text) : at + len(text) + 60])
    context = with_aliases(own.all | clause.all, sentence)
    return Subject(
        key=with_aliases(own.common or clause.common or own.names or clause.names, sentence),
        names=with_aliases(names, sentence),
        context=context,
        specific=with_aliases(specific(own.names or clause.names), sentence),
        years=years if kind in NUMERIC_KINDS else frozenset(),
        months=months if kind in NUMERIC_KINDS else frozenset(),
        series=series if kind == "ordinal" else (None, None),
        parties=party_words(sentence[slice(*event_span(sentence, at, at + len(text)))])
        if kind in NUMERIC_KINDS and kind != "ordinal"
        else frozenset(),
        sentence_names=with_aliases(words_of(sentence, sentence_start=True).names, sentence),
        near=event_words(sentence, at, at + len(text)).all,
        change=kind == "percent" and is_change(sentence[:at]),
        unit=words_of(unit).all if kind == "count" else frozenset(),
        event=event_heads(sentence, at, at + len(text)) if kind == "date" else frozenset(),
        min_shared=1 if kind == "date" else 2,
        head=subject_head(subject) if kind in NUMERIC_KINDS else None,
    )


def _plain(value: Any) -> Any:
    # A range read back from a table may be a numpy array: compare it as a list.
    return value.tolist() if hasattr(value, "tolist") and not isinstance(value, str) else value
