"""Figures in article text: percentages, money, counts, quantities, ordinals and comparisons.

Each figure is one match of a compiled regex built from the word tables in `words`; the
Python work per match is small and local, so the scan is linear in the text. Numbers that are
parts of names ("G7", "CO2", "Route 66", "Windows 2000", "Six Nations"), versions, times and
scores are not claims (CLAIM-SCHEMA.md) and are dropped here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from claims.figures.parse import parse_number
from claims.figures.subjects import noun_phrase_after, subject_of
from claims.figures.words import (
    CURRENCY_PREFIXES,
    CURRENCY_SUFFIXES,
    FIGURE_VERBS,
    FRACTIONS,
    MEASURE_UNITS,
    MINOR_UNITS,
    QUALIFIER_WORDS,
    SCALE_ABBREVIATIONS,
    SCALE_WORDS,
    SPECIAL_NUMBERS,
    SPEECH_VERBS,
    TENS_WORDS,
    UNITS_WORDS,
)
from claims.found import Found
from claims.reading.patterns import word_alternation
from claims.reading.sentences import sentence_index_of

Span = tuple[int, int]


def _alternation(words: Iterable[str]) -> str:
    return word_alternation(words)


def _capitalized(words: Iterable[str]) -> str:
    return word_alternation(words, capitalized=True)


# The scan ignores case only where a number has already matched, in scoped `(?i:...)` groups:
# re.IGNORECASE on the whole pattern costs the engine about twice as much at every position of
# the text. A figure's first word matches in lower case or with a capital ("Two", "Half").
_WORD_NUM = _alternation([*UNITS_WORDS, *TENS_WORDS, *SCALE_WORDS])
_FIRST_WORD = _capitalized([*UNITS_WORDS, *TENS_WORDS])
_SPELLED = rf"(?:{_FIRST_WORD})(?i:(?:[ -]|\s+and\s+)(?:{_WORD_NUM}))*"
_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_SCALE_WORD = _alternation(["million", "billion", "trillion", "thousand"])
# Every character a figure may start with: a one-character test that turns most word starts
# away before the currency and number tables are tried there.
_STARTS = [*CURRENCY_PREFIXES, *FRACTIONS, *SPECIAL_NUMBERS, *UNITS_WORDS, *TENS_WORDS]
_FIRST_CHARS = "".join(sorted({c for entry in _STARTS for c in (entry[0], entry[0].upper())}))
_FIGURE = re.compile(
    rf"""
    (?<![\w$£€¥₹.,/:])(?<![A-Za-z]-)          # not glued to a name, code, time or decimal
    (?=[\d.{re.escape(_FIRST_CHARS)}])
    (?:(?P<cur>{_capitalized(CURRENCY_PREFIXES)})[ ]?)?   # a figure never starts with a space
    (?P<num>{_capitalized([*FRACTIONS, *SPECIAL_NUMBERS])}|{_DIGITS}|{_SPELLED})
    (?i:[ ]?(?P<scale>{_SCALE_WORD})\b|(?P<abbr>{_alternation(SCALE_ABBREVIATIONS)})\b)?
    (?P<pct>[ ]?%|[ ]?(?:(?i:per[ ]?cent|percent)|pc)\b   # "PC" is a computer
      |[ ](?i:percentage|per[ ]cent(?:age)?)[ -](?i:points?)\b)?
    (?i:[ ]?(?P<cursuf>{_alternation(CURRENCY_SUFFIXES)})\b)?
    (?=(?i:{_alternation(MEASURE_UNITS)})\b|[^\w:/.]|[:/.](?!\d)|$)  # a unit may be glued on
    """,
    re.VERBOSE,
)
_MEASURE = re.compile(rf"[ ]?(?P<unit>{_alternation(MEASURE_UNITS)})(?![\w/])")
# Sets of a match, each with its tie-break: "6-3 6-2", "6-7 (4-7) 7-6 (8-6) 7-5". Written digit
# first, with the character before checked after it, so that the engine skips to the next digit
# in C instead of trying a lookbehind at every position of the text.
_SET = r"\d{1,2}[-–]\d{1,2}(?:[ ]\(\d{1,2}[-–]\d{1,2}\))?"
_SCORES = re.compile(
    rf"\d(?<![\w.,-]\d)\d?[-–]\d{{1,2}}(?:[ ]\(\d{{1,2}}[-–]\d{{1,2}}\))?(?:,?[ ]{_SET})+(?![\w-])"
)
_QUALIFIER_BEFORE = re.compile(
    rf"(?:^|(?<=\W))(?P<q>{_alternation(QUALIFIER_WORDS)})[ ]+$", re.IGNORECASE
)
# Matched on the reversed 40 characters before a figure: the word before its space (a line
# break may follow the space), read from the end instead of trying every position.
_PREVIOUS_WORD = re.compile(r"\n?[ ](\S+)")
_NON_DIGIT = re.compile(r"\D")
_NEXT_WORD = re.compile(r"[ -]([A-Za-z][\w'’]*)")
# Words before a number that make it a name or a reference, not a figure ("Route 66").
_NAME_WORDS = frozenset(
    """version v number no no. route channel chapter page article section room flight platform
    series mark model type level grade class gate terminal""".split()
)
_DEFINITE = frozenset("the these those its their his her both".split())
_YEAR_WORDS = frozenset(
    """in since by of the from until till to before after during early late mid end and or
    between through""".split()
)
_SCORE_WORDS = re.compile(
    r"\b(?:won|win|wins|lost|lose|beat|beaten|drew|draw|victory|defeat|lead|led|score|"
    r"scoreline|thrashing|triumph|loss)\b",
    re.IGNORECASE,
)
_SPRINT_WORDS = re.compile(
    r"[ ](?:hurdles|freestyle|butterfly|backstroke|breaststroke|relay|sprint|race|final|"
    r"medley|indoor|outdoor|run|title|champion|gold|silver|bronze)\b",
    re.IGNORECASE,
)
_AGES = re.compile(
    rf"""(?<![\w-])(?:
      (?P<lo>\d{{1,3}})[ ]?(?:to|-|–)[ ]?(?P<hi>\d{{1,3}})(?i:[ -]years?[ -]olds?)\b
    | (?P<age>\d{{1,3}}|{_SPELLED})(?i:[ -]years?[ -]olds?)\b
    | (?P<bound>[Oo]ver|[Uu]nder)-(?P<over>\d{{1,3}})s\b
    | [Aa]ged[ ](?P<aged>\d{{1,3}})\b
    )""",
    re.VERBOSE,
)
# Every age holds one of these (in lower case): most articles hold none and skip the scan.
_AGE_TRIGGERS = ("year old", "year-old", "years old", "years-old", "over-", "under-", "aged ")


def find_numbers(text: str, sentences: Sequence[Span]) -> list[Found]:
    """Every percent, money, count and quantity figure of the text, with subject and unit."""
    found: list[Found] = _find_ages(text)
    # Match scores ("6-3 6-2", "3-2") are not figures of the story: their digits are skipped.
    taken = _merged([(f.start, f.end) for f in found] + [m.span() for m in _SCORES.finditer(text)])
    figures = [
        m
        for m in _FIGURE.finditer(text)
        if _is_figure(text, m, sentences) and not _overlaps(m, taken)
    ]
    for group in _group_ranges(text, figures):
        claim = _classify(text, group, sentences)
        if claim is not None:
            found.append(claim)
    return _inherit_subjects(found, sentences)


def _merged(spans: list[Span]) -> list[Span]:
    """Sorted, non-overlapping spans, so one bisection answers an overlap question."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _overlaps(m: re.Match[str], taken: list[Span]) -> bool:
    """Whether the match overlaps a taken span: linear in all, even for a text of ages."""
    i = bisect.bisect_left(taken, (m.end(), m.end()))
    return i > 0 and taken[i - 1][1] > m.start()


