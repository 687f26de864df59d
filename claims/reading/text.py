"""Article and source files as text: plain text, Markdown, HTML and Word .docx.

Plain text (.txt, .md, .text, or no extension) is returned exactly as decoded: no newline
normalization and no stripping, because claim offsets are character offsets into this text and
the reviewer sees them against the file as written. Only a leading byte-order mark is removed.

Decoding accepts what newsroom files actually are: UTF-8 (with or without a BOM), UTF-16 with a
BOM, and, failing those, Windows-1252, the encoding of text saved by older Windows tools. Almost
any byte sequence decodes as Windows-1252, so that fallback is taken only when the result reads as
text (no control characters besides tab, newline, carriage return and form feed); otherwise the
user is told to re-save the file as UTF-8 rather than handed mojibake. A NUL byte outside UTF-16
means a binary file (a PDF, an image, a spreadsheet) with a text extension.

HTML is untrusted. It is parsed with the standard library's parser through beautifulsoup4 (no
lxml dependency); scripts, styles, templates, embedded objects, the head and the title are
dropped, and only plain character data is kept, so no script, comment or CDATA content can reach
the output. A comment or tag that is never closed is escaped before parsing and shows as text:
the parser would otherwise show the tags inside an unclosed comment as text, a script's code
included, and takes quadratic time on crafted markup full of such openings. Block elements become
paragraph breaks; paragraphs are joined by a blank line and the white space inside each one is
collapsed, as a browser would show it.

A .docx gives the non-empty paragraphs of its body, table cells included, in document order
(headers, footers, footnotes and text boxes are not read). The zip is inspected before it is
opened, so that an archive that unpacks to far more than the size limit is refused.

The size is checked before anything is read. Every error is an `InputError` whose message names
the file and says what to do; no parser's traceback reaches the user.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections import deque
from collections.abc import Iterator
from pathlib import PurePath
from typing import Literal

import docx
from bs4 import BeautifulSoup, NavigableString, PageElement, Tag
from docx.document import Document
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from claims.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    TooLargeError,
    UnsupportedFormatError,
)

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

# A .docx is a zip of XML, which compresses about five to ten times; far beyond that is a zip bomb.
MAX_UNPACK_RATIO = 10

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
# Signature of the OLE2 container: old binary .doc files and password-protected .docx files.
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

_DROPPED_TAGS = frozenset(
    {
        *("script", "style", "noscript", "template", "head", "title"),
        *("iframe", "object", "embed", "noembed", "noframes", "svg", "canvas"),
    }
)
_BLOCK_TAGS = frozenset(
    {
        *("p", "div", "br", "hr", "pre", "blockquote", "address", "center"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "hgroup"),
        *("ul", "ol", "li", "dl", "dt", "dd", "menu"),
        *("table", "caption", "thead", "tbody", "tfoot", "tr"),
        *("section", "article", "aside", "header", "footer", "nav", "main"),
        *("figure", "figcaption", "details", "summary", "dialog", "form", "fieldset", "legend"),
    }
)
# Cells of one row stay in one paragraph, but their texts must not run together.
_CELL_TAGS = frozenset({"td", "th"})

# Openings html.parser can never close, as pairs of (what would close it, the opening): a marked
# section it rejects outright, a marked section after the last "]]>" or "]>", a comment after the
# last "-->", and "<" after the last ">". The parser shows them as text anyway, but only after
# searching to the end of the markup for each one (quadratic on crafted input), and it shows the
# tags inside an unclosed comment as text, a script's code included. Escaped, they are text at
# once and the tags after them are parsed as tags.
_MARKED_SECTIONS = r"(?:cdata|temp|ignore|include|rcdata|if|else|endif)(?![-_.a-zA-Z0-9])"
_UNCLOSABLE: tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...] = (
    (None, re.compile(rf"<!\[(?!{_MARKED_SECTIONS})", re.IGNORECASE)),
    (re.compile(r"\]\s*\]\s*>"), re.compile(r"<!\[(?:cdata|temp|ignore|include|rcdata)", re.I)),
    (re.compile(r"\]\s*>"), re.compile(r"<!\[")),
    (re.compile(r"--\s*>"), re.compile(r"<!--")),
    (re.compile(r">"), re.compile(r"<")),
)


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


def decode_text(data: bytes, *, name: str) -> str:
    """Bytes of a text file as a string: UTF-8, UTF-16 with a BOM, or Windows-1252 that reads as
    text. A leading BOM is removed; nothing else is changed."""
    if data.startswith(_UTF16_BOMS):
        return _checked(_decode_or_none(data, "utf-16"), name)
    if b"\x00" in data:
        raise BinaryInputError(
            f"{name} looks like a binary file, not text; export it as .txt, .html or .docx"
        )
    if data.startswith(_UTF8_BOM):
        return _checked(_decode_or_none(data[len(_UTF8_BOM) :], "utf-8"), name)
    text = _decode_or_none(data, "utf-8")
    if text is not None:
        return text
    return _checked(_decode_or_none(data, "cp1252"), name)


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


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _checked(text: str | None, name: str) -> str:
    """`text` if it decoded and reads as text; otherwise an `EncodingError` for the user."""
    if text is not None and _NOT_TEXT.search(text) is None:
        return text
    raise EncodingError(
        f"{name} is not UTF-8, UTF-16 or Windows-1252 text; open it in a text editor and "
        "save it again as UTF-8"
    )


def _html_text(markup: str, name: str) -> str:
    # The markup is untrusted: a parser failure on it is the user's problem to fix, not a crash.
    try:
        soup = BeautifulSoup(_defuse(markup), "html.parser")
        return "\n\n".join(_html_paragraphs(soup))
    except Exception as exc:
        raise InputError(
            f"{name} could not be read as HTML; open it in a browser and save it again as "
            "HTML, or export it as .txt"
        ) from exc


def _defuse(markup: str) -> str:
    """`markup` with the "<" of every construct html.parser can never close written as "&lt;"."""
    for close, opening in _UNCLOSABLE:
        last = deque(close.finditer(markup), maxlen=1) if close else None
        start = last[0].start() if last else 0
        tail = opening.sub(lambda match: "&lt;" + match[0][1:], markup[start:])
        markup = markup[:start] + tail
    return markup


def _html_paragraphs(soup: BeautifulSoup) -> Iterator[str]:
    # A walk of the tree with a stack of its open elements, not a rewrite of the tree: marking
    # the end of each block by appending to it (bs4 finds an element's last descendant for every
    # insertion) took quadratic time in the depth of nesting, 15 s for 10,000 nested blocks.
    pieces: list[str] = []
    stack: list[tuple[Tag, Iterator[PageElement]]] = [(soup, iter(soup.contents))]
    while stack:
        element, children = stack[-1]
        node = next(children, None)
        if node is None:
            stack.pop()
            if element.name in _BLOCK_TAGS:
                yield from _flush(pieces)
        elif isinstance(node, Tag):
            if node.name in _DROPPED_TAGS:
                continue
            if node.name in _CELL_TAGS:
                pieces.append(" ")
            elif node.name in _BLOCK_TAGS:
                yield from _flush(pieces)
            stack.append((node, iter(node.contents)))
        # Comments, CDATA, doctypes and script or style strings are NavigableString subclasses.
        elif type(node) is NavigableString:
            pieces.append(node)
    yield from _flush(pieces)


def _flush(pieces: list[str]) -> Iterator[str]:
    paragraph = " ".join("".join(pieces).split())
    pieces.clear()
    if paragraph:
        yield paragraph


def _docx_text(data: bytes, name: str, max_bytes: int) -> str:
    _check_archive(data, name, max_bytes)
    # python-docx and lxml raise many kinds of error on a damaged package; all mean the same to
    # the user.
    try:
        document = docx.Document(io.BytesIO(data))
        return "\n\n".join(_docx_paragraphs(document))
    except Exception as exc:
        raise _bad_docx(name, "it is a zip archive but not a readable Word document") from exc


def _check_archive(data: bytes, name: str, max_bytes: int) -> None:
    if data.startswith(_OLE2_SIGNATURE):
        raise _bad_docx(name, "it is an old .doc file or a password-protected document")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except Exception as exc:
        raise _bad_docx(name, "it is not a zip archive, as every .docx is") from exc
    if unpacked > max_bytes * MAX_UNPACK_RATIO:
        needed = -(-unpacked // MAX_UNPACK_RATIO)
        raise TooLargeError(
            f"{name} unpacks to {unpacked:,} bytes, over {MAX_UNPACK_RATIO} times the limit of "
            f"{max_bytes:,} bytes; if the document is genuine, raise the limit with the "
            f"max_bytes argument (--max-bytes {needed} on the command line)"
        )


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
