"""Whether two figures are for the same thing beyond their subject words: the names, the
period, an ordinal's series and a count's unit.

`claims.evidence.figure_agreement` states the rules; these are its pieces, pure functions over
words and text. Names and common words are compared through their aliases: an acronym spelled
out in the same text ("the Economic Commission for Latin America and the Caribbean (ECLAC)"),
a small table of common ones ("the BBC" and "the British Broadcasting Corporation", "the US"
and "the United States") and of common words for one measure ("pay" and "wages"). An alias
adds the short form to a set of words, never the words of the long form: "United" alone must
not make "the United Nations" the United States.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TypeVar

from claims.dates.words import MONTHS, WEEKDAYS
from claims.evidence.subject_words import stem, words_of
from claims.figures.words import ORDINAL_WORDS

# Short form -> the words of the long form, as `words_of` keeps them (lower case, stemmed).
ACRONYMS: dict[str, frozenset[str]] = {
    short: frozenset(stem(w) for w in long.split())
    for short, long in {
        "us": "united states",
        "usa": "united states america",
        "uk": "united kingdom",
        "eu": "european union",
        "un": "united nations",
        "bbc": "british broadcasting corporation",
        "nhs": "national health service",
        "imf": "international monetary fund",
        "wto": "world trade organization",
        "nato": "north atlantic treaty organization",
        "ons": "office national statistics",
        "fbi": "federal bureau investigation",
        "sec": "securities exchange commission",
        "ecb": "european central bank",
        "dprk": "democratic people republic korea",
        "opec": "organization petroleum exporting countries",
        "fa": "football association",
    }.items()
}
# Words one measure goes by: each set is read as its first word.
SAME_MEASURE: tuple[tuple[str, ...], ...] = (
    ("pay", "wage", "salary", "earning"),
    ("unemployment", "jobless"),
    ("price", "cost"),
    ("job", "post"),
    ("people", "person"),
    ("visit", "trip"),
    ("leader", "head"),  # "foreign leaders", "heads of state"
    ("child", "children", "kid"),
)
_MEASURE = {word: group[0] for group in SAME_MEASURE for word in group[1:]}
# Names so broad that a figure is not told apart by them: a claim about "TimeWarner" in "US
# media giant TimeWarner" is not about every US firm.
BROAD_NAMES = frozenset(
    "us usa uk eu britain british america american europe european england english world "
    "international national government west western east eastern north south".split()
)
_SPELLED = re.compile(
    r"((?:[A-Z][\w'’-]*\s+(?:(?:of|for|and|the|on|in|&)\s+){0,2}){2,8})\(([A-Z]{2,6})\)"
)
_YEAR = re.compile(r"(?<![\d.,£$€])(?:19[5-9]\d|20[0-4]\d)(?![\d%])")
ORDINAL_NAMES = frozenset(w.lower() for w in ORDINAL_WORDS)
# Capitalized words after "in" that name a time, not a party ("in December", "on Monday").
_NOT_PARTIES = frozenset(w.lower() for w in [*MONTHS, *WEEKDAYS]) | {"the", "a", "an"}
_MINOR = frozenset("of for and the on in &".split())


def with_aliases(words: frozenset[str], text: str = "") -> frozenset[str]:
    """`words` with the short form of every long form they hold (from the table, or spelled out
    in `text`) and the usual word of every measure."""
    added = {short for short, long in ACRONYMS.items() if long <= words}
    for short, long in spelled_acronyms(text):
        if short in words:
            added.update(long)
        if long <= words:
            added.add(short)
    added.update(_MEASURE[w] for w in words if w in _MEASURE)
    return words | added if added else words


def same_measure(word: str) -> str:
    """The usual word of a measure ("wage" -> "pay", "trip" -> "visit")."""
    return _MEASURE.get(word, word)


def spellings(word: str) -> tuple[str, ...]:
    """The ways a passage may write a word of `with_aliases`: "pay" as "wage", "us" as "united"."""
    group = next((g for g in SAME_MEASURE if g[0] == word), (word,))
    long = tuple(ACRONYMS.get(word, ()))
    return (*group, *long)


@functools.lru_cache(maxsize=16_384)
def spelled_acronyms(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """(short form, words of the long form) for each acronym the text spells out before it, in
    brackets, when its letters are the long form's initials."""
    if "(" not in text:
        return ()
    found = []
    for m in _SPELLED.finditer(text):
        words = [w for w in m.group(1).split() if w.lower() not in _MINOR]
        short = m.group(2)
        words = words[-len(short) :]
        if len(words) == len(short) and "".join(w[0] for w in words).upper() == short:
            long = frozenset(stem(w.lower().strip("'’")) for w in words)
            found.append((short.lower(), long))
    return tuple(found)


def specific(names: Iterable[str]) -> frozenset[str]:
    """The names that tell one party apart (not "US" or "British")."""
    return frozenset(n for n in names if n not in BROAD_NAMES)


# A party or place a figure is for: a name after "with", "in", "for"... ("trade was with
# Russia", "unemployment in France"); the name of who said it is not one.
_PARTY = re.compile(
    r"\b(?i:in|with|for|from|at|to|among|across|between)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'’-]*\s*)+)"
)


def party_words(clause: str) -> frozenset[str]:
    """The words of the names a clause gives as a figure's party or place."""
    found = " ".join(m.group(1) for m in _PARTY.finditer(clause))
    words = (stem(w.lower().strip("'’.,")) for w in found.split())
    return frozenset(w for w in words if w and w not in _NOT_PARTIES)