def _find_ages(text: str) -> list[Found]:
    out: list[Found] = []
    lower = text.lower()
    if not any(trigger in lower for trigger in _AGE_TRIGGERS):
        return out
    for m in _AGES.finditer(text):
        if m.group("lo"):
            lo, hi = int(m.group("lo")), int(m.group("hi"))
            out.append(
                Found(m.start(), m.end(), "quantity", [lo, hi], "years old", "range", priority=12)
            )
            continue
        raw = m.group("age") or m.group("over") or m.group("aged")
        value = parse_number(raw)
        if value is None:
            continue
        qualifier = {"over": "more_than", "under": "less_than"}.get(
            (m.group("bound") or "").lower()
        )
        out.append(
            Found(m.start(), m.end(), "quantity", value, "years old", qualifier, priority=12)
        )
    return out


def _is_figure(text: str, m: re.Match[str], sentences: Sequence[Span]) -> bool:
    num = m.group("num")
    if num[0].isalpha():
        if num[0].isupper() and _next_word_capitalized(text, m.end()):
            return False  # "Six Nations", "Formula One": a name
        if num.lower() in ("one", "zero") and not (m.group("scale") or m.group("pct")):
            return False  # "one of the", "no one": too rarely a figure on its own
    if num.lower() in FRACTIONS and not text.startswith(" of ", m.end()):
        return False  # "the final three quarters of 2004" is a period, "three-quarters of" a share
    if _is_year(text, m):
        return False  # a year: `dates` reads it
    digits = _NON_DIGIT.sub("", num)
    if len(digits) > 15:
        return False  # a run of digits is an identifier, not an amount
    prev = _previous_word(text, m.start())
    if prev and not m.group("cur"):
        word, word_start = prev
        if word.lower().rstrip(",") in _NAME_WORDS:
            return False
        if num.isalpha() and word.lower() in _DEFINITE and _source_follows(text, m.end()):
            return False  # "the two countries said": who speaks, not a count
        if (
            word[0].isupper()
            and word.isalpha()
            and not _at_sentence_start(text, word_start, sentences)
            and word.lower() not in QUALIFIER_WORDS
            and word not in ("US", "UK", "EU")
        ):
            return False  # "Route 66", "Windows 2000", "Shrek 2": part of a name
    return not (num.startswith("0") and len(num) == 4)  # "0800": a time of day


