"""Self-checks: an article checked against itself, before any source is looked at.

A change stated beside the figures it runs between ("jumped 76% to $1.13bn from $639m"), shares
of one whole, a weekday beside its date, a duration beside the years it spans, an anniversary
beside the year of its event, one figure stated twice: each can be wrong in the article itself.
`self_check` runs every check in `CHECKS` over the claim table of one article and returns one
row per problem found, shown beside the claim that is wrong or doubtful.

Every check flags only what cannot fit: figures are intervals at the precision written
("$1.13bn" is 1.125-1.135bn), qualifiers widen or bound them, and a reading that is unsure
(which whole a share belongs to, which year a duration counts from) is no flag.

>>> from claims import extract_claims
>>> from claims.checks.selfcheck import self_check
>>> text = "Profits jumped 50% to $1.13bn from $639m."
>>> self_check(text, extract_claims(text))["message"].tolist()
['jumped 50% to $1.13bn from $639m: those figures make a rise of about 77%, not 50%.']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd

from claims.checks.arithmetic import Article, Flag, arithmetic_flags, read_article
from claims.checks.consistency import repeated_figure_flags, share_flags
from claims.checks.dates import anniversary_flags, weekday_flags
from claims.checks.durations import duration_flags
from claims.extract import parse_published

FLAG_COLUMNS: tuple[str, ...] = ("claim_id", "check", "message")

# Check name -> the function that raises its flags, in the order the names are shown.
_CHECKS: dict[str, Callable[[Article], list[Flag]]] = {
    "arithmetic": arithmetic_flags,
    "shares": share_flags,
    "weekday": weekday_flags,
    "duration": duration_flags,
    "anniversary": anniversary_flags,
    "repeated_figure": repeated_figure_flags,
}
CHECKS: tuple[str, ...] = tuple(_CHECKS)


def self_check(
    text: str, claims: pd.DataFrame, *, published: dt.date | None = None
) -> pd.DataFrame:
    """Flags raised on the claims of one article: one row per (claim, check) problem found,
    columns FLAG_COLUMNS, sorted by the claim's start.

    `claims` is the table `extract_claims(text, ...)` returns for the same text; `published`
    (the article's publication date) lets the date checks count from today's year.
    """
    when = parse_published(published)  # a datetime or an ISO string is taken too
    article = read_article(text, claims, when)
    starts = {row["claim_id"]: int(row["start"]) for row in article.rows}
    rows: dict[tuple[str, str], str] = {}
    for name, check in _CHECKS.items():
        for claim_id, message in check(article):
            if claim_id in starts:
                rows.setdefault((claim_id, name), " ".join(message.split()))
    order = {name: i for i, name in enumerate(CHECKS)}
    return _table(rows, sorted(rows, key=lambda key: (starts[key[0]], order[key[1]])))


def _table(rows: dict[tuple[str, str], str], keys: list[tuple[str, str]]) -> pd.DataFrame:
    # Built from columns: a frame from a list of rows costs three times as much when empty,
    # which is what most articles get.
    columns = {
        "claim_id": [claim_id for claim_id, _ in keys],
        "check": [name for _, name in keys],
        "message": [rows[key] for key in keys],
    }
    return pd.DataFrame(columns, columns=list(FLAG_COLUMNS), dtype=object)
