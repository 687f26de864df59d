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
def ws(tmp_path: Path, clock: Clock, database: str | None) -> Workspace:
    """A workspace with one short article and one source about it, on SQLite and on
    PostgreSQL."""
    workspace = Workspace.open(tmp_path / "ws", clock=clock, database=database)
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
def demo_ws(demo_template: Path, tmp_path: Path, database: str | None) -> Workspace:
    """A fresh copy of the demo workspace, with its own fixed clock; on PostgreSQL the demo
    built again in a new database, with the same clock (so the same bytes)."""
    folder = tmp_path / "demo-workspace"
    later = ticking_clock(START + dt.timedelta(days=1))
    if database is None:
        shutil.copytree(demo_template, folder)
        return Workspace.open(folder, clock=later)
    build_demo(folder, clock=ticking_clock(), database=database)
    return Workspace.open(folder, clock=later, database=database)
