"""Self-checks on real news: the flags each check raises, samples of them to read, and slips
planted in real articles to see which the checks catch.

    .venv/bin/python bench/selfchecks.py
    .venv/bin/python bench/selfchecks.py --show arithmetic --sample 30 [--seed 7]
    .venv/bin/python bench/selfchecks.py --planted [--show-planted shares] [--seed 7]
    .venv/bin/python bench/selfchecks.py --bbc-published 2005-03-01

Runs `extract_claims` and `self_check` over the 2,319 articles of ../shared/eval/news (the BBC
development set, 2004-05, and a sample of CNN / Daily Mail pages) and prints, per check, how many
flags it raises and in how many articles. The corpus is read in place, never copied.

Publication dates: the BBC articles carry none, so the checks that count from today (a duration
since a year, an anniversary) only run where the sentence states the years itself. A CNN / Daily
Mail page that prints its own time stamp ("PUBLISHED: . 14:11 EST, 25 October 2013", "Last
updated at 1:25 AM on 3rd August 2011") gets that date (`--no-stamps` turns this off);
`--bbc-published` gives every BBC page one date, so that those checks run on the originals too
(a weekday beside a date without a year is then read in the year nearest that date, which is
wrong for pages published more than half a year away from it).

`--show CHECK --sample N` prints a seeded random sample of that check's flags, each with its
article, message and sentence, for a person to judge: a real problem in the text, or a false
alarm. The baseline of the timing line is the extraction itself on the same articles: the
checks should cost a small share of it.

`--planted` plants slips where the real text gives each check something to check, and prints
per check and variant the slips planted, the ones caught, the flags raised elsewhere and on the
controls (the same text with nothing wrong, and slips the check has no means to see); seeded.
The corpus holds few sentences of some patterns, so each check also gets the nearest real
pattern with the missing piece planted beside it (the variants say which):

- arithmetic: the 6 real changes stated with their two figures ("jumped 76% to $1.13bn from
  $639m"): the change doubled, or the new figure's first digit mistyped.
- shares: the 13 real lists of one poll's answers ("63% supported a hunting ban compared with
  24% against"): one share raised so that the list passes 100%.
- weekday: the 15 real weekdays beside a date ("Sunday 27 February"; the BBC writes no year),
  given the year (2004 or 2005) the weekday fits, written or as the publication date, the date
  moved 1-6 days; without either, and in a page's time stamp ("Tuesday, 1 March\n\n2000 GMT"),
  the moved date cannot be checked. Nearest pattern: a full date planted beside a real "on
  Friday".
- duration: the 2 real "for N years from Y1 to Y2"; nearest patterns: "for N years" planted
  before a real year span, "in N years," before a real "first ... since YEAR", ", since YEAR"
  after a real "the lowest level in N years"; N moved by 2 or 3.
- anniversary: the real "Nth anniversary" whose article states a year N years before it (the
  event's or not: a person reads which), and the event's year planted beside a real "Nth
  anniversary of ..."; N moved by 2, 5 or 10; without a date it cannot be checked.
- repeated_figure: a real sentence copied into a later paragraph with its figure's first digit
  mistyped (the control copies it unchanged), and a real figure restated in another sentence
  with the later one mistyped.

The BBC pages are given BBC_PUBLISHED as publication date where a planted slip counts from
today, and every year planted beside them is counted from it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import random
import re
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from common import EVAL, load_average, machine, require

from claims import extract_claims
from claims.checks.arithmetic import FALL_WORDS, RISE_WORDS, Row
from claims.checks.selfcheck import CHECKS, self_check
from claims.dates.words import ABBREVIATED_MONTHS, MONTHS, ONES, WEEKDAYS
from claims.evidence.subject_words import Words, clause_words
from claims.reading.sentences import sentence_spans

CORPORA = {"bbc-dev.jsonl": "text", "cnndm-sample.jsonl": "article"}
_STAMP = re.compile(
    r"(?:PUBLISHED:\s*\.?\s*\d{1,2}:\d\d\s*[A-Z]{2,4},|Last updated at \d{1,2}:\d\d [AP]M on)"
    r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Z][a-z]+)\s+(?P<year>\d{4})"
)


@dataclass(frozen=True, slots=True)
class NewsArticle:
    corpus: str
    id: str
    text: str
    published: dt.date | None


@dataclass(frozen=True, slots=True)
class Raised:
    article: NewsArticle
    check: str
    claim: str
    message: str
    sentence: str


def stamp_date(text: str) -> dt.date | None:
    """The date a page prints as its own time stamp, if it prints one."""
    m = _STAMP.search(text[:400])
    if m is None or m["month"] not in MONTHS:
        return None
    try:
        return dt.date(int(m["year"]), MONTHS[m["month"]], int(m["day"]))
    except ValueError:
        return None


def load(news: Path, *, stamps: bool, bbc: dt.date | None = None) -> list[NewsArticle]:
    articles = []
    for name, field in CORPORA.items():
        corpus = name.split("-")[0]
        for line in require(news / name).open(encoding="utf-8"):
            row = json.loads(line)
            text = row[field]
            when = (stamp_date(text) if stamps else None) or (bbc if corpus == "bbc" else None)
            articles.append(NewsArticle(corpus, str(row["id"]), text, when))
    return articles


def run(articles: list[NewsArticle]) -> tuple[list[Raised], list[pd.DataFrame], float, float]:
    """Every flag raised, the claim tables, and the seconds spent extracting and checking."""
    raised: list[Raised] = []
    tables: list[pd.DataFrame] = []
    extracting = checking = 0.0
    for article in articles:
        start = time.perf_counter()
        claims = extract_claims(article.text, published=article.published, article_id=article.id)
        tables.append(claims)
        middle = time.perf_counter()
        flags = self_check(article.text, claims, published=article.published)
        checking += time.perf_counter() - middle
        extracting += middle - start
        by_id = claims.set_index("claim_id")
        for flag in flags.itertuples():
            claim = by_id.loc[flag.claim_id]
            raised.append(
                Raised(article, flag.check, claim["text"], flag.message, claim["sentence"])
            )
    return raised, tables, extracting, checking


def report(
    articles: list[NewsArticle], raised: list[Raised], extracting: float, checking: float
) -> None:
    stamped = sum(1 for a in articles if a.published is not None and a.corpus != "bbc")
    given = sum(1 for a in articles if a.published is not None and a.corpus == "bbc")
    print(f"Machine: {machine()}; {load_average()}")
    bbc = f", {given} BBC pages given one" if given else ""
    print(
        f"Articles: {len(articles)} ({stamped} with a publication date from their own stamp{bbc})"
    )
    flags = Counter(r.check for r in raised)
    touched = {check: len({r.article.id for r in raised if r.check == check}) for check in CHECKS}
    print(f"\n{'check':<16} {'flags':>6} {'articles':>9}")
    for check in CHECKS:
        print(f"{check:<16} {flags[check]:>6} {touched[check]:>9}")
    print(f"{'all':<16} {len(raised):>6} {len({r.article.id for r in raised}):>9}")
    print(
        f"\nTime: extraction {extracting:.1f} s (the baseline), self-checks {checking:.1f} s "
        f"({checking / extracting:.0%} of extraction, "
        f"{checking / len(articles) * 1e3:.1f} ms an article)"
    )


def show(raised: list[Raised], check: str, sample: int, seed: int) -> None:
    pool = [r for r in raised if r.check == check]
    chosen = pool if len(pool) <= sample else random.Random(seed).sample(pool, sample)
    print(f"\n{check}: {len(chosen)} of {len(pool)} flags (seed {seed})")
    for i, r in enumerate(chosen, 1):
        sentence = " ".join(r.sentence.split())
        when = f", published {r.article.published}" if r.article.published else ""
        print(f"\n[{i}] {r.article.corpus} {r.article.id}{when}")
        print(f"    flag:     {r.message}")
        print(f"    sentence: {sentence}")


# Planted slips ----------------------------------------------------------------------------------
#
# Each check gets slips planted where a real article gives it something to check: a site is a
# place in a real article, its control is the article with nothing wrong (in the same context:
# a year written, a publication date given), its slip the same text with one figure changed the
# way a writer gets it wrong. A slip is caught when the check flags a claim of the changed
# sentence; a flag anywhere else in a planted article beyond those of its control, and any flag on
# a control, is a false alarm unless the original itself is wrong (read them with --show-planted).
# A "cannot check" control is a slip the check has no means to see (no year and no publication
# date): it must raise nothing.

# The BBC pages carry no publication date: the checks that count from today (a duration since a
# year, an anniversary) are given this one in the planted runs (the set is of late 2004 and early
# 2005), and every year planted beside them is counted from it.
BBC_PUBLISHED = dt.date(2005, 3, 1)
# Sites sampled per variant where the corpus offers more (the nearest patterns).
PER_VARIANT = 40
_WORD_NUMBERS = dict(ONES) | {"ten": 10}
_NUMBER_NAMES = {n: w for w, n in ONES.items()}
_FULL_MONTHS = [m for m in MONTHS if m not in ABBREVIATED_MONTHS]
_MONTH_NAMES = {n: m for m, n in MONTHS.items() if m in _FULL_MONTHS}
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{'|'.join(_FULL_MONTHS)})\b"
)
_STAMP_AFTER = re.compile(r"\s*\n\s*\d{4}\s*GMT")


@dataclass(frozen=True, slots=True)
class Site:
    """A place in a real article with something to check, its control and its slip."""

    check: str
    variant: str
    article: NewsArticle
    published: dt.date | None
    control: str
    slip: str | None  # None: a cannot-check control, where nothing may be flagged
    at: int  # where the slip is in `slip`: a flag on a claim of its sentence catches it
    note: str


@dataclass(frozen=True, slots=True)
class Outcome:
    site: Site
    caught: list[str]  # the check's messages on the slip's sentence
    elsewhere: list[str]  # the check's messages elsewhere in the slip, beyond the control's
    control: list[str]  # the check's messages on the control


def _sites(articles: list[NewsArticle], tables: list[pd.DataFrame], seed: int) -> list[Site]:
    """Every variant's sites, sampled to PER_VARIANT where there are more; seeded."""
    found: dict[tuple[str, str], list[Site]] = {}
    for article, claims in zip(articles, tables, strict=True):
        rows: list[Row] = [{str(k): v for k, v in row.items()} for row in claims.to_dict("records")]
        for finder in _FINDERS:
            # One generator per finder and article: a change to one finder moves no other slip.
            rng = random.Random(f"{seed}:{finder.__name__}:{article.id}")
            for site in finder(article, rows, rng):
                found.setdefault((site.check, site.variant), []).append(site)
    order = {check: i for i, check in enumerate(CHECKS)}
    sites: list[Site] = []
    for key in sorted(found, key=lambda key: order[key[0]]):
        pool = found[key]
        sites += pool if len(pool) <= PER_VARIANT else random.Random(seed).sample(pool, PER_VARIANT)
    return sites


