"""Dates against each other: a weekday beside its date, an anniversary beside the year of its
event (durations against the years they span are in `claims.checks.durations`).

A date written without a year takes it from the publication date; a check that needs today
("the first visit in six years" counts back from publication) is skipped without one. Every
reading allows what the words allow: "six years" since 2019 is five and a half to six and a
half years in August 2025; "between 1908 and 1915" spans six to seven years and a bit.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator

from claims.checks.arithmetic import Article, Flag, Row
from claims.dates.words import MONTHS, WEEKDAYS

_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
_FULL_DATE = re.compile(r"^\d{4}-\d\d-\d\d$")
_YEAR_WRITTEN = re.compile(r"\b\d{4}\b|['‘’]\d\d\b")
# "Tuesday, 1 March\n\n2000 GMT": a line break or a time zone after the "year" makes it a time
# of day on the next line, not the year of the date.
_NOT_A_YEAR = re.compile(r"\n|\d{4}[ \t]*(?:GMT|BST|UTC|CET|EST|EDT|PST|PDT|ET|PT)\b")
_YEAR_VALUE = re.compile(r"^(\d{4})(?:-\d\d(?:-\d\d)?)?$")
# A weekday claim followed by a date claim of its own: "Wednesday (Sept. 4)".
_WEEKDAY_THEN_DATE = re.compile(r"^[\s,(]{0,3}$")
# Dates without a year: the year that puts them nearest publication, within half a year.
NEAR_PUBLICATION_DAYS = 183


def weekday_flags(article: Article) -> list[Flag]:
    """ "Wednesday, Sept. 4, 2025": Sept. 4, 2025 is a Thursday."""
    flags: list[Flag] = []
    dates = [row for row in article.rows if row["kind"] == "date"]
    for previous, row in zip([None, *dates], dates, strict=False):
        named = _weekday_named(article.text, previous, row)
        if named is None or not isinstance(row["value"], str):
            continue
        # Inside the date's own span (and a time zone just after it): a line break after the
        # date, at the end of its paragraph, says nothing about its year.
        start, end = int(row["start"]), int(row["end"])
        if _NOT_A_YEAR.search(article.text[start:end] + article.text[end : end + 6].split("\n")[0]):
            continue
        if not _FULL_DATE.match(row["value"]):
            continue
        day = dt.date.fromisoformat(row["value"])
        if any(d.weekday() == WEEKDAYS[named] for d in _readings(day, row, article.published)):
            continue
        actual = day.strftime("%A")
        written = f"{day.day} {day.strftime('%B %Y')}"
        shown = article.text[_weekday_start(previous, row) : int(row["end"])]
        shown += ")" if shown.count("(") > shown.count(")") else ""
        flags.append((row["claim_id"], f"{shown}: {written} is a {actual}, not a {named}."))
    return flags


def _weekday_named(text: str, previous: Row | None, row: Row) -> str | None:
    own = _WEEKDAY.search(str(row["text"]))
    if own is not None:
        return own.group(1) if any(m in str(row["text"]) for m in MONTHS) else None
    if previous is None or not _WEEKDAY.fullmatch(str(previous["text"])):
        return None
    between = text[int(previous["end"]) : int(row["start"])]
    return str(previous["text"]) if _WEEKDAY_THEN_DATE.match(between) else None


def _weekday_start(previous: Row | None, row: Row) -> int:
    own = _WEEKDAY.search(str(row["text"]))
    return int(row["start"]) if own is not None or previous is None else int(previous["start"])


def _readings(day: dt.date, row: Row, published: dt.date | None) -> Iterator[dt.date]:
    """The date as read, and with no year written, the same day in a year near publication."""
    yield day
    if published is None or _YEAR_WRITTEN.search(str(row["text"])):
        return
    for year in (published.year - 1, published.year, published.year + 1):
        try:
            other = day.replace(year=year)
        except ValueError:
            continue  # 29 February
        if abs((other - published).days) <= NEAR_PUBLICATION_DAYS:
            yield other


def anniversary_flags(article: Article) -> list[Flag]:
    """ "the 70th anniversary of its liberation in 1945", published in 2025: the 80th. The year
    may come from another sentence that names the event: "the 36th anniversary of the line
    closure" beside "a rail link which was closed in 1969"."""
    flags: list[Flag] = []
    dates: _Dates | None = None
    for row in article.rows:
        if row["kind"] != "ordinal" or "anniversary" not in str(row["text"]).lower():
            continue
        dates = dates or _Dates(article)
        event = _event_year(article, row, dates) or _event_year_elsewhere(article, row, dates)
        if event is None:
            continue
        year, dated, phrase_end, quoted = event
        nth = int(row["value"])
        stated, when = _anniversary_years(article, row, dated, dates)
        if not when or any(a - year == nth for a in when):
            continue
        then = stated or (article.published.year if article.published else max(when))
        phrase = article.text[int(row["start"]) : phrase_end].strip()
        source = f" (the article says “{quoted}”)" if quoted else ""
        message = f"{phrase}{source}: from {year} to {then} is {then - year} years, not {nth}."
        flags.append((row["claim_id"], message))
    return flags


