"""The workspace commands through click's CliRunner: real files, real SQLite, clear errors."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from workbench import cli as cli_module
from workbench.cli import cli
from workbench.pipeline import ENV_VAR

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_c76c75e25c87b28b.txt"
SOURCES = ROOT / "seeds" / "sources"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(cli, list(args))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A workspace holding the seed article and the demo sources, made with the commands.

    The tests that share it only read it, or are refused before they write.
    """
    folder = str(tmp_path_factory.mktemp("cli") / "ws")
    added = run("add-article", str(SEED), "--title", "Kim to visit China", "--published",
                "2025-08-28", "--outlet", "AP", "--reviewer", "Ann",
                "--workspace", folder)  # fmt: skip
    assert added.exit_code == 0, added.output
    found = re.search(r"Kim to visit China.*: (\d+) claims, 0 with evidence", added.stdout)
    assert found, added.stdout
    sources = run("add-sources", str(SOURCES), "--workspace", folder)
    assert sources.exit_code == 0, sources.output
    assert "Added 7 sources" in sources.stdout
    assert f"matched {found.group(1)} claims again" in sources.stdout
    assert "Reading sources" in sources.stderr and "Indexing passages" in sources.stderr
    return folder


def test_status_counts_the_claims_of_each_article(workspace: str) -> None:
    result = run("status", "--workspace", workspace)
    assert result.exit_code == 0
    assert "Kim to visit China" in result.stdout and "unreviewed" in result.stdout


def test_the_workspace_comes_from_the_environment(workspace: str, tmp_path: Path) -> None:
    assert "Kim to visit China" in run("status", env={ENV_VAR: workspace}).stdout
    empty = run("status", env={ENV_VAR: str(tmp_path / "new")})
    assert empty.exit_code == 0 and "No articles yet" in empty.stdout


def test_export_formats(workspace: str, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    result = run("export", "--format", "csv", "-o", str(out), "--bom", "--workspace", workspace)
    assert result.exit_code == 0 and "Wrote the csv export" in result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) > 20 and rows[0]["article_title"] == "Kim to visit China"
    share = next(r for r in rows if r["text"] == "about 97%")
    assert share["agreement"] == "agrees" and share["status"] == "unreviewed"
    article_id = rows[0]["article_id"]
    jsonl = run("export", "--article", article_id, "--format", "jsonl", "--workspace", workspace)
    assert [json.loads(line)["claim_id"] for line in jsonl.stdout.splitlines()] == [
        r["claim_id"] for r in rows]  # fmt: skip
    refused = run("export", "--format", "claimreview", "--workspace", workspace)
    assert refused.exit_code == 1 and "workbench publisher" in refused.stderr
    site = "https://factcheck.example.org"
    review_url = f"{site}/checks/{{claim_id}}"
    set_it = run("publisher", "--name", "Example Fact Check", "--site-url", site,
                 "--review-url", review_url, "--workspace", workspace)  # fmt: skip
    assert set_it.exit_code == 0 and "Example Fact Check" in set_it.stdout
    reviews = run("export", "--format", "claimreview", "--workspace", workspace)
    assert json.loads(reviews.stdout) == []  # nothing decided yet


def test_errors_are_one_line_that_says_how_to_fix(workspace: str, tmp_path: Path) -> None:
    again = run("add-article", str(SEED), "--workspace", workspace)
    assert again.exit_code == 1 and "already in the workspace" in again.stderr
    bad_date = run("add-article", str(SEED), "--published", "soon", "--workspace", workspace)
    assert bad_date.exit_code == 1 and "YYYY-MM-DD" in bad_date.stderr
    unknown = run("export", "--article", "nope", "--workspace", workspace)
    assert unknown.exit_code == 1 and "workbench status" in unknown.stderr
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 not really")
    broken = run("add-sources", str(scan), "--workspace", workspace)
    assert broken.exit_code == 1 and "scan.pdf" in broken.stderr
    for result in (again, bad_date, unknown, broken):
        assert "Traceback" not in result.output


class FakeRun:
    """Stands in for subprocess.run: records the command and its environment."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[str], dict[str, str]]] = []

    def __call__(self, command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        self.calls.append((command, kwargs["env"]))
        return subprocess.CompletedProcess(command, 0)


@pytest.fixture
def fake_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeRun:
    fake = FakeRun()
    app = tmp_path / "app.py"
    app.write_text("")
    monkeypatch.setattr(cli_module.subprocess, "run", fake)
    monkeypatch.setattr(cli_module, "UI_APP", app)
    return fake


def test_ui_starts_streamlit_on_localhost_with_the_workspace(
    fake_run: FakeRun, tmp_path: Path
) -> None:
    result = run("ui", "--port", "8765", "--workspace", str(tmp_path / "ws"))
    assert result.exit_code == 0, result.output
    [(command, env)] = fake_run.calls
    assert command[1:4] == ["-m", "streamlit", "run"] and command[4] == str(cli_module.UI_APP)
    assert command[command.index("--server.address") + 1] == "127.0.0.1"
    assert command[command.index("--server.headless") + 1] == "true"
    assert command[command.index("--server.port") + 1] == "8765"
    assert env[ENV_VAR] == str((tmp_path / "ws").resolve())


def test_ui_without_streamlit_says_what_to_install(
    fake_run: FakeRun, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_module.importlib.util, "find_spec", lambda name: None)
    result = run("ui")
    assert result.exit_code == 1 and "pip install 'streamlit>=1.57'" in result.stderr
    assert not fake_run.calls


def test_demo_builds_its_own_workspace_then_opens_the_app(
    fake_run: FakeRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "mine"))  # never the demo's business
    result = run("demo", "--port", "8502")
    assert result.exit_code == 0, result.output
    [(_, env)] = fake_run.calls
    assert env[ENV_VAR] == str((tmp_path / "demo-workspace").resolve())
    assert (tmp_path / "demo-workspace" / "workbench.sqlite3").is_file()
    assert not (tmp_path / "mine").exists()
    rebuilt = run("demo", "--no-ui")
    assert rebuilt.exit_code == 0 and "about 97%" in rebuilt.stdout
    assert len(fake_run.calls) == 1


def test_demo_refuses_a_folder_that_is_not_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "demo-workspace").mkdir()
    (tmp_path / "demo-workspace" / "notes.txt").write_text("mine")
    result = run("demo", "--no-ui")
    assert result.exit_code == 1 and "not a demo workspace" in result.stderr
    assert (tmp_path / "demo-workspace" / "notes.txt").read_text() == "mine"
