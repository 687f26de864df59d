"""The figures and dates of passages: what the index stores with each, found once.

`passage_values` reads one passage with the article extractor's finders (its sentences,
`find_numbers`, `find_dates`). `passages_values` gives the same values for many passages at a
time, faster: it reads them joined into one text, a few dozen passages at a time, and hands each
passage the values found within it, offsets made relative to it again. On short passages part
of the cost of a scan is what every call pays (setting up the finders, the sentence splitter,
sorting, resolving overlaps), not the text: on generated news passages a joined read takes 0.82
to 0.85 of the processor time of reading each passage alone (measured in turns on the same
passages; the values are the same, tested).

The join keeps every passage apart for the finders: the passages are separate paragraphs (no
sentence crosses a paragraph), and between them stands a paragraph of sixty pilcrows, longer than
any stretch of text a finder looks at around a figure or a date (48 characters: a date's
preposition, a page stamp; 40 for the words of a sports score), and holding no word, number or
space, so nothing of one passage is read beside another's. A passage that could read
differently inside the join is read alone: one with a line break (its paragraphs depend on
whether the text holds blank lines) or a pilcrow, and, as a last guard, one that any value found
would cross. `tests/test_claims/test_passage_values.py` holds the two readings equal over real
and generated passages.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from claims.dates.find import find_dates
from claims.extract import resolve_overlaps
from claims.figures.numbers import find_numbers
from claims.found import Found
from claims.reading.sentences import sentence_spans

Values = list[dict[str, Any]]

SEPARATOR = "\n\n" + "¶" * 60 + "\n\n"
# Passages read in one joined text: enough to spread a call's fixed cost thin (20 passages give
# most of the gain, 64 a little more), few enough that a finder's whole-text gate (no age word,
# no page stamp) still skips most joins.
JOIN_PASSAGES = 64


def passage_values(text: str, *, published: dt.date | None = None) -> Values:
    """The figures and dates of a passage as plain dicts, offsets relative to `text`."""
    return [_value_dict(text, f, 0) for f in _found(text, published)]


def passages_values(texts: Sequence[str], *, published: dt.date | None = None) -> list[Values]:
    """`passage_values` of every text, in order, read a few dozen texts at a time."""
    out: list[Values | None] = [None] * len(texts)
    group: list[int] = []
    for i, text in enumerate(texts):
        if "\n" in text or "¶" in text:
            out[i] = passage_values(text, published=published)
            continue
        group.append(i)
        if len(group) == JOIN_PASSAGES:
            _read_joined(texts, group, published, out)
            group = []
    if group:
        _read_joined(texts, group, published, out)
    return out  # type: ignore[return-value]  # every slot is filled


def _read_joined(
    texts: Sequence[str], group: list[int], published: dt.date | None, out: list[Values | None]
) -> None:
    starts: list[int] = []
    pos = 0
    for i in group:
        starts.append(pos)
        pos += len(texts[i]) + len(SEPARATOR)
    joined = SEPARATOR.join(texts[i] for i in group)
    per_passage: list[Values] = [[] for _ in group]
    crossed: set[int] = set()
    for f in _found(joined, published):
        k = bisect.bisect_right(starts, f.start) - 1
        offset = starts[k]
        if f.end > offset + len(texts[group[k]]):
            crossed.add(k)
            continue
        per_passage[k].append(_value_dict(texts[group[k]], f, offset))
    for k, i in enumerate(group):
        out[i] = passage_values(texts[i], published=published) if k in crossed else per_passage[k]


def _found(text: str, published: dt.date | None) -> list[Found]:
    sentences = sentence_spans(text)
    found = resolve_overlaps(
        [*find_numbers(text, sentences), *find_dates(text, sentences, published=published)]
    )
    return sorted(found, key=lambda f: (f.start, f.end))


def _value_dict(text: str, found: Found, offset: int) -> dict[str, Any]:
    start, end = found.start - offset, found.end - offset
    return {
        "kind": found.kind,
        "value": _plain(found.value),
        "unit": found.unit,
        "qualifier": found.qualifier,
        "subject": found.subject,
        "start": start,
        "end": end,
        "text": text[start:end],
    }


def _plain(value: object) -> object:
    """`value` as JSON would give it back: tuples as lists, numpy scalars as Python numbers."""
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value
