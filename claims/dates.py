"""Dates and durations in article text -> ISO 8601 values (CLAIM-SCHEMA.md).

Two compiled scans cover the whole text: one for trigger words (month and weekday names,
"today", "last", unit words such as "years") and one for figures (ISO and numeric dates, years,
decades, year ranges). Both start with a plain set of first characters, so the regex engine skips
most of the text without trying a match. Around each trigger, short anchored regexes read the
rest: the day and year after a month, the number before a unit, and the words before a date
("since", "in the early", "last") from a window of a few dozen characters. Every gap is
`\\s{1,3}` and every window is bounded, so the cost is linear on any input.

Choices the schema leaves open:
- A date keeps the precision written: "December 2011" -> "2011-12", "this week" -> ISO week.
- A month-day without a year, or a month alone ("in December"), takes the year nearest to
  publication on the side the sentence's tense points to, with a month's slack: tense is a guess.
- A weekday is the day itself or the last one, unless the sentence is in the future tense. The
  tense is the nearest marker before the date in its sentence, else the nearest after it.
- "in six years" is a duration; "six years ago" a date at the precision of its unit.
- A season with a year ("spring 2024") is that year; quarters are left to ordinals.
- A duration range ("two to three years") has the value [low, high] and qualifier "range", as
  number ranges do; a year range is the ISO interval "2019/2021".
- A preposition's qualifier wins over a part: "since late 2011" is "since".
- Vague words ("in recent years", "several months", "for years") have no figure and are skipped,
  as are ages ("55-year-old"), rates ("twice a year") and names with a number ("Windows 2000").
Without a publication date, relative dates are still found, with value None.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

from claims import datewords as W
from claims.found import Found

PRIORITY = 10
Date = datetime.date
_PERIOD_DELTAS = {
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "year": relativedelta(years=1),
}
_WEEKDAY_OBJECTS = (MO, TU, WE, TH, FR, SA, SU)


@dataclass(frozen=True, slots=True)
class _Prefix:
    """The words written before a date that belong to it."""

    start: int
    qualifier: str | None = None
    step: int | None = None  # "last" -1, "this" 0, "next" +1
    prep: str | None = None
    part: str | None = None
    season: bool = False
    the: bool = False

    @property
    def context(self) -> bool:
        return bool(self.prep or self.part or self.season or self.step is not None)


class _Context:
    """The text with what every handler needs: sentences, tense, publication date."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int]], published: Date | None):
        self.text = text
        self.sentences = sentences
        self.starts = [start for start, _ in sentences]
        self.published = published
        # sentence index -> tense markers in it: word starts, ends, signs
        self._markers: dict[int, tuple[list[int], list[int], list[int]]] = {}

    def sentence(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        return self.sentences[index] if index >= 0 else (0, len(self.text))

    def tense(self, start: int, end: int) -> int:
        """+1 future, -1 past, 0 unknown: the nearest marker before the date, else after it.

        Markers further than a clause away (150 characters before, 80 after) do not count.
        """
        if self.published is None:
            return 0  # nothing to resolve: spare the scan
        starts, ends, signs = self._sentence_markers(bisect.bisect_right(self.starts, start) - 1)
        before = bisect.bisect_right(ends, start) - 1
        if before >= 0 and start - ends[before] <= 150:
            return signs[before]
        after = bisect.bisect_left(starts, end)
        return signs[after] if after < len(starts) and starts[after] - end <= 80 else 0

    def _sentence_markers(self, index: int) -> tuple[list[int], list[int], list[int]]:
        """Scanned once a sentence, so many dates in one long sentence stay linear."""
        if index not in self._markers:
            s_start, s_end = self.sentences[index] if index >= 0 else (0, len(self.text))
            found: tuple[list[int], list[int], list[int]] = ([], [], [])
            for m in W.TENSE.finditer(self.text, max(s_start - 1, 0), s_end):
                if m["ed"] and m["ed"].lower() in W.NOT_PAST_ED:
                    continue
                found[0].append(m.start() + 1)  # after the separator
                found[1].append(m.end())
                found[2].append(-1 if m["past"] or m["ed"] else 1)
            self._markers[index] = found
        return self._markers[index]


def find_dates(
    text: str, sentences: Sequence[tuple[int, int]], *, published: Date | None
) -> list[Found]:
    """Every date and duration claim in `text`, in order, without overlaps among themselves.

    `sentences` are the spans from `sentence_spans(text)`; `published` resolves relative dates.
    """
    ctx = _Context(text, sentences, published)
    found: list[Found] = []
    first = W.WORD_AT_START.match(text)
    for m in [first, *W.WORDS.finditer(text)] if first else W.WORDS.finditer(text):
        found.extend(_WORD_HANDLERS[W.TRIGGERS[m["w"]]](ctx, m.start("w"), m.end("w")))
    covered = 0
    for m in W.DIGITS.finditer(text):
        start = m.start()
        if start < covered or (start and _bad_before_figure(text, start)):
            continue
        figure = W.FIGURES.match(text, start)
        if figure is not None:
            covered = figure.end()
            found.extend(_figures(ctx, figure))
    return [f for f in _non_overlapping(found) if not _in_stamp(text, f)]


def _in_stamp(text: str, found: Found) -> bool:
    return found.kind == "date" and bool(
        W.STAMP_BEFORE.search(text, max(0, found.start - 48), found.start)
    )


def _bad_before_figure(text: str, start: int) -> bool:
    before = text[start - 1]
    if before.isalnum() or before in W.NOT_BEFORE_FIGURE:
        return True
    return before in "-–" and start > 1 and text[start - 2].isdigit()


def _non_overlapping(found: list[Found]) -> list[Found]:
    kept: list[Found] = []
    for f in sorted(found, key=lambda f: (f.start, -f.length)):
        if kept and f.start < kept[-1].end:
            if f.length > kept[-1].length:
                kept[-1] = f
            continue
        kept.append(f)
    return kept


def _date(start: int, end: int, value: object, qualifier: str | None = None) -> Found:
    return Found(start, end, "date", value, qualifier=qualifier, priority=PRIORITY)


def _date_prefix(
    ctx: _Context, start: int, *, the_ok: bool = False, rel_ok: bool = False
) -> _Prefix:
    if _last_word(ctx.text, start) not in W.PREFIX_LAST_WORDS:
        return _Prefix(start)
    m = W.DATE_PREFIX.search(ctx.text, max(0, start - 48), start)
    if m is None or m.start() == start:
        return _Prefix(start)
    if (m["the"] and not (the_ok or m["part"] or m["season"])) or (m["rel"] and not rel_ok):
        return _Prefix(start)
    prep = _norm(m["prep"]) if m["prep"] else None
    part = W.PARTS[_norm(m["part"])] if m["part"] else None
    qualifier = (prep and W.DATE_PREPOSITIONS[prep]) or part
    step = W.RELATIVE_WORDS[_norm(m["rel"])] if m["rel"] else None
    return _Prefix(m.start(), qualifier, step, prep, part, bool(m["season"]), bool(m["the"]))


def _last_word(text: str, end: int) -> str:
    """The word just before `end`, lower-cased: a cheap test before a window regex."""
    words = text[max(0, end - 16) : end].rstrip(" \t\n\r\u00a0-").rsplit(None, 1)
    return words[-1].rsplit("-", 1)[-1].lower() if words else ""


def _number_ends_before(text: str, start: int) -> bool:
    word = _last_word(text, start)
    return bool(word) and (word[-1].isdigit() or word in W.NUMBER_LAST_WORDS)


def _norm(words: str) -> str:
    return " ".join(words.lower().split())


def _month(ctx: _Context, w_start: int, w_end: int) -> list[Found]:
    text = ctx.text
    name = text[w_start:w_end]
    tail = W.MONTH_TAIL.match(text, w_end)
    assert tail is not None  # every part of the tail is optional
    end, month = tail.end(), W.MONTHS[name]
    pre = _date_prefix(ctx, w_start, rel_ok=not tail.group(0).strip("."))
    start, qual = _weekday_start(ctx, pre.start), pre.qualifier
    day = _day(tail["d1"]) if tail["d1"] else None
    if tail["y1"] or tail["y3"] or tail["ystep"]:
        year = int(tail["y1"] or tail["y3"] or 0) or _step_year(ctx, tail["ystep"])
        if year is None:
            return [_date(start, end, None, qual)]
        if day is None:
            return [_date(start, end, f"{year}-{month:02d}", qual)]
        return _valid_day(start, end, year, month, day, qual)
    if day is not None:
        when = _nearest(ctx, month, day, pre.step, ctx.tense(w_start, end))
        return [_date(start, end, when and when.isoformat(), qual)]
    if name not in W.ABBREVIATED_MONTHS:
        end = w_end  # a full stop after a full name ends the sentence
    return _month_alone(ctx, name, pre, w_start, end)


def _month_alone(ctx: _Context, name: str, pre: _Prefix, w_start: int, end: int) -> list[Found]:
    """A month without day or year: a date after a preposition or "his ... budget"."""
    text = ctx.text
    if text.startswith(("'s", "’s"), end) and (name == "May" or name in W.ABBREVIATED_MONTHS):
        return []  # "Mrs May's", "Jan's"
    if not pre.context:
        noun = W.NEXT_WORD.match(text, end)
        determined = _last_word(text, w_start) in W.MONTH_DETERMINERS and name != "May"
        if not (determined and noun and noun[1].islower() and noun[1] not in W.NOT_NOUNS):
            return []
    month = W.MONTHS[name]
    when = _nearest(ctx, month, 15, pre.step, ctx.tense(w_start, end))
    return [_date(pre.start, end, when and f"{when.year}-{month:02d}", pre.qualifier)]


def _step_year(ctx: _Context, step: str) -> int | None:
    pub = ctx.published
    return pub.year + W.RELATIVE_STEPS[step.lower()] if pub else None


def _day(digits: str) -> int:
    return int(digits.rstrip("stndrh"))


def _weekday_start(ctx: _Context, start: int) -> int:
    """Where a date starts when a weekday is written before it: "Wednesday, Sept. 4"."""
    m = W.WEEKDAY_BEFORE.search(ctx.text, max(0, start - 16), start)
    return m.start() if m else start


def _valid_day(
    start: int, end: int, year: int, month: int, day: int, qual: str | None
) -> list[Found]:
    try:
        return [_date(start, end, Date(year, month, day).isoformat(), qual)]
    except ValueError:
        return []


def _nearest(ctx: _Context, month: int, day: int, step: int | None, tense: int) -> Date | None:
    """The year of a month (and day) written without one, as seen from publication."""
    pub = ctx.published
    if pub is None:
        return None
    candidates = []
    for year in (pub.year - 1, pub.year, pub.year + 1):
        try:
            candidates.append(Date(year, month, day))
        except ValueError:  # 29 February
            continue
    slack = datetime.timedelta(days=31)
    now = (pub.year, pub.month)
    keep: Callable[[Date], bool] = lambda d: True  # noqa: E731
    if step is not None:
        keep = {
            -1: lambda d: (d.year, d.month) < now,
            0: lambda d: d.year == pub.year,
            1: lambda d: (d.year, d.month) > now,
        }[step]
    elif tense:
        keep = (lambda d: d <= pub + slack) if tense < 0 else (lambda d: d >= pub - slack)
    fitting = [d for d in candidates if keep(d)] or candidates
    return min(fitting, key=lambda d: abs((d - pub).days))


def _weekday(ctx: _Context, w_start: int, end: int) -> list[Found]:
    name = ctx.text[w_start:end]
    if name.endswith("s") or W.DATE_AHEAD.match(ctx.text, end):
        return []  # "on Mondays" is a habit; "Wednesday, Sept. 4" is the date's
    pre = _date_prefix(ctx, w_start, rel_ok=True)
    start, pub = pre.start, ctx.published
    if pub is None:
        return [_date(start, end, None, pre.qualifier)]
    weekday = _WEEKDAY_OBJECTS[W.WEEKDAYS[name]]
    if pre.step == -1:
        when = pub - relativedelta(days=1, weekday=weekday(-1))
    elif pre.step == 1:
        when = pub + relativedelta(days=1, weekday=weekday(+1))
    else:
        when = pub + relativedelta(weekday=weekday(1 if ctx.tense(start, end) > 0 else -1))
    return [_date(start, end, when.isoformat(), pre.qualifier)]


def _weekend(ctx: _Context, start: int, end: int) -> list[Found]:
    """ "this weekend", "over the weekend": the ISO week that holds that weekend."""
    pre = _date_prefix(ctx, start, the_ok=True, rel_ok=True)
    pub = ctx.published
    if not (pre.the or pre.step is not None):
        return []
    if pub is None:
        return [_date(pre.start, end, None, pre.qualifier)]
    if pre.step is not None:
        weeks = pre.step
    else:  # "the weekend": the coming one, or the last one in a past-tense sentence
        weeks = -1 if pub.weekday() < 5 and ctx.tense(start, end) < 0 else 0
    return [_date(pre.start, end, _at_precision(pub + relativedelta(weeks=weeks), "week"))]


def _season(ctx: _Context, start: int, end: int) -> list[Found]:
    """ "last summer", "next spring": the year of the season's first month."""
    pre = _date_prefix(ctx, start, rel_ok=True)
    pub = ctx.published
    if pre.step is None:
        return []  # "spring 2024" is read with its year
    if pub is None:
        return [_date(pre.start, end, None, pre.qualifier)]
    first = W.SEASON_MONTHS[ctx.text[start:end].lower()]
    year = pub.year
    if pre.step < 0 and pub.month < first + 3:
        year -= 1
    elif pre.step > 0 and pub.month >= first:
        year += 1
    return [_date(pre.start, end, str(year), pre.qualifier)]


def _relative_day(ctx: _Context, start: int, end: int) -> list[Found]:
    word = ctx.text[start:end]
    if word[0].isupper() and ctx.sentence(start)[0] != start:
        return []  # "the Today programme"
    return [_relative(ctx, start, end, word.lower())]


def _relative_step(ctx: _Context, start: int, end: int) -> list[Found]:
    tail = W.STEP_TAIL.match(ctx.text, end)
    if tail is None or _last_word(ctx.text, start) == "the":
        return []  # "over the last year" is a span of time, not last calendar year
    words = _norm(ctx.text[start:end] + tail["words"])
    phrase = f"{words} {tail['period']}"
    known_period = words in W.RELATIVE_STEPS and tail["period"] in W.RELATIVE_PERIODS
    if phrase not in W.RELATIVE_DAYS and not known_period:
        return []
    return [_relative(ctx, start, tail.end(), phrase)]


def _relative(ctx: _Context, start: int, end: int, phrase: str) -> Found:
    pre = _date_prefix(ctx, start)
    pub = ctx.published
    if pub is None:
        return _date(pre.start, end, None, pre.qualifier)
    if phrase in W.RELATIVE_DAYS:
        value = (pub + datetime.timedelta(days=W.RELATIVE_DAYS[phrase])).isoformat()
        return _date(pre.start, end, value, pre.qualifier)
    words, period = phrase.rsplit(" ", 1)
    when = pub + _PERIOD_DELTAS[period] * W.RELATIVE_STEPS[words]
    return _date(pre.start, end, _at_precision(when, period), pre.qualifier)


def _at_precision(when: Date, period: str) -> str:
    if period in ("year", "decade", "century"):
        return str(when.year)
    if period == "month":
        return f"{when.year}-{when.month:02d}"
    if period in ("week", "fortnight"):
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}"
    return when.isoformat()


