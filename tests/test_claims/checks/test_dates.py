"""The weekday, duration and anniversary self-checks: what must flag, and what must not.

Sentences follow real news sentences (the seed article, BBC pages of 2004-05), altered where a
wrong date is needed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from claims import extract_claims
from claims.checks.selfcheck import self_check

PUBLISHED = dt.date(2025, 8, 28)


def flagged(text: str, check: str, published: dt.date | None = PUBLISHED) -> list[tuple[str, str]]:
    """(claim text, message) of the flags `check` raises on `text`."""
    claims = extract_claims(text, published=published)
    flags = self_check(text, claims, published=published)
    flags = flags[flags["check"] == check]
    texts = dict(zip(claims["claim_id"], claims["text"], strict=True))
    return [(texts[row.claim_id], row.message) for row in flags.itertuples()]


WEEKDAY_WRONG = [
    ("The vote will be held on Wednesday, Sept. 4, 2025.", PUBLISHED, "is a Thursday"),
    ("He arrived on Monday 3 January.", PUBLISHED, "3 January 2025 is a Friday"),
    # a coming date without a year is the next one: 3 January 2026 is a Saturday
    ("The talks open on Friday 3 January.", PUBLISHED, "3 January 2026 is a Saturday"),
    ("The vote was held on Wednesday (Sept 4).", PUBLISHED, "is a Thursday, not a Wednesday"),
    ("The summit opened on Tuesday, 4 September 2025.", None, "is a Thursday"),
    # the end of a paragraph after the date is not a line break inside it
    ("The vote was held on Wednesday, Sept. 4, 2025.\nIt passed.", None, "is a Thursday"),
]


@pytest.mark.parametrize(("text", "published", "says"), WEEKDAY_WRONG)
def test_a_weekday_that_does_not_fit_its_date_is_flagged(
    text: str, published: dt.date | None, says: str
) -> None:
    found = flagged(text, "weekday", published)
    assert len(found) == 1, found
    assert says in found[0][1]


WEEKDAY_FITS = [
    ("The vote will be held on Thursday, Sept. 4, 2025.", PUBLISHED),
    ("He arrived on Friday 3 January.", PUBLISHED),
    # published on 2 January 2025, "Monday 30 December" is 2024's
    ("The talks opened on Monday 30 December.", dt.date(2025, 1, 2)),
    # no year and no publication date: nothing to check against
    ("The talks open on Monday 3 January.", None),
    ("China will hold the parade in Beijing on Wednesday to mark the anniversary.", PUBLISHED),
    # a page's time stamp: "2000 GMT" on the next line is a time of day, not the year
    ("Last Updated: Tuesday, 1 March\n\n2000 GMT", None),
]


@pytest.mark.parametrize(("text", "published"), WEEKDAY_FITS)
def test_a_weekday_that_fits_or_cannot_be_checked_raises_nothing(
    text: str, published: dt.date | None
) -> None:
    assert flagged(text, "weekday", published) == []


DURATION_WRONG = [
    ("It is his first visit in five years. He last visited in 2019.", "in five years"),
    (
        "Kim will make his first visit to China in five years. It would be his first trip to "
        "China since 2019.",
        "in five years",
    ),
    ("It is his first visit in three years, since 2019.", "in three years"),
    (
        "His previous managerial experience came at Coventry, whom he led for three years from "
        "1996 to 2001.",
        "for three years",
    ),
    ("He served for 12 years between 1908 and 1915.", "for 12 years"),
    # the year right after the duration is its own, with or without "first" before it
    (
        "A fall in jobseekers pushed the unemployment rate to its lowest level in five years, "
        "since 2022.",
        "in five years",
    ),
    # "the first in five years" is one claim: its "first" is the cue
    ("The rate hike was the first in five years, since December 2023.", "the first in five years"),
]


@pytest.mark.parametrize(("text", "shown"), DURATION_WRONG)
def test_a_duration_that_does_not_fit_its_years_is_flagged(text: str, shown: str) -> None:
    found = flagged(text, "duration")
    assert len(found) == 1, found
    assert found[0][0] == shown


def test_a_duration_beside_its_year_says_what_that_year_makes() -> None:
    [(_, message)] = flagged("It was their lowest level in five years, since 2022.", "duration")
    assert message == (
        "in five years, since 2022: 2022 is 3 years before publication on 2025-08-28, not 5."
    )


def test_a_duration_message_says_what_the_article_also_says() -> None:
    [(_, message)] = flagged(
        "It is his first visit in five years. He last visited in 2019.", "duration"
    )
    assert message == (
        "in five years: the article also says “last visited in 2019”, 6 years before "
        "publication on 2025-08-28, not 5."
    )


DURATION_FITS = [
    ("It is his first visit in six years. He last visited in 2019.", PUBLISHED),
    # 2019 to August 2025 is five and a half to six and a half years: "seven" rounds it up
    ("It is his first visit in seven years. He last visited in January 2019.", PUBLISHED),
    (
        "He will make his first visit to China in nearly six years. He has not been to China since "
        "March 2019.",
        PUBLISHED,
    ),
    # different events: a first match and a last defeat
    (
        "It was the first match between the pair for three years - Henman last lost to Rusedski "
        "in 2019.",
        PUBLISHED,
    ),
    # without a publication date, "since 2019" counts to nothing
    ("It is his first visit in five years. He last visited in 2019.", None),
    (
        "He reached that milestone when he overtook David Lloyd George, who served for seven years "
        "and 43 days between 1908 and 1915.",
        None,
    ),
    (
        "His previous managerial experience came at Coventry, whom he led for five years from 1996 "
        "to 2001.",
        None,
    ),
    ("In the space of one year - between 2002 and 2003 - CD album sales fell by 13.8%.", None),
    ("The rate hike was the first in two years, since December 2023.", PUBLISHED),
    # a "first ... since" earlier in the article is another event, not this duration's year
    (
        "Business confidence has weakened for the first time since March 2003. However, "
        "September's reading was the strongest for 13 years.",
        dt.date(2005, 3, 1),
    ),
    # a headline's "last" is no cue for the next paragraph's duration
    (
        "Source: built to last\n\nIn his twenties he battled tuberculosis for eight years, since "
        "2021.",
        PUBLISHED,
    ),
    # the span belongs to another clause
    (
        "The car business has made an operating loss in five of the last six years and was forced "
        "to push back its break-even target from 2005 to 2006.",
        None,
    ),
]


@pytest.mark.parametrize(("text", "published"), DURATION_FITS)
def test_a_duration_that_fits_or_cannot_be_checked_raises_nothing(
    text: str, published: dt.date | None
) -> None:
    assert flagged(text, "duration", published) == []


ANNIVERSARY_WRONG = [
    ("The city marks the 70th anniversary of the 1945 liberation.", PUBLISHED, "80 years, not 70"),
    # the event dated in another sentence that names it (BBC politics, 2005)
    (
        "Campaigners are to stage a rally calling for a Borders rail link which was closed in 1969 "
        "to be reopened. They will mark the 31st anniversary of the line closure, which ran from "
        "Edinburgh to Carlisle, with a walk at Tweedbank.",
        dt.date(2005, 3, 1),
        "31st anniversary of the line closure (the article says “closed in 1969”): from 1969 to "
        "2005 is 36 years, not 31.",
    ),
    (
        "The re-release also marks the 18th anniversary of the original recording. The DVD will "
        "feature footage from the recording session of the track in January 1985.",
        dt.date(2005, 3, 1),
        "from 1985 to 2005 is 20 years, not 18",
    ),
    (
        "The city marks the 70th anniversary of its liberation, which came in 1945.",
        PUBLISHED,
        "from 1945 to 2025 is 80 years, not 70",
    ),
    ("The city marks the 70th anniversary of its liberation in 1945.", PUBLISHED, "80 years"),
    (
        "In 2005 Europe marked the 70th anniversary of the end of the war in 1945.",
        None,
        "from 1945 to 2005 is 60 years, not 70",
    ),
]


@pytest.mark.parametrize(("text", "published", "says"), ANNIVERSARY_WRONG)
def test_an_anniversary_that_does_not_fit_its_year_is_flagged(
    text: str, published: dt.date | None, says: str
) -> None:
    found = flagged(text, "anniversary", published)
    assert len(found) == 1, found
    assert says in found[0][1]


ANNIVERSARY_FITS = [
    (
        "China will hold the parade in Beijing on Wednesday to mark the 80th anniversary of the "
        "end of World War II.",
        PUBLISHED,
    ),
    ("The city marks the 80th anniversary of the 1945 liberation.", PUBLISHED),
    # an article of December 2024 may look ahead to next year's anniversary
    ("The city will mark the 80th anniversary of the 1945 liberation.", dt.date(2024, 12, 20)),
    # "in 2025" is when the festival is celebrated, not when it began
    ("The 50th anniversary of the festival in 2025 drew crowds.", PUBLISHED),
    ("In 2005 Europe marked the 60th anniversary of the end of the war in 1945.", None),
    # no year of the event, or no year of the anniversary
    (
        "It is the fifth in a series of 18 reissues to mark the 70th anniversary of Presley's "
        "birth.",
        PUBLISHED,
    ),
    ("The city marks the 70th anniversary of the 1945 liberation.", None),
    ("Frank and his wife Jan planned to celebrate their 25th wedding anniversary in 1999.", None),
    (
        "Campaigners are to stage a rally calling for a Borders rail link which was closed in 1969 "
        "to be reopened. They will mark the 36th anniversary of the line closure.",
        dt.date(2005, 3, 1),
    ),
    # a year elsewhere that no word ties to the event
    (
        "Yahoo is celebrating its 20th anniversary this week. In April 1995 it persuaded venture "
        "capitalists to invest.",
        dt.date(2005, 3, 1),
    ),
    # two years for the event's word: which one is meant is unsure
    (
        "The line was closed in 1969. A branch was closed in 1972. They will mark the 31st "
        "anniversary of the line closure.",
        dt.date(2005, 3, 1),
    ),
    # the year is in the sentence of the anniversary itself, as its own celebration's
    (
        "With the Lights Out was intended to be released in 2001, to mark the 10th anniversary of "
        "the album Nevermind, released in 1991.",
        dt.date(2005, 3, 1),
    ),
]


@pytest.mark.parametrize(("text", "published"), ANNIVERSARY_FITS)
def test_an_anniversary_that_fits_or_cannot_be_checked_raises_nothing(
    text: str, published: dt.date | None
) -> None:
    assert flagged(text, "anniversary", published) == []
