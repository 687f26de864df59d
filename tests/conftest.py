"""Fixtures shared by every test folder (the rule for missing data is in `evaldata`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from evaldata import SHARED_EVAL, require_shared


@pytest.fixture(scope="session")
def news_dir() -> Path:
    return require_shared(SHARED_EVAL / "news")
