"""How a passage is stored in the index, and read back: one JSON list per row.

A stored row holds every PASSAGE_COLUMNS cell, then whether its values are packed (see
`_packed`), so that what comes back is what went in. Rows stored as JSON objects by earlier
versions are read as well. A `Hit` reads its row only as far as it is asked for.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
import pandas as pd
import tantivy

from claims.schema import PASSAGE_COLUMNS

# A stored row is a JSON list: the PASSAGE_COLUMNS cells, then whether its values are packed.
# A packed value is a list of the _VALUE_KEYS fields but its text, which is the passage's text
# at its offsets: a third of the bytes of JSON objects, and faster both ways. Values are packed
# only when every one has exactly these keys and its text at its offsets; otherwise they are
# kept as they came.
_PID, _SOURCE_ID, _TEXT, _TITLE, _VALUES = (
    PASSAGE_COLUMNS.index(col) for col in ("passage_id", "source_id", "text", "title", "values")
)
_VALUE_KEYS = ("kind", "value", "unit", "qualifier", "subject", "start", "end", "text")


class Hit:
    """A passage found by `PassageIndex.search_hits`: its BM25 score and its row (`passage`, a
    dict of every PASSAGE_COLUMNS field), read from the stored row as far as it is asked for:
    matching reads fifty passages a claim, most of them no further than their text and the
    kinds of their values."""

    __slots__ = ("_cells", "_passage", "_values", "bm25")

    def __init__(
        self, bm25: float, passage: dict[str, Any] | None = None, *, stored: Any = None
    ) -> None:
        self.bm25 = bm25
        if isinstance(stored, dict):  # a row stored as one JSON object, before rows were lists
            passage, stored = stored, None
        self._passage = passage
        self._cells: list[Any] | None = stored
        self._values: list[Any] | None = None

    @property
    def passage(self) -> dict[str, Any]:
        if self._passage is None:
            assert self._cells is not None
            cells = [*self._cells[:_VALUES], self.values, *self._cells[_VALUES + 1 : -1]]
            self._passage = dict(zip(PASSAGE_COLUMNS, cells, strict=True))
        return self._passage

    @property
    def text(self) -> Any:
        return self.passage["text"] if self._cells is None else self._cells[_TEXT]

    @property
    def values(self) -> Any:
        """The passage's values, as `passage["values"]` holds them."""
        if self._cells is None:
            return self.passage["values"]
        if self._values is None:
            stored, packed = self._cells[_VALUES], self._cells[-1]
            self._values = _unpacked(stored, self._cells[_TEXT]) if packed else stored
        return self._values

    def has_value_of(self, kind: str) -> bool:
        """Whether a value of the passage is of this kind (its values unpacked only if need be)."""
        if self._cells is not None and self._cells[-1]:
            return any(value[0] == kind for value in self._cells[_VALUES])
        return any(value.get("kind") == kind for value in self.values or [])


def documents(passages: pd.DataFrame) -> list[tuple[str, tantivy.Document]]:
    missing = [col for col in PASSAGE_COLUMNS if col not in passages.columns]
    if missing:
        raise ValueError(f"not a passage table: the columns {missing} are missing")
    columns = [_cells(col, passages[col].tolist()) for col in PASSAGE_COLUMNS]
    docs = []
    for row in map(list, zip(*columns, strict=True)):
        pid, title, text = str(row[_PID]), row[_TITLE], row[_TEXT]
        body = f"{title or ''}\n{text or ''}"
        packed = _packed(row[_VALUES], text)
        row.append(packed is not None)
        if packed is not None:
            row[_VALUES] = packed
        payload = _encoded(row)
        doc = tantivy.Document(passage_id=pid, source_id=str(row[_SOURCE_ID]), body=body)
        doc.add_bytes("row", payload)
        docs.append((pid, doc))
    return docs