# A percentage that is a change ("up 2%", "rose by 5%", "a rise of 8%") is another measure
# than a share or a level ("70% of sales", "growth was 1.1%").
_CHANGE = re.compile(
    r"\b(?:(?<!made )(?<!make )(?<!makes )(?<!making )up|down|rose|rise|risen|rising|fell|"
    r"fall|fallen|falling|grew|growth|increased?|"
    r"decreased?|drop(?:ped)?|jump(?:ed)?|climbed|slipped|slumped|gained|lost|cut|surged|"
    r"plunged|soared|declined?|dipped|boost(?:ed)?|narrowed|widened|shrank|shrunk|expanded|"
    r"eased|slid|tumbled|rallied|advanced|leapt|leaped|doubled|halved|climb|sank|slump)\s+(?:(?:by|of|an?|some|about|around|"
    r"nearly|almost|just|over|more|less|than|only)\s+){0,3}$",
    re.IGNORECASE,
)


def is_change(before: str) -> bool:
    """Whether the figure written after `before` is a change (`_CHANGE`)."""
    return bool(_CHANGE.search(before[-60:]))


# An age in any of its forms: "aged 37" and "the 37-year-old" (a quantity in years), and
# "Jones, 37," (a bare number between commas after a name, read as a count).
AGE_UNITS = frozenset({"years of age", "years old", "year old", "years"})
_NAME_BEFORE = re.compile(r"[A-Z][\w'’.-]*,\s*$")


def is_age(kind: object, unit: object, before: str, after: str, value: object) -> bool:
    """Whether a count or quantity is a person's age, by its unit or by its form."""
    if kind == "quantity":
        return isinstance(unit, str) and unit.lower() in AGE_UNITS
    if kind != "count" or unit is not None or not isinstance(value, int | float):
        return False
    return 0 < value < 120 and bool(_NAME_BEFORE.search(before)) and after.startswith(",")


_HEAD_END = re.compile(r"\s(?:of|in|for|at|with|on|from|to|by|among|between)\s", re.IGNORECASE)
_HEAD_WORD = re.compile(r"[^\W\d_]+")


def subject_head(subject: str | None) -> str | None:
    """The word a subject names its measure by: its last common word before a preposition
    ("wages" in "average monthly wages", "trade" in "North Korea's external trade", "shares"
    in "Shares in Krispy Kreme"), stemmed and read as its measure's usual word; None when the
    subject has no such word (a name: "Russian President Vladimir Putin")."""
    if not subject:
        return None
    head = _HEAD_END.split(f" {subject} ", maxsplit=1)[0]
    found = _HEAD_WORD.findall(head)
    # A capitalized word is a name, but for one opening the subject before a common word.
    opening = found[:1] if len(found) == 1 or (len(found) > 1 and found[1].islower()) else []
    words = [w for w in found if not w[:1].isupper() or w in opening]
    kept = words_of(head, sentence_start=True).common
    common = [stem(w.lower()) for w in words if stem(w.lower()) in kept]
    return same_measure(common[-1]) if common else None


def years_in(text: str) -> frozenset[int]:
    """The years a stretch of text speaks of ("in 2023", "2022's figure")."""
    return frozenset(int(m.group()) for m in _YEAR.finditer(text))


Period = TypeVar("Period", int, str)
_MONTH_NAMES = {name.lower(): name for name in MONTHS if len(name) > 3 or name == "May"}
_MONTH = re.compile(r"\b(" + "|".join(sorted(_MONTH_NAMES, key=len, reverse=True)) + r")\b")


def months_in(text: str) -> frozenset[str]:
    """The months a stretch of text speaks of ("in January", "October's figure")."""
    return frozenset(m.group(1) for m in _MONTH.finditer(text.lower()) if _capital(text, m))


def _capital(text: str, m: re.Match[str]) -> bool:
    return text[m.start()].isupper()  # "may" the verb is not May


def other_years(mine: frozenset[Period], theirs: frozenset[Period]) -> frozenset[Period]:
    """The passage's years (or months) when they say the figure is for another period than the
    claim's: both state some, and none in common."""
    return theirs if mine and theirs and not mine & theirs else frozenset()


# An ordinal's series: the noun it counts ("visit", "anniversary"), and a bound on it ("in six
# years", "since 2019", "since taking office": a first within a stretch of time, not ever).
_BOUND = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,4}?(?:(?:in|for)\s+(?:more\s+than\s+|over\s+|almost\s+|nearly\s+)?"
    r"(?:a|an|\w+)\s+(?:years?|months?|decades?|weeks?|days?|generations?)\b|since\b|ever\b)",
    re.IGNORECASE,
)
_WORDS = re.compile(r"[\w'’-]+")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)
_NOT_NOUNS = frozenset("the a an his her its their our my your of to in for ever".split())


def ordinal_series(ordinal_text: str, after: str) -> tuple[str | None, str | None]:
    """The noun an ordinal counts (the first word after its number word, in its own text or
    else just after it) and its bound ("since", "in" a stretch of time, "ever"), or None."""
    words = _WORDS.findall(ordinal_text)
    at = next((i for i, w in enumerate(words) if _is_ordinal(w)), len(words) - 1)
    tail = [*words[at + 1 :], *_WORDS.findall(after)[:2]]
    noun = next((w.lower() for w in tail[:2] if w.lower() not in _NOT_NOUNS), None)
    m = _BOUND.match(after)
    bound = None
    if m is not None:
        word = m.group().lower().split()[-1]
        bound = "since" if word == "since" else "ever" if word == "ever" else "in"
    return (stem(noun) if noun else None), bound


def _is_ordinal(word: str) -> bool:
    return word.lower() in ORDINAL_NAMES or bool(_ORDINAL.fullmatch(word))
