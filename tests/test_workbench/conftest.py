"""Workspaces on real SQLite files in tmp_path, with a clock that makes timestamps reproducible."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from workspaces import ARTICLE, SOURCE, START, ticking_clock

from workbench.pipeline import Workspace, add_article, add_sources, build_demo
from workbench.records import Clock


@pytest.fixture
def clock() -> Clock:
    return ticking_clock()


@pytest.fixture
def ws(tmp_path: Path, clock: Clock) -> Workspace:
    """A workspace with one short article and one source about it."""
    workspace = Workspace.open(tmp_path / "ws", clock=clock)
    source = tmp_path / "ministry.txt"
    source.write_text(SOURCE, encoding="utf-8")
    add_sources(workspace, [source])
    add_article(workspace, ARTICLE, title="Exports", outlet="The Daily", published="2025-01-15",
                added_by="Ann")  # fmt: skip
    return workspace


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, built once per run with a fixed clock; tests work on copies."""
    folder = tmp_path_factory.mktemp("demo") / "demo-workspace"
    build_demo(folder, clock=ticking_clock())
    return folder


@pytest.fixture
def demo_ws(demo_template: Path, tmp_path: Path) -> Workspace:
    """A fresh copy of the demo workspace, with its own fixed clock."""
    folder = tmp_path / "demo-workspace"
    shutil.copytree(demo_template, folder)
    return Workspace.open(folder, clock=ticking_clock(START + dt.timedelta(days=1)))