# A stored row is a JSON list: the PASSAGE_COLUMNS cells, then whether its values are packed.
# A packed value is a list of the _VALUE_KEYS fields but its text, which is the passage's text
# at its offsets: a third of the bytes of JSON objects, and faster both ways. Values are packed
# only when every one has exactly these keys and its text at its offsets; otherwise they are
# kept as they came.
_PID, _SOURCE_ID, _TEXT, _TITLE, _VALUES = (
    PASSAGE_COLUMNS.index(col) for col in ("passage_id", "source_id", "text", "title", "values")
)
_VALUE_KEYS = ("kind", "value", "unit", "qualifier", "subject", "start", "end", "text")


def _packed(values: list[Any], text: Any) -> list[list[Any]] | None:
    if not isinstance(text, str):
        return None
    packed = []
    for value in values:
        if type(value) is not dict or tuple(value) != _VALUE_KEYS:
            return None
        kind, number, unit, qualifier, subject, start, end, written = value.values()
        if type(start) is not int or type(end) is not int:
            return None
        if not 0 <= start <= end <= len(text) or written != text[start:end]:
            return None
        packed.append([kind, number, unit, qualifier, subject, start, end])
    return packed


def _unpacked(values: list[list[Any]], text: str) -> list[dict[str, Any]]:
    # A dict display in _VALUE_KEYS order: three times as fast as dict(zip(...)).
    return [
        {"kind": kind, "value": value, "unit": unit, "qualifier": qualifier,
         "subject": subject, "start": start, "end": end, "text": text[start:end]}
        for kind, value, unit, qualifier, subject, start, end in values
    ]  # fmt: skip


_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False, separators=(",", ":"))


def _encoded(row: list[Any]) -> bytes:
    """A stored row's JSON. orjson writes it 3.7 times as fast as the standard library, which
    counted for a tenth of the CPU of indexing a million passages; what orjson refuses (a lone
    surrogate from a badly decoded file, an integer over 64 bits, a numpy scalar) is written by
    the standard library, as before."""
    try:
        return orjson.dumps(row)
    except TypeError:  # orjson.JSONEncodeError
        return _JSON.encode(row).encode("utf-8", "surrogatepass")


def _decoded(payload: bytes) -> Any:
    """JSON read back: by orjson, or by the standard library for the surrogates it refuses."""
    try:
        return orjson.loads(payload)
    except orjson.JSONDecodeError:
        return json.loads(payload)  # bytes: decoded with surrogatepass


def _cells(col: str, values: list[Any]) -> list[Any]:
    """`_cell` of every value of a column, the common type of the column passed through."""
    plain = {"values": list, "start": int, "end": int}.get(col, str)
    return [value if type(value) is plain else _cell(col, value) for value in values]


def _cell(col: str, value: Any) -> Any:
    """A cell as plain JSON: offsets as int, missing values (None, NaN, NA) as None."""
    if isinstance(value, str):  # the common case first: this runs for every cell
        return json.loads(value) if col == "values" else value
    if col in ("start", "end"):
        return int(value)
    missing = value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))
    if col == "values":
        return [] if missing else list(value)
    return None if missing else value


def rows(searcher: tantivy.Searcher, addresses: list[tantivy.DocAddress]) -> list[dict[str, Any]]:
    """The stored rows of these documents, in order."""
    return [_unpacked_row(cells) for cells in stored(searcher, addresses)]


def stored(searcher: tantivy.Searcher, addresses: list[tantivy.DocAddress]) -> list[Any]:
    """The stored rows of these documents as stored, in order; their JSON parsed in one call."""
    payloads = [searcher.doc(address)["row"][0] for address in addresses]
    stored: list[Any] = _decoded(b"[%b]" % b",".join(payloads))
    return stored


def _unpacked_row(cells: Any) -> dict[str, Any]:
    if isinstance(cells, dict):  # a row stored as one JSON object, before rows were lists
        return cells
    if cells.pop():
        cells[_VALUES] = _unpacked(cells[_VALUES], cells[_TEXT])
    return dict(zip(PASSAGE_COLUMNS, cells, strict=True))
