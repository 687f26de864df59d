"""Drafts: the claims of a revised article paired with those of its previous version.

`align` pairs the two drafts' claims (unchanged, changed, removed, new); `changes` says what
changed in a pair the way a reviewer reads it ("97% -> 95%", "quote shortened").
"""

from __future__ import annotations

from claims.drafts.align import align_claims

__all__ = ["align_claims"]
