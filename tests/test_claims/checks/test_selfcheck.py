"""`self_check`, the entry point: its table, the seed article, and every real news article.

The checks' own cases (what must flag, what must not) are in test_arithmetic_checks.py,
test_date_checks.py and test_consistency_checks.py.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims import extract_claims
from claims.checks.selfcheck import CHECKS, FLAG_COLUMNS, self_check

REPO_ROOT = Path(__file__).resolve().parents[3]
SEED_TEXT = (REPO_ROOT / "seeds" / "000_c76c75e25c87b28b.txt").read_text(encoding="utf-8")
SEED_PUBLISHED = dt.date(2025, 8, 28)
CORPORA = {"bbc-dev.jsonl": "text", "cnndm-sample.jsonl": "article"}


def test_the_seed_article_raises_no_flag() -> None:
    claims = extract_claims(SEED_TEXT, published=SEED_PUBLISHED)
    flags = self_check(SEED_TEXT, claims, published=SEED_PUBLISHED)
    assert flags.empty, flags.to_dict("records")
    assert self_check(SEED_TEXT, extract_claims(SEED_TEXT)).empty


def test_the_table_has_the_flag_columns_and_plain_objects() -> None:
    text = "Profits rose 50% to $1.13bn from $639m. Sales fell 20% to 90 from 100."
    claims = extract_claims(text)
    flags = self_check(text, claims)
    assert tuple(flags.columns) == FLAG_COLUMNS == ("claim_id", "check", "message")
    assert len(flags) == 2
    assert set(flags["check"]) <= set(CHECKS)
    assert set(flags["claim_id"]) <= set(claims["claim_id"])
    assert all(isinstance(m, str) and m.endswith(".") for m in flags["message"])


def test_flags_are_sorted_by_the_start_of_their_claim() -> None:
    text = "Sales fell 20% to 90 from 100. Profits rose 50% to $1.13bn from $639m."
    claims = extract_claims(text)
    flags = self_check(text, claims)
    starts = dict(zip(claims["claim_id"], claims["start"], strict=True))
    assert [starts[c] for c in flags["claim_id"]] == sorted(starts[c] for c in flags["claim_id"])


def test_no_flag_gives_an_empty_table_with_the_columns() -> None:
    flags = self_check("", extract_claims(""))
    assert isinstance(flags, pd.DataFrame)
    assert flags.empty
    assert tuple(flags.columns) == FLAG_COLUMNS


def test_the_input_table_is_not_changed() -> None:
    text = "Profits rose 50% to $1.13bn from $639m."
    claims = extract_claims(text)
    before = claims.copy()
    self_check(text, claims, published=dt.datetime(2025, 8, 28, 9, 30))
    pd.testing.assert_frame_equal(claims, before)


def test_the_publication_date_may_be_a_date_a_datetime_or_an_iso_string() -> None:
    text = "He arrived on Monday 3 January."
    claims = extract_claims(text, published=SEED_PUBLISHED)
    for published in (SEED_PUBLISHED, dt.datetime(2025, 8, 28, 9, 30), "2025-08-28"):
        flags = self_check(text, claims, published=published)  # type: ignore[arg-type]
        assert flags["check"].tolist() == ["weekday"]


def test_check_names_are_unique_and_plain() -> None:
    assert len(set(CHECKS)) == len(CHECKS)
    assert all(name.replace("_", "").isalpha() and name.islower() for name in CHECKS)


# Pieces of news text the checks read, in any order: figures, changes, dates, shares, brackets.
PIECES = [
    "Profits", "rose", "fell", "jumped", "up", "down", "by", "to", "from", "compared with",
    "76%", "$1.13bn", "(£600m)", "$639m", "3 points", "42%", "45%", "0%", "0.0%", "$0", "-5%",
    "one in", "eight", "halved", "doubled", "or", ",", ".", ";", "(", ")", "\n\n", "the",
    "remaining", "voted yes", "no", "undecided", "of men", "Monday", "Wednesday, Sept. 4, 2025",
    "3 January", "first visit in five years", "since 2019", "last visited in",
    "between 1908 and 1915", "for 99 years", "80th anniversary of", "the 1945 liberation",
    "in 1945", "which came in", "people", "23", "1,000,000,000,000,000,000", "about", "nearly",
    "more than", "2000 GMT", "8-9%", "A$246bn", "’s", "“", "”",
]  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(PIECES), max_size=40),
    published=st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))),
)
def test_any_mix_of_news_pieces_is_checked_without_an_error(
    pieces: list[str], published: dt.date | None
) -> None:
    text = " ".join(pieces)
    claims = extract_claims(text, published=published)
    flags = self_check(text, claims, published=published)
    assert tuple(flags.columns) == FLAG_COLUMNS
    assert set(flags["claim_id"]) <= set(claims["claim_id"])


@pytest.mark.timeout(120)
def test_every_real_news_article_is_checked_without_an_error(news_dir: Path) -> None:
    checked = 0
    for name, field in CORPORA.items():
        for line in (news_dir / name).open(encoding="utf-8"):
            article = json.loads(line)
            text = article[field]
            claims = extract_claims(text, article_id=str(article["id"]))
            flags = self_check(text, claims)
            assert tuple(flags.columns) == FLAG_COLUMNS
            assert set(flags["claim_id"]) <= set(claims["claim_id"]), article["id"]
            assert set(flags["check"]) <= set(CHECKS)
            checked += 1
    assert checked == 2319


# Slips planted in real sentences of the news corpus: (article id, the real words, the control,
# the slip, publication date, check). The control is the real words with any context the slip
# needs (a year the weekday fits, a year to count from); the slip changes one figure of it.
# `bench/selfchecks.py --planted` measures the same on every such sentence of the corpus.
BBC_2005 = dt.date(2005, 3, 1)
PLANTED = [
    ("business/001", "jumped 76% to", "jumped 76% to", "jumped 152% to", None, "arithmetic"),
    ("business/248", "in 2003 to 28,041", "in 2003 to 28,041", "in 2003 to 48,041", None,
     "arithmetic"),
    ("politics/381", "found that 63% supported", "found that 63% supported",
     "found that 81% supported", None, "shares"),
    ("politics/112", "Meantime, 32% said", "Meantime, 32% said", "Meantime, 76% said", None,
     "shares"),
    ("business/168", "surveyed, 30% saw orders", "surveyed, 30% saw orders",
     "surveyed, 78% saw orders", None, "shares"),
    # the BBC writes no year: the date gets the year its weekday fits, or a publication date
    ("entertainment/084", "on Sunday 27 February", "on Sunday 27 February 2005",
     "on Sunday 23 February 2005", None, "weekday"),
    ("entertainment/107", "on Monday 6 December", "on Monday 6 December", "on Monday 11 December",
     dt.date(2004, 12, 8), "weekday"),
    ("sport/270", "for five years from 1996", "for five years from 1996",
     "for seven years from 1996", None, "duration"),
    ("business/007", "lowest level in three years", "lowest level in three years, since 2002",
     "lowest level in five years, since 2002", BBC_2005, "duration"),
    ("business/101", "was the first since December 2003",
     "was the first in a year, since December 2003",
     "was the first in five years, since December 2003", BBC_2005, "duration"),
    # "the line closure": the article says "which was closed in 1969" two paragraphs before
    ("politics/038", "mark the 36th anniversary of the line",
     "mark the 36th anniversary of the line", "mark the 31st anniversary of the line", BBC_2005,
     "anniversary"),
    ("entertainment/129", "70th anniversary of Presley's birth",
     "70th anniversary of Presley's birth in 1935", "68th anniversary of Presley's birth in 1935",
     BBC_2005, "anniversary"),
]  # fmt: skip
# Real sentences restated later in their article with another figure: (id, sentence, slip).
RESTATED = [
    (
        "business/208",
        "Chinese online game operator Shanda Interactive Entertainment has bought a 20% stake in "
        "Sina, the country's biggest internet portal firm.",
        ("20%", "30%"),
    ),
    (
        "business/151",
        "However, MPC member Paul Tucker voted for a quarter point rise in interest rates to 5%.",
        ("5%", "6%"),
    ),
]


def _bbc(news_dir: Path) -> dict[str, str]:
    rows = (json.loads(line) for line in (news_dir / "bbc-dev.jsonl").open(encoding="utf-8"))
    return {str(row["id"]): str(row["text"]) for row in rows}


def _flagged_sentences(text: str, published: dt.date | None, check: str) -> list[str]:
    claims = extract_claims(text, published=published)
    flags = self_check(text, claims, published=published)
    sentences = dict(zip(claims["claim_id"], claims["sentence"], strict=True))
    return [sentences[c] for c in flags.loc[flags["check"] == check, "claim_id"]]


@pytest.mark.parametrize(("article_id", "real", "control", "slip", "published", "check"), PLANTED)
def test_slips_planted_in_real_news_sentences_are_caught(
    news_dir: Path,
    article_id: str,
    real: str,
    control: str,
    slip: str,
    published: dt.date | None,
    check: str,
) -> None:
    text = _bbc(news_dir)[article_id]
    assert text.count(real) == 1, f"{article_id} no longer holds {real!r}"
    flagged = _flagged_sentences(text.replace(real, slip), published, check)
    assert any(slip in sentence for sentence in flagged), (check, flagged)
    assert _flagged_sentences(text.replace(real, control), published, check) == []


@pytest.mark.parametrize(("article_id", "sentence", "change"), RESTATED)
def test_a_real_sentence_restated_with_another_figure_is_caught(
    news_dir: Path, article_id: str, sentence: str, change: tuple[str, str]
) -> None:
    text = _bbc(news_dir)[article_id]
    assert sentence in text, f"{article_id} no longer holds {sentence!r}"
    wrong = sentence.replace(*change)
    flagged = _flagged_sentences(f"{text.rstrip()}\n\n{wrong}\n", None, "repeated_figure")
    assert flagged == [wrong]
    assert _flagged_sentences(f"{text.rstrip()}\n\n{sentence}\n", None, "repeated_figure") == []


def test_a_moved_date_without_a_year_or_a_publication_date_cannot_be_checked(
    news_dir: Path,
) -> None:
    texts = _bbc(news_dir)
    for article_id, real, moved in [
        ("entertainment/084", "on Sunday 27 February", "on Sunday 23 February"),
        # a page's time stamp: "2000 GMT" on the next line is no year
        ("sport/179", "Tuesday, 1 March\n\n2000 GMT", "Tuesday, 3 March\n\n2000 GMT"),
    ]:
        assert real in texts[article_id]
        assert _flagged_sentences(texts[article_id].replace(real, moved), None, "weekday") == []