def _figures(ctx: _Context, m: re.Match[str]) -> list[Found]:
    if m["iy"]:
        return _valid_day(m.start(), m.end(), int(m["iy"]), int(m["im"]), int(m["id"]), None)
    if m["uy"]:
        first, second = int(m["ua"]), int(m["ub"])
        month, day = (second, first) if first > 12 else (first, second)  # day first if it must be
        return _valid_day(m.start(), m.end(), int(m["uy"]), month, day, None)
    if m["d2"]:
        return _day_month(ctx, m)
    if m["dec"] or m["dec2"] or m["dec3"]:
        return _decade(ctx, m)
    if m["ry"]:
        return _year_range(ctx, m)
    return _bare_year(ctx, m.start("y"), m.end("y"))


def _day_month(ctx: _Context, m: re.Match[str]) -> list[Found]:
    pre = _date_prefix(ctx, m.start())
    start, end = _weekday_start(ctx, pre.start), m.end()
    month, day = W.MONTHS[m["m2"]], _day(m["d2"])
    if m["y2"]:
        return _valid_day(start, end, int(m["y2"]), month, day, pre.qualifier)
    if ctx.text[end - 1] == "." and m["m2"] not in W.ABBREVIATED_MONTHS:
        end -= 1
    when = _nearest(ctx, month, day, None, ctx.tense(m.start(), end))
    return [_date(start, end, when and when.isoformat(), pre.qualifier)]


