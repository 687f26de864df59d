"""Dates written with calendar words and figures: "September 3, 2025", "3rd of September",
"December 2011", "2025-09-03", "9/3/2025", years, decades ("the 1990s", "mid-80s") and year
ranges ("2019-21", "between 2019 and 2021").

Choices (CLAIM-SCHEMA.md leaves them open):
- A date keeps the precision written: "December 2011" -> "2011-12"; a day that does not exist
  ("February 30, 2025") keeps only its year.
- A month alone is a date only after a preposition or part ("in December", "early September")
  or a determiner before a lower-case noun ("his March budget"): "May" and "Jan" are also names.
- A season with a year ("spring 2024", "the summer of 2004") is that year: ISO 8601 has no
  season. Quarters are left to ordinals.
- "9/3/2025" is month first, as in American copy, unless the first figure can only be a day.
- "the 1800s" is a century and "the 2000s" a decade, as news uses them; "80s" without an
  apostrophe is a decade only after "the" or a part, since "in their 80s" is an age.
- A year range is the ISO interval "2019/2021" with qualifier "range", when its second year is
  later and within a lifetime; "2000 and 2003" is two years unless "between" comes first.
- A four-digit number is a year unless its neighbours make it a count or a name ("about 2000",
  "2000 people", "Windows 2000"); a preposition or part ("in 2000", "late 2000") settles it.
"""

from __future__ import annotations

import re

from claims.dates import words as W
from claims.dates.context import (
    Date,
    DateContext,
    Prefix,
    date_found,
    date_prefix,
    last_word,
)
from claims.dates.relative import nearest
from claims.found import Found

# Far enough back for "Wednesday, " before a date.
_WEEKDAY_WINDOW = 16
# The most years a range may span: a life "(1865 - 1926)" is a range too.
_LONGEST_RANGE = 120


def read_month(ctx: DateContext, w_start: int, w_end: int) -> list[Found]:
    """A month name and what follows it: a day, a year, a relative year, or nothing."""
    text, name = ctx.text, ctx.text[w_start:w_end]
    tail = W.MONTH_TAIL.match(text, w_end)
    assert tail is not None  # every part of the tail is optional
    end, month = tail.end(), W.MONTHS[name]
    pre = date_prefix(ctx, w_start, rel_ok=not tail.group(0).strip("."))
    start, qual = weekday_start(ctx, pre.start), pre.qualifier
    day = _day(tail["d1"]) if tail["d1"] else None
    if tail["y1"] or tail["y3"] or tail["ystep"]:
        year = int(tail["y1"] or tail["y3"] or 0) or _step_year(ctx, tail["ystep"])
        if year is None:
            return [date_found(start, end, None, qual)]
        if day is None:
            return [date_found(start, end, f"{year}-{month:02d}", qual)]
        return _valid_day(start, end, (year, month, day), qual)
    if day is not None:
        when = nearest(ctx, month, day, pre.step, ctx.tense(w_start, end))
        return [date_found(start, end, when and when.isoformat(), qual)]
    if name not in W.ABBREVIATED_MONTHS:
        end = w_end  # a full stop after a full name ends the sentence
    return _month_alone(ctx, name, pre, w_start, end)


def _month_alone(ctx: DateContext, name: str, pre: Prefix, w_start: int, end: int) -> list[Found]:
    """A month without day or year: a date after a preposition or "his ... budget"."""
    text = ctx.text
    if text.startswith(("'s", "’s"), end) and (name == "May" or name in W.ABBREVIATED_MONTHS):
        return []  # "Mrs May's", "Jan's"
    if not pre.context:
        noun = W.NEXT_WORD.match(text, end)
        determined = last_word(text, w_start) in W.MONTH_DETERMINERS and name != "May"
        if not (determined and noun and noun[1].islower() and noun[1] not in W.NOT_NOUNS):
            return []
    month = W.MONTHS[name]
    when = nearest(ctx, month, 15, pre.step, ctx.tense(w_start, end))
    return [date_found(pre.start, end, when and f"{when.year}-{month:02d}", pre.qualifier)]


def _step_year(ctx: DateContext, step: str) -> int | None:
    pub = ctx.published
    return pub.year + W.RELATIVE_STEPS[step.lower()] if pub else None


def _day(digits: str) -> int:
    return int(digits.rstrip("stndrh"))


def weekday_start(ctx: DateContext, start: int) -> int:
    """Where a date starts when a weekday is written before it: "Wednesday, Sept. 4"."""
    m = W.WEEKDAY_BEFORE.search(ctx.text, max(0, start - _WEEKDAY_WINDOW), start)
    return m.start() if m else start


def _valid_day(start: int, end: int, ymd: tuple[int, int, int], qual: str | None) -> list[Found]:
    try:
        return [date_found(start, end, Date(*ymd).isoformat(), qual)]
    except ValueError:
        return []