def _today(article: NewsArticle) -> dt.date | None:
    """The publication date the checks that count from today are given."""
    return article.published or (BBC_PUBLISHED if article.corpus == "bbc" else None)


def _edit(text: str, start: int, end: int, new: str) -> str:
    return text[:start] + new + text[end:]


def _say(n: int, like: str) -> str:
    """`n` written the way `like` is: a word for a word (up to nineteen), else digits."""
    return _NUMBER_NAMES[n] if like.isalpha() and n in _NUMBER_NAMES else str(n)


def _number_of(word: str) -> int | None:
    return int(word) if word.isdigit() else _WORD_NUMBERS.get(word.lower())


def _off_by(rng: random.Random, n: int, steps: tuple[int, ...], least: int = 1) -> int:
    """`n` changed by one of `steps`, up or down, never below `least`."""
    step = rng.choice(steps)
    return n + step if rng.random() < 0.5 or n - step < least else n - step


def _retyped(number: str, rng: random.Random) -> str:
    """A figure with its first digit mistyped: "5,200" -> "7,200", "1.13" -> "3.13"."""
    at = next(i for i, c in enumerate(number) if c.isdigit() and c != "0")
    digit = int(number[at])
    choices = [d for d in range(1, 10) if d != digit]
    return number[:at] + str(rng.choice(choices)) + number[at + 1 :]


