"""Decoding that keeps the good bytes: UTF-8 with a stray byte, UTF-16 without a BOM, and a CSV
whose quote is never closed refused with its line."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from claims import extract_claims, load_text
from claims.errors import BinaryInputError, DecodingWarning, MalformedCsvError
from claims.evidence.sources import source_from_bytes
from claims.reading.text import text_from_bytes
from workbench.cli import cli

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "seeds" / "000_c76c75e25c87b28b.txt"
STORY = "Café owners in Zürich said prices rose 4.5% to €3.20 in 2023.\nExports fell 2%.\n"


def test_a_stray_byte_in_utf8_is_replaced_and_reported(tmp_path: Path) -> None:
    data = STORY.encode("utf-8").replace(b"\nExports", b"\n\xffExports")
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    with pytest.warns(DecodingWarning) as caught:
        text = load_text(path)
    assert text == STORY.replace("\nExports", "\n\ufffdExports")
    message = str(caught[0].message)
    assert "story.txt: 1 byte that is not UTF-8 (the first at line 2, column 1)" in message
    assert "save it again as UTF-8" in message
    money = extract_claims(text).query("kind == 'money'")
    assert money["text"].tolist() == ["€3.20"]


def test_the_seed_article_with_stray_bytes_keeps_every_claim(tmp_path: Path) -> None:
    original = SEED.read_bytes()
    spoiled = original.replace(b". ", b".\xff ", 2)
    with pytest.warns(DecodingWarning, match="2 bytes that are not UTF-8"):
        text = text_from_bytes(spoiled, name="seed.txt")
    assert text.replace("\ufffd", "") == original.decode("utf-8")
    before = extract_claims(original.decode("utf-8"))
    assert len(extract_claims(text)) == len(before)


def test_windows_1252_is_still_read_as_windows_1252() -> None:
    data = STORY.encode("cp1252")
    with warnings.catch_warnings():
        warnings.simplefilter("error", DecodingWarning)
        assert text_from_bytes(data, name="old.txt") == STORY


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_recognised(encoding: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    assert text_from_bytes(text.encode(encoding), name="seed.txt") == text
    html = f"<html><body><p>{STORY}</p></body></html>".encode(encoding)
    assert text_from_bytes(html, name="story.html") == " ".join(STORY.split())


def test_a_binary_file_is_still_called_binary() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00"
    with pytest.raises(BinaryInputError, match="binary file"):
        text_from_bytes(png * 10, name="image.txt")


def test_a_csv_with_an_unclosed_quote_is_refused_with_its_line() -> None:
    data = b'year,exports\n2021,4.5\n2022,"5.1\n2023,6.0\n2024,6.2\n'
    with pytest.raises(MalformedCsvError) as caught:
        source_from_bytes(data, name="trade.csv")
    message = str(caught.value)
    assert "trade.csv" in message and "row starting on line 3 is never closed" in message
    quoted = b'year,note\n2021,"two\nlines"\n2022,"open\n2023,x\n'
    with pytest.raises(MalformedCsvError, match="starting on line 4"):
        source_from_bytes(quoted, name="notes.csv")
    text = source_from_bytes(b'year,note\n2021,"two\nlines"\n2022,"a, b"\n', name="ok.csv").text
    assert text == "year: 2021; note: two lines\nyear: 2022; note: a, b"


def test_the_command_line_shows_the_warning_and_the_claims(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.encode("utf-8").replace(b"\nExports", b"\n\xffExports"))
    result = CliRunner().invoke(cli, ["extract", str(path), "--format", "csv"])
    assert result.exit_code == 0
    assert result.stderr.count("Warning: ") == 1
    assert "1 byte that is not UTF-8 (the first at line 2, column 1)" in result.stderr
    assert "€3.20" in result.stdout and "Traceback" not in result.output
