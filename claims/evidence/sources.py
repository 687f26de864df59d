"""Source documents -> passages: the newsroom's evidence, cut into units of retrieval.

A `Source` is a document's text with what is known of it (title, publisher, address, date). Text,
Markdown, HTML and Word files are read by `claims.reading.text`, exactly as articles are; PDF and
CSV by `claims.reading.formats`. The same bad input gets the same errors as an article (empty,
binary, too large, wrong encoding), and nothing is half built: an error leaves no source. Metadata
the caller gives wins over what the file says, and the file's name stem is the title of last resort.
`source_id` defaults to a hash of the file's bytes, so adding the same file again gives the same id
and the same passage ids.

Passages are windows of up to `WINDOW_SENTENCES` sentences of one paragraph, capped at
`WINDOW_CHARS` characters, and each window starts at the last sentence of the one before: two
adjacent sentences of a paragraph always share a window (unless together they pass the cap), so
a figure is found beside the sentence that says what it counts ("it rose to 96.7%" needs the
sentence before). Measured on Climate-FEVER's
evidence grouped into one document per Wikipedia article (1,061 claims, BM25 top 5 holding a
relevant sentence): single sentences 0.564, a window starting at every sentence 0.571 (its
near-duplicate windows crowd the top 5), non-overlapping windows 0.598, these chained windows
0.601, with 20% more passages than non-overlapping ones and 37% fewer than single sentences.
A sentence longer than `MAX_PASSAGE_CHARS` (a table flattened into one line) is cut at white
space. A CSV row is one passage.

`values` holds the figures and dates of each passage, found once here with the article
extractor's finders (relative dates resolved against the source's date), so that matching never
parses a passage again. Offsets are relative to the passage; the dicts are plain JSON.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from claims.errors import EmptyInputError, InputError, TooLargeError, UnsupportedFormatError
from claims.evidence.passage_values import passage_values, passages_values
from claims.extract import PublishedDate, parse_published
from claims.reading.formats import FileMeta, csv_text, docx_meta, html_meta, pdf_text, text_title
from claims.reading.sentences import Span, paragraph_spans, sentence_spans
from claims.reading.text import DEFAULT_MAX_BYTES, decode_text, text_from_bytes
from claims.schema import PASSAGE_COLUMNS

WINDOW_SENTENCES = 3
WINDOW_CHARS = 600
MAX_PASSAGE_CHARS = 1_200

FORMATS: dict[str, str] = {
    "": "text",
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".csv": "csv",
    ".tsv": "csv",
}


@dataclass(frozen=True)
class Source:
    """A source document as text, with its metadata; passage offsets point into `text`."""

    source_id: str
    text: str
    title: str
    publisher: str | None
    url: str | None
    date: str | None
    file_name: str
    format: str


def load_source(
    path: str | os.PathLike[str],
    *,
    source_id: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    date: PublishedDate = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Source:
    """The source document at `path`; arguments given here win over the file's metadata."""
    name = os.fspath(path)
    format_of(name)  # an unsupported extension fails before the disk is touched
    data = _read(name, max_bytes)
    return source_from_bytes(
        data, name=name, source_id=source_id, title=title, publisher=publisher, url=url,
        date=date, max_bytes=max_bytes,
    )  # fmt: skip


