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
from claims.selfchecks import CHECKS, FLAG_COLUMNS, self_check

REPO_ROOT = Path(__file__).resolve().parents[2]
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
