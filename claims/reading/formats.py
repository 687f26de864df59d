"""Reading the source formats that articles never come in (PDF, CSV), and every format's metadata.

PDF text comes from pypdf's text layer, page by page. pypdf gives one line of text per line of
the page, and our sentence segmenter only ends a sentence before a space, so the lines of a page
are joined with spaces into paragraphs. A line well short of the page's widest line ends its
paragraph: that is how the last line of a paragraph looks, and how headings, list items and the
rows of a table look, which must not run together into one sentence. Pages are separated by a
blank line, so that no passage runs from one page into the next. A PDF with pages but no text on
any of them is a scan: `ScannedPdfError` says to run OCR first. A password-protected PDF is
opened if its user password is empty (permissions-only encryption, common in press releases;
AES needs the `cryptography` package beside pypdf); otherwise `EncryptedPdfError`. Anything
pypdf cannot parse is a `BinaryInputError`.

A CSV becomes one line per data row, "column: value; column: value", with the header's names, so
that a row reads as a statement and the figures keep their labels (a bare "96.7" says nothing).
The delimiter is sniffed from the first lines (comma, semicolon, tab or bar; comma when the sniff
fails, as for a file of one column). Ragged rows are kept: extra cells are named by position and
missing cells are left out. A first row that is all numbers or all empty is not a header.

Metadata is best effort: a damaged or missing field gives None, never an error, because the
document's text has already been read by then and it is what matters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import docx
from pypdf import PdfReader
from pypdf.errors import DependencyError

from claims.errors import (
    BinaryInputError,
    EmptyInputError,
    EncryptedPdfError,
    MalformedCsvError,
    ScannedPdfError,
    TooLargeError,
)
from claims.reading.markup import defuse
from claims.reading.sentences import Span
from claims.reading.text import DEFAULT_MAX_BYTES, TextLimit, decode_text

# Metadata lives in the head of a page, which inline scripts and styles can make long; parsing
# is linear once defused, about a second a megabyte on the worst crafted markup.
HTML_HEAD_CHARS = 262_144
CSV_SNIFF_CHARS = 16_384
CSV_DELIMITERS = ",;\t|"
TITLE_MAX_CHARS = 100
# A PDF line this much shorter than the page's widest line is the last of its paragraph.
SHORT_LINE = 0.75

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_NOT_A_TITLE_END = re.compile(r"[.!?:;,]$")
_NUMERIC_CELL = re.compile(r"[-+]?[$€£¥]?\d[\d.,]*%?")
_BODY = re.compile(r"<body[\s>]", re.IGNORECASE)
# python-docx writes this creation time into every document made from its default template.
_DOCX_TEMPLATE_CREATED = dt.datetime(2013, 12, 23, 23, 15, tzinfo=dt.UTC)


@dataclass(frozen=True)
class FileMeta:
    """What a file says about itself; None where it says nothing."""

    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    date: str | None = None


# --- PDF ---------------------------------------------------------------------------------------


def pdf_text(data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, FileMeta]:
    """The text layer of a PDF, pages separated by a blank line, and its metadata; over
    `max_bytes` characters of text, `TooLargeError` at the page that passes it."""
    reader = _pdf_reader(data, name)
    limit = TextLimit(name, max_bytes)
    try:
        pages = [limit.add(_reflow(page.extract_text() or "")) for page in reader.pages]
    except TooLargeError:
        raise
    except Exception as exc:
        raise _broken_pdf(name) from exc
    if not pages:
        raise EmptyInputError(f"{name} has no pages; choose the file that holds the source's text")
    text = "\n\n".join(page for page in pages if page)
    if not text:
        raise ScannedPdfError(
            f"{name} looks like a scanned PDF: none of its {len(pages)} pages has a text layer; "
            "run OCR on it first (for example ocrmypdf), then add the OCR'd PDF"
        )
    return text, _pdf_meta(reader)


def _pdf_reader(data: bytes, name: str) -> PdfReader:
    if b"%PDF-" not in data[:1024]:
        raise _broken_pdf(name)
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception as exc:
        raise _broken_pdf(name) from exc
    if encrypted:
        _decrypt(reader, name)
    return reader


def _decrypt(reader: PdfReader, name: str) -> None:
    # An empty user password opens documents that are encrypted only to restrict printing.
    try:
        if reader.decrypt(""):
            return
        reason = "it is protected by a password"
    except DependencyError:
        reason = "it is encrypted with AES, which needs the cryptography package installed"
    except Exception:
        reason = "its encryption is of a kind we cannot open"
    raise EncryptedPdfError(
        f"{name} cannot be read: {reason}; open it in a PDF viewer and save or print it to a "
        "PDF without protection, then add that file"
    )


def _broken_pdf(name: str) -> BinaryInputError:
    return BinaryInputError(
        f"{name} is not a readable PDF (it is damaged or not a PDF at all); open it in a PDF "
        "viewer and save or print it to a new PDF, or export the text as .txt"
    )


def _reflow(page: str) -> str:
    lines = [" ".join(line.split()) for line in _CONTROL.sub(" ", page).splitlines()]
    widest = max((len(line) for line in lines), default=0)
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line:
            paragraphs[-1].append(line)
        if len(line) < SHORT_LINE * widest:
            paragraphs.append([])
    return "\n\n".join(_join_lines(p) for p in paragraphs if p)


def _join_lines(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        # A word broken over two lines ("eco-" / "nomic") is joined without a space.
        glue = "" if text.endswith("-") and text[-2:-1].isalpha() else " "
        text += glue + line
    return text


def _pdf_meta(reader: PdfReader) -> FileMeta:
    try:
        info = reader.metadata
        if info is None:
            return FileMeta()
        created = info.creation_date
    except Exception:  # a malformed date or info dictionary
        return FileMeta()
    return FileMeta(title=_clean(info.title), publisher=_clean(info.author), date=iso_date(created))


# --- CSV ---------------------------------------------------------------------------------------


def csv_text(
    data: bytes, name: str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[str, list[Span]]:
    """A CSV file as one "column: value; ..." line per data row, and the span of each line.

    The header's names are repeated on every line, so the text may be far longer than the
    file: over `max_bytes` characters, `TooLargeError`."""
    rows = _csv_rows(decode_text(data, name=name), name)
    header = [" ".join(cell.split()) for cell in rows[0]]
    if not any(header) or all(_NUMERIC_CELL.fullmatch(c) for c in header if c):
        raise MalformedCsvError(
            f"{name} has no header row: its first row must name the columns; add a first row "
            "with a name for each column"
        )
    limit = TextLimit(name, max_bytes)
    lines = [limit.add(line) for line in (_row_line(header, row) for row in rows[1:]) if line]
    if not lines:
        raise EmptyInputError(f"{name} has a header but no data rows; add the table's rows")
    spans: list[Span] = []
    pos = 0
    for line in lines:
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return "\n".join(lines), spans


def _csv_rows(text: str, name: str) -> list[list[str]]:
    # Strict: a quote that is never closed would otherwise swallow every row after it into one
    # cell, and a table that silently loses its rows is worse than one refused.
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text), strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        raise _malformed(name, text, reader.line_num, len(rows), exc) from exc
    if not rows:
        raise EmptyInputError(f"{name} has no rows; choose the file that holds the table")
    return rows


def _malformed(name: str, text: str, line_num: int, rows: int, exc: csv.Error) -> MalformedCsvError:
    """The error of a row the csv module refused, with the line the row starts on."""
    start = _line_start(text, rows)
    if "end of data" in str(exc):
        what = f"the quoted cell of the row starting on line {start} is never closed"
    else:
        what = f"the row starting on line {start} is not valid CSV ({exc}, at line {line_num})"
    return MalformedCsvError(
        f'{name} cannot be parsed as CSV: {what}; close or remove the stray quote mark (") '
        "in a text editor, or open the file in a spreadsheet and save it again as CSV (UTF-8)"
    )


def _line_start(text: str, rows: int) -> int:
    """The line on which row number `rows` (from 0) starts: the lines the rows before it span."""
    reader = csv.reader(io.StringIO(text, newline=""), _dialect(text))
    for _ in itertools.islice(reader, rows):
        pass
    return reader.line_num + 1


def _dialect(text: str) -> type[csv.Dialect]:
    sample = text[:CSV_SNIFF_CHARS]
    if len(text) > CSV_SNIFF_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # a cut row would skew the delimiter counts
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS)
    except csv.Error:
        return csv.excel


def _row_line(header: list[str], row: list[str]) -> str:
    pairs = []
    for i, cell in enumerate(row):
        value = " ".join(cell.split())
        if value:
            label = header[i] if i < len(header) and header[i] else f"column {i + 1}"
            pairs.append(f"{label}: {value}")
    return "; ".join(pairs)


# --- metadata of the other formats -------------------------------------------------------------


class _HeadParser(HTMLParser):
    """Collects the title, named metas and the canonical link of an HTML head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.metas: dict[str, str] = {}
        self.title: list[str] = []
        self.canonical: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key.lower(): value or "" for key, value in attrs}
        if tag == "title":
            self._in_title = not self.title  # the first title is the page's
        elif tag == "meta":
            key = (values.get("name") or values.get("property") or "").lower()
            self.metas.setdefault(key, values.get("content", ""))
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.canonical = self.canonical or values.get("href")

    def handle_endtag(self, tag: str) -> None:
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)


