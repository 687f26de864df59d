"""PDF and CSV sources and the metadata of every format, on the demo sources and crafted files."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from claims.errors import (
    BinaryInputError,
    EmptyInputError,
    EncryptedPdfError,
    InputError,
    MalformedCsvError,
    ScannedPdfError,
)
from claims.evidence.sources import load_source, source_from_bytes, source_passages
from claims.reading.formats import HTML_HEAD_CHARS, html_meta
from claims.reading.sentences import paragraph_spans

SOURCES = Path(__file__).resolve().parents[3] / "seeds" / "sources"


def pdf_bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def seed_pdf() -> PdfWriter:
    return PdfWriter(clone_from=PdfReader(SOURCES / "parade-guests.pdf"))


# Metadata


@pytest.mark.parametrize("junk", ["<a", "<!--", '<a b="', "<title>", "<![CDATA[", "<a "])
def test_crafted_html_head_is_read_in_linear_time(junk: str) -> None:
    markup = "<html><head><title>Exports</title>" + junk * (HTML_HEAD_CHARS // len(junk))
    started = time.perf_counter()
    meta = html_meta(markup)
    # Quadratic parsing of this markup takes minutes; linear takes about a second.
    assert time.perf_counter() - started < 30
    assert meta.title == "Exports"


def test_pdf_metadata() -> None:
    writer = seed_pdf()
    writer.add_metadata({"/Author": "Ministry of Foreign Affairs", "/CreationDate": "D:20250828"})
    source = source_from_bytes(pdf_bytes(writer), name="guests.pdf")
    assert source.publisher == "Ministry of Foreign Affairs"
    assert source.date == "2025-08-28"
    assert "Foreign heads of state and government expected: 26" in source.text


# CSV


def test_csv_rows_become_labelled_lines() -> None:
    source = load_source(SOURCES / "korea-trade-2023.csv")
    passages = source_passages(source)
    assert len(passages) == 6
    first = passages["text"][0]
    assert first.startswith(
        "reporter: North Korea; partner: China; year: 2023; share_of_external_trade_percent: 96.7;"
    )
    assert source.text.split("\n")[0] == first
    values = {v["text"]: (v["kind"], v["value"]) for v in passages["values"][0]}
    assert values["96.7"] == ("percent", pytest.approx(0.967))  # the column says percent


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (b"country;growth\nFrance;1,2%\n", "country: France; growth: 1,2%"),
        (b"country\tgrowth\nFrance\t1.2%\n", "country: France; growth: 1.2%"),
        (b"country|growth\nFrance|1.2%\n", "country: France; growth: 1.2%"),
        (b"a,b\n1,2,3\n", "a: 1; b: 2; column 3: 3"),
        (b"a,b,c\n1\n", "a: 1"),
        (b'a,b\n"multi\nline",2\n', "a: multi line; b: 2"),
        (b"a,b\n,\n5,6\n", "a: 5; b: 6"),
    ],
)
def test_csv_delimiters_and_ragged_rows(data: bytes, line: str) -> None:
    assert source_from_bytes(data, name="t.csv").text == line


def test_csv_in_windows_1252_is_decoded() -> None:
    source = source_from_bytes("city,cost\nZürich,£5\n".encode("cp1252"), name="t.csv")
    assert source.text == "city: Zürich; cost: £5"


@pytest.mark.parametrize(
    ("data", "error", "message"),
    [
        (b"1,2,3\n4,5,6\n", MalformedCsvError, "no header"),
        (b",,\n1,2,3\n", MalformedCsvError, "no header"),
        (b"a,b\n", EmptyInputError, "no data rows"),
        (b"a,b\n,\n", EmptyInputError, "no data rows"),
        (b'a,b\n"' + b"x" * 200_000 + b'",1\n', MalformedCsvError, "cannot be parsed"),
        (b"a,b\x00\n1,2\n", BinaryInputError, "binary"),
    ],
)
def test_bad_csv_is_a_clear_error(data: bytes, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        source_from_bytes(data, name="t.csv")


# PDF


def test_pdf_lines_are_joined_into_paragraphs() -> None:
    source = load_source(SOURCES / "parade-guests.pdf")
    paragraphs = [source.text[a:b] for a, b in paragraph_spans(source.text)]
    assert "Date: 2025-09-03" in paragraphs
    assert "Foreign heads of state and government expected: 26" in paragraphs


def test_pdf_without_text_layer_is_a_scan() -> None:
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.add_blank_page(612, 792)
    with pytest.raises(ScannedPdfError, match="OCR") as caught:
        source_from_bytes(pdf_bytes(writer), name="scan.pdf")
    assert isinstance(caught.value, InputError)
    assert "2 pages" in str(caught.value)


def test_pdf_with_a_password_is_refused() -> None:
    writer = seed_pdf()
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    with pytest.raises(EncryptedPdfError, match="password"):
        source_from_bytes(pdf_bytes(writer), name="locked.pdf")


def test_pdf_with_an_empty_user_password_is_read() -> None:
    writer = seed_pdf()
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    source = source_from_bytes(pdf_bytes(writer), name="restricted.pdf")
    assert "Vladimir Putin" in source.text


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\nthis is not a PDF body at all",
        (SOURCES / "parade-guests.pdf").read_bytes()[:400],
        b"PK\x03\x04 a zip file named .pdf",
    ],
    ids=["garbage", "truncated", "not-pdf"],
)
def test_broken_pdf_is_a_clear_error(data: bytes) -> None:
    with pytest.raises(BinaryInputError, match="not a readable PDF"):
        source_from_bytes(data, name="broken.pdf")
