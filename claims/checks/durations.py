"""Durations against the years they span: "for five years from 1996 to 2001", "the first visit
in six years" since 2019.

A check that needs today ("the first visit in six years" counts back from publication) is skipped
without a publication date. Every reading allows what the words allow: "six years" since 2019 is
five and a half to six and a half years in August 2025; "between 1908 and 1915" spans six to seven
years and a bit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from claims.checks.arithmetic import Article, Flag, Row
from claims.evidence.values import date_days, duration_figure

_YEAR_SECONDS_DAYS = 365.25  # the days of a year in ISO durations' seconds


def duration_flags(article: Article) -> list[Flag]:
    """A span of years that its own dates do not make."""
    return [*_span_flags(article), *_since_flags(article)]


_SPAN_GAP = re.compile(r"^[^.,;:!?]{0,30}$")


def _span_flags(article: Article) -> Iterator[Flag]:
    """ "for five years from 1996 to 2001", "seven years and 43 days between 1908 and 1915"."""
    rows = article.rows
    for i, row in enumerate(rows):
        years = _years_of(row)
        if years is None or row["qualifier"] not in (None, "approx"):
            continue
        span = next((r for r in rows[i + 1 : i + 4] if _is_year_span(r)), None)
        if span is None or not _SPAN_GAP.match(article.text[int(row["end"]) : int(span["start"])]):
            continue
        bounds = _span_years(span)
        slack = 1.0 if row["qualifier"] == "approx" else 0.5
        if bounds is None or bounds[0] - slack <= years <= bounds[1] + slack:
            continue
        low, high = (_years(b) for b in bounds)
        message = f"{row['text']} {span['text']}: {span['text']} spans {low} to {high} years"
        yield row["claim_id"], f"{message}, not {years:g}."


def _span_years(span: Row) -> tuple[float, float] | None:
    """The fewest and most years between a day of the first year and a day of the last."""
    days = date_days(span["value"])
    if days is None:
        return None
    last_year_start = dt.date(dt.date.fromordinal(days[1]).year, 1, 1).toordinal()
    first_year_end = dt.date(dt.date.fromordinal(days[0]).year, 12, 31).toordinal()
    low = max(0.0, (last_year_start - first_year_end) / _YEAR_SECONDS_DAYS)
    return low, (days[1] - days[0]) / _YEAR_SECONDS_DAYS


def _years_of(row: Row) -> float | None:
    if row["kind"] != "duration" or not str(row["value"] or "").startswith("P"):
        return None
    if "Y" not in str(row["value"]):
        return None
    found = duration_figure(row["value"], None)
    if found is None or isinstance(found.value, tuple):
        return None
    return found.value / (_YEAR_SECONDS_DAYS * 86400)


def _is_year_span(row: Row) -> bool:
    value = str(row["value"] or "")
    return row["kind"] == "date" and row["qualifier"] == "range" and "/" in value


def _years(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


# "the first visit in five years" and "the first trip since 2019" speak of one event: the words
# around "first" are compared, with these words taken as one.
SAME_EVENT_WORDS: dict[str, str] = {
    "trip": "visit", "travel": "visit", "tour": "visit", "visited": "visit",
    "summit": "meeting", "talks": "meeting", "met": "meeting", "meet": "meeting",
    "victory": "win", "won": "win", "beat": "win", "title": "win",
}  # fmt: skip
_NOT_EVENT_WORDS = frozenset(
    """first last time times ever his her its their the a an to in of for with at on by since
    from was were is are be been has have had not no never n't will would could this that
    he she it they we i year years""".split()
)
_LAST_TIME = re.compile(
    r"\b(?P<cue>first|last|best|worst|highest|lowest|biggest|largest|strongest|weakest)\b"
    r"(?P<words>[^.;:!?,\n]{0,60})$",
    re.IGNORECASE,
)
_NOT_SINCE = re.compile(r"\b(?P<cue>first|not|n't|never|no)\b(?P<words>[^.;:!?]{0,60})$")
# "his first visit in three years, since 2019": the date right after the duration is its own.
_RIGHT_AFTER = re.compile(r"^[\s,(–—-]{0,4}$")
_LAST_DID = re.compile(r"\b(?P<cue>last)\b(?P<words>[^.;:!?,]{0,40})$")
_WORDS = re.compile(r"[\w'’]+")
# A duration counted back from today: "in five years", "for a decade", "the first in five years".
_IN_YEARS = re.compile(r"(?P<cue>(?:the\s+)?(?:first|last)\s+)?(?:in|for)\s", re.IGNORECASE)


def _since_flags(article: Article) -> Iterator[Flag]:
    """ "his first visit in five years" beside "his first trip since 2019", in 2025: six years;
    "its lowest level in five years, since 2019": the date right after is the duration's own."""
    if article.published is None:
        return
    rows = article.rows
    anchors = [a for a in (_anchor(article, row) for row in rows) if a is not None]
    for i, row in enumerate(rows):
        years = _years_of(row)
        counted = _IN_YEARS.match(str(row["text"])) if years is not None else None
        if years is None or counted is None:
            continue
        cut = int(row["start"]) + len(counted["cue"] or "")  # "the first in five years": one claim
        cue = _LAST_TIME.search(article.text[max(0, cut - 70) : cut])
        if cue is None:
            continue
        own = _date_beside(article, rows, i)
        if own is not None:
            if not _fits_since(years, row, own, article):
                yield row["claim_id"], _beside_message(row, own, article)
            continue
        words = _event_words(cue.group("words"))
        for anchor, anchor_words in anchors:
            if words & anchor_words and not _fits_since(years, row, anchor, article):
                yield row["claim_id"], _since_message(row, anchor, article)
                break