_EVENT_AFTER = re.compile(r"\s+of\s+[^.;:!?]{0,80}")
_CLAUSE_END = re.compile(r",\s+(?!which|that)|[.;:!?]|\s[-–—]\s")
# The end of the event's words after its year: "the 1945 liberation", "its liberation in 1945".
_PHRASE_END = re.compile(
    r"[,.;:!?\"“”()]|\s[-–—]\s|\s(?:by|with|in|on|at|to|and|as|which|who|has|have|was|were|will)\s"
    r"|$"
)
_BARE_YEAR = re.compile(r"^\d{4}$")
Event = tuple[int, Row, int, str | None]


class _Dates:
    """The article's date claims, found by position, by sentence and by the event words right
    before them: every anniversary looked through every claim of the article, which made the
    check quadratic in the article's length."""

    def __init__(self, article: Article) -> None:
        self.rows = [row for row in article.rows if row["kind"] == "date"]
        self.by_start = sorted(range(len(self.rows)), key=lambda i: int(self.rows[i]["start"]))
        self.starts = [int(self.rows[i]["start"]) for i in self.by_start]
        self.by_sentence: dict[object, list[Row]] = {}
        for row in self.rows:
            self.by_sentence.setdefault(row["sentence_index"], []).append(row)
        self.by_stem: dict[str, list[int]] = {}
        for i, row in enumerate(self.rows):
            for stem in _stems_before(article.text, row):
                self.by_stem.setdefault(stem, []).append(i)

    def starting_in(self, start: int, end: int) -> list[Row]:
        """The date claims that start in [start, end), in the article's order of claims."""
        low, high = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
        return [self.rows[i] for i in sorted(self.by_start[low:high])]

    def with_stems(self, stems: set[str]) -> list[Row]:
        """The date claims with a word of one of `stems` right before them, in order."""
        found = {i for stem in stems for i in self.by_stem.get(stem, ())}
        return [self.rows[i] for i in sorted(found)]


def _stems_before(text: str, row: Row) -> set[str]:
    """The event stems of the words right before a year in its clause ("was closed in 1969")."""
    if _YEAR_VALUE.match(str(row["value"] or "")) is None or row["qualifier"] is not None:
        return set()
    start = int(row["start"])
    near = _WORDS_BEFORE_DATE.search(text, max(0, start - 60), start)
    if near is None:
        return set()
    return {_event_stem(w.group()) for w in _EVENT_WORD.finditer(text, near.start(), start)}


def _event_year(article: Article, row: Row, dates: _Dates) -> Event | None:
    """The year of the event, when the phrase after "anniversary" dates it:
    "of the 1945 liberation", "of its liberation in 1945", "of ..., which came in 1945"."""
    after = _EVENT_AFTER.match(article.text, int(row["end"]))
    if after is None:
        return None
    stop = _CLAUSE_END.search(article.text, after.start(), after.end())
    end = stop.start() if stop else after.end()
    for other in dates.starting_in(after.start(), end):
        year = _YEAR_VALUE.match(str(other["value"] or ""))
        if year and other["qualifier"] in (None, "range") and "/" not in str(other["value"]):
            limit = max(end, int(other["end"]))
            rest = _PHRASE_END.search(article.text, int(other["end"]), limit)
            return int(year.group(1)), other, rest.start() if rest else limit, None
    return None


