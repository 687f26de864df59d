"""Sentence and paragraph spans: exact, in order, linear on hostile input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.reading.sentences import paragraph_spans, sentence_index_of, sentence_spans

SEED = (Path(__file__).resolve().parents[3] / "seeds" / "000_c76c75e25c87b28b.txt").read_text()


def test_seed_sentences() -> None:
    spans = sentence_spans(SEED)
    sentences = [SEED[s:e] for s, e in spans]
    assert len(sentences) == 19
    assert "on Sept. 3." in sentences[3]  # the abbreviation does not end the sentence
    assert sentences[15].endswith("everyone went crazy.”")  # the two-sentence quote stays whole
    assert sentences[-1] == "Hyung-jin Kim And Ken Moritsugu, The Associated Press"


def test_paragraphs_by_line_or_by_blank_line() -> None:
    assert len(paragraph_spans(SEED)) == 13
    text = "First line\nwrapped here.\n\nSecond para.\n"
    assert [text[s:e] for s, e in paragraph_spans(text)] == [
        "First line\nwrapped here.",
        "Second para.",
    ]


def test_sentence_index_of() -> None:
    spans = sentence_spans(SEED)
    assert sentence_index_of(spans, SEED.index("about 97%")) == 12
    assert sentence_index_of(spans, 0) == 0


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab. \n!?\"“”'1Mr")), max_size=300))
def test_spans_are_ordered_trimmed_and_cover_the_text(text: str) -> None:
    spans = sentence_spans(text)
    last_end = 0
    for start, end in spans:
        assert last_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        assert not text[last_end:start].strip()  # nothing but white space between sentences
        last_end = end
    assert not text[last_end:].strip()


@pytest.mark.timeout(30)
@pytest.mark.parametrize(
    "text",
    [
        "word " * 200_000,
        "1" * 10_000,
        '"' * 5_000,
        "Mr. A. " * 50_000,
        ("x. " * 300 + "\n") * 50,
        "No. Jan. Fig. " * 50_000,  # each asks what follows it: never the whole rest
    ],
)
def test_hostile_input_is_linear(text: str) -> None:
    spans = sentence_spans(text)
    assert spans and spans[-1][1] <= len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See No. 5 on the list. It won.", ["See No. 5 on the list.", "It won."]),
        ("It was No. It was not.", ["It was No.", "It was not."]),
        ("Ask J. K. Rowling. She knows.", ["Ask J. K. Rowling.", "She knows."]),
        ("He met Mr. Kim. They spoke.", ["He met Mr. Kim.", "They spoke."]),
        ('"I won. Really." Then he left.', ['"I won. Really." Then he left.']),
        ("One.\nTwo. Three.", ["One.", "Two.", "Three."]),
    ],
)
def test_boundaries(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in sentence_spans(text)] == expected
