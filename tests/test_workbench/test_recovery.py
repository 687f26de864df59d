"""A command killed halfway leaves the workspace whole or tells the next command what to finish.

Each test runs a real command in a child process and kills it with SIGKILL at a chosen point
(the child replaces one step with a kill of itself: the process dies there, as under kill -9),
then runs the next command and checks that the store, the passage index and the matches
agree again, that it said so, and that `workbench doctor` finds nothing left.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from workbench import doctor
from workbench.cli import cli
from workbench.matching import finish_pending
from workbench.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_c76c75e25c87b28b.txt"
SOURCES = ROOT / "seeds" / "sources"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def killed_at(step: str, folder: Path, command: str) -> None:
    """Run `command` (pipeline code) on the workspace in a child killed at `step`."""
    code = textwrap.dedent(f"""
        import os, signal
        import workbench.pipeline as pipeline
        from claims.evidence.index import PassageIndex

        def die(*args, **kwargs):
            os.kill(os.getpid(), signal.SIGKILL)

        owner, name = {step!r}.rsplit(".", 1)
        setattr(PassageIndex if owner == "PassageIndex" else pipeline, name, die)
        ws = pipeline.Workspace.open({str(folder)!r})
        {command}
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == -signal.SIGKILL, done.stderr


def agree(folder: Path) -> Workspace:
    """The workspace's store, index and matches agree, by the doctor's checks."""
    ws = Workspace.open(folder)
    assert doctor.check(ws) == []
    assert not ws.store.pending_work()
    return ws


def test_killed_before_indexing_the_sources(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    assert run("add-article", str(SEED), "--workspace", str(folder)).exit_code == 0
    killed_at("PassageIndex.add", folder, f"pipeline.add_sources(ws, [{str(SOURCES)!r}])")
    ws = Workspace.open(folder)
    assert len(ws.store.sources()) == 7 and len(ws.index()) == 0  # the state a kill leaves
    assert [f.rebuild for f in doctor.check(ws)][:1] == [False]  # unfinished work comes first
    status = run("status", "--workspace", str(folder))
    assert status.exit_code == 0
    assert "finished what a stopped command left: indexed the" in status.stderr
    ws = agree(folder)
    assert len(ws.index()) == len(ws.store.passages())
    assert ws.store.matches()["claim_id"].nunique() > 20


def test_killed_before_matching_again(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    assert run("add-article", str(SEED), "--workspace", str(folder)).exit_code == 0
    killed_at("pipeline.rematch", folder, f"pipeline.add_sources(ws, [{str(SOURCES)!r}])")
    assert Workspace.open(folder).store.matches().empty
    status = run("status", "--workspace", str(folder))
    assert "matched the" in status.stderr and "claims of every article" in status.stderr
    assert not agree(folder).store.matches().empty


def test_a_retried_add_article_finishes_the_matching_instead_of_refusing(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    assert run("add-sources", str(SOURCES), "--workspace", str(folder)).exit_code == 0
    killed_at("pipeline.match_rows", folder, f"pipeline.add_article_file(ws, {str(SEED)!r})")
    ws = Workspace.open(folder)
    assert len(ws.store.claims()) > 20 and ws.store.matches().empty
    again = run("add-article", str(SEED), "--workspace", str(folder))
    assert again.exit_code == 0, again.output
    assert "with evidence in the sources" in again.stdout and "already" not in again.output
    assert agree(folder).store.matches()["claim_id"].nunique() > 20
    refused = run("add-article", str(SEED), "--workspace", str(folder))  # complete: refused
    assert refused.exit_code == 1 and "already in the workspace" in refused.stderr


def test_killed_while_removing_a_source(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    assert run("add-sources", str(SOURCES), "--workspace", str(folder)).exit_code == 0
    source = Workspace.open(folder).store.sources()["source_id"].iloc[0]
    killed_at("PassageIndex.delete_source", folder, f"pipeline.remove_source(ws, {source!r})")
    assert source in Workspace.open(folder).index().source_ids()
    run("status", "--workspace", str(folder))
    assert source not in agree(folder).index().source_ids()


def test_work_in_progress_is_not_taken_for_unfinished_work(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws")
    ws.store.add_work("match_all")
    other = Workspace.open(tmp_path / "ws")
    with ws.working():  # another command is working: its journal rows are not abandoned
        assert not other.idle()
        said: list[list[str]] = []
        thread = threading.Thread(target=lambda: said.append(_finish(other)))
        thread.start()
        thread.join()
        assert said == [[]] and ws.store.pending_work()
    assert other.idle()
    assert _finish(other) and not ws.store.pending_work()


def _finish(ws: Workspace) -> list[str]:
    return finish_pending(ws)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    folder = tmp_path / "ws"
    assert run("add-sources", str(SOURCES), "--workspace", str(folder)).exit_code == 0
    assert run("add-article", str(SEED), "--workspace", str(folder)).exit_code == 0
    return folder


def test_doctor_rebuilds_an_index_deleted_by_hand(demo: Path) -> None:
    shutil.rmtree(demo / "index")
    check = run("doctor", "--check", "--workspace", str(demo))
    assert check.exit_code == 1 and "the index lacks" in check.stdout
    repaired = run("doctor", "--workspace", str(demo))
    assert repaired.exit_code == 0 and "made the passage index again" in repaired.stdout
    ws = agree(demo)
    assert not ws.index().search("Kim Jong Un parade", limit=3).empty


def test_doctor_rebuilds_a_broken_index(demo: Path) -> None:
    for file in (demo / "index").glob("meta.json"):
        file.write_text("{not json")
    check = run("doctor", "--check", "--workspace", str(demo))
    assert check.exit_code == 1 and "cannot be opened" in check.stdout
    assert run("doctor", "--workspace", str(demo)).exit_code == 0
    agree(demo)


def test_doctor_on_a_whole_workspace_changes_nothing(demo: Path) -> None:
    before = Workspace.open(demo).store.matches()
    said = run("doctor", "--workspace", str(demo))
    assert said.exit_code == 0 and "nothing to repair" in said.stdout
    assert run("doctor", "--check", "--workspace", str(demo)).exit_code == 0
    after = Workspace.open(demo).store.matches()
    assert after[["claim_id", "rank", "passage_id"]].equals(
        before[["claim_id", "rank", "passage_id"]]
    )
