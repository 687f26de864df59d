"""Article and source files as text: plain text, Markdown, HTML and Word .docx.

Plain text (.txt, .md, .text, or no extension) is returned exactly as decoded: no newline
normalization and no stripping, because claim offsets are character offsets into this text and
the reviewer sees them against the file as written. Only a leading byte-order mark is removed.

Decoding (`claims.reading.encodings`) accepts UTF-8, UTF-16 with or without a BOM and
Windows-1252 that reads as text; a few stray bytes in UTF-8 become U+FFFD with a
`DecodingWarning` that says where, the rest of the file kept.

HTML is untrusted: `claims.reading.markup` reads it into paragraphs (scripts, styles and
markup dropped, blocks to paragraphs, white space collapsed), in one pass at any depth of nesting.

A .docx gives the non-empty paragraphs of its body, table cells included, in document order
(headers, footers, footnotes and text boxes are not read).

One limit, `max_bytes` (`--max-bytes` on every command that reads a file), bounds what a file
may cost, not only its size on disk: the file's bytes, checked before anything is read; what a
.docx unpacks to, checked from the archive's directory before anything is inflated (a 534 KB
document can unpack to 180 MB of XML, 79 s and 2.3 GB to parse); and the length of the text,
checked as it is gathered, paragraph by paragraph or page by page (`TextLimit`). Every error is
an `InputError` whose message names the file and says what to do; no parser's traceback
reaches the user.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import PurePath
from typing import Literal

import docx
from docx.document import Document
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from claims.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    TooLargeError,
    UnsupportedFormatError,
)
from claims.reading.encodings import decode_text
from claims.reading.markup import html_paragraphs

DEFAULT_MAX_BYTES = 20_000_000

Format = Literal["text", "html", "docx"]
FORMATS: dict[str, Format] = {
    "": "text",
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
}

# Signature of the OLE2 container: old binary .doc files and password-protected .docx files.
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def load_text(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of the article or source file at `path`.

    Raises an `InputError` subclass, naming the file and the fix, for a file that is missing,
    over `max_bytes`, empty, binary, in an unknown encoding, or of a format we do not read.
    """
    name = os.fspath(path)
    _format_of(name)  # an unsupported extension fails before the disk is touched
    _check_limit(max_bytes)
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            raise _too_large(name, size, max_bytes)
        with open(path, "rb") as file:
            # Read one byte past the limit: the file may have grown since it was measured.
            data = file.read(max_bytes + 1)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        message = f"cannot read {name}: {reason}; check the path and that the file is readable"
        raise InputError(message) from exc
    return text_from_bytes(data, name=name, max_bytes=max_bytes)


