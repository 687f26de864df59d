"""What a hostile or unlucky user gives the commands: one clear line, never a traceback, and
nothing lost or half written."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from workbench.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_c76c75e25c87b28b.txt"
SOURCES = ROOT / "seeds" / "sources"


def run(*args: str, cwd: Path | None = None) -> Result:
    runner = CliRunner()
    if cwd is None:
        return runner.invoke(cli, list(args))
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(cli, list(args))
    finally:
        os.chdir(old)


def one_line_error(result: Result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    message = result.stderr.strip()
    assert message.startswith("Error: ") and "Traceback" not in result.output
    for word in words:
        assert word in message, message


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
@pytest.mark.parametrize(
    "command", [["status"], ["export"], ["add-article", str(SEED)], ["doctor"], ["publisher"]]
)
def test_a_damaged_database_is_one_line_and_left_as_it_was(
    tmp_path: Path, damage: str, command: list[str]
) -> None:
    folder = tmp_path / "ws"
    assert run("add-sources", str(SOURCES), "--workspace", str(folder)).exit_code == 0
    db = folder / "workbench.sqlite3"
    for extra in folder.glob("workbench.sqlite3-*"):
        extra.unlink()  # the WAL was checkpointed when the last connection closed
    data = db.read_bytes()
    db.write_bytes(os.urandom(4096) if damage == "garbage" else data[: len(data) // 3])
    before = digest(db)
    one_line_error(run(*command, "--workspace", str(folder)), "is damaged", "restore it")
    assert digest(db) == before


def test_output_into_a_missing_folder_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "no" / "such" / "claims.csv"
    one_line_error(run("extract", str(SEED), "-o", str(missing)), "does not exist")
    one_line_error(run("check", str(SEED), "-o", str(missing)), "does not exist")
    assert not missing.parent.exists()


def test_a_demo_workspace_that_is_a_link_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "precious"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "demo-workspace").symlink_to(target, target_is_directory=True)
    one_line_error(run("demo", "--no-ui", cwd=tmp_path), "is a link", "remove the link")
    assert (target / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_file_names_that_are_not_utf8(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    story = os.fsdecode(folder + b"/caf\xe9 story.txt")
    Path(story).write_bytes(SEED.read_bytes())
    sources = tmp_path / "sources"
    sources.mkdir()
    Path(os.fsdecode(os.fsencode(sources) + b"/r\xe9sum\xe9.txt")).write_text(
        "Russian President Vladimir Putin will be among 26 foreign leaders who attend.",
        encoding="utf-8",
    )
    ws = str(tmp_path / "ws")
    added = run("add-article", story, "--workspace", ws)
    assert added.exit_code == 0, added.output
    assert "caf\ufffd story" in added.stdout
    assert run("add-sources", str(sources), "--workspace", ws).exit_code == 0
    matched = run("match", story, "--sources", str(sources))
    assert matched.exit_code == 0, matched.output
    assert "r\ufffdsum\ufffd" in matched.stdout
    empty = os.fsdecode(folder + b"/empt\xe9.txt")
    Path(empty).write_bytes(b"")
    one_line_error(run("add-article", empty, "--workspace", ws), "empt\ufffd.txt", "is empty")
