"""The records the review store reads and writes: articles, reviews, citations, sources.

They are plain frozen dataclasses, so the UI and the command line can hold them without a
database connection, and a second store (PostgreSQL, in team mode) can return the same ones.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any

import pandas as pd

from claims.schema import PASSAGE_COLUMNS, claims_frame

# The store's clock: tests pass a fixed one so that exported timestamps are reproducible.
Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The default clock: now, in UTC."""
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Article:
    """An article as stored: its text exactly as extracted from, and who added it when."""

    article_id: str
    title: str
    outlet: str | None
    published: str | None
    text: str
    added_by: str | None
    added_at: str
    version_of: str | None = None  # the article this one is a revised draft of
    version: int = 1  # its number in its chain of drafts


@dataclass(frozen=True)
class Carried:
    """What a claim of a new draft takes over from its previous version's review.

    `review` holds the review columns to set on the new claim (empty: it stays unreviewed);
    the history row says what happened and keeps the previous decision in `detail`.
    """

    claim_id: str
    review: Mapping[str, Any]
    action: str
    from_status: str | None
    to_status: str
    note: str
    citation: Citation | None
    detail: Mapping[str, Any]


@dataclass(frozen=True)
class Citation:
    """The evidence of a decision, copied so that it survives its source being deleted."""

    passage_id: str | None = None
    url: str | None = None
    text: str | None = None
    source_title: str | None = None


@dataclass(frozen=True)
class Review:
    """The current review of one claim; `version` goes up by one with every change."""

    claim_id: str
    status: str
    reviewer: str | None
    decided_at: str | None
    note: str | None
    cited_passage_id: str | None
    cited_url: str | None
    cited_text: str | None
    cited_source_title: str | None
    version: int
    signed_off_by: str | None
    signed_off_at: str | None


REVIEW_COLUMNS = tuple(f.name for f in fields(Review))


@dataclass(frozen=True)
class SourceRecord:
    """A source document's metadata; its text lives in its passages."""

    source_id: str
    title: str
    publisher: str | None
    url: str | None
    date: str | None
    file_name: str | None
    format: str | None
    added_at: str = ""


@dataclass(frozen=True)
class PendingTask:
    """Work a command had still to finish when it stopped: what, on which source, article or
    claim (None: every article), and since when."""

    task_id: int
    task: str
    target: str | None
    started_at: str


# Claim columns that hold any JSON value (a number, a string, a [low, high] range).
JSON_CLAIM_COLUMNS = ("value",)
HISTORY_COLUMNS = (
    "id", "claim_id", "at", "who", "action", "from_status", "to_status", "note",
    "cited_passage_id", "cited_url", "cited_text", "cited_source_title", "detail",
)  # fmt: skip
FLAG_TABLE_COLUMNS = ("claim_id", "check", "message")
REVISION_COLUMNS = ("old_claim_id", "new_claim_id", "status", "changes", "score")
SOURCE_COLUMNS = ("source_id", "title", "publisher", "url", "date", "file_name", "format",
                  "added_at")  # fmt: skip


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table's rows as dicts keyed by column name."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")]


def as_dict(record: Article | SourceRecord) -> dict[str, Any]:
    """A record's fields by name, in their order."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


def plain(value: Any) -> Any:
    """A cell as a plain Python value: numpy scalars unwrapped, NaN and NA as None."""
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        value = value.item()
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value


def claim_row(row: dict[str, Any]) -> dict[str, Any]:
    """A claim row read from the database, its JSON columns decoded (in place)."""
    for col in JSON_CLAIM_COLUMNS:
        row[col] = json.loads(row[col]) if row[col] is not None else None
    return row


def claim_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Claim rows joined with their reviews -> the claim table with origin and review columns."""
    rows = [claim_row(r) for r in rows]
    table = claims_frame(rows)
    for col in ("origin", *REVIEW_COLUMNS[1:]):
        table[col] = pd.Series([r.get(col) for r in rows], dtype=object, index=table.index)
    table["version"] = table["version"].astype("int64")
    return table


def frame(
    rows: list[dict[str, Any]],
    columns: tuple[str, ...],
    *,
    ints: tuple[str, ...] = (),
    floats: tuple[str, ...] = (),
) -> pd.DataFrame:
    """A table of object columns (None stays None, never NaN), but for the numeric ones named."""
    table = pd.DataFrame(rows, columns=list(columns), dtype=object)
    for col in ints:
        table[col] = table[col].astype("int64")
    for col in floats:
        table[col] = table[col].astype("float64")
    return table


def db_value(column: str, value: Any) -> Any:
    """A claim cell as stored: JSON text for the JSON columns, a plain value otherwise."""
    if column in JSON_CLAIM_COLUMNS:
        cell = plain(value) if not isinstance(value, (list, tuple)) else list(value)
        return json.dumps(cell, ensure_ascii=False)
    return plain(value)


def passage_params(row: Mapping[str, Any]) -> tuple[Any, ...]:
    """A passage row as the values of an INSERT, in PASSAGE_COLUMNS order."""
    values = [plain(row[c]) if c != "values" else json.dumps(list(row[c] or []),
              ensure_ascii=False) for c in PASSAGE_COLUMNS]  # fmt: skip
    return tuple(values)


def passage_row(row: dict[str, Any]) -> dict[str, Any]:
    """A passage row read back, its figures decoded from JSON (in place)."""
    row["values"] = json.loads(row["values"])
    return row
