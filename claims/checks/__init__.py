"""Self-checks: an article checked against itself, before any source is looked at.

`selfcheck` runs every check and returns one flag a finding: `arithmetic` (a stated change
against the figures it joins), `consistency` (shares of one whole, one figure stated twice) and
`dates` (a weekday beside its date, a duration or an anniversary beside the years stated).
"""

from __future__ import annotations

from claims.checks.selfcheck import self_check

__all__ = ["self_check"]
