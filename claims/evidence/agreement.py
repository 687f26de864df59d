"""Does a source passage agree with a claim? Values compared as values, quotes as words.

`agreement(claim, passage_text, values)` gives a `Verdict`; `claim` is a row of the claim table,
`values` the passage's figures and dates as indexed (dicts, offsets into `passage_text`).
Figures (percent, count, money, quantity, ordinal), dates and durations are compared by value
and subject (`claims.evidence.figure_agreement` states the rules); quotes by their words and
speaker (`claims.evidence.quote_agreement`). Attributions, comparisons and statements are
`unchecked`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from claims.evidence.figure_agreement import ClaimCheck
from claims.evidence.quote_agreement import quote_agreement
from claims.evidence.verdict import Verdict

__all__ = [
    "ClaimCheck",
    "Verdict",
    "agreement",
    "figure_agreement",
    "possible_agreements",
    "quote_agreement",
]


def agreement(
    claim: Mapping[str, Any], passage_text: str, values: Sequence[Mapping[str, Any]]
) -> Verdict:
    """The verdict for any claim: figures and dates by value, quotes by words."""
    return ClaimCheck(claim).verdict(passage_text, values)


def figure_agreement(
    claim: Mapping[str, Any], passage_text: str, values: Sequence[Mapping[str, Any]]
) -> Verdict:
    """Does the passage state the claim's figure or date (module docstring for the rules)?"""
    return ClaimCheck(claim).figure_verdict(passage_text, values)


def possible_agreements(
    claim: Mapping[str, Any], passage_text: str, values: Sequence[Mapping[str, Any]]
) -> frozenset[str]:
    """The agreements `agreement` can give for this passage (`ClaimCheck.possible`)."""
    return ClaimCheck(claim).possible(passage_text, values)
