"""Article text -> the claim table (CLAIM-SCHEMA.md).

The finders (`numbers`, `ranks`, `dates`, `quotes`) each report candidates; this module merges
them. Figures and dates compete for the same characters ("2019" in "since 2019" is a date, not a
count): among overlapping candidates the higher priority wins, then the longer span. Quotes and
attributions never compete with figures: a figure inside a quote is a claim of its own.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

import numpy as np
import pandas as pd

from claims.dates.find import find_dates
from claims.errors import DateError
from claims.figures.numbers import find_numbers
from claims.figures.ranks import find_ranks
from claims.found import Found
from claims.quotes.find import find_quotes
from claims.reading.boilerplate import boilerplate_spans, in_zones
from claims.reading.sentences import Span, paragraph_spans, sentence_index_of, sentence_spans
from claims.reading.spacing import single_spaced
from claims.schema import CLAIM_COLUMNS, claims_frame

PublishedDate = dt.date | dt.datetime | str | None

# The claim table's columns and dtypes are the schema's: those of its empty table.
_EMPTY = claims_frame([])
_DTYPES = list(_EMPTY.dtypes)
# pandas' constructor from finished column arrays (as its CSV reader uses it). The public ones
# read every object column for a string dtype and leave the integer columns to be assigned one
# by one: on a typical article that cost as much as finding all its figures. Columns of numpy
# dtypes only; anything else goes the schema's way.
_FROM_ARRAYS = (
    getattr(pd.DataFrame, "_from_arrays", None)
    if all(isinstance(t, np.dtype) for t in _DTYPES)
    else None
)


def extract_claims(
    text: str, *, published: PublishedDate = None, article_id: str | None = None
) -> pd.DataFrame:
    """Every checkable claim of `text`, one row each, ordered as in the text.

    `published` (a date or an ISO string) resolves relative dates ("next week"); without it they
    are still found, with value None. `article_id` defaults to a hash of the text.
    """
    when = parse_published(published)
    art_id = article_id if article_id is not None else text_id(text)
    spacing = single_spaced(text)
    work = spacing.text if spacing else text  # read single-spaced, reported in `text`
    sentences = sentence_spans(work)
    paragraphs = paragraph_spans(work)
    figures = [
        *find_numbers(work, sentences),
        *find_ranks(work, sentences),
        *find_dates(work, sentences, published=when),
    ]
    found = [*resolve_overlaps(figures), *find_quotes(work, sentences, paragraphs)]
    zones = boilerplate_spans(work)
    kept = sorted(
        (f for f in found if f.end > f.start and not (zones and in_zones(f.start, f.end, zones))),
        key=lambda f: (f.start, f.end, f.kind),
    )
    if spacing is not None:
        kept = [replace(f, start=spacing.start(f.start), end=spacing.end(f.end)) for f in kept]
        sentences = [(spacing.start(a), spacing.end(b)) for a, b in sentences]
    return _table(_rows(text, art_id, kept, sentences))


def parse_published(published: PublishedDate) -> dt.date | None:
    """The publication date as a date; a clear error for anything that is not one."""
    if published is None or published == "":
        return None
    if isinstance(published, dt.datetime):
        return published.date()
    if isinstance(published, dt.date):
        return published
    try:
        return dt.date.fromisoformat(str(published).strip())
    except ValueError:
        raise DateError(
            f"Publication date {published!r} is not a date: write it as YYYY-MM-DD, "
            "for example 2025-08-28."
        ) from None


def text_id(text: str) -> str:
    """A stable id for a text: the same text always gets the same id."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def resolve_overlaps(candidates: Iterable[Found]) -> list[Found]:
    """Keep the best of overlapping candidates: higher priority, then longer, then earlier."""
    ranked = sorted(candidates, key=lambda f: (-f.priority, f.start - f.end, f.start, f.kind))
    # The kept spans never overlap, so sorted by start they are sorted by end too: one
    # bisection finds the only neighbour that could overlap a candidate.
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Found] = []
    for f in ranked:
        i = bisect.bisect_left(starts, f.end)
        if i > 0 and ends[i - 1] > f.start:
            continue
        starts.insert(i, f.start)
        ends.insert(i, f.end)
        kept.append(f)
    return kept


def _rows(
    text: str, article_id: str, found: list[Found], sentences: list[Span]
) -> list[tuple[object, ...]]:
    """One tuple of cells a claim, in the order of `CLAIM_COLUMNS`."""
    seen: Counter[tuple[str, str]] = Counter()
    # One string per sentence, shared by its claims: a giant sentence is not copied per claim.
    sentence_cache: dict[tuple[int, int], str] = {}
    rows: list[tuple[object, ...]] = []
    starts = [start for start, _ in sentences]
    for f in found:
        span_text = text[f.start : f.end]
        key = (f.kind, " ".join(span_text.split()))
        seen[key] += 1
        first = last = 0
        if sentences:
            first = max(bisect.bisect_right(starts, f.start) - 1, 0)  # `sentence_index_of`
            # Most claims end in the sentence they start in: no second look-up.
            last = (
                first if f.end <= sentences[first][1] else sentence_index_of(sentences, f.end - 1)
            )
        rows.append(
            (
                claim_id(article_id, f.kind, key[1], seen[key]),
                article_id,
                f.kind,
                span_text,
                f.start,
                f.end,
                first,
                _sentence_text(text, sentences, first, last, sentence_cache),
                f.value,
                f.unit,
                f.qualifier,
                f.speaker,
                f.subject,
            )
        )
    return rows


def _table(rows: list[tuple[object, ...]]) -> pd.DataFrame:
    """`schema.claims_frame` of the rows, built from whole columns in one step."""
    if _FROM_ARRAYS is None:
        return claims_frame([dict(zip(CLAIM_COLUMNS, row, strict=True)) for row in rows])
    columns = dict(zip(CLAIM_COLUMNS, zip(*rows, strict=True), strict=True)) if rows else {}
    # fromiter keeps a list value ([18, 24]) one cell; numpy would unpack it into a row.
    arrays = [
        np.fromiter(columns.get(col, ()), dtype=dtype, count=len(rows))
        for col, dtype in zip(CLAIM_COLUMNS, _DTYPES, strict=True)
    ]
    index = pd.RangeIndex(len(rows))
    return _FROM_ARRAYS(arrays, _EMPTY.columns.copy(), index, verify_integrity=False)


def claim_id(article_id: str, kind: str, words: str, occurrence: int) -> str:
    """Stable and unique within an article: kind, words and which occurrence of them.

    Offsets are left out on purpose, so an edit elsewhere in the article keeps the id.
    """
    key = f"{article_id}\x1f{kind}\x1f{words}\x1f{occurrence}"
    digest = hashlib.sha1(key.encode("utf-8", "surrogatepass"))
    return f"{kind[:3]}-{digest.hexdigest()[:12]}"


def _sentence_text(
    text: str, sentences: list[Span], first: int, last: int, cache: dict[tuple[int, int], str]
) -> str:
    key = (first, max(first, last))
    if key not in cache:
        cache[key] = (
            text[sentences[key[0]][0] : sentences[key[1]][1]] if sentences else text.strip()
        )
    return cache[key]
