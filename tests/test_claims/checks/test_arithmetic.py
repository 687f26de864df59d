"""The arithmetic and shares self-checks: what must flag, and what must not.

Sentences are real news sentences (BBC business pages, 2004-05) where one is at hand, altered
where a wrong figure is needed.
"""

from __future__ import annotations

import pandas as pd
import pytest

from claims import extract_claims
from claims.checks.selfcheck import self_check


def flagged(text: str, check: str) -> list[tuple[str, str]]:
    """(claim text, message) of the flags `check` raises on `text`."""
    claims = extract_claims(text)
    flags = self_check(text, claims)
    flags = flags[flags["check"] == check]
    texts = dict(zip(claims["claim_id"], claims["text"], strict=True))
    return [(texts[row.claim_id], row.message) for row in flags.itertuples()]


FITS = [
    # 639 -> 1130 is a rise of 75.9%-77.8%: 76% fits; the pound figure is a conversion
    "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) for the three "
    "months to December, from $639m year-earlier.",
    "TimeWarner said fourth quarter sales rose 2% to $11.1bn from $10.9bn.",
    "Sales fell 10% to 90 from 100.",
    "Support was up 3 points from 42% to 45%.",
    "Support rose from 42% to 45%, a rise of 3 percentage points.",
    # a plain percent between two percents may be relative (45/42 is 7% up)
    "Support rose from 42% to 45%, a rise of 7%.",
    "Revenue rose by 500 to 10,500 from 10,000.",
    # $5bn is 4.5bn-5.5bn as written: anything from -1% to 24% fits
    "Profits were $5bn, up 20% from $4.5bn a year earlier.",
    # $3bn from $1bn may be anything from 1.7 to 7 times as written
    "Sales doubled to $3bn from $1bn.",
    "Reuters beat profit forecasts, posting a 52% rise in profits for the year to £198m from the "
    "£130m seen a year earlier.",
    "The Dow Jones index had risen 20.54 points, or 0.2%, to 10,847.66 by late morning.",
    "While the UK's jobless rate rose to 4.7% from 4.6% in the previous quarter, the rate still "
    "remains one of the lowest in the world, compared with 12.1% in Germany.",
    "Growth in industrial output was 11.5% in 2004, down from 17% the previous year.",
    # "about" widens: 639 -> 1130 is about 77%, near enough 75%
    "Profits jumped about 75% to $1.13bn from $639m.",
    "Profits jumped more than 70% to $1.13bn from $639m.",
    # "one in 12, down from one in eight" is a fall of the share, not a rise
    "Only one in 12 of the 48 million cards are now in default - down from one in eight at the "
    "end of 2003.",
    # places in a chart: "at five, up from 13" is a climb
    "Other big risers included presenting duo Ant and Dec at five, up from 13 in 2004.",
    # different currencies are never compared
    "Sales rose 50% to 2.4bn euros from $2bn.",
    "Sales doubled to $2bn from $1bn.",
    # "halved" is loose talk: $500m to $200m is near enough
    "Saab is losing money fast - albeit with losses halved in 2004 to $200m (£104m; 151m euros) "
    "from $500m the previous year.",
    "Shares in the firm were up 64 pence, or 6%, at 1130p.",
    "Net profit surged 70% to 2.39bn rupees ($54.98m; £29.32m) in the last three months of 2004 "
    "compared with 1.41bn rupees a year earlier.",
    "Last year the number of cases fell by 23% from 36,185 in 2003 to 28,041.",
]


@pytest.mark.parametrize("text", FITS)
def test_figures_that_fit_raise_nothing(text: str) -> None:
    assert flagged(text, "arithmetic") == []


WRONG = [
    (
        "Quarterly profits at US media giant TimeWarner jumped 50% to $1.13bn (£600m) for the "
        "three months to December, from $639m year-earlier.",
        "50%",
        "a rise of about 77%, not 50%",
    ),
    ("Sales fell 20% to 90 from 100.", "20%", "a fall of about 10%, not 20%"),
    ("Sales fell 10% to 110 from 100.", "10%", "a rise of about 10%, not a fall of 10%"),
    ("Support was up 5 points from 42% to 45%.", "5 points", "about 3 points, not 5 points"),
    (
        "Support rose from 42% to 45%, a rise of 5 percentage points.",
        "5 percentage points",
        "about 3 points",
    ),
    ("Revenue rose by 600 to 10,500 from 10,000.", "600", "a rise of about 500, not 600"),
    ("Profits were $5.2bn, up 20% from $4.1bn a year earlier.", "20%", "about 27%"),
    (
        "The Dow Jones index had risen 20.54 points, or 2%, to 10,847.66 by late morning.",
        "2%",
        "about 0.2%",
    ),
    # real: the asking price fell by £596
    (
        "The average asking price of a home fell by more than £600 from £190,329 in November "
        "to £189,733 in December.",
        "more than £600",
        "a fall of about 596",
    ),
    # real: A$246bn is a slip for A$246m
    (
        "WMC said it made net profits of 1.33bn Australian dollars ($1bn; £550m) in 2004, up "
        "from A$246bn the year before.",
        "1.33bn Australian dollars",
        "goes down, not a rise",
    ),
    ("Unemployment fell to 5.6% from 5.4% in September.", "5.6%", "goes up, not a fall"),
    ("Sales doubled to $3.1bn from $1.2bn.", "$3.1bn", "2.6 times, not 2"),
    ("Shares in the firm were up 64 pence, or 16%, at 1130p.", "16%", "a rise of about 6%"),
    # a bound leaves one end open
    ("Sales rose 5% to more than $10bn from $5bn.", "5%", "a rise of at least 82%, not 5%"),
    (
        "Sales rose 5% to less than $4bn from $5bn.",
        "5%",
        "a fall of at least 11%, not a rise of 5%",
    ),
    (
        "Net profit surged 50% to 2.39bn rupees ($54.98m; £29.32m) in the last three months of "
        "2004 compared with 1.41bn rupees a year earlier.",
        "50%",
        "a rise of about 70%, not 50%",
    ),
]