def text_from_bytes(data: bytes, *, name: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The text of a file already in memory (an upload); `name` gives its format and messages."""
    kind = _format_of(name)
    _check_limit(max_bytes)
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    if not data:
        raise EmptyInputError(f"{name} is empty; choose the file that holds the article's text")
    if kind == "docx":
        text = _docx_text(data, name, max_bytes)
    else:
        text = decode_text(data, name=name)
        if kind == "html":
            text = _html_text(text, name)
    if not text.strip():
        raise EmptyInputError(_empty_message(name, kind))
    return text


def _format_of(name: str) -> Format:
    suffix = PurePath(name).suffix.lower()
    kind = FORMATS.get(suffix)
    if kind is None:
        known = ", ".join(s for s in FORMATS if s)
        raise UnsupportedFormatError(
            f"cannot read {name}: {suffix} files are not supported; the formats we read are "
            f"{known} and plain text with no extension; export the document as one of these"
        )
    return kind


def _check_limit(max_bytes: int) -> None:
    if max_bytes < 1:
        raise ValueError(f"max_bytes must be a positive number of bytes, not {max_bytes}")


def _too_large(name: str, size: int, max_bytes: int) -> TooLargeError:
    return TooLargeError(
        f"{name} is {size:,} bytes, over the limit of {max_bytes:,} bytes; to read it anyway, "
        f"raise the limit with the max_bytes argument (--max-bytes {size} on the command line)"
    )


def _empty_message(name: str, kind: Format) -> str:
    where = {
        "text": "nothing but white space",
        "html": "no readable text once scripts, styles and markup are removed",
        "docx": "no text in its paragraphs or tables (headers, footers, text boxes are not read)",
    }[kind]
    return f"{name} has {where}; choose the file that holds the article's text"


def _html_text(markup: str, name: str) -> str:
    # The markup is untrusted: a parser failure on it is the user's problem to fix, not a crash.
    try:
        return "\n\n".join(html_paragraphs(markup))
    except Exception as exc:
        raise InputError(
            f"{name} could not be read as HTML; open it in a browser and save it again as "
            "HTML, or export it as .txt"
        ) from exc


def _docx_text(data: bytes, name: str, max_bytes: int) -> str:
    _check_archive(data, name, max_bytes)
    limit = TextLimit(name, max_bytes)
    # python-docx and lxml raise many kinds of error on a damaged package; all mean the same to
    # the user.
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = [limit.add(text) for text in _docx_paragraphs(document)]
    except TooLargeError:
        raise
    except Exception as exc:
        raise _bad_docx(name, "it is a zip archive but not a readable Word document") from exc
    return "\n\n".join(paragraphs)


def _check_archive(data: bytes, name: str, max_bytes: int) -> None:
    if data.startswith(_OLE2_SIGNATURE):
        raise _bad_docx(name, "it is an old .doc file or a password-protected document")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            # zipfile never inflates more than an entry's declared size (past it, the entry
            # fails its CRC check), so the directory bounds what reading can cost.
            unpacked = sum(info.file_size for info in archive.infolist())
    except Exception as exc:
        raise _bad_docx(name, "it is not a zip archive, as every .docx is") from exc
    if unpacked > max_bytes:
        raise TooLargeError(
            f"{name} unpacks to {unpacked:,} bytes, over the limit of {max_bytes:,} bytes (a "
            ".docx is a zip archive, and what it unpacks to counts against the limit); if the "
            "document is genuine, raise the limit with the max_bytes argument "
            f"(--max-bytes {unpacked} on the command line)"
        )


class TextLimit:
    """The running length of a text as it is gathered: `TooLargeError` once it passes
    `max_bytes` characters, so that a file whose text is far longer than the file (a
    compressed format) is refused before all of it is held."""

    def __init__(self, name: str, max_bytes: int) -> None:
        self.name, self.max_bytes, self.length = name, max_bytes, 0

    def add(self, piece: str) -> str:
        self.length += len(piece)
        if self.length > self.max_bytes:
            raise TooLargeError(
                f"{self.name} holds more than {self.max_bytes:,} characters of text, the limit; "
                "if the document is genuine, raise the limit with the max_bytes argument "
                f"(--max-bytes on the command line, now {self.max_bytes}; for example "
                f"--max-bytes {self.max_bytes * 4})"
            )
        return piece


def _bad_docx(name: str, reason: str) -> BinaryInputError:
    return BinaryInputError(
        f"{name} is not a valid Word .docx file ({reason}); open it in Word or LibreOffice and "
        "save it as .docx, or export the text as .txt"
    )


def _docx_paragraphs(container: Document | _Cell) -> Iterator[str]:
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            text = block.text.strip()
            if text:
                yield text
        else:
            yield from _table_paragraphs(block)


def _table_paragraphs(table: Table) -> Iterator[str]:
    # A merged cell is listed once for every grid column and row it spans. Holding on to the
    # cell elements keeps their lxml proxies alive, so the same cell is the same object here.
    seen: set[object] = set()
    for row in table.rows:
        for cell in row.cells:
            if cell._tc not in seen:
                seen.add(cell._tc)
                yield from _docx_paragraphs(cell)
