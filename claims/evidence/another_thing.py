"""Why a passage value whose subject words fit is still about something else.

`another_thing` gives the reason, or None: the party, the period, the measure, the count's
thing or the ordinal's series differs (the rules are stated in
`claims.evidence.figure_agreement`). `same_row` holds a table row to the party its cells name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from claims.evidence.passage_words import Passage, value_text
from claims.evidence.same_thing import other_years, same_measure, specific
from claims.evidence.subject_words import Subject, Words, words_of
from claims.evidence.verdict import field
from claims.schema import NUMERIC_KINDS


def another_thing(
    key: Subject, passage: Passage, value: Mapping[str, Any], words: Any
) -> str | None:
    """Why a value whose subject words fit is still about something else, or None: the claim
    names a party the passage never names, or its clause another party than the passage's
    clause; another year; an ordinal of another series."""
    kind = field(value, "kind")
    named_else = passage.named - key.context
    if kind in NUMERIC_KINDS and key.specific and not key.specific & passage.names and named_else:
        return f"another subject: the source does not name {', '.join(sorted(key.specific))}"
    if kind in NUMERIC_KINDS and _names_another_party(key, passage, words):
        return "another party: " + ", ".join(sorted(specific(words.names)))
    if key.parties and not key.parties & words.all:
        others = passage.parties_at(value) - key.parties - key.names
        if others:
            return "another party: " + ", ".join(sorted(others))
    other_names = words.names and not words.names & key.sentence_names
    unnamed = key.sentence_names and not key.sentence_names & passage.names
    if kind == "date" and other_names and unnamed:
        return "another event: of " + ", ".join(sorted(words.names))
    far_from_event = key.event and not key.event & words.all
    if kind == "date" and far_from_event and len(key.key & words.common) < 2:
        return "another event: " + ", ".join(sorted(key.event))
    if key.head and kind != "ordinal" and key.head not in words.all:
        return f"another measure: the source's figure is not of {key.head}"
    if kind == "percent" and key.change != passage.change_at(value):
        return "another measure: a change is not a share or a level"
    if (
        kind == "count"
        and not key.age
        and another_count(key, field(value, "unit"), words, _said(passage, value))
    ):
        return f"another count: {field(value, 'unit') or 'no unit'}"
    if kind in NUMERIC_KINDS and kind != "ordinal":
        years = other_years(key.years, passage.years_at(value))
        if years:
            return f"another year: the source's figure is for {', '.join(map(str, sorted(years)))}"
        months = other_years(key.months, passage.months_at(value))
        if months:
            return f"another month: the source's figure is for {', '.join(sorted(months))}"
    if kind == "ordinal":
        noun, bound = passage.series_at(value)
        if key.series[1] != bound:
            return "another series: a first within a stretch of time is not a first ever"
        if key.series[0] and noun and same_measure(key.series[0]) != same_measure(noun):
            return f"another series: {key.series[0]} and {noun}"
    return None


def _names_another_party(key: Subject, passage: Passage, words: Words) -> bool:
    """The claim's sentence names parties, the passage none of them, and the value's clause
    names another ("TimeWarner's profits" against a passage on Nike's), unless the passage
    names the very thing a count counts ("26 foreign leaders": "twenty-six foreign heads of
    state")."""
    mine = specific(key.sentence_names)
    theirs = specific(words.names)
    if not mine or not theirs or mine & passage.names or words.names & key.sentence_names:
        return False
    return not (key.unit and key.unit <= words.all)


def another_count(key: Subject, theirs: Any, words: Any, text: str) -> bool:
    """A bare count ("Jones, 37,", "140 on Saturday") is held apart from a count of a thing its
    clause does not speak of ("5,200 flight attendants"); a count of a thing, from a bare count
    whose clause does not name that thing, or that is a year or a time read as a number
    ("1761", "2340": four digits without a thousands comma)."""
    if key.unit and not theirs and _YEARLIKE.fullmatch(text.strip()):
        return True
    if not key.unit and isinstance(theirs, str) and theirs:
        return not words_of(theirs).all <= key.context
    if key.unit and not theirs:
        return not key.unit & words.all
    return False


_YEARLIKE = re.compile(r"1[5-9]\d\d|20\d\d|2[1-3][0-5]\d")


def _said(passage: Passage, value: Mapping[str, Any]) -> str:
    return " ".join(value_text(passage, value).split())


def same_row(key: Subject, passage: Passage) -> bool:
    """In a table row every named cell belongs to the figure: a row naming a party the claim's
    sentence does not name ("partner: Russia" for a claim about trade with China) is another
    record, not a contradiction. Prose is not held to this: a sentence names its sources too."""
    if not passage.is_table_row:
        return True
    return words_of(passage.text).names <= key.context
