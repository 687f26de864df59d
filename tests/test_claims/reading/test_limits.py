"""What a file may cost: one limit on its size, what it unpacks to and its text, checked while
reading; and inputs whose cost grew faster than their size (deep HTML, one long sentence)."""

from __future__ import annotations

import io
import json
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from claims import extract_claims, load_text, match_claims
from claims.errors import TooLargeError
from claims.evidence.context import CONTEXT_CHARS, claim_context
from claims.evidence.index import PassageIndex
from claims.evidence.sources import load_source, source_from_bytes, source_passages
from claims.evidence.subject_words import clause_words
from claims.reading.text import text_from_bytes

ROOT = Path(__file__).resolve().parents[3]
SOURCES = ROOT / "seeds" / "sources"
PARAGRAPH = b"<w:p><w:r><w:t>Exports rose 4.5% in 2023.</w:t></w:r></w:p>"


def docx_bomb(unpacked: int) -> bytes:
    """A real Word document whose body is `unpacked` bytes of one paragraph repeated: a few
    hundred kilobytes that python-docx would take a minute and gigabytes to parse."""
    template = io.BytesIO()
    docx.Document().save(template)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as bomb,
    ):
        for info in source.infolist():
            if info.filename != "word/document.xml":
                bomb.writestr(info, source.read(info))
                continue
            head, tail = source.read(info).split(b"<w:body>")
            with bomb.open("word/document.xml", "w", force_zip64=True) as member:
                member.write(head + b"<w:body>")
                chunk = PARAGRAPH * 10_000
                for _ in range(unpacked // len(chunk)):
                    member.write(chunk)
                member.write(tail)
    return out.getvalue()


def test_a_docx_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    data = docx_bomb(180_000_000)
    assert len(data) < 2_000_000  # far under the 20 MB limit on the file's size
    tracemalloc.start()
    try:
        with pytest.raises(TooLargeError) as caught:
            text_from_bytes(data, name="bomb.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(caught.value)
    assert "bomb.docx unpacks to 180," in message
    assert "over the limit of 20,000,000 bytes" in message and "--max-bytes 180" in message
    # Nothing was inflated: parsing would hold hundreds of megabytes.
    assert peak < 5_000_000
    path = tmp_path / "bomb.docx"
    path.write_bytes(data)
    with pytest.raises(TooLargeError, match="unpacks to"):
        load_source(path)


def test_a_docx_under_the_limit_is_read_whole() -> None:
    data = docx_bomb(2_000_000)
    unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    text = text_from_bytes(data, name="long.docx", max_bytes=unpacked)
    paragraphs = 2_000_000 // (len(PARAGRAPH) * 10_000) * 10_000
    assert text.split("\n\n") == ["Exports rose 4.5% in 2023."] * paragraphs
    with pytest.raises(TooLargeError, match=f"--max-bytes {unpacked}"):
        text_from_bytes(data, name="long.docx", max_bytes=unpacked - 1)


def test_a_pdf_whose_text_is_far_longer_than_the_file_is_refused() -> None:
    writer = PdfWriter(clone_from=PdfReader(SOURCES / "parade-guests.pdf"))
    for _ in range(300):  # every page shares the one content stream: a small file
        writer.add_page(writer.pages[0])
    buffer = io.BytesIO()
    writer.write(buffer)
    data = buffer.getvalue()
    text = source_from_bytes(data, name="guests.pdf").text
    assert len(text) > 20 * len(data)
    with pytest.raises(TooLargeError) as caught:
        source_from_bytes(data, name="guests.pdf", max_bytes=len(data) * 2)
    message = str(caught.value)
    assert f"guests.pdf holds more than {len(data) * 2:,} characters of text" in message
    assert f"--max-bytes on the command line, now {len(data) * 2}" in message
    assert source_from_bytes(data, name="guests.pdf", max_bytes=len(text)).text == text


def test_a_csv_whose_header_repeats_past_the_limit_is_refused() -> None:
    header = ",".join(f"share_of_households_in_region_{i}_percent" for i in range(40))
    data = (header + "\n" + "\n".join([",".join(["1"] * 40)] * 200)).encode()
    with pytest.raises(TooLargeError, match="characters of text"):
        source_from_bytes(data, name="wide.csv", max_bytes=len(data))
    text = source_from_bytes(data, name="wide.csv").text
    assert text.startswith("share_of_households_in_region_0_percent: 1; ")


def test_deeply_nested_html_keeps_its_text() -> None:
    depth = 20_000
    markup = "<html><body>" + "<div><b>x</b> " * depth + "the end" + "</div>" * depth
    text = text_from_bytes(markup.encode(), name="deep.html")
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == depth and paragraphs[-1] == "x the end"
    cells = "<table><tr><td>Exports</td><td>4.5%</td></tr></table><p>after</p><script>x()</script>"
    assert text_from_bytes(cells.encode(), name="t.html") == "Exports 4.5%\n\nafter"


def long_sentence(news_dir: Path, chars: int) -> str:
    """Real news text as one sentence: every sentence end turned into a comma."""
    with (news_dir / "bbc-dev.jsonl").open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for _, line in zip(range(100), lines, strict=False)]
    words = " ".join(" ".join(text.split()) for text in texts)[:chars]
    return words.replace(". ", ", ").replace("? ", ", ").replace("! ", ", ")


def test_claims_of_one_long_sentence_are_matched_with_a_bounded_context(news_dir: Path) -> None:
    sentence = long_sentence(news_dir, 30_000)
    claims = extract_claims(sentence, article_id="line")
    assert len(claims) > 100 and claims["sentence"].str.len().max() > 20_000
    index = PassageIndex.open(None)
    index.add(source_passages(load_source(SOURCES / "trade-briefing.md")))
    matches = match_claims(claims, index)
    assert set(matches["claim_id"]) <= set(claims["claim_id"]) and len(matches) > 0
    for claim in claims.head(50).to_dict("records"):
        context = claim_context(claim)
        assert len(context) <= CONTEXT_CHARS and claim["text"] in context


def test_a_sentence_of_ordinary_length_is_its_own_context() -> None:
    text = load_text(ROOT / "seeds" / "000_c76c75e25c87b28b.txt")
    for claim in extract_claims(text).to_dict("records"):
        assert claim_context(claim) == claim["sentence"]


def test_a_figure_deep_in_a_long_sentence_reads_the_words_of_its_clause() -> None:
    clause = "exports of steel from the northern region rose 4.5% in the year to March"
    padding = "; ".join(["the ministry said the talks would go on through the summer"] * 200)
    sentence = f"{padding}; {clause}; {padding}"
    assert len(sentence) > 20_000
    at = sentence.index("4.5%")
    alone = clause.index("4.5%")
    assert clause_words(sentence, at, at + 4) == clause_words(clause, alone, alone + 4)
    assert "steel" in clause_words(sentence, at, at + 4).common
