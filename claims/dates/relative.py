"""Dates written relative to publication, resolved from it: weekdays ("on Wednesday", "last
Friday"), "today", "last week", "earlier this year", seasons ("last summer"), weekends, "two days
ago", and the year of a month or month-day written without one.

Choices (CLAIM-SCHEMA.md leaves them open):
- A relative date keeps the precision of its unit: "last week" is an ISO week, "last month" a
  year-month, "three years ago" a year.
- A weekday is the day itself or the last one, unless the sentence is in the future tense;
  "last" and "next" make it the one strictly before or after publication.
- A month-day without a year takes the year nearest to publication on the side the sentence's
  tense points to, with a month's slack: tense is a guess, and "for Sept. 3" in a past-tense
  sentence written days before is still this year's.
- "the weekend" is the coming one, or the last one in a past-tense sentence read on a weekday.
- "over the last year" is a span of time, not last calendar year, and is left alone.
Without a publication date a relative date is still found, with value None.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from dateutil.relativedelta import relativedelta

from claims.dates import words as W
from claims.dates.context import Date, DateContext, date_found, date_prefix, last_word, norm
from claims.found import Found

# Calendar steps, for "last month" on 31 March: relativedelta clips to the month's last day.
_PERIOD_DELTAS = {
    "week": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "year": relativedelta(years=1),
}
# How far either side of the publication date a month-day may still fit the tense.
_TENSE_SLACK = datetime.timedelta(days=31)


def nearest(ctx: DateContext, month: int, day: int, step: int | None, tense: int) -> Date | None:
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
    if not candidates:  # 29 February, and no leap year beside publication: no reading
        return None
    keep = _on_side(pub, step, tense)
    fitting = [d for d in candidates if keep(d)] or candidates
    return min(fitting, key=lambda d: abs((d - pub).days))


def _on_side(pub: Date, step: int | None, tense: int) -> Callable[[Date], bool]:
    """Which candidate years a written "last"/"this"/"next", else the tense, allows."""
    now = (pub.year, pub.month)
    if step == -1:
        return lambda d: (d.year, d.month) < now
    if step == 0:
        return lambda d: d.year == pub.year
    if step == 1:
        return lambda d: (d.year, d.month) > now
    if tense < 0:
        return lambda d: d <= pub + _TENSE_SLACK
    if tense > 0:
        return lambda d: d >= pub - _TENSE_SLACK
    return lambda d: True


def read_weekday(ctx: DateContext, w_start: int, end: int) -> list[Found]:
    name = ctx.text[w_start:end]
    if name.endswith("s") or W.DATE_AHEAD.match(ctx.text, end):
        return []  # "on Mondays" is a habit; "Wednesday, Sept. 4" is the date's
    pre = date_prefix(ctx, w_start, rel_ok=True)
    start, pub = pre.start, ctx.published
    if pub is None:
        return [date_found(start, end, None, pre.qualifier)]
    tense = ctx.tense(start, end) if pre.step not in (-1, 1) else 0
    when = _weekday_date(pub, W.WEEKDAYS[name], pre.step, tense)
    return [date_found(start, end, when.isoformat(), pre.qualifier)]


def _weekday_date(pub: Date, weekday: int, step: int | None, tense: int) -> Date:
    """ "last Friday" is strictly before publication and "next Monday" strictly after; a bare
    weekday may be the publication day itself, ahead in a future-tense sentence, else back."""
    if step == -1:
        return pub - datetime.timedelta(days=(pub.weekday() - weekday - 1) % 7 + 1)
    if step == 1:
        return pub + datetime.timedelta(days=(weekday - pub.weekday() - 1) % 7 + 1)
    if tense > 0:
        return pub + datetime.timedelta(days=(weekday - pub.weekday()) % 7)
    return pub - datetime.timedelta(days=(pub.weekday() - weekday) % 7)


def read_weekend(ctx: DateContext, start: int, end: int) -> list[Found]:
    """ "this weekend", "over the weekend": the ISO week that holds that weekend."""
    pre = date_prefix(ctx, start, the_ok=True, rel_ok=True)
    pub = ctx.published
    if not (pre.the or pre.step is not None):
        return []
    if pub is None:
        return [date_found(pre.start, end, None, pre.qualifier)]
    if pre.step is not None:
        weeks = pre.step
    else:  # "the weekend": the coming one, or the last one in a past-tense sentence
        weeks = -1 if pub.weekday() < 5 and ctx.tense(start, end) < 0 else 0
    when = pub + datetime.timedelta(weeks=weeks)
    return [date_found(pre.start, end, at_precision(when, "week"))]


def read_season(ctx: DateContext, start: int, end: int) -> list[Found]:
    """ "last summer", "next spring": the year of the season's first month."""
    pre = date_prefix(ctx, start, rel_ok=True)
    pub = ctx.published
    if pre.step is None:
        return []  # "spring 2024" is read with its year
    if pub is None:
        return [date_found(pre.start, end, None, pre.qualifier)]
    first = W.SEASON_MONTHS[ctx.text[start:end].lower()]
    year = pub.year
    if pre.step < 0 and pub.month < first + 3:
        year -= 1
    elif pre.step > 0 and pub.month >= first:
        year += 1
    return [date_found(pre.start, end, str(year), pre.qualifier)]


