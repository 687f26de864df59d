"""The claim table's columns, in the order of CLAIM-SCHEMA.md, and its kinds and qualifiers."""

from __future__ import annotations

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
    "evidence_start",
    "evidence_end",
    "source_value",
    "passage_text",
)

AGREEMENTS = (
    "agrees",
    "conflicts",
    "absent",
    "verbatim",
    "altered",
    "misattributed",
    "unchecked",
)