def _decade(ctx: _Context, m: re.Match[str]) -> list[Found]:
    if m["dec"]:
        digits = m["dec"]
        # "the 1800s" is a century; "the 2000s" the decade, as news uses them.
        value = f"{digits[:2]}XX" if digits.endswith("00") and digits < "2000" else digits[:3] + "X"
    else:
        tens = int(m["dec2"] or m["dec3"])
        value = f"{20 if tens <= 20 else 19}{tens // 10}X"
    pre = _date_prefix(ctx, m.start(), the_ok=True)
    if m["dec3"] and (
        not (pre.the or pre.part) or _last_word(ctx.text, pre.start) in W.POSSESSIVES
    ):
        return []  # without an apostrophe, "in their 80s" and "her mid-80s" are ages
    return [_date(pre.start, m.end(), value, pre.qualifier)]


def _year_range(ctx: _Context, m: re.Match[str]) -> list[Found]:
    first, second_text = int(m["ry"]), m["ry2"]
    second = int(second_text)
    if len(second_text) < 4 and not m["rword"]:  # "2019-21", "1999-00", "2003/4"
        scale = 10 ** len(second_text)
        second += first // scale * scale
        second += scale if second <= first else 0
    pre = _date_prefix(ctx, m.start())
    valid = first < second <= first + 120  # a life "(1865 - 1926)" is a range too
    if m["rword"] == "and" and pre.prep != "between":
        valid = False  # "2000 and 2003 results" are two years
    if valid:
        return [_date(pre.start, m.end(), f"{first}/{second}", "range")]
    if not m["rword"]:
        return []
    singles = _bare_year(ctx, m.start("ry"), m.end("ry"))
    if len(second_text) == 4:
        singles += _bare_year(ctx, m.start("ry2"), m.end("ry2"))
    return singles