# Verbs and nouns of one event: "closed" and "closure", "born" and "birth".
EVENT_FORMS: dict[str, str] = {
    "born": "birth", "died": "death", "killed": "death", "murdered": "death",
    "began": "beginning", "begun": "beginning", "started": "start", "wed": "wedding",
    "married": "wedding", "marriage": "wedding", "won": "win", "victory": "win",
}  # fmt: skip
_EVENT_SUFFIXES = ("ation", "ution", "ition", "ated", "ure", "ing", "ion", "ment", "ed", "es", "s")
# Words of an event phrase that say nothing of which event it is.
_NOT_EVENT_NAMES = frozenset(
    """first former original originally infamous famous historic anniversary anniversaries
    year years their this that which with from into over under then there about after before
    since""".split()
)
_EVENT_WORD = re.compile(r"[a-z][a-z'’-]{3,}")
_EVENT_PHRASE_END = re.compile(r"[,.;:!?\"“”()]|\s[-–—]\s")
# The words right before a date, in its clause: "which was closed in 1969".
_WORDS_BEFORE_DATE = re.compile(r"(?:[\w'’-]+\s+){1,5}$")


def _event_stem(word: str) -> str:
    word = EVENT_FORMS.get(word, word.removesuffix("'s").removesuffix("’s"))
    for suffix in _EVENT_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word.removesuffix("e") if len(word) > 4 else word


def _event_year_elsewhere(article: Article, row: Row, dates: _Dates) -> Event | None:
    """The year of the event from another sentence where a word of the event stands right
    before a year: "the line closure" and "which was closed in 1969". Every such year must
    agree, or none is taken."""
    text = article.text
    after = _EVENT_AFTER.match(text, int(row["end"]))
    if after is None:
        return None
    stop = _EVENT_PHRASE_END.search(text, after.start(), after.end())
    end = stop.start() if stop else after.end()
    if stop is None and end < len(text) and text[end] not in ".;:!?":
        end = max(text.rfind(" ", after.start(), end), after.start())  # cut: its last whole word
    words = _EVENT_WORD.findall(text, after.start(), end)
    stems = {_event_stem(w) for w in words if w not in _NOT_EVENT_NAMES}
    if not stems:
        return None
    found: list[tuple[int, Row, str]] = []
    for other in dates.with_stems(stems):
        value = str(other["value"] or "")
        if other["sentence_index"] == row["sentence_index"]:
            continue
        dated = _YEAR_VALUE.match(value)
        if dated is None or other["qualifier"] is not None:
            continue
        start = int(other["start"])
        near = _WORDS_BEFORE_DATE.search(text, max(0, start - 60), start)
        if near is None:
            continue
        before = _EVENT_WORD.finditer(text, near.start(), start)
        hit = next((w for w in before if _event_stem(w.group()) in stems), None)
        if hit is not None:
            found.append((int(dated.group(1)), other, text[hit.start() : int(other["end"])]))
    if not found or len({year for year, _, _ in found}) > 1:
        return None
    year, other, quoted = found[0]
    return year, other, end, " ".join(quoted.split())


def _anniversary_years(
    article: Article, row: Row, dated: Row, dates: _Dates
) -> tuple[int | None, set[int]]:
    """The year the sentence gives the anniversary, if any, and every year it may fall in:
    that one, and publication's give or take one (an article may look ahead or back)."""
    years: set[int] = set()
    if article.published is not None:
        p = article.published.year
        years |= {p - 1, p, p + 1}
    stated = None
    for other in dates.by_sentence.get(row["sentence_index"], []):
        if int(other["end"]) <= int(row["start"]):
            year = _YEAR_VALUE.match(str(other["value"] or ""))
            if year:
                stated = int(year.group(1))
                years.add(stated)
    # "of its liberation in 1945": the year may be the celebration's, not the event's.
    bare = _BARE_YEAR.match(str(dated["text"]).strip())
    if not bare and int(str(dated["value"])[:4]) in years:
        return None, set()
    return stated, years
