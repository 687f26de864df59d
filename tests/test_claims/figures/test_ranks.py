"""Ordinals and comparisons: the ones a fact-checker checks, not every "first" or "most"."""

from __future__ import annotations

import pytest

from claims.figures.ranks import (
    _COMPARATIVE,
    _NUMBER_ONE,
    _RECORD,
    _SUPERLATIVE,
    _WORD_ORDINAL,
    _matches,
    _starts_by_pattern,
    find_ranks,
)


def ranks(text: str) -> list[tuple[str, str, object]]:
    return [(text[f.start : f.end], f.kind, f.value) for f in find_ranks(text, [])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("to mark the 80th anniversary of the war", [("80th anniversary", "ordinal", 80)]),
        ("it was her second victory", [("her second victory", "ordinal", 2)]),
        ("his first visit to China", [("his first visit", "ordinal", 1)]),
        ("he is the world number one", [("world number one", "ordinal", 1)]),
        ("China's biggest trading partner", [("biggest trading partner", "comparison", "max")]),
        ("shares hit a record high", [("record high", "comparison", "max")]),
        ("prices are higher than in May", [("higher than", "comparison", ">")]),
        ("it had fewer staff than rivals", [("fewer staff than", "comparison", "<")]),
        ("the most popular show", [("most popular show", "comparison", "max")]),
    ],
)
def test_found(text: str, expected: list[tuple[str, str, object]]) -> None:
    assert ranks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "At first he refused.",
        "more than 5 million people",
        "fewer than 40 staff",
        "most people agree",
        "a third of voters",
        "on the one hand",
    ],
)
def test_not_claims(text: str) -> None:
    assert ranks(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # At the very start of the text, with nothing before the word.
        ("Biggest ever deal", [("Biggest ever deal", "comparison", "max")]),
        ("The first visit", [("The first visit", "ordinal", 1)]),
        ("Number one again", []),
        ("number one again", [("number one", "ordinal", 1)]),
        ("world No. 1 player", [("world No. 1", "ordinal", 1)]),
        ("record high prices", [("record high", "comparison", "max")]),
        ("1st place", [("1st place", "ordinal", 1)]),
        ("higher than in May", [("higher than", "comparison", ">")]),
        # Inside a word or glued to one: no claim.
        ("the subfirst visit", []),
        ("a non-biggest deal", []),
        ("x1st place", []),
        ("v.2nd place", []),
        ("the renumber one", []),
        ("unrecord high", []),
        ("overhigher than", []),
        # "most" and "least" need an adjective; other superlatives do not.
        ("the Most Valuable", []),
        ("the least costly car", [("least costly car", "comparison", "min")]),
        ("it is the least of it", []),
        ("the lowest", [("lowest", "comparison", "min")]),
    ],
)
def test_word_starts(text: str, expected: list[tuple[str, str, object]]) -> None:
    assert ranks(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the first visit, then The First World War and a  first try (his first visit)",
        "world number one, xworld number one, No. 1 seed, the No 1",
        "-biggest deal, the most popular, least costly, record high, all-time low",
        "much higher than, theirfirst, e.g.the first, the-first, «the first», ¬the first",
    ],
)
def test_patterns_tried_at_their_words_find_what_a_full_scan_finds(text: str) -> None:
    """Each pattern is tried only where one of its words stands: the same matches as trying it
    at every position."""
    starts = _starts_by_pattern(text)
    for kind, pattern in [
        ("ordinal", _WORD_ORDINAL),
        ("number one", _NUMBER_ONE),
        ("superlative", _SUPERLATIVE),
        ("record", _RECORD),
        ("comparative", _COMPARATIVE),
    ]:
        expected = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in _matches(pattern, text, starts[kind])] == expected, kind
