"""Durations in article text -> ISO 8601 durations: "in six years" -> "P6Y", "54 minutes" ->
"PT54M", "two to three years" -> ["P2Y", "P3Y"].

Each is read backwards from its unit word: the scan in `dates` stops on "years", and the number
before it (a figure, "twenty-five", "a", "half an") is read from a window of 48 characters, so
the cost stays linear however many units a text holds.

Choices (CLAIM-SCHEMA.md leaves them open):
- "in six years" is a duration; "six years ago" a date at the precision of its unit.
- A range ("two to three years") has the value [low, high] and qualifier "range", as number
  ranges do; "from six months to nine" gives the second figure the first one's unit.
- A falling pair of figures is no range: in "in 2005 and 10 years later" only 10 counts.
- "a year" alone is often a rate ("£5 a year"), so an article counts as one only with a word
  before it ("for a year") or for units that are never rates ("a decade").
- Vague words ("several months", "for years") have no figure and are skipped, as are ages
  ("55-year-old", "aged 18 to 24 years"), records ("a 10-year high") and rates ("twice a year").
"""

from __future__ import annotations

import re

from claims.dates import words as W
from claims.dates.context import PRIORITY, DateContext, last_word, norm
from claims.dates.relative import ago
from claims.found import Found

# How far back the number and its qualifier words ("for more than") may start.
_NUMBER_WINDOW = 48
# "aged between 18 and" is never longer than this.
_AGE_WINDOW = 24


def read_duration(ctx: DateContext, u_start: int, u_end: int) -> list[Found]:
    """The duration whose unit word is `text[u_start:u_end]`, if a number comes before it."""
    text, unit = ctx.text, W.UNIT_FORMS[ctx.text[u_start:u_end]]
    if not _number_ends_before(text, u_start):
        return []  # most unit words ("years of", "the day") have none: spare the window regex
    number = W.NUMBER_BEFORE.search(text, max(0, u_start - _NUMBER_WINDOW), u_start)
    if number and number["n2"] and _amount(number["n2"], None) <= _amount(number["n1"], None):
        # "in 2005 and 10 years later" is no range: only the last figure counts
        number = W.NUMBER_BEFORE.search(text, number.start("n2"), u_start)
    tail = W.UNIT_TAIL.match(text, u_end)
    assert tail is not None  # every part of the tail is optional
    if number is None or not _is_duration(ctx, number, unit, tail):
        return []
    return _duration_claims(ctx, number, tail, unit)


def _number_ends_before(text: str, start: int) -> bool:
    word = last_word(text, start)
    return bool(word) and (word[-1].isdigit() or word in W.NUMBER_LAST_WORDS)


def _duration_claims(
    ctx: DateContext, number: re.Match[str], tail: re.Match[str], unit: str
) -> list[Found]:
    text, end = ctx.text, tail.end()
    low = _amount(number["n1"], number["h1"] or tail["h3"])
    pre = W.DURATION_PREFIX.search(text, max(0, number.start() - _NUMBER_WINDOW), number.start())
    qualifier = W.DURATION_QUALIFIERS[norm(pre["qual"])] if pre and pre["qual"] else None
    start = pre.start() if pre else number.start()
    if tail["ago"]:
        return [ago(ctx, start, end, unit, low, qualifier)]
    if number["n2"]:
        values = [_iso(low, unit), _iso(_amount(number["n2"], number["h2"]), unit)]
        return [_duration_found(start, end, values, "range")]
    found = [_duration_found(start, end, _iso(low, unit), qualifier)]
    if pre and pre["lead"].lower().startswith("from") and (to := W.TO_NUMBER.match(text, end)):
        value = _iso(_amount(to["n"], None), unit)
        found.append(_duration_found(to.start("n"), to.end("n"), value, None))
    return found


def _is_duration(ctx: DateContext, number: re.Match[str], unit: str, tail: re.Match[str]) -> bool:
    text, start, end, is_ago = ctx.text, number.start(), tail.end(), bool(tail["ago"])
    if W.NOT_AFTER.match(text, end) or W.AGE_BEFORE.search(
        text, max(0, start - _AGE_WINDOW), start
    ):
        return False
    first = norm(number["n1"])
    if f"{first} {unit}" in W.IDIOMS and not is_ago and text[number.end() - 1] != "-":
        return False
    if first not in W.ARTICLE_NUMBERS:
        return True
    if unit in W.NEEDS_NUMBER:
        return False  # "a second time"
    pre = W.DURATION_PREFIX.search(text, max(0, start - _NUMBER_WINDOW), start)
    has_prefix = bool(pre and pre.start() < start)
    lone = first in ("a", "an") and unit not in W.ARTICLE_ANYWHERE and not tail["h3"]
    return has_prefix or is_ago or not lone


def _amount(words: str, half: str | None) -> float:
    """The number a figure or number words stand for, plus a half for "and a half"."""
    key = norm(words).replace("-", " ")
    if key in W.ARTICLE_NUMBERS:
        value: float = W.ARTICLE_NUMBERS[key]
    elif key[0].isdigit():
        value = float(key.replace(",", ""))
    else:
        value = sum(W.TENS.get(p, 0) + W.ONES.get(p, 0) for p in key.split())
    return value + 0.5 if half else value


def _iso(amount: float, unit: str) -> str:
    designator, factor, is_time = W.UNITS[unit]
    number = amount * factor
    figure = str(int(number)) if number == int(number) else f"{number:g}"
    return f"PT{figure}{designator}" if is_time else f"P{figure}{designator}"


def _duration_found(start: int, end: int, value: object, qualifier: str | None) -> Found:
    return Found(start, end, "duration", value, qualifier=qualifier, priority=PRIORITY)
