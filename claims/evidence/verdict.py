"""What a source passage says of a claim: a `Verdict`, and how claim rows are read.

The verdicts are those of CLAIM-SCHEMA.md's match table: `agrees`, `consistent`,
`conflicts`, `absent`, `unchecked` for figures and dates; `verbatim`, `altered`,
`misattributed`, `absent` for quotes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

import pandas as pd


@dataclass(frozen=True)
class Verdict:
    """What a passage says of a claim; `start`/`end` span the evidence in the passage."""

    agreement: str
    source_value: str | None
    start: int | None
    end: int | None
    detail: str | None = None
    # One line a checker can read: what was compared and why the verdict. Not part of what a
    # verdict is: two verdicts that agree on the value and evidence are equal.
    reason: str | None = dataclass_field(default=None, compare=False)


UNCHECKED = Verdict("unchecked", None, None, None)
ABSENT = Verdict("absent", None, None, None)


def field(row: Mapping[str, Any], key: str) -> Any:
    """`row[key]`, with pandas' missing values (NA, NaN) as None."""
    value = row.get(key)
    kind = type(value)
    if kind is str or kind is int or value is None:  # the common cases, without pandas
        return value
    if kind is float:
        return None if value != value else value  # NaN is the only float unequal to itself
    if isinstance(value, list | tuple | dict | str):
        return value
    try:
        return None if pd.isna(value) else value
    except (TypeError, ValueError):  # an array: not missing
        return value
