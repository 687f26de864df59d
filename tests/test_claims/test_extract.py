"""The claim table of an article: the seed article against its gold, and the table's invariants."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims import extract_claims
from claims.errors import DateError
from claims.evaluate import mismatches, score_claims
from claims.schema import CLAIM_COLUMNS, claims_frame

ROOT = Path(__file__).resolve().parents[2]
SEED_TEXT = (ROOT / "seeds" / "000_c76c75e25c87b28b.txt").read_text(encoding="utf-8")
SEED_GOLD = [
    json.loads(line) for line in (ROOT / "tests" / "seed-gold.jsonl").read_text().splitlines()
]


@pytest.fixture(scope="module")
def seed_claims() -> pd.DataFrame:
    return extract_claims(SEED_TEXT, published="2025-08-28", article_id="seed")


def assert_invariants(text: str, table: pd.DataFrame) -> None:
    assert list(table.columns)[: len(CLAIM_COLUMNS)] == list(CLAIM_COLUMNS)
    for row in table.itertuples():
        assert text[row.start : row.end] == row.text
    assert table["claim_id"].is_unique


def test_seed_every_required_claim_found_with_its_value(seed_claims: pd.DataFrame) -> None:
    problems = mismatches(seed_claims, SEED_GOLD)
    missed = problems[problems["problem"].isin(["missed", "wrong_value", "wrong_speaker"])]
    assert missed.empty, missed.to_string()


def test_seed_no_junk(seed_claims: pd.DataFrame) -> None:
    scores = score_claims(seed_claims, SEED_GOLD).set_index("kind")
    assert scores.loc["all", "errors"] == 0  # nothing from a not_a_claim span
    assert scores.loc["all", "extra"] <= 2, mismatches(seed_claims, SEED_GOLD).to_string()


def test_seed_subject_of_the_trade_share(seed_claims: pd.DataFrame) -> None:
    row = seed_claims[seed_claims["text"] == "about 97%"].iloc[0]
    assert "North Korea’s external trade" in row["subject"]
    assert (row["kind"], row["value"], row["qualifier"]) == ("percent", 0.97, "approx")


def test_seed_table_invariants_and_stable_ids(seed_claims: pd.DataFrame) -> None:
    assert_invariants(SEED_TEXT, seed_claims)
    again = extract_claims(SEED_TEXT, published="2025-08-28", article_id="seed")
    pd.testing.assert_frame_equal(seed_claims, again)


def test_sentence_of_each_claim(seed_claims: pd.DataFrame) -> None:
    quote = seed_claims[seed_claims["kind"] == "quote"].iloc[-1]
    assert quote["sentence"].startswith("Responding to a question")
    assert quote["text"] in quote["sentence"]


def test_ids_survive_an_edit_elsewhere(seed_claims: pd.DataFrame) -> None:
    edited = "Editor's note: updated.\n" + SEED_TEXT
    again = extract_claims(edited, published="2025-08-28", article_id="seed")
    moved = again.set_index("claim_id")
    for row in seed_claims.itertuples():
        assert row.claim_id in moved.index
        assert moved.loc[row.claim_id, "text"] == row.text


def test_without_a_date_relative_dates_stay_unresolved() -> None:
    table = extract_claims("The leaders will meet next week, officials said.")
    row = table[table["kind"] == "date"].iloc[0]
    assert row["text"].endswith("next week")
    assert pd.isna(row["value"])


def test_bad_publication_date_says_how_to_fix() -> None:
    with pytest.raises(DateError, match="YYYY-MM-DD"):
        extract_claims("Text.", published="28/08/2025")


def test_empty_text_gives_an_empty_table() -> None:
    table = extract_claims("")
    assert table.empty
    assert list(table.columns) == list(CLAIM_COLUMNS)


@pytest.mark.parametrize("text", [SEED_TEXT, "", "Nothing to check.", "Ages 18 to 24 said 5%."])
def test_table_is_the_schemas_table(text: str) -> None:
    """The table is built from whole columns; it must be what the schema builds from rows."""
    table = extract_claims(text, published="2025-08-28")
    expected = claims_frame(table.to_dict("records"))
    pd.testing.assert_frame_equal(table, expected, check_exact=True)
    assert table.columns.equals(expected.columns) and table.index.equals(expected.index)
    assert table.columns.dtype == expected.columns.dtype
    # A range is one cell holding a list, not a row of two.
    ages = extract_claims("Those 18 to 24 year olds were asked.")
    assert ages["value"].tolist() == [[18, 24]]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*"abcXYZ 0123456789.,;:%$£€-–—'\"“”‘’()\n\t", "said", " about ", "Sept. ", "He"]
        ),
        max_size=200,
    ).map("".join)
)
def test_any_text_gives_exact_spans_and_unique_ids(text: str) -> None:
    table = extract_claims(text, published="2025-08-28")
    assert_invariants(text, table)
    pd.testing.assert_frame_equal(table, extract_claims(text, published="2025-08-28"))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_breaks(text: str) -> None:
    assert_invariants(text, extract_claims(text))


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "text",
    [
        "word " * 200_000,  # a 1 MB paragraph without a full stop
        "1" * 10_000,
        '"' * 5_000,
        "“" * 2_500 + "”" * 2_500,
        'He said "' + "no " * 100_000,
        ("about 5% of $3bn " * 20_000),
    ],
    ids=["1MB-paragraph", "10k-digits", "5k-quotes", "5k-curly", "unclosed-quote", "figures"],
)
def test_adversarial_inputs_finish(text: str) -> None:
    assert_invariants(text, extract_claims(text))
