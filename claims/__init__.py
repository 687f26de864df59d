"""claims: the headless library. Article text in, a pandas claim table out (CLAIM-SCHEMA.md).

>>> from claims import extract_claims, load_text
>>> table = extract_claims(load_text("story.txt"), published="2025-08-28")
"""

from __future__ import annotations

from claims.errors import ClaimsError
from claims.extract import extract_claims
from claims.text import load_text

__all__ = ["ClaimsError", "extract_claims", "load_text"]
