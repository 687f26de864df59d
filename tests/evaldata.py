"""Where the evaluation data lives, and the rule for when it is missing.

`../shared/eval` sits beside the checkout on the project's machines and in CI. A user's clone has
no `../shared`: tests that need it skip with the reason, except in CI (CI=true), where its absence
is a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_EVAL = REPO_ROOT.parent / "shared" / "eval"


def require_shared(path: Path) -> Path:
    """`path` when it exists; else skip, or fail in CI."""
    if path.exists():
        return path
    reason = f"{path} is missing: the evaluation data sits in ../shared/eval beside the checkout"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)