def _bare_year(ctx: _Context, start: int, end: int) -> list[Found]:
    """A four-digit number as a year, unless its neighbours make it a count or a name."""
    text = ctx.text
    pre = _date_prefix(ctx, start)
    if text[start - 1 : start] == "-" and pre.part != "mid":
        return []
    if not pre.context and _count_or_name(text, start):
        return []
    strong = pre.prep in W.YEAR_PREPOSITIONS or pre.part is not None or pre.season
    nxt = W.NEXT_WORD.match(text, end)
    if nxt and not strong and _is_count_noun(nxt[1]):
        return []
    return [_date(pre.start, end, text[start:end], pre.qualifier)]


def _count_or_name(text: str, start: int) -> bool:
    prev = W.PREV_WORD.search(text, max(0, start - 40), start)
    if prev is None:
        return False
    word = prev[1]
    if word[-1] in ".!?:;," or word in W.MONTHS or word.lower() == "the":
        return False
    return word in W.COUNT_CONTEXT or word[0].isupper() or word[0] in "$£€¥#"


def _is_count_noun(word: str) -> bool:
    lower = word.lower()
    if lower in W.COUNT_NOUNS:
        return True
    return word.islower() and word.endswith("s") and lower not in W.NOT_PLURAL


def _duration(ctx: _Context, u_start: int, u_end: int) -> list[Found]:
    text, unit = ctx.text, W.UNIT_FORMS[ctx.text[u_start:u_end]]
    if not _number_ends_before(text, u_start):
        return []
    number = W.NUMBER_BEFORE.search(text, max(0, u_start - 48), u_start)
    if number and number["n2"] and _amount(number["n2"], None) <= _amount(number["n1"], None):
        # "in 2005 and 10 years later" is no range: only the last figure counts
        number = W.NUMBER_BEFORE.search(text, number.start("n2"), u_start)
    tail = W.UNIT_TAIL.match(text, u_end)
    assert tail is not None  # every part of the tail is optional
    if number is None or not _is_duration(ctx, number, unit, tail):
        return []
    return _duration_claims(ctx, number, tail, unit)