# weekday: a real weekday beside its date ("Sunday 27 February"); the BBC writes no year, so the
# date gets the year (2004 or 2005) its weekday fits, written or as the publication date.
def _weekday_sites(article: NewsArticle, rows: list[Row], rng: random.Random) -> Iterator[Site]:
    text = article.text
    dates = [r for r in rows if r["kind"] == "date"]
    for previous, row in zip([None, *dates], dates, strict=False):
        start, end = int(row["start"]), int(row["end"])
        if str(row["text"]) in WEEKDAYS:
            if text[start - 3 : start] == "on ":
                yield from _weekday_planted(article, row, rng)
            continue
        own = re.search(r"\b(?:" + "|".join(WEEKDAYS) + r")\b", str(row["text"]))
        beside = previous is not None and str(previous["text"]) in WEEKDAYS
        if beside and previous is not None:
            beside = bool(re.fullmatch(r"[\s,(]{0,3}", text[int(previous["end"]) : start]))
        if own is not None:
            named = own.group()
        elif beside and previous is not None:
            named = str(previous["text"])
        else:
            continue
        m = _DAY_MONTH.search(text, start, end)
        if m is None:
            continue
        day, month = int(m["day"]), MONTHS[m["month"]]
        shifted = _shifted_day(2004, month, day, rng)
        slip = _edit(text, m.start("day"), m.end("day"), str(shifted))
        note = f"{named} {day} -> {shifted} {m['month']}"
        if _STAMP_AFTER.match(text, m.end()) or "\n" in str(row["text"]):
            yield Site("weekday", "time stamp, cannot check", article, None, slip, None, 0, note)
            continue
        fits = [y for y in (2004, 2005) if dt.date(y, month, day).weekday() == WEEKDAYS[named]]
        if len(fits) != 1:
            continue
        year = fits[0]
        written = _edit(text, m.end(), m.end(), f" {year}")
        shifted_written = _edit(written, m.start("day"), m.end("day"), str(shifted))
        at = m.start("day")
        yield Site(
            "weekday",
            "real, year written",
            article,
            None,
            written,
            shifted_written,
            at,
            f"{note} {year}",
        )
        when = dt.date(year, month, day) + dt.timedelta(days=rng.randint(-6, 6))
        yield Site(
            "weekday",
            "real, publication date",
            article,
            when,
            text,
            slip,
            at,
            f"{note}, published {when}",
        )
        yield Site("weekday", "real, no year, cannot check", article, None, slip, None, 0, note)


