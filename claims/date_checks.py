"""Dates against each other: a weekday beside its date, a duration beside the years it spans,
an anniversary beside the year of its event.

A date written without a year takes it from the publication date; a check that needs today
("the first visit in six years" counts back from publication) is skipped without one. Every
reading allows what the words allow: "six years" since 2019 is five and a half to six and a
half years in August 2025; "between 1908 and 1915" spans six to seven years and a bit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from claims.arithmetic_checks import Article, Flag, Row
from claims.datewords import MONTHS, WEEKDAYS
from claims.value_check import date_days, duration_figure

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
_YEAR_SECONDS_DAYS = 365.25


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
    for row in article.rows:
        if row["kind"] != "ordinal" or "anniversary" not in str(row["text"]).lower():
            continue
        event = _event_year(article, row) or _event_year_elsewhere(article, row)
        if event is None:
            continue
        year, dated, phrase_end, quoted = event
        nth = int(row["value"])
        stated, when = _anniversary_years(article, row, dated)
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


def _event_year(article: Article, row: Row) -> Event | None:
    """The year of the event, when the phrase after "anniversary" dates it:
    "of the 1945 liberation", "of its liberation in 1945", "of ..., which came in 1945"."""
    after = _EVENT_AFTER.match(article.text, int(row["end"]))
    if after is None:
        return None
    stop = _CLAUSE_END.search(article.text, after.start(), after.end())
    end = stop.start() if stop else after.end()
    for other in article.rows:
        if other["kind"] != "date" or not (after.start() <= int(other["start"]) < end):
            continue
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


def _event_year_elsewhere(article: Article, row: Row) -> Event | None:
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
    for other in article.rows:
        value = str(other["value"] or "")
        if other["kind"] != "date" or other["sentence_index"] == row["sentence_index"]:
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


def _anniversary_years(article: Article, row: Row, dated: Row) -> tuple[int | None, set[int]]:
    """The year the sentence gives the anniversary, if any, and every year it may fall in:
    that one, and publication's give or take one (an article may look ahead or back)."""
    years: set[int] = set()
    if article.published is not None:
        p = article.published.year
        years |= {p - 1, p, p + 1}
    stated = None
    for other in article.rows:
        same = other["sentence_index"] == row["sentence_index"]
        if same and other["kind"] == "date" and int(other["end"]) <= int(row["start"]):
            year = _YEAR_VALUE.match(str(other["value"] or ""))
            if year:
                stated = int(year.group(1))
                years.add(stated)
    # "of its liberation in 1945": the year may be the celebration's, not the event's.
    bare = _BARE_YEAR.match(str(dated["text"]).strip())
    if not bare and int(str(dated["value"])[:4]) in years:
        return None, set()
    return stated, years


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
