"""Loading article and source files as text, on real files of every format we read."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.errors import (
    BinaryInputError,
    EmptyInputError,
    EncodingError,
    InputError,
    TooLargeError,
    UnsupportedFormatError,
)
from claims.reading.text import DEFAULT_MAX_BYTES, load_text, text_from_bytes

SEED = Path(__file__).resolve().parents[3] / "seeds" / "000_c76c75e25c87b28b.txt"

ARTICLE = (
    "Exports rose 4.5% in 2023, the ministry said.\r\n"
    "\r\n"
    "  “We expect more,” said Ana Ruiz.  \n"
    "It cost £910m.\n"
)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def docx_bytes(document: docx.document.Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Plain text and encodings


@pytest.mark.parametrize("name", ["story.txt", "story.md", "story.text", "STORY", "Story.TXT"])
def test_plain_text_is_kept_exactly_as_decoded(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, ARTICLE.encode("utf-8"))
    assert load_text(path) == ARTICLE


def test_seed_article_is_decoded_byte_for_byte() -> None:
    text = load_text(SEED)
    assert len(text) == 2706
    assert text == SEED.read_bytes().decode("utf-8")
    assert text.endswith("Ken Moritsugu, The Associated Press")


def test_utf8_bom_is_removed_and_nothing_else(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    assert load_text(path) == ARTICLE


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(tmp_path: Path, encoding: str) -> None:
    data = "\ufeff".encode(encoding) + ARTICLE.encode(encoding)
    path = write(tmp_path, "wide.txt", data)
    assert load_text(path) == ARTICLE


def test_windows_1252_with_curly_quotes_and_pounds(tmp_path: Path) -> None:
    text = "“Costs rose to £5m,” she said – it’s 12% more.\r\n"
    path = write(tmp_path, "old.txt", text.encode("cp1252"))
    assert load_text(path) == text


def test_latin1_with_control_bytes_is_an_encoding_error(tmp_path: Path) -> None:
    path = write(tmp_path, "garbled.txt", b"Caf\xe9 r\xe9sum\xe9 \x01\x02\x1b[0m\x7f")
    with pytest.raises(EncodingError) as caught:
        load_text(path)
    message = str(caught.value)
    assert "garbled.txt" in message
    assert "not UTF-8, UTF-16 or Windows-1252" in message
    assert "save it again as UTF-8" in message


def test_utf16_bom_on_bytes_that_are_not_utf16(tmp_path: Path) -> None:
    path = write(tmp_path, "odd.txt", b"\xff\xfeA\x00B")
    with pytest.raises(EncodingError, match=r"odd\.txt"):
        load_text(path)


def test_nul_bytes_mean_a_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path, "report.txt", b"%PDF-1.7\n\x00\x01\x02binary")
    with pytest.raises(BinaryInputError) as caught:
        load_text(path)
    message = str(caught.value)
    assert "report.txt" in message
    assert "binary file" in message
    assert "export it as .txt, .html or .docx" in message


# Empty input


@pytest.mark.parametrize("data", [b"", b"  \r\n\t\n ", b"\xef\xbb\xbf\n\n"])
def test_empty_or_white_space_only(tmp_path: Path, data: bytes) -> None:
    path = write(tmp_path, "blank.txt", data)
    with pytest.raises(EmptyInputError) as caught:
        load_text(path)
    assert "blank.txt" in str(caught.value)
    assert "choose the file" in str(caught.value)


def test_html_with_only_markup_and_scripts_is_empty(tmp_path: Path) -> None:
    markup = b"<html><head><title>T</title></head><body><script>x()</script><p> </p></body>"
    path = write(tmp_path, "shell.html", markup)
    with pytest.raises(EmptyInputError, match=r"shell\.html has no readable text"):
        load_text(path)


def test_docx_with_only_empty_paragraphs_is_empty(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("   ")
    document.add_paragraph("")
    path = write(tmp_path, "blank.docx", docx_bytes(document))
    with pytest.raises(EmptyInputError, match=r"blank\.docx has no text"):
        load_text(path)


# Size limit, paths and formats


def test_over_the_limit_and_raising_it(tmp_path: Path) -> None:
    path = write(tmp_path, "long.txt", ARTICLE.encode("utf-8") * 100)
    size = path.stat().st_size
    with pytest.raises(TooLargeError) as caught:
        load_text(path, max_bytes=1_000)
    message = str(caught.value)
    assert "long.txt" in message
    assert f"{size:,} bytes" in message
    assert "1,000 bytes" in message
    assert "max_bytes" in message
    assert f"--max-bytes {size}" in message
    assert load_text(path, max_bytes=size) == ARTICLE * 100


def test_default_limit_is_twenty_megabytes() -> None:
    assert DEFAULT_MAX_BYTES == 20_000_000
    with pytest.raises(TooLargeError, match=r"upload\.txt is 20,000,001 bytes"):
        text_from_bytes(b"a" * 20_000_001, name="upload.txt")


def test_text_from_bytes_takes_the_format_from_the_name() -> None:
    markup = "<p>Rates <i>rose</i>.</p><p>“Good,” she said.</p>".encode()
    assert text_from_bytes(markup, name="draft.HTM") == "Rates rose.\n\n“Good,” she said."
    assert text_from_bytes(markup, name="draft.md") == markup.decode()


@pytest.mark.parametrize("name", ["scan.pdf", "figures.csv", "letter.doc", "notes.rtf"])
def test_unknown_extension(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, b"some text")
    with pytest.raises(UnsupportedFormatError) as caught:
        load_text(path)
    message = str(caught.value)
    assert name in message
    assert Path(name).suffix in message
    assert ".txt, .md, .text, .html, .htm, .docx" in message
    assert "export the document" in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_text(tmp_path / "nowhere.txt")
    assert "nowhere.txt" in str(caught.value)
    assert "check the path" in str(caught.value)


# HTML


def test_html_blocks_become_paragraphs_and_white_space_collapses(tmp_path: Path) -> None:
    markup = """<!DOCTYPE html>
    <html><head><title>Page title</title><meta charset="utf-8"></head>
    <body><article>
      <h1>Trade  &amp; tariffs</h1>
      <p>Exports rose
         <b>4.5%</b>&nbsp;to &pound;910m, &ldquo;a record,&rdquo; officials said.</p>
      <div>Before<p>inside</p>after</div>
      <ul><li>first</li><li>second</li></ul>
      <table><tr><th>Year</th><th>Total</th></tr><tr><td>2023</td><td>97%</td></tr></table>
      <blockquote>Quoted</blockquote>line one<br>line two
    </article></body></html>"""
    path = write(tmp_path, "story.html", markup.encode("utf-8"))
    assert load_text(path).split("\n\n") == [
        "Trade & tariffs",
        "Exports rose 4.5% to £910m, “a record,” officials said.",
        "Before",
        "inside",
        "after",
        "first",
        "second",
        "Year Total",
        "2023 97%",
        "Quoted",
        "line one",
        "line two",
    ]


def test_html_drops_scripts_styles_comments_and_head(tmp_path: Path) -> None:
    markup = """<html><head><title>SECRET-TITLE</title>
    <style>body { content: "SECRET-STYLE" }</style>
    <script>var x = "SECRET-HEAD-SCRIPT";</script></head>
    <body><!-- SECRET-COMMENT --><p>Visible one.</p>
    <SCRIPT type="text/javascript">document.write("</p>SECRET-BODY-SCRIPT")</SCRIPT >
    <noscript><p>SECRET-NOSCRIPT</p></noscript><template><p>SECRET-TEMPLATE</p></template>
    <p>Visible <![CDATA[SECRET-CDATA]]>two.</p>
    <p>Tail<script>alert("SECRET-UNCLOSED")"""
    path = write(tmp_path, "page.htm", markup.encode("utf-8"))
    text = load_text(path)
    assert "SECRET" not in text
    assert text == "Visible one.\n\nVisible two.\n\nTail"


@pytest.mark.parametrize(
    "markup",
    [
        "<p>a</p><script>evil()</script>",
        "<p>a<script><!-- evil() --></script></p>",
        "<p>a</p><script>'</script' + 'evil()'</script>",
        "<div><svg><script>evil()</script></svg>a</div>",
        "<p>a</p><noscript><script>evil()</script></noscript>",
        "<p>a</p><sCrIpT src=x>evil()</ScRiPt>",
        "<p>a</p><style><script>evil()</script></style>",
        "<p>a</p><script/x>evil()</script>",
        "<p>a</p><!--<script>evil()</script>",
        "<p>a</p><![CDATA[<script>evil()</script>]]>",
        "<p>a</p><script>evil()</script",
        "<p>a</p><noembed><script>evil()</script></noembed>",
    ],
)
def test_no_script_content_reaches_the_text(markup: str) -> None:
    text = text_from_bytes(markup.encode("utf-8"), name="upload.html")
    assert "evil" not in text
    assert text.startswith("a")


def test_unclosed_comment_shows_as_text_and_later_tags_still_parse() -> None:
    markup = b"<p>a</p><!-- unclosed <p>b</p><script>evil()</script><p>c</p>"
    assert text_from_bytes(markup, name="x.html") == "a\n\n<!-- unclosed\n\nb\n\nc"


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "markup",
    [
        "<a" * 150_000,
        "</a" * 100_000,
        "<!--x>" * 100_000,
        "<![CDATA[x>" * 100_000,
        "<![if x>" * 100_000,
        "<?x" * 100_000,
    ],
)
def test_crafted_markup_is_read_in_linear_time(markup: str) -> None:
    # Each of these opens a construct that never closes; parsed as they are, they take minutes.
    started = time.perf_counter()
    text = text_from_bytes(markup.encode(), name="crafted.html")
    assert time.perf_counter() - started < 10
    assert text.startswith(markup[:20])


# Pieces of markup that open, close or confuse constructs, mixed with text.
TRICKY = st.sampled_from(
    [
        *("<", ">", "</", "<!--", "-->", "<![CDATA[", "]]>", "<![if x]>", "<?", "<!x"),
        *("<p>", "</p>", "<script>", "</script>", "<style>", "<br/>", "<td>", "&", "&amp;"),
        *('"', "'", "=", " ", "news", "97%", "\n", "é", "“", "\r\n"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(TRICKY, max_size=40).map("".join))
def test_any_markup_gives_text_or_an_input_error(markup: str) -> None:
    try:
        text = text_from_bytes(markup.encode(), name="fuzz.html")
    except EmptyInputError:
        return
    assert text == text.strip()
    assert "\n\n\n" not in text


def test_html_in_windows_1252(tmp_path: Path) -> None:
    path = write(tmp_path, "legacy.html", "<p>“£5”</p>".encode("cp1252"))
    assert load_text(path) == "“£5”"


# Word documents


def test_docx_paragraphs_and_tables_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Exports hit a record", level=1)
    document.add_paragraph("Exports rose 4.5% in 2023.")
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Year"
    table.cell(0, 1).text = "Total"
    table.cell(1, 0).text = "2023"
    table.cell(1, 1).text = "£910m"
    merged = document.add_table(rows=2, cols=2)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "Spans two columns"
    merged.cell(1, 1).text = "Last cell"
    document.add_paragraph("“We expect more,” said Ana Ruiz.")
    path = write(tmp_path, "story.docx", docx_bytes(document))
    assert load_text(path).split("\n\n") == [
        "Exports hit a record",
        "Exports rose 4.5% in 2023.",
        "Year",
        "Total",
        "2023",
        "£910m",
        "Spans two columns",
        "Last cell",
        "“We expect more,” said Ana Ruiz.",
    ]


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.docx", b"This was a text file renamed to .docx")
    with pytest.raises(BinaryInputError) as caught:
        load_text(path)
    message = str(caught.value)
    assert "broken.docx is not a valid Word .docx file" in message
    assert "save it as .docx" in message


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a document")
    path = write(tmp_path, "archive.docx", buffer.getvalue())
    with pytest.raises(BinaryInputError, match=r"archive\.docx is not a valid Word \.docx"):
        load_text(path)


def test_truncated_docx(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Exports rose 4.5% in 2023.")
    data = docx_bytes(document)
    path = write(tmp_path, "cut.docx", data[: len(data) // 2])
    with pytest.raises(BinaryInputError, match=r"cut\.docx is not a valid Word \.docx"):
        load_text(path)


def test_old_doc_file_renamed_to_docx(tmp_path: Path) -> None:
    ole2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    path = write(tmp_path, "old.docx", ole2)
    with pytest.raises(BinaryInputError, match=r"old \.doc file"):
        load_text(path)


def test_docx_that_unpacks_beyond_the_limit(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("9" * 2_000_000)
    data = docx_bytes(document)
    path = write(tmp_path, "bomb.docx", data)
    with pytest.raises(TooLargeError) as caught:
        load_text(path, max_bytes=len(data))
    assert "bomb.docx unpacks to" in str(caught.value)
    assert "--max-bytes" in str(caught.value)
    assert len(load_text(path, max_bytes=3_000_000)) == 2_000_000
