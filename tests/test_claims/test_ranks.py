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
