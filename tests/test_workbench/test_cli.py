"""The `workbench` command: real files in, real output, clear errors, help on every command."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from workbench.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_c76c75e25c87b28b.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_extract_table_shows_the_seed_claims() -> None:
    code, out, _ = run("extract", str(SEED), "--published", "2025-08-28")
    assert code == 0
    assert "about 97%" in out and "percent" in out
    assert re.search(r"\d+ claims: ", out)


def test_check_lists_the_flags_of_an_article(tmp_path: Path) -> None:
    slips = tmp_path / "slips.txt"
    slips.write_text("Profits jumped 50% to $1.13bn from $639m, the firm said on Wednesday, "
                     "Sept. 4, 2025.\nIt hired 300 people.\n", encoding="utf-8")  # fmt: skip
    code, out, _ = run("check", str(slips))
    assert code == 0
    assert "arithmetic · “50%” (at 15): " in out and "a rise of about 77%, not 50%" in out
    assert "weekday · “Wednesday, Sept. 4, 2025”" in out and "is a Thursday" in out
    assert out.rstrip().endswith("2 flags on 6 claims.")
    code, out, _ = run("check", str(slips), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["text"], r["check"]) for r in rows] == [
        ("50%", "arithmetic"), ("Wednesday, Sept. 4, 2025", "weekday")]  # fmt: skip
    code, out, _ = run("check", str(SEED), "--published", "2025-08-28")
    assert (code, out) == (0, "No self-check flags: 28 claims checked.\n")
    code, _, err = run("check", str(tmp_path / "missing.txt"))
    assert code != 0 and "missing.txt" in err


def test_extract_csv_and_jsonl_carry_the_same_claims(tmp_path: Path) -> None:
    out_csv = tmp_path / "claims.csv"
    code, _, err = run("extract", str(SEED), "--published", "2025-08-28", "--format", "csv",
                       "-o", str(out_csv))  # fmt: skip
    assert code == 0 and "Wrote" in err
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text(encoding="utf-8"))))
    code, out, _ = run("extract", str(SEED), "--published", "2025-08-28", "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["claim_id"] for r in rows] == [r["claim_id"] for r in records]
    share = next(r for r in records if r["text"] == "about 97%")
    assert share["value"] == 0.97 and share["qualifier"] == "approx"
    next_week = next(r for r in rows if r["text"] == "next week")
    assert next_week["value"] == "2025-W36"


def test_formula_in_an_article_is_inert_in_the_csv(tmp_path: Path) -> None:
    article = tmp_path / "evil.txt"
    article.write_text('The minister said "=HYPERLINK(1)" cost 5% more.\n', encoding="utf-8")
    code, out, _ = run("extract", str(article), "--format", "csv")
    assert code == 0
    cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
    assert "'=HYPERLINK(1)" in cells
    assert not any(cell.startswith("=") for cell in cells)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02binary", "binary"), (b"  \n ", "white space")],
)
def test_bad_files_get_one_clear_line(tmp_path: Path, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, _, err = run("extract", str(bad))
    assert code == 1
    assert message in err.lower() and "Traceback" not in err


def test_bad_date_and_missing_file() -> None:
    code, _, err = run("extract", str(SEED), "--published", "yesterday")
    assert code == 1 and "YYYY-MM-DD" in err
    code, _, err = run("extract", "no-such-file.txt")
    assert code == 1 and "no-such-file.txt" in err and "Traceback" not in err


def test_demo_prints_the_seed_claims_and_their_evidence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the demo builds ./demo-workspace
    code, out, _ = run("demo", "--no-ui")
    assert code == 0
    assert "The Associated Press" in out and "about 97%" in out
    assert "altered" in out and "agrees" in out and "reason" in out
    assert "same subject: North Korea’s external trade" in out


def test_match_ranks_sources_for_each_claim(tmp_path: Path) -> None:
    out_file = tmp_path / "matches.jsonl"
    code, _, err = run("match", str(SEED), "--sources", str(ROOT / "seeds" / "sources"),
                       "--published", "2025-08-28", "-k", "2", "--format", "jsonl",
                       "-o", str(out_file))  # fmt: skip
    assert code == 0, err
    assert "Indexing passages" in err  # the progress bar
    rows = [json.loads(line) for line in out_file.read_text(encoding="utf-8").splitlines()]
    quote = next(r for r in rows if r["text"].startswith("I loved it") and r["rank"] == 1)
    assert quote["agreement"] == "altered" and "everybody" in quote["source_value"]
    share = next(r for r in rows if r["text"] == "about 97%" and r["rank"] == 1)
    assert share["agreement"] == "agrees" and share["title"]


def test_match_with_a_bad_source_says_which(tmp_path: Path) -> None:
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    code, _, err = run("match", str(SEED), "--sources", str(bad))
    assert code == 1 and "scan.pdf" in err and "Traceback" not in err


def _commands(group: click.Group) -> list[click.Command]:
    return list(group.commands.values())


def test_every_command_has_help_an_example_and_a_readme_mention() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in _commands(cli):
        code, out, _ = run(command.name or "", "--help")
        assert code == 0 and "Example:" in out, command.name
        assert f"workbench {command.name}" in readme, command.name