def _date_beside(article: Article, rows: tuple[Row, ...], i: int) -> Row | None:
    """The year a duration counts from when it follows right after: "in five years, since
    2019", "in three years (since 2019)"."""
    end = int(rows[i]["end"])
    for other in rows[i + 1 : i + 3]:
        if other["kind"] != "date":
            continue
        if not _RIGHT_AFTER.match(article.text[end : int(other["start"])]):
            return None
        value = str(other["value"] or "")
        if other["qualifier"] != "since" or "/" in value or date_days(value) is None:
            return None
        return other
    return None


def _anchor(article: Article, row: Row) -> tuple[Row, frozenset[str]] | None:
    """A date that says when something last happened: "first trip since 2019", "has not been
    there since March 2019", "last visited in 2019"."""
    if row["kind"] != "date" or date_days(row["value"]) is None or "/" in str(row["value"]):
        return None
    before = article.text[max(0, int(row["start"]) - 70) : int(row["start"])]
    if row["qualifier"] == "since":
        cue = _NOT_SINCE.search(before)
    elif row["qualifier"] is None and str(row["text"]).lower().startswith("in "):
        cue = _LAST_DID.search(before)
    else:
        return None
    return (row, _event_words(cue.group("words"))) if cue else None


def _event_words(phrase: str) -> frozenset[str]:
    words = set()
    for word in _WORDS.findall(phrase.lower()):
        word = re.sub(r"['’]s$", "", word)
        if word in _NOT_EVENT_WORDS or word.isdigit():
            continue
        word = SAME_EVENT_WORDS.get(word, word)
        for suffix in ("ing", "ed", "s"):
            if len(word) > len(suffix) + 3 and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        words.add(SAME_EVENT_WORDS.get(word, word))
    return frozenset(words)


def _elapsed(anchor: Row, published: dt.date) -> tuple[float, float] | None:
    days = date_days(anchor["value"])
    if days is None:
        return None
    today = published.toordinal()
    return (today - days[1]) / _YEAR_SECONDS_DAYS, (today - days[0]) / _YEAR_SECONDS_DAYS


def _fits_since(years: float, row: Row, anchor: Row, article: Article) -> bool:
    assert article.published is not None
    elapsed = _elapsed(anchor, article.published)
    if elapsed is None or elapsed[1] <= 0:
        return True  # a date after publication: nothing to count
    low, high = elapsed
    calendar = article.published.year - int(str(anchor["value"])[:4])
    qualifier = row["qualifier"]
    if qualifier == "approx":
        return low - 1 <= years <= high + 1
    if qualifier in ("more_than", "at_least"):
        return years <= high + 0.5
    if qualifier in ("less_than", "at_most"):
        return years >= low - 0.5
    return round(low) <= years <= round(high) or years == calendar


def _since_message(row: Row, anchor: Row, article: Article) -> str:
    assert article.published is not None
    calendar = article.published.year - int(str(anchor["value"])[:4])
    said = article.text[_cue_start(article, anchor) : int(anchor["end"])]
    return (
        f"{row['text']}: the article also says “{said}”, {calendar} years before publication "
        f"on {article.published.isoformat()}, not {_years(_years_of(row) or 0.0)}."
    )


def _beside_message(row: Row, anchor: Row, article: Article) -> str:
    assert article.published is not None
    calendar = article.published.year - int(str(anchor["value"])[:4])
    said = article.text[int(row["start"]) : int(anchor["end"])]
    return (
        f"{said}: {str(anchor['value'])[:4]} is {calendar} years before publication on "
        f"{article.published.isoformat()}, not {_years(_years_of(row) or 0.0)}."
    )


def _cue_start(article: Article, anchor: Row) -> int:
    start = max(0, int(anchor["start"]) - 70)
    before = article.text[start : int(anchor["start"])]
    pattern = _NOT_SINCE if anchor["qualifier"] == "since" else _LAST_DID
    cue = pattern.search(before)
    return start + cue.start() if cue else int(anchor["start"])
