"""Helpers of the workbench tests: a reproducible clock, a small article, claim look-ups."""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd

from workbench.pipeline import Workspace
from workbench.records import Clock

START = dt.datetime(2025, 9, 1, 9, 0, tzinfo=dt.UTC)

ARTICLE = (
    "Exports rose 12% in 2024, the ministry said. Exports rose 12% again in 2025.\n"
    "About 3,000 firms took part, officials said.\n"
)
SOURCE = (
    "The ministry reported that exports grew by 12 per cent in 2024.\n"
    "Some 3,000 companies were counted in the survey.\n"
)


def ticking_clock(start: dt.datetime = START, step: dt.timedelta | None = None) -> Clock:
    """A clock that moves one minute (or `step`) at every reading: same run, same times."""
    ticks = itertools.count()
    gap = step or dt.timedelta(minutes=1)
    return lambda: start + next(ticks) * gap


def claim_by_text(ws: Workspace, text: str, nth: int = 0) -> pd.Series:
    """The claim row (with its review) whose text is `text`."""
    claims = ws.store.claims()
    found = claims[claims["text"] == text]
    assert len(found) > nth, f"no claim {text!r}: {claims['text'].tolist()}"
    return found.iloc[nth]


def best_passage(ws: Workspace, claim_id: str) -> str:
    """The passage id ranked first for a claim."""
    matches = ws.store.matches(claim_id=claim_id)
    assert not matches.empty, f"claim {claim_id} has no matches"
    return str(matches.iloc[0]["passage_id"])
