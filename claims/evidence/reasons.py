"""The verdict of a figure or date among a passage's comparable values, with its one-line reason.

The reason says what was compared and why the verdict, in words a checker reads beside the
badge: "same subject: North Korea's external trade, 2023; source about 95 per cent, claim about
97%"; "within the claim's bound: the source says 20"; "another year: the source's figure is
for 2022".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from claims.evidence.passage_words import Passage, span, value_text
from claims.evidence.subject_words import Subject
from claims.evidence.values import Relation
from claims.evidence.verdict import Verdict, field

# The relations that give a verdict, best first, and the verdict each gives. A bound is
# satisfied by many figures: between a figure inside it and one that breaks it, the one the
# claim speaks of (the most subject words in common, then the most words next to it) decides.
# A tie goes to consistent: measured on planted slips (bench/verdicts.py), ties to conflicts
# cost more kept bounds and ranges (0.971, 0.907) than they saved broken ones (0.997, 0.950
# against 0.974, 0.937).
_ORDER = (
    ("agrees", "agrees"),
    ("coarser", "agrees"),
    ("bound", ""),
)
_BOUND = ("consistent", "conflicts")


class Found(NamedTuple):
    """A comparable value of the passage: subject words shared, its relation, the value."""

    overlap: int
    relation: Relation
    value: Mapping[str, Any]
    # Words next to the figure in common (`event_words`): of two figures of one clause, the
    # one the claim speaks of.
    near: int = 0


def verdict_of(
    claim: Mapping[str, Any],
    passage: Passage,
    found: list[Found],
    key: Subject,
    missed: str | None,
) -> Verdict:
    """Agreeing first, then consistent, then conflicting; among those the most subject words in
    common. `missed` says why the passage's nearest figure was not compared, for `absent`."""
    for wanted, verdict in _ORDER:
        best = _best(found, _BOUND if wanted == "bound" else (wanted,))
        if best is None:
            continue
        if wanted == "bound":
            wanted = verdict = str(best.relation)
        text = _said(passage, best.value)
        detail = {
            "agrees": None,
            "coarser": f"the source is less precise: {text}",
            "consistent": f"within the claim's bound: the source says {text}",
            "conflicts": f"{_said_claim(claim)} vs {text}",
        }[wanted]
        reason = _reason(claim, key, wanted, text)
        return Verdict(verdict, text, *span(passage, best.value), detail, reason)
    if found:
        bound = _said(passage, found[0].value)
        detail = f"{bound}: neither confirms nor contradicts"
        return Verdict("absent", None, None, None, detail, detail)
    reason = missed or "no figure of this kind about the same thing"
    return Verdict("absent", None, None, None, None, reason)


def _best(found: list[Found], relations: tuple[str, ...]) -> Found | None:
    """The value of these relations with the most subject words in common, then the most words
    next to it; of equals, the one of the relation listed first (max keeps the first)."""
    ranked = sorted(
        (f for f in found if f.relation in relations),
        key=lambda f: relations.index(str(f.relation)),
    )
    return max(ranked, key=lambda f: (f.overlap, f.near), default=None)


def _reason(claim: Mapping[str, Any], key: Subject, relation: str, said: str) -> str:
    what = _subject_text(claim, key)
    mine = _said_claim(claim)
    if relation == "consistent":
        return (
            f"within the claim's bound, not the same figure: the source says {said}, claim {mine}"
        )
    if relation == "coarser":
        return f"same subject: {what}; the source is less precise: {said}, claim {mine}"
    return f"same subject: {what}; source {said}, claim {mine}"


def _subject_text(claim: Mapping[str, Any], key: Subject) -> str:
    subject = field(claim, "subject")
    words = str(subject) if isinstance(subject, str) and subject else ", ".join(sorted(key.key))
    years = ", ".join(str(y) for y in sorted(key.years))
    return f"{words}, {years}" if years else words


def _said(passage: Passage, value: Mapping[str, Any]) -> str:
    return " ".join(value_text(passage, value).split())


def _said_claim(claim: Mapping[str, Any]) -> str:
    return " ".join(str(field(claim, "text")).split())