def _weekday_planted(article: NewsArticle, row: Row, rng: random.Random) -> Iterator[Site]:
    """Nearest pattern: "on Friday" in a real sentence, with a full date planted beside it."""
    text, end = article.text, int(row["end"])
    if re.match(r",?\s*(?:\d|the\b|" + "|".join(_FULL_MONTHS) + ")", text[end : end + 12]):
        return
    weekday = WEEKDAYS[str(row["text"])]
    first = dt.date(2004, 1, 1) + dt.timedelta(days=rng.randrange(700))
    date = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    shifted = _shifted_day(date.year, date.month, date.day, rng)
    control = _edit(text, end, end, f" {date.day} {_MONTH_NAMES[date.month]} {date.year}")
    slip = _edit(text, end, end, f" {shifted} {_MONTH_NAMES[date.month]} {date.year}")
    note = f"{row['text']} {date.day} -> {shifted} {_MONTH_NAMES[date.month]} {date.year}"
    yield Site(
        "weekday", "date planted beside a real weekday", article, None, control, slip, end + 1, note
    )


def _shifted_day(year: int, month: int, day: int, rng: random.Random) -> int:
    """The day moved by 1-6 days within its month (no 29 February)."""
    step = rng.randint(1, 6)
    last = (
        28 if month == 2 else (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(1)).day
    )
    return day + step if day + step <= last else day - step


# duration: "for N years from Y1 to Y2", and "the first ... in N years" beside "since YEAR".
_SPAN = re.compile(
    r"\bfor (?P<n>\d+|[a-z]+) years?\b[^.,;:!?]{0,30}?\b(?:from|between) (?P<y1>\d{4}) "
    r"(?:to|and) (?P<y2>\d{4})\b"
)
_CUE = re.compile(
    r"\b(?:first|last|best|worst|highest|lowest|biggest|largest|strongest|weakest)\b"
    r"[^.;:!?,\n]{0,60}$",
    re.IGNORECASE,
)
_YEARS = re.compile(r"^(?:in|for) (?:the (?:last|past) )?(?P<n>\d+|[a-z]+) years$")


def _duration_sites(article: NewsArticle, rows: list[Row], rng: random.Random) -> Iterator[Site]:
    text, today = article.text, _today(article)
    spans = [m for m in _SPAN.finditer(text) if _number_of(m["n"]) is not None]
    for m in spans:
        n = _number_of(m["n"]) or 0
        wrong = _off_by(rng, n, (2, 3))
        slip = _edit(text, m.start("n"), m.end("n"), _say(wrong, m["n"]))
        yield Site(
            "duration",
            "real span",
            article,
            None,
            text,
            slip,
            m.start("n"),
            f"{m.group()}: {n} -> {wrong}",
        )
    for row in rows:
        start, end, value = int(row["start"]), int(row["end"]), str(row["value"] or "")
        before = text[max(0, start - 70) : start]
        if (
            row["kind"] == "date"
            and row["qualifier"] == "range"
            and re.fullmatch(r"\d{4}/\d{4}", value)
        ):
            if any(m.start() <= start < m.end() for m in spans):
                continue
            yield from _span_planted(article, row, rng)
        elif row["kind"] == "date" and row["qualifier"] == "since" and today is not None:
            year = re.fullmatch(r"(\d{4})(?:-\d\d)?", value)
            if year is None or not re.search(r"\bfirst\b[^.;:!?,]{0,50}$", before):
                continue
            n = today.year - int(year.group(1))
            if n < 2:
                continue
            wrong = _off_by(rng, n, (2, 3), least=2)
            control = _edit(text, start, start, f"in {_say(n, 'x')} years, ")
            slip = _edit(text, start, start, f"in {_say(wrong, 'x')} years, ")
            yield Site(
                "duration",
                "duration planted beside a real 'first ... since'",
                article,
                today,
                control,
                slip,
                start,
                f"in {wrong} years, {row['text']}",
            )
        elif row["kind"] == "duration" and today is not None and row["qualifier"] is None:
            counted = _YEARS.match(str(row["text"]))
            years = _number_of(counted["n"]) if counted else None
            if counted is None or years is None or years < 2 or not _CUE.search(before):
                continue
            wrong = _off_by(rng, years, (2, 3), least=2)
            control = _edit(text, end, end, f", since {today.year - years}")
            number = slice(start + counted.start("n"), start + counted.end("n"))
            slip = _edit(control, number.start, number.stop, _say(wrong, counted["n"]))
            yield Site(
                "duration",
                "'since' planted beside a real 'first ... in N years'",
                article,
                today,
                control,
                slip,
                start,
                f"{row['text']} -> {wrong}, since {today.year - years}",
            )


