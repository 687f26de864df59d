"""The claim table's columns, in the order of CLAIM-SCHEMA.md, and its kinds and qualifiers."""

from __future__ import annotations

import pandas as pd

CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "article_id",
    "kind",
    "text",
    "start",
    "end",
    "sentence_index",
    "sentence",
    "value",
    "unit",
    "qualifier",
    "speaker",
    "subject",
)

NUMERIC_KINDS = frozenset({"percent", "count", "money", "quantity", "ordinal"})
DATE_KINDS = frozenset({"date", "duration"})
KINDS: tuple[str, ...] = (
    "percent",
    "count",
    "money",
    "quantity",
    "date",
    "duration",
    "ordinal",
    "comparison",
    "quote",
    "attribution",
    "statement",
)
QUALIFIERS = frozenset(
    {
        "approx",
        "more_than",
        "less_than",
        "at_least",
        "at_most",
        "range",
        "early",
        "mid",
        "late",
        "since",
        "before",
        "after",
    }
)

# Integer columns stay plain int64: every row has them. Everything else is an object column so
# that None stays None (CLAIM-SCHEMA.md: consumers test missing values with pandas.isna).
_INT_COLUMNS = ("start", "end", "sentence_index")


def empty_claims() -> pd.DataFrame:
    """A claim table with no rows and the right columns and dtypes."""
    return claims_frame([])


def claims_frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Build a claim table from row dicts; columns in schema order, dtypes fixed."""
    frame = pd.DataFrame(
        {col: pd.Series([row.get(col) for row in rows], dtype=object) for col in CLAIM_COLUMNS}
    )
    for col in _INT_COLUMNS:
        frame[col] = frame[col].astype("int64")
    return frame
