"""Dates and durations: values at the precision written, relative dates resolved by tense."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from claims.dates import words as datewords
from claims.dates.find import PRIORITY, find_dates
from claims.extract import extract_claims
from claims.found import Found
from claims.reading.sentences import sentence_spans

REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED = REPO_ROOT.parent / "shared"
SEED_TEXT = REPO_ROOT / "seeds" / "000_c76c75e25c87b28b.txt"
SEED_GOLD = REPO_ROOT / "tests" / "seed-gold.jsonl"
BBC = SHARED / "eval" / "news" / "bbc-dev.jsonl"
PUBLISHED = date(2025, 8, 28)  # a Thursday, as the seed article

Row = tuple[str, str, Any, str | None]


def found(text: str, published: date | None = PUBLISHED) -> list[Found]:
    return find_dates(text, sentence_spans(text), published=published)


def rows(text: str, published: date | None = PUBLISHED) -> list[Row]:
    return [(text[f.start : f.end], f.kind, f.value, f.qualifier) for f in found(text, published)]


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must have ../shared/eval beside the checkout)")
    pytest.skip(reason)


FULL_DATES: list[tuple[str, list[Row]]] = [
    ("The parade is on Sept. 3.", [("Sept. 3", "date", "2025-09-03", None)]),
    ("It opened on September 3, 2025.", [("September 3, 2025", "date", "2025-09-03", None)]),
    ("It opened on 3 September 2025.", [("3 September 2025", "date", "2025-09-03", None)]),
    ("It will open on Sep 3rd.", [("Sep 3rd", "date", "2025-09-03", None)]),
    ("On the 3rd of September it rained.", [("3rd of September", "date", "2025-09-03", None)]),
    ("Out Wednesday, Sept. 4, 2025.", [("Wednesday, Sept. 4, 2025", "date", "2025-09-04", None)]),
    ("It opened Wednesday 3 September.", [("Wednesday 3 September", "date", "2025-09-03", None)]),
    ("The file is dated 2025-09-03.", [("2025-09-03", "date", "2025-09-03", None)]),
    ("The form was signed 9/3/2025.", [("9/3/2025", "date", "2025-09-03", None)]),
    ("The form was signed 25/12/2024.", [("25/12/2024", "date", "2024-12-25", None)]),
    # No such day: only the year is certain.
    ("It was due on February 30, 2025.", [("2025", "date", "2025", None)]),
]  # fmt: skip
MONTHS_AND_YEARS: list[tuple[str, list[Row]]] = [
    ("He took power in December 2011.", [("in December 2011", "date", "2011-12", None)]),
    ("It ended in December.", [("in December", "date", "2024-12", None)]),
    ("Talks will resume in December.", [("in December", "date", "2025-12", None)]),
    ("They met last December.", [("last December", "date", "2024-12", None)]),
    ("He cut taxes in his March budget.", [("March", "date", "2025-03", None)]),
    ("In 2023, trade grew.", [("In 2023", "date", "2023", None)]),
    ("The 2004 election was close.", [("2004", "date", "2004", None)]),
    ("The 1990s were good.", [("The 1990s", "date", "199X", None)]),
    ("In the '90s it was fine.", [("In the '90s", "date", "199X", None)]),
    ("Phones were popular in the mid-80s.", [("in the mid-80s", "date", "198X", "mid")]),
    ("Farming in the 1800s was hard.", [("in the 1800s", "date", "18XX", None)]),
    ("Spring 2024 was wet.", [("Spring 2024", "date", "2024", None)]),
    ("It was the summer of 2004.", [("the summer of 2004", "date", "2004", None)]),
]  # fmt: skip
RANGES_AND_PARTS: list[tuple[str, list[Row]]] = [
    ("Between 2019 and 2021 it fell.", [("Between 2019 and 2021", "date", "2019/2021", "range")]),
    ("It fell from 2019 to 2021.", [("from 2019 to 2021", "date", "2019/2021", "range")]),
    ("It fell in 2019-2021.", [("in 2019-2021", "date", "2019/2021", "range")]),
    ("It fell in 2019–21.", [("in 2019–21", "date", "2019/2021", "range")]),
    ("Borrowing for 2003/4 rose.", [("2003/4", "date", "2003/2004", "range")]),
    ("The 1999-00 season.", [("1999-00", "date", "1999/2000", "range")]),
    ("Kuhnert (1865 - 1926) painted.", [("1865 - 1926", "date", "1865/1926", "range")]),
    ("He took office in late 2011.", [("in late 2011", "date", "2011", "late")]),
    ("It opens mid-2024.", [("mid-2024", "date", "2024", "mid")]),
    ("It opens in early September.", [("in early September", "date", "2025-09", "early")]),
    ("It was built in the late 1960s.", [("in the late 1960s", "date", "196X", "late")]),
    ("It will be done by the end of 2024.", [("by the end of 2024", "date", "2024", "late")]),
    ("His first trip since 2019.", [("since 2019", "date", "2019", "since")]),
    ("It happened before 2020.", [("before 2020", "date", "2020", "before")]),
    ("It happened after March.", [("after March", "date", "2025-03", "after")]),
    ("It ran until 1993.", [("until 1993", "date", "1993", "before")]),
    ("Fees apply from April 2007.", [("from April 2007", "date", "2007-04", "since")]),
    # Two years sharing a noun: the noun after the second makes neither a count.
    (
        "It restated 2000 and 2003 results.",
        [("2000", "date", "2000", None), ("2003", "date", "2003", None)],
    ),
    (
        "He lost the 2002 and 2004 finals.",
        [("2002", "date", "2002", None), ("2004", "date", "2004", None)],
    ),
]  # fmt: skip
RELATIVE: list[tuple[str, list[Row]]] = [
    ("The two countries said Thursday.", [("Thursday", "date", "2025-08-28", None)]),
    ("China will hold the parade on Wednesday.", [("Wednesday", "date", "2025-09-03", None)]),
    ("He arrived on Wednesday.", [("Wednesday", "date", "2025-08-27", None)]),
    ("The vote will be held on Monday.", [("Monday", "date", "2025-09-01", None)]),
    ("They met last Friday.", [("last Friday", "date", "2025-08-22", None)]),
    ("They meet next Monday.", [("next Monday", "date", "2025-09-01", None)]),
    ("Shares fell early Monday.", [("early Monday", "date", "2025-08-25", "early")]),
    ("It is due today.", [("today", "date", "2025-08-28", None)]),
    ("It was found yesterday.", [("yesterday", "date", "2025-08-27", None)]),
    ("It opens tomorrow.", [("tomorrow", "date", "2025-08-29", None)]),
    ("He spoke last night.", [("last night", "date", "2025-08-27", None)]),
    ("Sales rose last week.", [("last week", "date", "2025-W34", None)]),
    ("They met this week.", [("this week", "date", "2025-W35", None)]),
    ("They meet next week.", [("next week", "date", "2025-W36", None)]),
    ("Sales rose last month.", [("last month", "date", "2025-07", None)]),
    ("Sales rose this month.", [("this month", "date", "2025-08", None)]),
    ("Sales will rise next month.", [("next month", "date", "2025-09", None)]),
    ("Last year was bad.", [("Last year", "date", "2024", None)]),
    ("This year's show.", [("This year", "date", "2025", None)]),
    ("It opens next year.", [("next year", "date", "2026", None)]),
    ("Earlier this year he quit.", [("Earlier this year", "date", "2025", None)]),
    ("It shrank late last year.", [("late last year", "date", "2024", "late")]),
    ("Arrested in April of last year.", [("in April of last year", "date", "2024-04", None)]),
    ("Paid until June 6 last year.", [("until June 6 last year", "date", "2024-06-06", "before")]),
    ("He left two days ago.", [("two days ago", "date", "2025-08-26", None)]),
    ("She left three years ago.", [("three years ago", "date", "2022", None)]),
    ("It began about 10,000 years ago.", [("about 10,000 years ago", "date", None, "approx")]),
    ("They played this weekend.", [("this weekend", "date", "2025-W35", None)]),
    ("Mines flooded over the weekend.", [("the weekend", "date", "2025-W34", None)]),
    ("Bones were found last summer.", [("last summer", "date", "2024", None)]),
]  # fmt: skip
DURATIONS: list[tuple[str, list[Row]]] = [
    ("His first visit in six years.", [("in six years", "duration", "P6Y", None)]),
    ("He will return in two weeks.", [("in two weeks", "duration", "P2W", None)]),
    ("It took five weeks.", [("five weeks", "duration", "P5W", None)]),
    ("It lasted 54 minutes.", [("54 minutes", "duration", "PT54M", None)]),
    ("It took 18 months.", [("18 months", "duration", "P18M", None)]),
    ("It took two and a half years.", [("two and a half years", "duration", "P2.5Y", None)]),
    ("It took an hour and a half.", [("an hour and a half", "duration", "PT1.5H", None)]),
    ("It took a decade.", [("a decade", "duration", "P10Y", None)]),
    ("It lasted for a year.", [("for a year", "duration", "P1Y", None)]),
    ("He stayed a fortnight.", [("a fortnight", "duration", "P2W", None)]),
    ("He served for 10 years.", [("for 10 years", "duration", "P10Y", None)]),
    ("He served twenty-five years.", [("twenty-five years", "duration", "P25Y", None)]),
    ("It won in 9.87 seconds.", [("in 9.87 seconds", "duration", "PT9.87S", None)]),
    ("A 24-hour strike began.", [("24-hour", "duration", "PT24H", None)]),
    ("It took half a century.", [("half a century", "duration", "P50Y", None)]),
    ("Ruled for over three decades.", [("for over three decades", "duration", "P30Y", None)]),
    ("More than three decades.", [("More than three decades", "duration", "P30Y", "more_than")]),
    ("It took about two hours.", [("about two hours", "duration", "PT2H", "approx")]),
    ("It takes at least 3 days.", [("at least 3 days", "duration", "P3D", "at_least")]),
    ("It takes up to five years.", [("up to five years", "duration", "P5Y", "at_most")]),
    ("It took nearly a fortnight.", [("nearly a fortnight", "duration", "P2W", "approx")]),
    ("It takes less than a week.", [("less than a week", "duration", "P1W", "less_than")]),
    ("Terms of two to three years.", [("two to three years", "duration", ["P2Y", "P3Y"], "range")]),
    (
        "Leave from six months to nine.",
        [("from six months", "duration", "P6M", None), ("nine", "duration", "P9M", None)],
    ),
    (
        "Profits rose for the three months to December.",
        [("three months", "duration", "P3M", None), ("to December", "date", "2025-12", None)],
    ),
]  # fmt: skip
NOT_CLAIMS = [
    "There were questions in recent years.",
    "In the coming weeks, things changed for years in the past.",
    "It happened recently and will happen soon, in a few weeks or several months.",
    "These days, many years went by over the coming years.",
    "The end of World War II.",
    "He drove Route 66 to the G7 summit.",
    "COVID-19 spread.",
    "About 2000 people came and 2000 km were driven.",
    "About 2000 and 2005 people came.",
    "It cost $2019 to fix, or £2019.",
    "The figures 1,2019 and 1.2019 are odd.",
    "Windows 2000 was released.",
    "A 55-year-old man and 18 to 24 year olds, over-55s and people aged 18 to 24 years.",
    "She is five years old and in her mid-80s; they are in their 80s.",
    "He paid £20,000 a year, twice a year, and works 24 hours a day.",
    "A 10-year high.",
    "One day he will go.",
    "Mrs May's aide and the May election.",
    "Jan Smith spoke. Mar-a-Lago was busy on Mondays.",
    "He was heard on the BBC's Today programme.",
    "It rose 2019% at 1800 GMT.",
    "PUBLISHED: . 08:03 EST, 13 March 2012 | UPDATED: . 05:10 EST, 14 March 2012",
    "Last updated at 14:11, 3 March 2012",
    "Prices rose over the last year and will rise for the next year.",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    FULL_DATES + MONTHS_AND_YEARS + RANGES_AND_PARTS + RELATIVE + DURATIONS,
)
def test_spans_values_and_qualifiers(text: str, expected: list[Row]) -> None:
    assert rows(text) == expected


@pytest.mark.parametrize("text", NOT_CLAIMS)
def test_not_claims(text: str) -> None:
    assert rows(text) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("The two countries said Thursday.", "Thursday"),
        ("Sales rose last week.", "last week"),
        ("It ended in December.", "in December"),
        ("The parade is on Sept. 3.", "Sept. 3"),
        ("He left two days ago.", "two days ago"),
    ],
)
def test_without_publication_date_relative_dates_are_found_without_value(
    text: str, span: str
) -> None:
    assert rows(text, published=None) == [(span, "date", None, None)]


def test_absolute_dates_need_no_publication_date() -> None:
    assert rows("It opened on 3 September 2025 in 2019.", published=None) == [
        ("3 September 2025", "date", "2025-09-03", None),
        ("in 2019", "date", "2019", None),
    ]


def test_month_day_takes_the_nearest_year_on_the_side_of_the_tense() -> None:
    new_year = date(2025, 1, 10)
    assert rows("They met on Dec. 20.", new_year) == [("Dec. 20", "date", "2024-12-20", None)]
    assert rows("They will meet on Jan. 5.", date(2024, 12, 20)) == [
        ("Jan. 5", "date", "2025-01-05", None)
    ]
    # A past-tense word near a date days ahead does not move it a year back.
    assert rows("He said he called it for Sept. 3.") == [("Sept. 3", "date", "2025-09-03", None)]


@pytest.mark.parametrize("marker", datewords.FUTURE_MARKERS)
def test_future_markers_point_a_weekday_ahead(marker: str) -> None:
    text = f"They {marker} meet on Monday."
    assert [f.value for f in found(text) if f.end == len(text) - 1] == ["2025-09-01"]


@pytest.mark.parametrize("marker", [*datewords.PAST_MARKERS, "walked", "announced"])
def test_past_markers_point_a_weekday_back(marker: str) -> None:
    text = f"They {marker} meet on Monday."
    assert [f.value for f in found(text) if f.end == len(text) - 1] == ["2025-08-25"]


def test_a_weekday_with_no_tense_is_the_last_one() -> None:
    assert rows("Monday: talks.") == [("Monday", "date", "2025-08-25", None)]


def test_every_candidate_outranks_bare_numbers() -> None:
    assert {f.priority for f in found("Since 2019, for six years, on Sept. 3.")} == {PRIORITY}
    assert PRIORITY > 0


def test_alternation_matches_the_longest_word_and_capitals() -> None:
    pattern = re.compile(datewords.alternation(["Jan", "January", "earlier this"], capitalize=True))
    for word in ("January", "Jan", "Earlier  this", "earlier this"):
        assert pattern.fullmatch(word), word
    assert not pattern.fullmatch("EARLIER THIS")


def test_seed_article_dates_match_the_gold() -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    gold = [json.loads(line) for line in SEED_GOLD.read_text(encoding="utf-8").splitlines()]
    results = found(text)
    for row in gold:
        overlapping = [f for f in results if f.start < row["end"] and row["start"] < f.end]
        if row["kind"] in ("date", "duration"):
            assert [(f.kind, f.value) for f in overlapping] == [(row["kind"], row["value"])], row
        elif row["kind"] == "not_a_claim":
            assert overlapping == [], row
    assert "in recent years" not in [text[f.start : f.end] for f in results]


def test_real_news_spans_are_exact_and_ordered() -> None:
    if not BBC.exists():
        skip_or_fail(f"the news corpus is not at {BBC}")
    articles = [json.loads(line)["text"] for line in BBC.read_text(encoding="utf-8").splitlines()]
    total = 0
    for text in articles:
        for published in (None, date(2005, 3, 1)):
            results = found(text, published)
            total += len(results)
            previous_end = 0
            for f in results:
                assert previous_end <= f.start < f.end <= len(text)
                assert text[f.start : f.end].strip() == text[f.start : f.end]
                assert f.kind in ("date", "duration") and f.priority == PRIORITY
                previous_end = f.end
    assert total > 6 * len(articles)  # news has a few dates an article


@pytest.mark.timeout(20)
@pytest.mark.parametrize(
    "text",
    [
        " ".join(["in the early 1990s since May last week two years ago between 2019"] * 16_000),
        "1" * 10_000,
        "2019-" * 20_000,
        '"' * 5_000 + "'" * 5_000 + "’" * 5_000,
        "in" + " " * 100_000 + "2019",
        "two and " * 50_000 + "years",
        "May 1 " * 20_000,
        "Monday " * 50_000,
    ],
    ids=["no-punctuation", "digits", "year-dashes", "quotes", "spaces", "ands", "dates", "days"],
)
def test_adversarial_input_stays_linear(text: str) -> None:
    for f in find_dates(text, sentence_spans(text), published=PUBLISHED):
        assert 0 <= f.start < f.end <= len(text)


def test_29_february_without_a_leap_year_near_publication_has_no_value() -> None:
    text = "The deadline is 29 February, officials said."
    none_near = extract_claims(text, published="2002-01-01")
    assert none_near[none_near["kind"] == "date"]["value"].tolist() == [None]
    leap = extract_claims(text, published="2004-01-01")
    assert leap[leap["kind"] == "date"]["value"].tolist() == ["2004-02-29"]