def _span_planted(article: NewsArticle, row: Row, rng: random.Random) -> Iterator[Site]:
    """Nearest pattern: a real "from 1941 to 1945" with "for four years" planted before it."""
    text, start, end = article.text, int(row["start"]), int(row["end"])
    m = re.fullmatch(r"(?:from|between) (\d{4}) (?:to|and) (\d{4})", str(row["text"]))
    if m is None or re.match(r"\s*GMT", text[end:]):
        return
    n = int(m[2]) - int(m[1])
    if n < 2 or int(m[2]) > 2015:
        return
    wrong = _off_by(rng, n, (2, 3))
    control = _edit(text, start, start, f"for {_say(n, 'x')} years ")
    slip = _edit(text, start, start, f"for {_say(wrong, 'x')} years ")
    yield Site(
        "duration",
        "duration planted beside a real year span",
        article,
        None,
        control,
        slip,
        start,
        f"for {wrong} years {row['text']}",
    )


# anniversary: a real "Nth anniversary of ..." with the event's year in the article, or planted
# beside the event ("... of Presley's birth in 1935"), counted from the anniversary's year.
_ORDINAL = re.compile(r"^(?P<n>\d+)(?:st|nd|rd|th)\b")
_OF_PHRASE_END = re.compile(
    r"[,.;:!?\"“”()]|\s[-–—]\s|\s(?:by|with|in|on|at|to|and|which|who|has|have|was|were|will)\s"
)


def _ordinal(n: int) -> str:
    suffix = "th" if n % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _anniversary_sites(article: NewsArticle, rows: list[Row], rng: random.Random) -> Iterator[Site]:
    text, today = article.text, _today(article)
    for row in rows:
        if row["kind"] != "ordinal" or "anniversary" not in str(row["text"]).lower():
            continue
        m = _ORDINAL.match(str(row["text"]))
        if m is None or today is None:
            continue
        start, end, n = int(row["start"]), int(row["end"]), int(m["n"])
        stated = [
            int(r["value"]) for r in rows
            if r["kind"] == "date" and r["sentence_index"] == row["sentence_index"]
            and int(r["end"]) <= start and re.fullmatch(r"\d{4}", str(r["value"] or ""))
        ]  # fmt: skip
        year = stated[-1] if stated else today.year
        wrong = _off_by(rng, n, (2, 5, 10))
        slip = _edit(text, start, start + m.end(), _ordinal(wrong))
        note = f"{row['text']} -> {_ordinal(wrong)}"
        elsewhere = [
            r for r in rows
            if r["kind"] == "date" and re.fullmatch(r"\d{4}(?:-\d\d){0,2}", str(r["value"] or ""))
            and abs(int(str(r["value"])[:4]) + n - year) <= (0 if stated else 1)
            and r["sentence_index"] != row["sentence_index"]
        ]  # fmt: skip
        if elsewhere:
            event = elsewhere[0]
            yield Site(
                "anniversary",
                "real, event's year elsewhere",
                article,
                today,
                text,
                slip,
                start,
                f"{note} (event: {event['text']!r})",
            )
        if text[end : end + 4] != " of ":
            continue
        stop = _OF_PHRASE_END.search(text, end + 4, end + 124)
        at = stop.start() if stop else end + 4
        if at <= end + 4 or re.search(r"\d{4}", text[end:at]):
            continue
        beside = f" in {year - n}"
        control = _edit(text, at, at, beside)
        slip = _edit(control, start, start + m.end(), _ordinal(wrong))
        yield Site(
            "anniversary",
            "event's year planted beside the event",
            article,
            today,
            control,
            slip,
            start,
            f"{note}{beside}",
        )
        if article.published is None and not stated:
            yield Site(
                "anniversary",
                "event's year planted, no date, cannot check",
                article,
                None,
                slip,
                None,
                0,
                f"{note}{beside}",
            )


# shares: a real list of answers of one poll ("63% supported a hunting ban compared with 24%
# against"), one share raised so that the list adds up to more than 100%.
_JOIN = re.compile(
    r"^[^.;:]{0,90}?(?:,|;|\band\b|\bwhile\b|\bwith\b|\bcompared (?:with|to)\b|\bas against\b|"
    r"\bbut\b)(?:\s+(?:just|only|another|a further|the other|the remaining|some))?\s*$"
)
_ASKED = re.compile(
    r"\b(?:said|say|says|believe|think|poll|polled|survey|surveyed|found|questioned|asked|"
    r"respondents)\b"
)
_ANSWER = re.compile(
    r"[\s,]*(?:(?:of (?:respondents|those (?:polled|questioned|asked)|people|voters|the public)"
    r"[\s,]*)?(?:who |saying |said |say |says |disagreed|agreed|against|in favour|opposed|"
    r"supported|backed|did not|thought|think|believe|felt|plan|saw |would |were (?:optimistic|"
    r"pessimistic|satisfied|dissatisfied|undecided|unsure|happy|unhappy|for|against)))"
)


