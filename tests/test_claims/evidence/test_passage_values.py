"""Passages read together give the values each gives read alone: the index's scan of a corpus."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from evaldata import SHARED_EVAL, require_shared

from claims.evidence.passage_values import JOIN_PASSAGES, SEPARATOR, passage_values, passages_values
from claims.evidence.sources import passage_spans

CORPORA = {"bbc-dev.jsonl": "text", "cnndm-sample.jsonl": "article"}
PUBLISHED = dt.date(2025, 9, 3)


def news_texts() -> list[str]:
    texts: list[str] = []
    for name, key in CORPORA.items():
        path = require_shared(SHARED_EVAL / "news" / name)
        with path.open(encoding="utf-8") as lines:
            texts.extend(json.loads(line)[key] for line in lines)
    return texts


def assert_same_as_alone(texts: list[str], published: dt.date | None = None) -> None:
    joined = passages_values(texts, published=published)
    alone = [passage_values(text, published=published) for text in texts]
    differ = [i for i, (a, b) in enumerate(zip(alone, joined, strict=True)) if a != b]
    assert not differ, [(texts[i][:120], alone[i], joined[i]) for i in differ[:3]]


@pytest.mark.parametrize("published", [None, PUBLISHED])
def test_real_passages_read_together_give_their_values_alone(published: dt.date | None) -> None:
    """Every passage window of 1,500 real articles (about 13,000), neighbours kept in order: a
    sports score, a page stamp or a date's preposition in the passage before must not change a
    passage's reading."""
    texts = news_texts()[:1500]
    windows = [text[start:end] for text in texts for start, end in passage_spans(text)]
    assert len(windows) > 10_000
    assert_same_as_alone(windows, published)


def test_paragraphs_with_line_breaks_and_whole_articles_are_read_as_alone() -> None:
    texts = news_texts()[1500:1600]
    paragraphs = [p for text in texts for p in text.split("\n\n") if p.strip()]
    assert any("\n" in text for text in texts)
    assert_same_as_alone(texts + paragraphs, PUBLISHED)


CASES = [
    # A score's words in the passage before: "1-1" is read by its own passage.
    ["Villa won the cup after a late goal.", "Hereford 1-1 Doncaster", "Villa won again."],
    # A spelled number that would run on into the next passage's "and five".
    ["The panel had twenty", "and five were absent, 12% of the members said."],
    # A tense marker at the start of a passage (and of a text) counts, wherever it stands.
    ["Lorem.", "Completed forms were handed in on Friday.", "Forms will arrive on Friday."],
    # Preposition and page stamp in the passage before a date.
    ["It will happen in", "2019 was a good year.", "PUBLISHED:", "13 March 2012, officials said."],
    # Passages the join cannot hold: line breaks, a pilcrow, the separator itself, empty ones.
    ["Line one 5%\nline two 6%", "¶ 7% of voters", SEPARATOR + "8%", "", "   ", "9 May 2024"],
]


@pytest.mark.parametrize("texts", CASES)
@pytest.mark.parametrize("published", [None, PUBLISHED])
def test_neighbours_never_change_a_passage(texts: list[str], published: dt.date | None) -> None:
    assert_same_as_alone(texts * 3, published)


def test_values_have_offsets_into_their_own_passage() -> None:
    count = JOIN_PASSAGES * 2 + 5
    texts = [f"Exports rose {i}% in {2000 + i}, the ministry said." for i in range(count)]
    for text, values in zip(texts, passages_values(texts), strict=True):
        assert values, text
        for value in values:
            assert text[value["start"] : value["end"]] == value["text"]
    assert passages_values([]) == []


def test_a_tense_marker_that_opens_the_text_counts() -> None:
    """ "Completed" opens the first text and the second sentence of the other: the same reading."""
    first = passage_values("Completed forms were handed in on Friday.", published=PUBLISHED)
    second = passage_values("Lorem ipsum. Completed forms were handed in on Friday.",
                            published=PUBLISHED)  # fmt: skip
    assert [v["value"] for v in first] == [v["value"] for v in second] == ["2025-08-29"]