def _duration_claims(
    ctx: _Context, number: re.Match[str], tail: re.Match[str], unit: str
) -> list[Found]:
    text, end = ctx.text, tail.end()
    low = _amount(number["n1"], number["h1"] or tail["h3"])
    pre = W.DURATION_PREFIX.search(text, max(0, number.start() - 48), number.start())
    qualifier = W.DURATION_QUALIFIERS[_norm(pre["qual"])] if pre and pre["qual"] else None
    start = pre.start() if pre else number.start()
    if tail["ago"]:
        return [_ago(ctx, start, end, unit, low, qualifier)]
    if number["n2"]:
        values = [_iso(low, unit), _iso(_amount(number["n2"], number["h2"]), unit)]
        return [_duration_found(start, end, values, "range")]
    found = [_duration_found(start, end, _iso(low, unit), qualifier)]
    if pre and pre["lead"].lower().startswith("from") and (to := W.TO_NUMBER.match(text, end)):
        value = _iso(_amount(to["n"], None), unit)
        found.append(_duration_found(to.start("n"), to.end("n"), value, None))
    return found


def _is_duration(ctx: _Context, number: re.Match[str], unit: str, tail: re.Match[str]) -> bool:
    text, start, end, ago = ctx.text, number.start(), tail.end(), bool(tail["ago"])
    if W.NOT_AFTER.match(text, end) or W.AGE_BEFORE.search(text, max(0, start - 24), start):
        return False
    first = _norm(number["n1"])
    if f"{first} {unit}" in W.IDIOMS and not ago and text[number.end() - 1] != "-":
        return False
    if first not in W.ARTICLE_NUMBERS:
        return True
    if unit in W.NEEDS_NUMBER:
        return False
    pre = W.DURATION_PREFIX.search(text, max(0, start - 48), start)
    has_prefix = bool(pre and pre.start() < start)
    lone = first in ("a", "an") and unit not in W.ARTICLE_ANYWHERE and not tail["h3"]
    return has_prefix or ago or not lone


def _amount(words: str, half: str | None) -> float:
    key = _norm(words).replace("-", " ")
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


def _ago(ctx: _Context, start: int, end: int, unit: str, amount: float, qual: str | None) -> Found:
    designator, factor, is_time = W.UNITS[unit]
    value = None
    if ctx.published is not None:
        if is_time:
            back = relativedelta()
        elif designator in ("Y", "M"):
            back = relativedelta(months=round(amount * factor * (12 if designator == "Y" else 1)))
        else:
            back = relativedelta(days=round(amount * factor * (7 if designator == "W" else 1)))
        try:
            value = _at_precision(ctx.published - back, unit)
        except (ValueError, OverflowError):  # "10,000 years ago" is before year 1
            value = None
    return _date(start, end, value, qual)


_WORD_HANDLERS: dict[str, Callable[[_Context, int, int], list[Found]]] = {
    "month": _month,
    "weekday": _weekday,
    "day": _relative_day,
    "step": _relative_step,
    "unit": _duration,
    "season": _season,
    "weekend": _weekend,
}
