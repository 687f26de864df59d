"""Importing the `claims` package of a given checkout, for benchmarks of two versions.

The editable install's finder would give today's package whatever the path says, so it is set
aside before the checkout goes first on the path.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any


def extractor(checkout: str) -> Callable[..., Any]:
    """`claims.extract.extract_claims` of `checkout`; exits if another copy was imported."""
    sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in repr(f)]
    sys.path.insert(0, checkout)
    extract = importlib.import_module("claims.extract").extract_claims
    where = importlib.import_module("claims").__file__ or ""
    if not where.startswith(checkout):
        raise SystemExit(f"claims was imported from {where}, not from {checkout}")
    return extract