def read_relative_day(ctx: DateContext, start: int, end: int) -> list[Found]:
    """ "today", "yesterday", "tonight"."""
    word = ctx.text[start:end]
    if word[0].isupper() and ctx.sentence(start)[0] != start:
        return []  # "the Today programme"
    return [_relative(ctx, start, end, word.lower())]


def read_relative_step(ctx: DateContext, start: int, end: int) -> list[Found]:
    """ "last week", "this morning", "earlier this year"."""
    tail = W.STEP_TAIL.match(ctx.text, end)
    if tail is None or last_word(ctx.text, start) == "the":
        return []  # "over the last year" is a span of time, not last calendar year
    words = norm(ctx.text[start:end] + tail["words"])
    phrase = f"{words} {tail['period']}"
    known_period = words in W.RELATIVE_STEPS and tail["period"] in W.RELATIVE_PERIODS
    if phrase not in W.RELATIVE_DAYS and not known_period:
        return []
    return [_relative(ctx, start, tail.end(), phrase)]


def _relative(ctx: DateContext, start: int, end: int, phrase: str) -> Found:
    pre = date_prefix(ctx, start)
    pub = ctx.published
    if pub is None:
        return date_found(pre.start, end, None, pre.qualifier)
    if phrase in W.RELATIVE_DAYS:
        value = (pub + datetime.timedelta(days=W.RELATIVE_DAYS[phrase])).isoformat()
        return date_found(pre.start, end, value, pre.qualifier)
    words, period = phrase.rsplit(" ", 1)
    when = pub + _PERIOD_DELTAS[period] * W.RELATIVE_STEPS[words]
    return date_found(pre.start, end, at_precision(when, period), pre.qualifier)


def ago(
    ctx: DateContext, start: int, end: int, unit: str, amount: float, qual: str | None
) -> Found:
    """ "two days ago", "three years ago": a date at the precision of its unit."""
    designator, factor, is_time = W.UNITS[unit]
    if ctx.published is None:
        return date_found(start, end, None, qual)
    if is_time:  # "three hours ago" is still the publication day
        back = relativedelta()
    elif designator in ("Y", "M"):
        back = relativedelta(months=round(amount * factor * (12 if designator == "Y" else 1)))
    else:
        back = relativedelta(days=round(amount * factor * (7 if designator == "W" else 1)))
    try:
        value: str | None = at_precision(ctx.published - back, unit)
    except (ValueError, OverflowError):  # "10,000 years ago" is before year 1
        value = None
    return date_found(start, end, value, qual)


def at_precision(when: Date, period: str) -> str:
    """An ISO 8601 value as precise as the period it was written in."""
    if period in ("year", "decade", "century"):
        return str(when.year)
    if period == "month":
        return f"{when.year}-{when.month:02d}"
    if period in ("week", "fortnight"):
        year, week, _ = when.isocalendar()
        return f"{year}-W{week:02d}"
    return when.isoformat()