def source_from_bytes(
    data: bytes,
    *,
    name: str,
    source_id: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    date: PublishedDate = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Source:
    """A source from a file already in memory (an upload); `name` gives its format."""
    kind = format_of(name)
    when = parse_published(date)  # a bad date fails before any parsing work
    text, meta = _text_and_meta(data, name, kind, max_bytes)
    return Source(
        source_id=source_id if source_id is not None else bytes_id(data),
        text=text,
        title=title or meta.title or readable_name(PurePath(name).stem or PurePath(name).name),
        publisher=publisher or meta.publisher,
        url=safe_url(url) or safe_url(meta.url),
        date=when.isoformat() if when else meta.date,
        file_name=readable_name(PurePath(name).name),
        format=kind,
    )


def readable_name(name: str) -> str:
    """A file name as text that can be stored and shown: a name whose bytes are not UTF-8
    (kept by the file system as surrogates) gets the replacement character for each bad byte."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# The only kinds of address a source keeps (and the app shows as a link): a page's
# `<link rel=canonical href="javascript:...">` or a `data:` URL is dropped, never followed.
SAFE_URL_SCHEMES = ("http", "https", "mailto")


def safe_url(url: str | None) -> str | None:
    """`url` without its surrounding white space if it is a web or mail address, else None."""
    if not url:
        return None
    clean = url.strip()
    try:
        parts = urlsplit(clean)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_URL_SCHEMES or any(c.isspace() for c in clean):
        return None
    return clean if parts.netloc or parts.scheme.lower() == "mailto" else None


def format_of(name: str) -> str:
    """The format named by a file's extension; `UnsupportedFormatError` for any other."""
    suffix = PurePath(name).suffix.lower()
    if suffix not in FORMATS:
        known = ", ".join(s for s in FORMATS if s)
        raise UnsupportedFormatError(
            f"cannot read {name}: {suffix} files are not supported; the formats we read are "
            f"{known} and plain text with no extension; export the document as one of these"
        )
    return FORMATS[suffix]


def bytes_id(data: bytes) -> str:
    """A stable id for a file's bytes: 16 hex characters of their SHA-256."""
    return hashlib.sha256(data).hexdigest()[:16]


def _read(name: str, max_bytes: int) -> bytes:
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be a positive number of bytes, not {max_bytes}")
    try:
        size = os.stat(name).st_size
        if size > max_bytes:
            raise _too_large(name, size, max_bytes)
        with open(name, "rb") as file:
            return file.read(max_bytes + 1)  # one past the limit: the file may have grown
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(
            f"cannot read {name}: {reason}; check the path and that the file is readable"
        ) from exc


def _text_and_meta(data: bytes, name: str, kind: str, max_bytes: int) -> tuple[str, FileMeta]:
    if kind not in ("pdf", "csv"):
        text = text_from_bytes(data, name=name, max_bytes=max_bytes)
        if kind == "html":
            return text, html_meta(decode_text(data, name=name))
        meta = docx_meta(data) if kind == "docx" else FileMeta()
        return text, FileMeta(meta.title or text_title(text), meta.publisher, None, meta.date)
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be a positive number of bytes, not {max_bytes}")
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    if not data.strip():
        raise EmptyInputError(f"{name} is empty; choose the file that holds the source's text")
    if kind == "pdf":
        return pdf_text(data, name, max_bytes=max_bytes)
    return csv_text(data, name, max_bytes=max_bytes)[0], FileMeta()


def _too_large(name: str, size: int, max_bytes: int) -> TooLargeError:
    return TooLargeError(
        f"{name} is {size:,} bytes, over the limit of {max_bytes:,} bytes; to read it anyway, "
        f"raise the limit with the max_bytes argument (--max-bytes {size} on the command line)"
    )


# --- passages ----------------------------------------------------------------------------------


def source_passages(source: Source) -> pd.DataFrame:
    """The passages of `source`, one row each in text order, with PASSAGE_COLUMNS."""
    published = dt.date.fromisoformat(source.date) if source.date else None
    csv = source.format == "csv"
    spans = _csv_spans(source.text) if csv else passage_spans(source.text)
    texts = [source.text[start:end] for start, end in spans]
    if csv:
        values = [table_row_values(text, published=published) for text in texts]
    else:
        values = passages_values(texts, published=published)
    rows = [
        _passage_row(source, start, end, text, found)
        for (start, end), text, found in zip(spans, texts, values, strict=True)
    ]
    return passages_frame(rows)


def passage_spans(text: str) -> list[Span]:
    """Windows of up to WINDOW_SENTENCES sentences of one paragraph; each window starts at the
    last sentence of the one before, so that adjacent sentences share a window."""
    pieces = list(_cut_long(text, sentence_spans(text)))
    paragraph_starts = [start for start, _ in paragraph_spans(text)]
    para = [bisect.bisect_right(paragraph_starts, start) for start, _ in pieces]
    spans: list[Span] = []
    i = 0
    while i < len(pieces):
        j = _window_end(pieces, para, i)
        spans.append((pieces[i][0], pieces[j][1]))
        paragraph_ends = j + 1 == len(pieces) or para[j + 1] != para[j]
        i = j + 1 if paragraph_ends or j == i else j
    return spans


def _window_end(pieces: list[Span], para: list[int], i: int) -> int:
    """The last sentence of the window that starts with sentence `i`."""
    j = i
    while (
        j + 1 < len(pieces)
        and j + 1 - i < WINDOW_SENTENCES
        and para[j + 1] == para[i]
        and pieces[j + 1][1] - pieces[i][0] <= WINDOW_CHARS
    ):
        j += 1
    return j


def passages_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """A passage table from row dicts: PASSAGE_COLUMNS in order, offsets int64, the rest object
    columns (pandas would infer a string dtype and turn None into NaN)."""
    data: dict[str, pd.Series] = {}
    for col in PASSAGE_COLUMNS:
        cells = [row.get(col) for row in rows]
        if col in ("start", "end"):
            data[col] = pd.Series(np.array(cells, dtype="int64"), copy=False)
        else:
            # Filled cell by cell, so that a list (the values) stays one cell.
            array = np.empty(len(cells), dtype=object)
            array[:] = cells
            data[col] = pd.Series(array, dtype=object, copy=False)
    return pd.DataFrame(data, copy=False)


# A table's column names say what its bare numbers are: "share_percent: 96.7" is 96.7%, and
# "value_usd_millions: 2680.5" is 2,680.5 million dollars.
_CELL = re.compile(r"(?:^|(?<=; ))(?P<name>[^:;\n]{1,80}): ")
_COLUMN_HINTS: dict[str, str] = {
    "percent": "percent", "pct": "percent", "%": "percent", "share": "percent",
    "usd": "USD", "dollars": "USD", "gbp": "GBP", "pounds": "GBP", "eur": "EUR", "euros": "EUR",
}  # fmt: skip
_COLUMN_WORD = re.compile(r"[a-z]+|%")
_COLUMN_SCALES = {"thousands": 1e3, "millions": 1e6, "mn": 1e6, "billions": 1e9, "bn": 1e9}


def table_row_values(text: str, *, published: dt.date | None = None) -> list[dict[str, Any]]:
    """The values of one table row ("column: value; ..."), typed by their column's name."""
    cells = list(_CELL.finditer(text))
    values: list[dict[str, Any]] = []
    for i, cell in enumerate(cells):
        end = cells[i + 1].start() - 2 if i + 1 < len(cells) else len(text)
        name = cell.group("name")
        for value in passage_values(text[cell.end() : end], published=published):
            values.append(_typed(value, name, offset=cell.end()))
    return values


def _typed(value: dict[str, Any], column: str, *, offset: int) -> dict[str, Any]:
    typed = {**value, "start": value["start"] + offset, "end": value["end"] + offset}
    typed["subject"] = typed["subject"] or column.replace("_", " ")
    if value["kind"] != "count" or not isinstance(value["value"], int | float):
        return typed
    words = _COLUMN_WORD.findall(column.lower())
    unit = next((_COLUMN_HINTS[w] for w in words if w in _COLUMN_HINTS), None)
    if unit == "percent":
        return {**typed, "kind": "percent", "value": round(value["value"] / 100, 12)}
    if unit is not None:
        scale = next((_COLUMN_SCALES[w] for w in words if w in _COLUMN_SCALES), 1.0)
        return {**typed, "kind": "money", "value": value["value"] * scale, "unit": unit}
    return typed


def passage_id(source_id: str, start: int, end: int, text: str) -> str:
    """Stable across rebuilds: the source, the offsets and a hash of the passage's text."""
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{source_id}:{start}-{end}:{digest}"


def _csv_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        if line:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _cut_long(text: str, sentences: Iterable[Span]) -> Iterator[Span]:
    for start, end in sentences:
        while end - start > MAX_PASSAGE_CHARS:
            cut = text.rfind(" ", start + 1, start + MAX_PASSAGE_CHARS)
            cut = cut if cut > start else start + MAX_PASSAGE_CHARS
            yield start, cut
            start = cut
            while start < end and text[start].isspace():
                start += 1
        if end > start:
            yield start, end


def _passage_row(
    source: Source, start: int, end: int, text: str, values: list[dict[str, Any]]
) -> dict[str, Any]:
    return {
        "passage_id": passage_id(source.source_id, start, end, text),
        "source_id": source.source_id,
        "start": start,
        "end": end,
        "text": text,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "date": source.date,
        "file_name": source.file_name,
        "values": values,
    }