def _previous_word(text: str, pos: int) -> tuple[str, int] | None:
    """The word before the space before `pos`, within 40 characters, and where it starts."""
    m = _PREVIOUS_WORD.match(text[max(0, pos - 40) : pos][::-1])
    return None if m is None else (m.group(1)[::-1], pos - m.end())


def _at_sentence_start(text: str, pos: int, sentences: Sequence[Span]) -> bool:
    s_start = sentences[sentence_index_of(sentences, pos)][0] if sentences else 0
    return not text[s_start:pos].strip(" \"'“‘(")


def _next_word_capitalized(text: str, end: int) -> bool:
    nxt = _NEXT_WORD.match(text, end)
    return bool(nxt and nxt.group(1)[0].isupper())


def _source_follows(text: str, end: int) -> bool:
    _, noun_end = noun_phrase_after(text, end)
    nxt = _NEXT_WORD.match(text, noun_end)
    return bool(nxt and nxt.group(1).lower() in SPEECH_VERBS)


def _is_year(text: str, m: re.Match[str]) -> bool:
    num = m.group("num")
    if not (len(num) == 4 and num.isdigit() and 1800 <= int(num) <= 2100):
        return False
    if m.group("cur") or m.group("pct") or m.group("scale") or m.group("abbr"):
        return False
    prev = _previous_word(text, m.start())
    if prev and prev[0].lower() in _YEAR_WORDS:
        return True
    noun, _ = noun_phrase_after(text, m.end(), max_words=1)
    return not (noun and noun.islower())


