"""Ordinals and comparisons: the ones a fact-checker checks, not every "first" or "most"."""

from __future__ import annotations

import pytest

from claims.ranks import find_ranks


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
