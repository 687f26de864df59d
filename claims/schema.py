"""The claim table's columns, in the order of CLAIM-SCHEMA.md, and its kinds and qualifiers."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
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
    """Build a claim table from row dicts; columns in schema order, dtypes fixed.

    One object block, then the integer columns: pandas would otherwise infer a string dtype
    per column (turning None into NaN), and building column by column costs twice as much,
    which is a third of the extraction on a short article.
    """
    cells = np.empty((len(rows), len(CLAIM_COLUMNS)), dtype=object)
    for i, row in enumerate(rows):
        for j, col in enumerate(CLAIM_COLUMNS):
            cells[i, j] = row.get(col)
    frame = pd.DataFrame(cells, columns=list(CLAIM_COLUMNS), dtype=object, copy=False)
    for col in _INT_COLUMNS:
        frame[col] = np.array([row[col] for row in rows], dtype="int64")
    return frame


# A passage: a window of one to three sentences of a source document, the unit of retrieval.
# `start`/`end` are character offsets into the source's text as loaded; `values` lists the
# figures and dates found in the passage when it was indexed (dicts with kind, value, unit,
# qualifier, subject, start, end, text; offsets relative to the passage).
PASSAGE_COLUMNS: tuple[str, ...] = (
    "passage_id",
    "source_id",
    "start",
    "end",
    "text",
    "title",
    "publisher",
    "url",
    "date",
    "file_name",
    "values",
)

# One row per claim and rank: the best passages for a claim, with what they say of its value.
MATCH_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "rank",
    "passage_id",
    "source_id",
    "score",
    "agreement",
    "reason",
    "evidence_start",
    "evidence_end",
    "source_value",
    "passage_text",
)

AGREEMENTS = (
    "agrees",
    "consistent",
    "conflicts",
    "absent",
    "verbatim",
    "altered",
    "misattributed",
    "unchecked",
)


# --- comparing values -------------------------------------------------------------------------

# Numbers are equal within this relative tolerance: 0.97 read from "97%" and from "97 per cent".
REL_TOL = 1e-9


def is_missing(value: Any) -> bool:
    """None, NaN or pandas NA; a list (a range) or a dict is never missing."""
    if value is None:
        return True
    if isinstance(value, list | tuple | dict):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        # Array-likes make pd.isna return an array; they are values, not gaps.
        return False


def plain_value(value: Any) -> Any:
    """NumPy scalars and arrays as Python numbers and lists, so that both sides compare alike."""
    tolist = getattr(value, "tolist", None)
    return tolist() if callable(tolist) and not isinstance(value, str) else value


def values_equal(a: Any, b: Any, *, same_text: Callable[[str, str], bool] | None = None) -> bool:
    """Equal as claim values: numbers within REL_TOL relative, lists (ranges) item by item,
    strings exactly or by `same_text`; two missing values are equal."""
    a, b = plain_value(a), plain_value(b)
    if is_missing(a) or is_missing(b):
        return is_missing(a) and is_missing(b)
    if isinstance(a, list | tuple) or isinstance(b, list | tuple):
        return (
            isinstance(a, list | tuple)
            and isinstance(b, list | tuple)
            and len(a) == len(b)
            and all(values_equal(x, y, same_text=same_text) for x, y in zip(a, b, strict=True))
        )
    if isinstance(a, str) or isinstance(b, str):
        if not (isinstance(a, str) and isinstance(b, str)):
            return False
        return same_text(a, b) if same_text is not None else a == b
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=REL_TOL)
    return bool(a == b)
