"""Ordinals ("80th anniversary", "his first visit") and comparisons ("biggest trading partner",
"record high", "higher than").

Word ordinals and superlatives are common in any prose, so each needs a context that makes it a
claim: an ordinal word follows a determiner ("his first visit", not "at first"); a comparative
needs its "than"; "more than 5" is a qualifier of the figure, not a comparison.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from claims.figures.words import (
    COMPARATIVES,
    ORDINAL_DETERMINERS,
    ORDINAL_IDIOM_NEXT,
    ORDINAL_WORDS,
    RECORDS,
    STOP_WORDS,
    SUPERLATIVES,
)
from claims.found import Found
from claims.reading.patterns import word_alternation
from claims.reading.wordstarts import WholeWords

Span = tuple[int, int]


def _alt(words: Iterable[str]) -> str:
    return word_alternation(words, capitalized=True)


_NOUN = r"(?:[ -](?!(?:%s)\b)[A-Za-z][\w'’-]*)" % _alt(STOP_WORDS)  # noqa: UP031
# Digit first, the character before checked after it: the engine skips in C from digit to digit
# instead of trying a lookbehind at every position of the text.
_DIGIT_ORDINAL = re.compile(
    rf"(?P<n>\d(?<![\w.,-]\d)\d{{0,3}})(?:st|nd|rd|th)\b(?P<noun>{_NOUN}{{0,2}})"
)
# The word patterns are tried only where one of their words stands (`_starts_by_pattern`).
_WORD_ORDINAL = re.compile(
    rf"\b(?P<det>{_alt(ORDINAL_DETERMINERS)})[ ](?P<w>{_alt(ORDINAL_WORDS)})\b"
    rf"(?P<noun>{_NOUN}{{0,2}})",
)
_NUMBER_ONE = re.compile(r"\b(?:world[ ])?(?:number|No\.?)[ ](?:one|1)\b(?![.,]\d)")
_SUPERLATIVE = re.compile(
    rf"(?<![\w-])(?:(?P<most>[Mm]ost|[Ll]east)[ ](?P<adj>(?!(?:{_alt(STOP_WORDS)})\b)[a-z][\w-]*)"
    rf"|(?P<sup>{_alt(k for k in SUPERLATIVES if k not in ('most', 'least'))}))\b"
    rf"(?P<noun>{_NOUN}{{0,2}})",
)
_RECORD = re.compile(rf"\b(?P<r>{_alt(k for k in RECORDS if k != 'record')})\b")
_COMPARATIVE = re.compile(
    rf"\b(?P<c>{_alt(COMPARATIVES)})(?P<mid>(?:[ ][A-Za-z][\w'’-]*){{0,3}}?)[ ]than\b"
    r"(?![ ](?:\$|£|€|¥|\d|a[ ]|an[ ]|one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twenty|thirty|forty|fifty|hundred|half|double|twice|expected|usual|ever))",
)


# The words a comparison or a number one starts with, and the ordinal words, whose claim starts
# at the determiner before them ("his first visit"): one scan finds them all where no word
# character precedes them (`wordstarts.WholeWords`), and each pattern is tried only there, not
# at every position of the text.
_TRIGGERS: dict[str, str] = {
    **dict.fromkeys(SUPERLATIVES, "superlative"),
    **dict.fromkeys(COMPARATIVES, "comparative"),
    **dict.fromkeys(ORDINAL_WORDS, "ordinal"),
    **{k.split()[0]: "record" for k in RECORDS if k != "record"},
    **dict.fromkeys(["world", "number", "No"], "number one"),
}
_TRIGGER_WORDS = WholeWords(word_alternation(_TRIGGERS, capitalized=True) + r"\b")
_LETTERS_BEFORE = re.compile(r"[A-Za-z]+\Z")


def find_ranks(text: str, sentences: Sequence[Span]) -> list[Found]:
    """Every ordinal and comparison claim of the text."""
    starts = _starts_by_pattern(text)
    return [*_ordinals(text, starts), *_comparisons(text, starts)]


def _starts_by_pattern(text: str) -> dict[str, list[int]]:
    """Where each pattern may match, in text order."""
    starts: dict[str, list[int]] = {kind: [] for kind in _TRIGGERS.values()}
    for start, word in _TRIGGER_WORDS.find(text, [(0, len(text))]):
        kind = _TRIGGERS.get(word) or _TRIGGERS[word.lower()]
        if kind == "ordinal":
            # A determiner of letters alone stands before the ordinal, one space apart.
            det = _LETTERS_BEFORE.search(text, max(0, start - 8), start - 1)
            if det is None or text[start - 1] != " ":
                continue
            start = det.start()
        starts[kind].append(start)
    return starts


def _matches(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, given every position where a match may start, in order."""
    covered = 0
    for start in starts:
        if start >= covered and (m := pattern.match(text, start)) is not None:
            covered = m.end()
            yield m


def _ordinals(text: str, starts: dict[str, list[int]]) -> list[Found]:
    out: list[Found] = []
    for m in _DIGIT_ORDINAL.finditer(text):
        out.append(Found(m.start(), _trim(m), "ordinal", int(m.group("n")), priority=3))
    for m in _matches(_WORD_ORDINAL, text, starts["ordinal"]):
        noun = m.group("noun").strip(" -").split(" ")[0].lower()
        if (
            noun in ORDINAL_IDIOM_NEXT
            or text.startswith(" of ", m.end())
            or m.group("w")[0].isupper()
        ):
            continue
        value = ORDINAL_WORDS[m.group("w").lower()]
        out.append(Found(m.start(), _trim(m), "ordinal", value, priority=3))
    for m in _matches(_NUMBER_ONE, text, starts["number one"]):
        out.append(Found(m.start(), m.end(), "ordinal", 1, priority=3))
    return out


def _comparisons(text: str, starts: dict[str, list[int]]) -> list[Found]:
    out: list[Found] = []
    for m in _matches(_SUPERLATIVE, text, starts["superlative"]):
        word = (m.group("most") or m.group("sup")).lower()
        if m.group("most") and not text[max(0, m.start() - 4) : m.start()].lower().endswith("the "):
            continue  # "most people" is a majority, not a superlative
        out.append(Found(m.start(), _trim(m), "comparison", SUPERLATIVES[word], priority=1))
    for m in _matches(_RECORD, text, starts["record"]):
        out.append(
            Found(m.start(), m.end(), "comparison", RECORDS[m.group("r").lower()], priority=1)
        )
    # Every comparison holds " than": most articles hold none and skip the matching.
    for m in _matches(_COMPARATIVE, text, starts["comparative"]) if " than" in text else ():
        word = m.group("c").lower()
        out.append(Found(m.start(), m.end(), "comparison", COMPARATIVES[word], priority=1))
    return out


def _trim(m: re.Match[str]) -> int:
    """End of the match without a trailing hyphen or possessive."""
    end = m.end()
    while end > m.start() and m.string[end - 1] in "-'’":
        end -= 1
    return end