def _share_sites(article: NewsArticle, rows: list[Row], rng: random.Random) -> Iterator[Site]:
    text = article.text
    shares = [
        r for r in rows
        if r["kind"] == "percent" and r["unit"] is None and _NUMBER.search(str(r["text"]))
    ]  # fmt: skip
    for a, b in itertools.pairwise(shares):
        if a["sentence_index"] != b["sentence_index"]:
            continue
        between = text[int(a["end"]) : int(b["start"])]
        if not (_JOIN.match(between) and _ANSWER.match(text, int(b["end"]))):
            continue
        sentence = str(a["sentence"])
        asked = sentence[: max(0, sentence.find(str(a["text"])))]
        if not _ANSWER.match(text, int(a["end"])) and not _ASKED.search(asked):
            continue
        total = float(a["value"]) + float(b["value"])
        if total > 1:
            continue  # not one whole
        raised = rng.choice((a, b))
        old = _NUMBER.search(str(raised["text"]))
        assert old is not None
        new = round(float(old.group()) + (1 - total) * 100 + rng.randint(3, 15))
        if new >= 100:
            continue
        at = int(raised["start"]) + old.start()
        slip = _edit(text, at, old.end() + int(raised["start"]), str(new))
        other = b if raised is a else a
        note = f"{raised['text']} -> {new}% (with {other['text']})"
        yield Site("shares", "real list of one whole", article, None, text, slip, at, note)


# repeated_figure: a real figure stated twice, the later one changed; and a real sentence copied
# into a later paragraph with its figure changed (the control copies it unchanged).
_LEVEL_KINDS = ("percent", "money", "count", "quantity")
_NOT_LEVEL = re.compile(
    r"(?:\b(?:from|by|than|per|of|around|between|against|with|"
    + "|".join(sorted(RISE_WORDS | FALL_WORDS))
    + r")\s+$|[(/-]\s*$|\$\s*$)",
    re.IGNORECASE,
)


def _is_level(text: str, row: Row) -> bool:
    """A figure that states an amount: not a change, an old value, a rate's base or a gloss."""
    if row["kind"] not in _LEVEL_KINDS or isinstance(row["value"], list):
        return False
    if row["kind"] == "count" and not row["unit"]:
        return False
    if row["qualifier"] not in (None, "approx") or not _NUMBER.search(str(row["text"])):
        return False
    start, end = int(row["start"]), int(row["end"])
    if re.match(r"\s*[A-Z]", text[end : end + 3]) or re.match(r"\d+ [A-Z]", str(row["text"])):
        return False  # a name: "50 Cent", "666 Park Avenue"
    after = text[end : end + 12].lower()
    return not _NOT_LEVEL.search(text[max(0, start - 20) : start]) and not re.match(
        r"\s*(?:\)|more|less|higher|lower|up|down|rise|fall|increase|points?|than|a |an |per)",
        after,
    )


def _clause(row: Row) -> Words:
    sentence, text = str(row["sentence"]), str(row["text"])
    at = max(0, sentence.find(text))
    return clause_words(sentence, at, at + len(text))


def _repeat_sites(article: NewsArticle, rows: list[Row], rng: random.Random) -> Iterator[Site]:
    text = article.text
    levels = [r for r in rows if _is_level(text, r)]
    seen: dict[tuple[object, ...], Row] = {}
    for row in levels:
        key = (row["kind"], row["unit"], str(row["value"]))
        first = seen.setdefault(key, row)
        if first is not row and first["sentence_index"] != row["sentence_index"]:
            ours, theirs = _clause(first), _clause(row)
            names, common = ours.names & theirs.names, ours.common & theirs.common
            if not (names and common) and len(common) < 2:
                continue  # two figures that happen to be equal, not one restated
            number = _NUMBER.search(str(row["text"]))
            assert number is not None
            at = int(row["start"]) + number.start()
            slip = _edit(text, at, at + len(number.group()), _retyped(number.group(), rng))
            wrong = slip[int(row["start"]) : int(row["end"]) + len(slip) - len(text)]
            note = f"{row['text']} -> {wrong} (first: {first['text']})"
            variant = "real figure restated, the later one changed"
            yield Site("repeated_figure", variant, article, None, text, slip, at, note)
    spans = sentence_spans(text)
    paragraphs = [m.start() for m in re.finditer(r"\n\s*\n", text)] + [len(text)]
    for row in levels:
        index = int(row["sentence_index"])
        if not row["subject"]:
            continue
        if index >= len(spans):
            continue
        s_start, s_end = spans[index]
        later = [p for p in paragraphs if p > s_end]
        if len(later) < 2 or "\n" in text[s_start:s_end]:
            continue  # a copy needs a paragraph between
        sentence = text[s_start:s_end]
        insert = later[1]
        control = _edit(text, insert, insert, "\n\n" + sentence)
        offset = insert + 2 + int(row["start"]) - s_start
        number = _NUMBER.search(str(row["text"]))
        assert number is not None
        at = offset + number.start()
        wrong = _retyped(number.group(), rng)
        slip = _edit(control, at, at + len(number.group()), wrong)
        note = f"{row['text']} -> {wrong} in a copy of: {sentence[:70]}"
        variant = "real sentence copied later, its figure changed"
        yield Site("repeated_figure", variant, article, None, control, slip, at, note)


