"""`--max-bytes`: the one limit on what a file may cost, on every command that reads a file, and
named in the message of every refusal."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from workbench.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_c76c75e25c87b28b.txt"
SOURCES = ROOT / "seeds" / "sources"
# Every command that reads an article or a source file, with the arguments it needs.
READERS = {
    "extract": lambda f, ws: ["extract", f],
    "check": lambda f, ws: ["check", f],
    "match": lambda f, ws: ["match", f, "--sources", str(SOURCES / "trade-briefing.md")],
    "add-article": lambda f, ws: ["add-article", f, "--workspace", ws],
    "add-sources": lambda f, ws: ["add-sources", f, "--workspace", ws],
}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def long_docx(tmp_path: Path) -> Path:
    """A Word document whose text is 300,000 characters: about 310 KB unpacked."""
    document = docx.Document()
    for _ in range(3_000):
        document.add_paragraph("Exports rose 4.5% in 2023, the ministry said on Monday. " * 2)
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "long.docx"
    path.write_bytes(buffer.getvalue())
    return path


def test_every_command_that_reads_a_file_has_the_one_limit() -> None:
    for command in READERS:
        code, out = run(command, "--help")
        assert code == 0 and "--max-bytes" in out, command


@pytest.mark.parametrize("command", sorted(READERS))
def test_the_limit_is_named_and_obeyed(tmp_path: Path, command: str) -> None:
    path = long_docx(tmp_path)
    ws = str(tmp_path / "ws")
    args = READERS[command](str(path), ws)
    assert path.stat().st_size < 200_000  # the file itself is well under the limit given
    code, out = run(*args, "--max-bytes", "200000")
    assert code != 0 and "Traceback" not in out
    assert "long.docx unpacks to" in out and "--max-bytes" in out, out
    code, out = run(*args, "--max-bytes", "2000000")
    assert code == 0, out


def test_a_file_over_the_limit_is_refused_by_add_sources_with_the_option(tmp_path: Path) -> None:
    ws = str(tmp_path / "ws")
    code, out = run("add-sources", str(SOURCES), "--max-bytes", "1000", "--workspace", ws)
    assert code != 0 and "over the limit of 1,000 bytes" in out and "--max-bytes" in out
    code, out = run("add-article", str(SEED), "--max-bytes", "100", "--workspace", ws)
    assert code != 0 and f"--max-bytes {SEED.stat().st_size}" in out