def _group_ranges(text: str, figures: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """Pair "18 to 24", "between 5% and 10%", "3-5 million" into ranges; drop scores."""
    groups: list[list[re.Match[str]]] = []
    i = 0
    while i < len(figures):
        a = figures[i]
        b = figures[i + 1] if i + 1 < len(figures) else None
        if b is not None:
            join = text[a.end() : b.start()]
            if _is_join(join) and _is_range(text, a, b, join):
                groups.append([a, b])
                i += 2
                continue
            if join in ("-", "–") and _is_score(text, a, b):
                i += 2
                continue
        groups.append([a])
        i += 1
    return groups


def _is_join(join: str) -> bool:
    return join.strip().lower() in ("to", "-", "–", "—", "and") and len(join) <= 5


def _is_range(text: str, a: re.Match[str], b: re.Match[str], join: str) -> bool:
    before = text[max(0, a.start() - 12) : a.start()].lower()
    if join.strip().lower() == "and":
        return before.rstrip().endswith("between")
    prev = _previous_word(text, a.start())
    prev_word = prev[0].lower() if prev else ""
    if join.strip().lower() == "to" and (prev_word in ("from", "by") or prev_word in FIGURE_VERBS):
        return False  # "rose from 5 to 10", "jumped 76% to $1.13bn": two figures
    if a.group("pct") and not b.group("pct"):
        return False
    lo, hi = parse_number(a.group("num")), parse_number(b.group("num"))
    return (
        lo is not None
        and hi is not None
        and lo < hi
        and not (a.group("cur") and b.group("cur") is None)
    )


def _is_score(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    around = text[max(0, a.start() - 40) : b.end() + 30]
    return bool(
        a.group("num").isdigit() and b.group("num").isdigit() and _SCORE_WORDS.search(around)
    )


def _classify(text: str, group: list[re.Match[str]], sentences: Sequence[Span]) -> Found | None:
    last = group[-1]
    values = [_scaled(m, last) for m in group]
    if any(v is None for v in values):
        return None
    start, end = group[0].start(), last.end()
    kind, unit = _kind_and_unit(text, group, last)
    if kind == "quantity" and unit is not None:
        unit_match = _MEASURE.match(text, end)
        if unit_match:
            end = unit_match.end()
    if (
        kind == "count"
        and last.group("abbr")
        and last.group("abbr").lower() == "m"
        and _SPRINT_WORDS.match(text, end)
    ):
        kind, unit, values = "quantity", "m", [parse_number(last.group("num"))]
    nums = [float(v) for v in values if v is not None]
    if kind == "money" and unit in MINOR_UNITS:
        unit, factor = MINOR_UNITS[unit]
        nums = [v * factor for v in nums]
    if kind == "percent" and last.group("pct"):
        nums = [v / 100 for v in nums]
    if kind == "count" and unit is None:
        unit, end = noun_phrase_after(text, end)
    qualifier, start = _qualifier(text, start, is_range=len(group) > 1)
    value: object = _tidy(nums[0]) if len(nums) == 1 else [_tidy(v) for v in nums]
    subject = subject_of(text, sentences, start, end, kind)
    return Found(start, end, kind, value, unit, qualifier, subject=subject, priority=2)


def _scaled(m: re.Match[str], last: re.Match[str]) -> float | None:
    base = parse_number(m.group("num"))
    if base is None:
        return None
    scale_word = m.group("scale") or last.group("scale")
    abbr = m.group("abbr") or last.group("abbr")
    if scale_word:
        return base * SCALE_WORDS[scale_word.lower()]
    if abbr:
        return base * SCALE_ABBREVIATIONS[abbr.lower()]
    return base


def _kind_and_unit(
    text: str, group: list[re.Match[str]], last: re.Match[str]
) -> tuple[str, str | None]:
    pct = last.group("pct")
    if pct:
        return "percent", ("percentage points" if "point" in pct.lower() else None)
    if group[0].group("num").lower() in FRACTIONS:
        return "percent", None
    cur = group[0].group("cur") or last.group("cur")
    if cur:
        return "money", CURRENCY_PREFIXES.get(cur, CURRENCY_PREFIXES.get(cur.upper(), "USD"))
    if last.group("cursuf"):
        suffix = last.group("cursuf")
        return "money", CURRENCY_SUFFIXES.get(suffix, CURRENCY_SUFFIXES.get(suffix.lower(), suffix))
    unit = _MEASURE.match(text, last.end())
    if unit and not last.group("abbr"):
        return "quantity", MEASURE_UNITS[unit.group("unit")]
    return "count", None


def _qualifier(text: str, start: int, *, is_range: bool) -> tuple[str | None, int]:
    if is_range:
        before = text[max(0, start - 8) : start]
        if before.lower().endswith("between "):
            return "range", start - 8
        return "range", start
    m = _QUALIFIER_BEFORE.search(text, max(0, start - 20), start)
    if m is None:
        return None, start
    return QUALIFIER_WORDS[m.group("q").lower()], m.start("q")


def _tidy(value: float) -> float | int:
    rounded = round(value, 12)
    return int(rounded) if rounded.is_integer() and abs(rounded) < 1e15 else rounded


def _inherit_subjects(found: list[Found], sentences: Sequence[Span]) -> list[Found]:
    """A percent without a subject takes the previous one's in the same sentence.

    "about 97% of North Korea's external trade was with China, while 1.2% was with Russia".
    """
    spans = sentences
    last: dict[tuple[int, str], str] = {}
    out: list[Found] = []
    for f in sorted(found, key=lambda f: f.start):
        key = (sentence_index_of(spans, f.start) if spans else 0, f.kind)
        if f.subject:
            last[key] = f.subject
        elif f.kind == "percent" and key in last:
            f = replace(f, subject=last[key])
        out.append(f)
    return out