# arithmetic: a real change stated with the two figures it runs between, the change doubled.
_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|rise|risen|fell|fall|fallen|jumped|climbed|dropped|increased|grew|declined|"
    r"slumped|surged|gained|lost|slipped|up|down)(?: by)? $"
)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_ROLE_BEFORE = re.compile(r"(?:to |from |with )(?=(?:\S+ ){0,2}$)")
_CLAUSE_BREAK = re.compile(r";(?![^()]*\))|\b(?:while|whereas|but|although)\b")


def _arithmetic_sites(article: NewsArticle, rows: list[Row], rng: random.Random) -> Iterator[Site]:
    """Percent changes followed in their clause by a "to" figure and a "from" figure of one kind
    and unit: "jumped 76% to $1.13bn (£600m) ... from $639m"."""
    text = article.text
    figures = [r for r in rows if r["kind"] in _LEVEL_KINDS]
    for row in figures:
        start = int(row["start"])
        if row["kind"] != "percent" or not _CHANGE_BEFORE.search(text[max(0, start - 20) : start]):
            continue
        if row["qualifier"] is not None:
            continue
        after = [
            r for r in figures
            if r["sentence_index"] == row["sentence_index"] and int(r["start"]) > start
            and not _CLAUSE_BREAK.search(text, start, int(r["start"]))
        ][:4]  # fmt: skip
        by_role = {
            (_ROLE_BEFORE.search(text[max(0, int(r["start"]) - 16) : int(r["start"])]) or [""])[0]:
            r for r in after
        }  # fmt: skip
        roles = {k: (r["kind"], r["unit"], r["qualifier"]) for k, r in by_role.items()}
        to = roles.get("to ")
        if to is None or to[2] is not None or to not in (roles.get("from "), roles.get("with ")):
            continue
        number = _NUMBER.search(str(row["text"]))
        assert number is not None
        digits = number.group().replace(",", "")
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        doubled = f"{float(digits) * 2:.{decimals}f}"
        at = start + number.start()
        slip = _edit(text, at, at + len(number.group()), doubled)
        yield Site(
            "arithmetic",
            "real change with its two figures",
            article,
            None,
            text,
            slip,
            at,
            f"{row['text']} -> {doubled}%",
        )
        new = by_role["to "]
        figure = _NUMBER.search(str(new["text"]))
        if figure is None or re.search(r",\s|\band\b", text[int(row["end"]) : int(new["start"])]):
            continue  # "grew 15.7% ..., and inflation slowed to 4.3%": another clause's figure
        at = int(new["start"]) + figure.start()
        wrong = _retyped(figure.group(), rng)
        slip = _edit(text, at, at + len(figure.group()), wrong)
        note = f"{new['text']} -> {wrong} (the change stated: {row['text']})"
        yield Site("arithmetic", "real change, its new figure mistyped", article, None, text,
                   slip, at, note)  # fmt: skip


_FINDERS = (
    _arithmetic_sites,
    _share_sites,
    _weekday_sites,
    _duration_sites,
    _anniversary_sites,
    _repeat_sites,
)


def _check_flags(
    text: str, published: dt.date | None, check: str, cache: dict[tuple[str, object], list]
) -> list[tuple[int, str]]:
    """(claim start, message) of the flags `check` raises on `text`."""
    key = (text, published)
    if key not in cache:
        claims = extract_claims(text, published=published)
        flags = self_check(text, claims, published=published)
        starts = dict(zip(claims["claim_id"], claims["start"], strict=True))
        cache[key] = [(f.check, int(starts[f.claim_id]), f.message) for f in flags.itertuples()]
    return [(start, message) for name, start, message in cache[key] if name == check]


