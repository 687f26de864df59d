"""The app under AppTest, on a fresh copy of the demo workspace for every test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from uitest import APP

from workbench.pipeline import ENV_VAR, Workspace, build_demo


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, built once per run from seeds/; tests work on copies."""
    folder = tmp_path_factory.mktemp("ui-demo") / "demo-workspace"
    build_demo(folder)
    return folder


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    """A fresh copy of the demo workspace, which the app opens through WORKBENCH_WORKSPACE."""
    folder = tmp_path / "demo-workspace"
    shutil.copytree(demo_template, folder)
    monkeypatch.setenv(ENV_VAR, str(folder))
    return Workspace.open(folder)


@pytest.fixture
def app(demo: Workspace) -> Iterator[AppTest]:
    """The app, run once on its landing page (Review)."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    yield at