def read_figures(ctx: DateContext, m: re.Match[str]) -> list[Found]:
    """One match of `words.FIGURES`: a full date, day-month, decade, year range or year."""
    if m["iy"]:
        return _valid_day(m.start(), m.end(), (int(m["iy"]), int(m["im"]), int(m["id"])), None)
    if m["uy"]:
        first, second = int(m["ua"]), int(m["ub"])
        month, day = (second, first) if first > 12 else (first, second)  # day first if it must be
        return _valid_day(m.start(), m.end(), (int(m["uy"]), month, day), None)
    if m["d2"]:
        return _day_month(ctx, m)
    if m["dec"] or m["dec2"] or m["dec3"]:
        return _decade(ctx, m)
    if m["ry"]:
        return _year_range(ctx, m)
    return _bare_year(ctx, m.start("y"), m.end("y"))


def _day_month(ctx: DateContext, m: re.Match[str]) -> list[Found]:
    pre = date_prefix(ctx, m.start())
    start, end = weekday_start(ctx, pre.start), m.end()
    month, day = W.MONTHS[m["m2"]], _day(m["d2"])
    if m["y2"]:
        return _valid_day(start, end, (int(m["y2"]), month, day), pre.qualifier)
    if ctx.text[end - 1] == "." and m["m2"] not in W.ABBREVIATED_MONTHS:
        end -= 1  # the full stop ends the sentence
    when = nearest(ctx, month, day, None, ctx.tense(m.start(), end))
    return [date_found(start, end, when and when.isoformat(), pre.qualifier)]


def _decade(ctx: DateContext, m: re.Match[str]) -> list[Found]:
    if m["dec"]:
        digits = m["dec"]
        # "the 1800s" is a century; "the 2000s" the decade, as news uses them.
        value = f"{digits[:2]}XX" if digits.endswith("00") and digits < "2000" else digits[:3] + "X"
    else:
        tens = int(m["dec2"] or m["dec3"])
        value = f"{20 if tens <= 20 else 19}{tens // 10}X"
    pre = date_prefix(ctx, m.start(), the_ok=True)
    if m["dec3"] and (not (pre.the or pre.part) or last_word(ctx.text, pre.start) in W.POSSESSIVES):
        return []  # without an apostrophe, "in their 80s" and "her mid-80s" are ages
    return [date_found(pre.start, m.end(), value, pre.qualifier)]


def _year_range(ctx: DateContext, m: re.Match[str]) -> list[Found]:
    first, second_text = int(m["ry"]), m["ry2"]
    second = int(second_text)
    if len(second_text) < 4 and not m["rword"]:  # "2019-21", "1999-00", "2003/4"
        scale = 10 ** len(second_text)
        second += first // scale * scale
        second += scale if second <= first else 0
    pre = date_prefix(ctx, m.start())
    valid = first < second <= first + _LONGEST_RANGE
    if m["rword"] == "and" and pre.prep != "between":
        valid = False  # "2000 and 2003 results" are two years
    if valid:
        return [date_found(pre.start, m.end(), f"{first}/{second}", "range")]
    if not m["rword"]:
        return []
    singles = _bare_year(ctx, m.start("ry"), m.end("ry"))
    if len(second_text) == 4:
        # The noun after the pair is both years': "the 2000 and 2003 results" is no count.
        singles += _bare_year(ctx, m.start("ry2"), m.end("ry2"), paired=bool(singles))
    return singles


def _bare_year(ctx: DateContext, start: int, end: int, *, paired: bool = False) -> list[Found]:
    """A four-digit number as a year, unless its neighbours make it a count or a name.

    `paired`: the second of two years joined by a word, the first already read as a year.
    """
    text = ctx.text
    pre = date_prefix(ctx, start)
    if text[start - 1 : start] == "-" and pre.part != "mid":
        return []
    if not pre.context and _count_or_name(text, start):
        return []
    strong = paired or pre.prep in W.YEAR_PREPOSITIONS or pre.part is not None or pre.season
    nxt = W.NEXT_WORD.match(text, end)
    if nxt and not strong and _is_count_noun(nxt[1]):
        return []
    return [date_found(pre.start, end, text[start:end], pre.qualifier)]


def _count_or_name(text: str, start: int) -> bool:
    """ "about 2000", "$2000", "Windows 2000": the word before makes the number no year."""
    prev = W.PREV_WORD.search(text, max(0, start - 40), start)
    if prev is None:
        return False
    word = prev[1]
    if word[-1] in ".!?:;," or word in W.MONTHS or word.lower() == "the":
        return False
    return word in W.COUNT_CONTEXT or word[0].isupper() or word[0] in "$£€¥#"


def _is_count_noun(word: str) -> bool:
    """ "2000 people", "2000 km": the word after makes the number a count or measure."""
    lower = word.lower()
    if lower in W.COUNT_NOUNS:
        return True
    return word.islower() and word.endswith("s") and lower not in W.NOT_PLURAL