@pytest.mark.parametrize(("text", "shown", "says"), WRONG)
def test_figures_that_cannot_fit_are_flagged(text: str, shown: str, says: str) -> None:
    found = flagged(text, "arithmetic")
    assert len(found) == 1, found
    assert found[0][0] == shown
    assert says in found[0][1]


def test_message_quotes_the_article_and_names_both_readings() -> None:
    text = "Profits rose 50% to $1.13bn from $639m."
    [(shown, message)] = flagged(text, "arithmetic")
    assert shown == "50%"
    assert message == (
        "rose 50% to $1.13bn from $639m: those figures make a rise of about 77%, not 50%."
    )


SHARES_OVER = [
    ("In the poll, 40% voted yes, 45% no and 20% were undecided.", "20%", "add up to 105%"),
    ("Of those asked, 40% of voters said yes, 45% said no and 20% did not know.", "20%", "105%"),
    # real poll sentences (BBC politics and business, 2004-05), one share raised
    ("Meantime, 76% said Mr Blair was a good prime minister and 38% disagreed.", "38%", "114%"),
    (
        "A majority, 52%, said Chancellor Gordon Brown had done a good job and just 59% disagreed.",
        "59%",
        "111%",
    ),
    (
        "A total of 53% of those polled said they had sympathy for Mr Blunkett, with 58% saying "
        "they did not.",
        "58%",
        "111%",
    ),
    (
        "The Daily Telegraph poll suggests that 45% of people would vote against the constitution "
        "and 66% in favour.",
        "66%",
        "111%",
    ),
    ("The survey found that 81% supported a hunting ban compared with 24% against.", "24%", "105%"),
    ("Of the companies surveyed, 78% saw orders rise and 27% saw them fall.", "27%", "105%"),
    (
        "Similarly, 62% were pessimistic about their national economy, while 41% were optimistic.",
        "41%",
        "103%",
    ),
    (
        "And 76% saw their family's economic conditions improving, as against 36% who said they "
        "were getting worse.",
        "36%",
        "112%",
    ),
    (
        "Furthermore, 76% said that none of their cards had been replaced, while 30% said only "
        "some had.",
        "30%",
        "106%",
    ),
    (
        "A study found that 92% of local businesses were no worse off after the disaster, and "
        "another 18% felt themselves better off.",
        "18%",
        "110%",
    ),
    (
        "Japanese films accounted for 37.5% of Japan's box office total last year, with foreign "
        "films taking the remaining 52.5%.",
        "52.5%",
        "add up to 90%, not 100%",
    ),
]


@pytest.mark.parametrize(("text", "shown", "says"), SHARES_OVER)
def test_shares_of_one_whole_over_100_are_flagged(text: str, shown: str, says: str) -> None:
    found = flagged(text, "shares")
    assert len(found) == 1, found
    assert found[0][0] == shown
    assert says in found[0][1]


SHARES_FIT = [
    "In the poll, 40% voted yes, 45% no and 15% were undecided.",
    # rounding: three shares of 33.5% or so may be written 34% each
    "In the poll, 34% voted yes, 34% no and 33% were undecided.",
    "About 40% of men and 70% of women agreed.",
    "Japanese films accounted for 37.5% of Japan's box office total last year, with foreign "
    "films taking the remaining 62.5%.",
    # two questions, not one whole
    "Some 87% said politicians did not keep the promises they made before elections, while 92% "
    'said they never gave "a straight answer".',
    "Some 82% said Mr Blunkett had set a good example by wanting to take responsibility for the "
    "child he says is his, but 42% backed his legal action compared to 45% who thought it was "
    "unbecoming.",
    "A recent survey found that 78% of people interviewed were aware of DTT, and 25% were "
    "planning to buy a digital receiver.",
    # the real poll sentences as written
    "Meantime, 32% said Mr Blair was a good prime minister and 38% disagreed.",
    "A majority, 52%, said Chancellor Gordon Brown had done a good job and just 16% disagreed.",
    "The Daily Telegraph poll suggests that 45% of people would vote against the constitution "
    "and 24% in favour.",
    "Of the companies surveyed, 30% saw orders rise and 27% saw them fall.",
    "A study found that 70% of local businesses were no worse off after the disaster, and another "
    "18% felt themselves better off.",
    # two wholes: prices and wages, not one question answered two ways
    "Some 60% said prices would rise and 45% said wages would fall.",
    "The Leuven-based brewery said it would own 97.3% of the voting shares and 98.8% of the "
    "non-voting shares of Sun Interbrew.",
    "Some 63% of respondents in the Sunday Times poll thought his former lover acted "
    "vindictively and 61% that he had been right to resign.",
    "RSA said that 26% of wi-fi networks found London used default settings compared to 30% in "
    "Frankfurt, 31% in New York and 28% in San Francisco.",
    "Sales rose 60% and profits 70%.",
    "Ambev boosted its share of Brazil's beer market from 62% at the end of 2003 to more than "
    "68% by December 2004.",
]


@pytest.mark.parametrize("text", SHARES_FIT)
def test_shares_that_fit_or_are_of_different_wholes_raise_nothing(text: str) -> None:
    assert flagged(text, "shares") == []


def test_an_article_without_figures_has_no_flags() -> None:
    for text in ["", "No figures here.", "Profits rose."]:
        flags = self_check(text, extract_claims(text))
        assert list(flags.columns) == ["claim_id", "check", "message"]
        assert flags.empty
        assert isinstance(flags, pd.DataFrame)
