"""Fixtures shared by every test folder (the rule for missing data is in `evaldata`)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from evaldata import SHARED_EVAL, require_shared
from pgserver import fresh_database, postgres_server


@pytest.fixture(scope="session")
def news_dir() -> Path:
    return require_shared(SHARED_EVAL / "news")


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """A throwaway PostgreSQL server for the whole run (started on first use)."""
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """The store a workspace fixture runs on: None for the folder's SQLite file, or the URL of
    a new empty database on the test server, also in WORKBENCH_DATABASE (so that commands run
    by the test find it, as a desk's would)."""
    if request.param == "sqlite":
        monkeypatch.delenv("WORKBENCH_DATABASE", raising=False)
        return None
    server = request.getfixturevalue("postgres_server_url")
    url = fresh_database(server, f"test_{uuid.uuid4().hex[:12]}")
    monkeypatch.setenv("WORKBENCH_DATABASE", url)
    return url


@pytest.fixture
def postgres_database(postgres_server_url: str) -> str:
    """The URL of a new empty database on the test server."""
    return fresh_database(postgres_server_url, f"test_{uuid.uuid4().hex[:12]}")
