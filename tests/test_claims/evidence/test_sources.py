"""Source documents -> passages, on the demo sources of every format and on real news text."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pandas as pd
import pytest
from evaldata import require_shared
from hypothesis import given, settings
from hypothesis import strategies as st

from claims.errors import (
    BinaryInputError,
    DateError,
    EmptyInputError,
    EncodingError,
    InputError,
    TooLargeError,
    UnsupportedFormatError,
)
from claims.evidence.sources import (
    MAX_PASSAGE_CHARS,
    WINDOW_CHARS,
    WINDOW_SENTENCES,
    Source,
    bytes_id,
    load_source,
    passage_spans,
    passage_values,
    source_from_bytes,
    source_passages,
)
from claims.evidence.value_scan import ValueScan
from claims.reading.sentences import paragraph_spans, sentence_spans
from claims.schema import PASSAGE_COLUMNS

REPO_ROOT = Path(__file__).resolve().parents[3]
SHARED = REPO_ROOT.parent / "shared"
SOURCES = REPO_ROOT / "seeds" / "sources"
SEED_FILES = sorted(p for p in SOURCES.iterdir() if p.name != "README.md")

PAGE = """<!DOCTYPE html><html><head>
<title>Exports rise</title>
<meta property="og:site_name" content="Daily Ledger">
<meta name="author" content="A. Writer">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
<link rel="canonical" href="https://example.org/exports-rise">
</head><body><p>Exports rose 4.5% last week, the ministry said.</p></body></html>"""


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def all_passages() -> Iterator[tuple[Source, pd.DataFrame]]:
    for path in SEED_FILES:
        source = load_source(path)
        yield source, source_passages(source)


# Formats and metadata


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda p: p.name)
def test_every_seed_source_loads_with_exact_passage_offsets(path: Path) -> None:
    source = load_source(path)
    passages = source_passages(source)
    assert tuple(passages.columns) == PASSAGE_COLUMNS
    assert len(passages) > 0
    for row in passages.to_dict("records"):
        start, end = row["start"], row["end"]
        assert source.text[start:end] == row["text"]
        assert row["passage_id"].startswith(f"{source.source_id}:{start}-{end}:")
        assert row["source_id"] == source.source_id
        assert row["file_name"] == path.name


def test_metadata_comes_from_each_format() -> None:
    found = {p.name: load_source(p) for p in SEED_FILES}
    kcna = found["kcna-statement.html"]
    assert kcna.title == "Kim Jong Un to Visit China (KCNA, illustrative)"
    assert kcna.publisher == "Korean Central News Agency (KCNA)"
    assert "SCRIPT CONTENT" not in kcna.text and kcna.format == "html"
    background = found["kim-visits-background.docx"]
    assert background.title == "Kim Jong Un: foreign visits and summits (illustrative background)"
    assert background.publisher == "Research desk (illustrative)"
    # python-docx stamps every document from its template with the same creation time.
    assert background.date is None
    assert found["parade-guests.pdf"].title == "Parade guests (illustrative)"
    assert found["trade-briefing.md"].title == "Briefing: North Korea's external trade"
    assert found["korea-trade-2023.csv"].title == "korea-trade-2023"
    assert found["xinhua-parade-announcement.txt"].title == "xinhua-parade-announcement"


def test_html_head_gives_publisher_date_and_canonical_address(tmp_path: Path) -> None:
    source = load_source(write(tmp_path, "page.html", PAGE.encode()))
    assert (source.title, source.publisher) == ("Exports rise", "Daily Ledger")
    assert source.url == "https://example.org/exports-rise"
    assert source.date == "2024-03-05"
    assert source.text == "Exports rose 4.5% last week, the ministry said."


def test_callers_metadata_wins(tmp_path: Path) -> None:
    path = write(tmp_path, "page.html", PAGE.encode())
    url = "https://example.org/u"
    source = load_source(path, source_id="s1", title="T", publisher="P", url=url, date="2024-01-02")
    assert (source.source_id, source.title, source.publisher) == ("s1", "T", "P")
    assert (source.url, source.date) == (url, "2024-01-02")


def test_bad_date_from_the_caller_is_a_date_error(tmp_path: Path) -> None:
    with pytest.raises(DateError, match="YYYY-MM-DD"):
        load_source(write(tmp_path, "a.txt", b"Text."), date="last Tuesday")


def test_docx_core_properties(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Imports fell 3% in 2023.")
    document.core_properties.title = "Trade note"
    document.core_properties.author = "Statistics office"
    document.core_properties.created = pd.Timestamp("2024-06-01T10:00:00Z").to_pydatetime()
    buffer = io.BytesIO()
    document.save(buffer)
    source = source_from_bytes(buffer.getvalue(), name="note.docx")
    assert (source.title, source.publisher, source.date) == (
        "Trade note",
        "Statistics office",
        "2024-06-01",
    )


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("# Exports rise\n\nExports rose.", "Exports rise"),
        ("> Note.\n\n# Heading below a note\n\nBody.", "Heading below a note"),
        ("Exports rise\n\nExports rose 4.5% in 2023.", "Exports rise"),
        ("Exports rose 4.5% in 2023.\n\nMore.", "report"),
        ("A" * 150 + "\n\nMore", "report"),
    ],
)
def test_text_title_is_a_heading_or_a_short_first_line(text: str, title: str) -> None:
    assert source_from_bytes(text.encode(), name="report.md").title == title


def test_source_id_is_a_stable_hash_of_the_bytes(tmp_path: Path) -> None:
    data = (SOURCES / "trade-briefing.md").read_bytes()
    first = load_source(SOURCES / "trade-briefing.md")
    again = source_from_bytes(data, name="renamed.md")
    assert first.source_id == again.source_id == bytes_id(data)
    assert len(first.source_id) == 16 and int(first.source_id, 16) >= 0
    edited = source_from_bytes(data + b"\nOne more line.", name="renamed.md")
    assert edited.source_id != first.source_id


def test_passage_ids_are_stable_across_runs() -> None:
    for source, passages in all_passages():
        again = source_passages(load_source(SOURCES / source.file_name))
        assert again["passage_id"].tolist() == passages["passage_id"].tolist()


# Bad input, as for articles


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.csv", "a.pdf", "a.docx"])
def test_empty_file_is_an_empty_input_error(tmp_path: Path, name: str) -> None:
    with pytest.raises(EmptyInputError):
        load_source(write(tmp_path, name, b""))


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.html", "a.csv", "a.pdf", "a.docx"])
def test_too_large_file_is_refused(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, b"x" * 2_000)
    with pytest.raises(TooLargeError, match="max_bytes"):
        load_source(path, max_bytes=1_000)
    with pytest.raises(TooLargeError):
        source_from_bytes(path.read_bytes(), name=name, max_bytes=1_000)


def test_binary_and_badly_encoded_text_are_refused(tmp_path: Path) -> None:
    with pytest.raises(BinaryInputError):
        load_source(write(tmp_path, "a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00"))
    with pytest.raises(EncodingError):
        load_source(write(tmp_path, "b.txt", b"caf\xc3 \x81\x8d\x8f\x90 text"))


def test_unsupported_and_missing_files(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"\.xlsx"):
        load_source(tmp_path / "table.xlsx")
    with pytest.raises(InputError, match="cannot read"):
        load_source(tmp_path / "missing.txt")


# Passages


def test_windows_stay_in_a_paragraph_and_chain_adjacent_sentences() -> None:
    text = (
        (SOURCES / "xinhua-parade-announcement.txt").read_text()
        + "\n\n"
        + ("One. Two is here. Three follows. Four ends it. Five. Six.")
    )
    windows = passage_spans(text)
    paragraphs = paragraph_spans(text)
    sentences = sentence_spans(text)
    for start, end in windows:
        inside = [s for s in sentences if start <= s[0] and s[1] <= end]
        assert 1 <= len(inside) <= WINDOW_SENTENCES
        assert any(p0 <= start and end <= p1 for p0, p1 in paragraphs)
        assert len(inside) == 1 or end - start <= WINDOW_CHARS
    for first, second in itertools.pairwise(sentences):
        same_paragraph = any(p0 <= first[0] and second[1] <= p1 for p0, p1 in paragraphs)
        together = any(a <= first[0] and second[1] <= b for a, b in windows)
        assert together or not same_paragraph
    covered = {s for s in sentences if any(a <= s[0] and s[1] <= b for a, b in windows)}
    assert covered == set(sentences)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Exports rose 4.5%.", "It fell.", "\n\n", "\n", " ", "“Go. Now.”"]),
        max_size=40,
    ).map("".join)
)
def test_windows_cover_every_sentence_of_any_text(text: str) -> None:
    windows = passage_spans(text)
    sentences = sentence_spans(text)
    paragraphs = paragraph_spans(text)
    assert windows == sorted(windows)
    for start, end in windows:
        assert any(p0 <= start and end <= p1 for p0, p1 in paragraphs)
    for s0, s1 in sentences:
        assert any(a <= s0 and s1 <= b for a, b in windows)


def test_a_very_long_sentence_is_cut_at_white_space() -> None:
    text = " ".join(f"cell{i} 12.5" for i in range(2_000))
    windows = passage_spans(text)
    assert all(end - start <= MAX_PASSAGE_CHARS for start, end in windows)
    assert all(not text[start].isspace() and not text[end - 1].isspace() for start, end in windows)
    assert " ".join(text[a:b] for a, b in windows) == text


def test_values_are_plain_json_with_passage_offsets() -> None:
    for _, passages in all_passages():
        for text, values in zip(passages["text"], passages["values"], strict=True):
            assert json.loads(json.dumps(values)) == values
            for value in values:
                assert set(value) == {
                    *("kind", "value", "unit", "qualifier", "subject", "start", "end", "text"),
                }
                assert text[value["start"] : value["end"]] == value["text"]


def test_values_hold_figures_and_dates_resolved_against_the_source_date() -> None:
    source = source_from_bytes(
        b"About 95 per cent of trade was with China. Talks resume next week.",
        name="brief.txt",
        date="2025-08-28",
    )
    values = [v for vs in source_passages(source)["values"] for v in vs]
    kinds = {v["text"]: (v["kind"], v["value"]) for v in values}
    assert kinds["About 95 per cent"] == ("percent", pytest.approx(0.95))
    assert kinds["next week"][0] == "date" and kinds["next week"][1].startswith("2025-W")


def test_csv_values_have_no_date_without_a_source_date() -> None:
    source = load_source(SOURCES / "korea-trade-2023.csv")
    assert source.date is None
    assert source_passages(source)["date"].isna().all()


def test_splitting_speed_on_news_text(capsys: pytest.CaptureFixture[str]) -> None:
    news = require_shared(SHARED / "eval" / "news" / "bbc-dev.jsonl")
    with news.open(encoding="utf-8") as lines:
        text = "\n\n".join(json.loads(line)["text"] for line in itertools.islice(lines, 300))
    source = Source("bbc", text, "BBC", None, None, "2005-01-01", "bbc.txt", "text")
    megabytes = len(text.encode("utf-8")) / 1e6
    started = time.perf_counter()
    windows = passage_spans(text)
    windowed = time.perf_counter() - started
    started = time.perf_counter()
    passages = source_passages(source)
    total = time.perf_counter() - started
    assert len(passages) == len(windows)
    for start, end, passage, values in zip(
        passages["start"], passages["end"], passages["text"], passages["values"], strict=True
    ):
        assert text[start:end] == passage
        assert json.loads(json.dumps(values)) == values
    with capsys.disabled():
        print(
            f"\nsource splitting on {megabytes:.2f} MB of BBC news: windows "
            f"{megabytes / windowed:.1f} MB/s, passages with values {megabytes / total:.2f} MB/s"
        )


@pytest.mark.parametrize("processes", [1, 2])
def test_a_value_scan_on_processes_gives_the_values_of_each_passage(processes: int) -> None:
    """`ValueScan` is `passage_values` of every text, in order, whatever the processes."""
    texts = []
    for path in sorted(SOURCES.iterdir()):
        if path.suffix != ".md":
            texts.extend(source_passages(load_source(path))["text"])
    published = dt.date(2025, 8, 28)
    with ValueScan(processes, chunk=7) as scan:
        jobs = [scan.submit(texts), scan.submit(texts[::-1], published=published)]
        found = [job.get() for job in jobs]
        assert scan.values([]) == []
    assert found[0] == [passage_values(text) for text in texts]
    assert found[1] == [passage_values(text, published=published) for text in texts[::-1]]