def planted(sites: list[Site]) -> list[Outcome]:
    cache: dict[tuple[str, object], list] = {}
    outcomes = []
    for site in sites:
        control = [m for _, m in _check_flags(site.control, site.published, site.check, cache)]
        if site.slip is None:
            outcomes.append(Outcome(site, [], [], control))
            continue
        flags = _check_flags(site.slip, site.published, site.check, cache)
        span = next(s for s in sentence_spans(site.slip) if s[0] <= site.at < s[1])
        caught = [m for start, m in flags if span[0] <= start < span[1]]
        # A flag elsewhere is new when the control has none on the same claim: past the slip,
        # the two texts differ by the length the slip changed.
        shift = len(site.slip) - len(site.control)
        before = {
            start for start, _ in _check_flags(site.control, site.published, site.check, cache)
        }
        new = [
            m for start, m in flags
            if not span[0] <= start < span[1]
            and (start if start < site.at else start - shift) not in before
        ]  # fmt: skip
        outcomes.append(Outcome(site, caught, new, control))
    return outcomes


def report_planted(outcomes: list[Outcome], raised: list[Raised]) -> None:
    print(
        "\nPlanted slips in real articles (seeded). caught: flagged on the changed sentence; "
        "elsewhere: flags beyond the control's away from it; controls: the same text with "
        "nothing wrong, or a slip that cannot be checked, and how many of them are flagged; "
        "originals: flags on the untouched articles"
    )
    head = f"  {'check':<16}{'variant':<52} {'planted':>7} {'caught':>6} {'recall':>6} "
    print(head + f"{'elsewhere':>9} {'controls':>8} {'flagged':>7}")
    originals = Counter(r.check for r in raised)
    for check in CHECKS:
        mine = [o for o in outcomes if o.site.check == check]
        for variant in sorted(dict.fromkeys(o.site.variant for o in mine), key=_real_first):
            _planted_row(check, variant, [o for o in mine if o.site.variant == variant])
        _planted_row(check, f"all (originals: {originals[check]} flags)", mine)


def _real_first(variant: str) -> tuple[bool, bool]:
    """Real patterns first, then the nearest patterns, then the cannot-check controls."""
    return "cannot check" in variant, not variant.startswith("real")


def _planted_row(check: str, label: str, outcomes: list[Outcome]) -> None:
    slips = [o for o in outcomes if o.site.slip is not None]
    caught = sum(1 for o in slips if o.caught)
    elsewhere = sum(len(o.elsewhere) for o in slips)
    control_flags = sum(1 for o in outcomes if o.control)
    recall = f"{caught / len(slips):.0%}" if slips else "-"
    print(
        f"  {check:<16}{label:<52} {len(slips):>7} {caught:>6} {recall:>6} {elsewhere:>9} "
        f"{len(outcomes):>8} {control_flags:>7}"
    )


def show_planted(outcomes: list[Outcome], check: str) -> None:
    """Every slip of `check` missed, every flag raised elsewhere or on a control, and the
    messages on the slips caught."""
    mine = [o for o in outcomes if o.site.check == check]
    for title, pick in (
        ("missed", lambda o: o.site.slip is not None and not o.caught),
        ("flags elsewhere", lambda o: bool(o.elsewhere)),
        ("flags on controls", lambda o: bool(o.control)),
        ("caught", lambda o: bool(o.caught)),
    ):
        chosen = [o for o in mine if pick(o)]
        print(f"\n{check}: {title} ({len(chosen)})")
        for o in chosen:
            site = o.site
            text = site.slip if site.slip is not None else site.control
            span = next((s for s in sentence_spans(text) if s[0] <= site.at < s[1]), (0, 0))
            when = f", published {site.published}" if site.published else ""
            print(
                f"\n  [{site.variant}] {site.article.corpus} {site.article.id}{when}: {site.note}"
            )
            print(f"    sentence: {' '.join(text[span[0] : span[1]].split())}")
            for message in o.caught if title == "caught" else o.elsewhere + o.control:
                print(f"    flag:     {message}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=CHECKS, help="print a sample of this check's flags")
    parser.add_argument("--sample", type=int, default=30, help="flags to print with --show")
    parser.add_argument("--seed", type=int, default=7, help="seed of the sample")
    parser.add_argument("--no-stamps", action="store_true", help="no dates from page stamps")
    parser.add_argument(
        "--bbc-published",
        type=dt.date.fromisoformat,
        help="give every BBC page this publication date (YYYY-MM-DD)",
    )
    parser.add_argument("--planted", action="store_true", help="also measure planted slips")
    parser.add_argument(
        "--show-planted", choices=CHECKS, help="with --planted: print this check's planted slips"
    )
    args = parser.parse_args()
    articles = load(EVAL / "news", stamps=not args.no_stamps, bbc=args.bbc_published)
    raised, tables, extracting, checking = run(articles)
    report(articles, raised, extracting, checking)
    if args.show:
        show(raised, args.show, args.sample, args.seed)
    if args.planted or args.show_planted:
        start = time.perf_counter()
        outcomes = planted(_sites(articles, tables, args.seed))
        report_planted(outcomes, raised)
        print(f"\nPlanted runs: {time.perf_counter() - start:.1f} s")
        if args.show_planted:
            show_planted(outcomes, args.show_planted)


if __name__ == "__main__":
    main()