def html_meta(markup: str) -> FileMeta:
    """Title, site name (else author), publication date and canonical address of a page."""
    body = _BODY.search(markup, 0, HTML_HEAD_CHARS)
    # The article reader's defusing of what html.parser never closes keeps this linear.
    parser = _HeadParser()
    try:
        parser.feed(defuse(markup[: body.start() if body else HTML_HEAD_CHARS]))
        parser.close()
    except Exception:  # untrusted markup: no metadata rather than no source
        return FileMeta()
    metas = parser.metas
    return FileMeta(
        title=_clean("".join(parser.title)) or _clean(metas.get("og:title")),
        publisher=_clean(metas.get("og:site_name")) or _clean(metas.get("author")),
        url=_clean(parser.canonical) or _clean(metas.get("og:url")),
        date=iso_date(metas.get("article:published_time") or metas.get("date")),
    )


def docx_meta(data: bytes) -> FileMeta:
    """Title, author and creation date from a Word document's core properties."""
    try:
        props = docx.Document(io.BytesIO(data)).core_properties
        created = props.created
        title, author = props.title, props.author
    except Exception:
        return FileMeta()
    if created is not None and created.replace(tzinfo=dt.UTC) == _DOCX_TEMPLATE_CREATED:
        created = None
    return FileMeta(title=_clean(title), publisher=_clean(author), date=iso_date(created))


def text_title(text: str) -> str | None:
    """A Markdown "# Title" among the first lines, else a short first line, else None."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:5]
    for line in lines:
        if line.startswith("# "):
            return _clean(line[2:].strip("# "))
    first = lines[0].strip("#*_>[] `") if lines else ""
    if first and len(first) <= TITLE_MAX_CHARS and not _NOT_A_TITLE_END.search(first):
        return first
    return None


def iso_date(value: object) -> str | None:
    """A date, datetime or ISO string as "YYYY-MM-DD"; None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10]).isoformat()
        except ValueError:
            return None
    return None


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return " ".join(value.split()) or None
