"""Paragraph and sentence spans over an article's text, in one linear pass.

pysbd decides the boundaries (it made no error on the seed article and keeps a quote of several
sentences whole), but only per paragraph and without its char-span mode, which searches from the
start of the text for every sentence. We place each sentence ourselves with a forward-only cursor,
so the cost stays linear and the spans always cover the text exactly, even where pysbd altered or
dropped a sentence. Paragraphs that have hung pysbd (very long ones, long runs of digits) go to a
plain regex splitter instead.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from functools import lru_cache

import pysbd

Span = tuple[int, int]

# A paragraph longer than this, or with a run of digits this long, skips pysbd: its regexes
# backtrack badly on both, and a news paragraph is never that long.
MAX_PYSBD_CHARS = 5_000
_DIGIT_RUN = re.compile(r"\d{40}")
_NON_SPACE = re.compile(r"\S")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")
# Fallback boundary: end punctuation, optional closing quotes/brackets, space, then a capital.
_FALLBACK_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def paragraph_spans(text: str) -> list[Span]:
    """Spans of the paragraphs, trimmed of surrounding white space.

    Text that has blank lines is split at blank lines (hard-wrapped lines stay together);
    text without any is split at every line break (one paragraph a line, as in the seed article).
    """
    breaker = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
    spans: list[Span] = []
    pos = 0
    for brk in breaker.finditer(text):
        _add_trimmed(text, pos, brk.start(), spans)
        pos = brk.end()
    _add_trimmed(text, pos, len(text), spans)
    return spans


def sentence_spans(text: str) -> list[Span]:
    """Spans of the sentences, in order, trimmed, never crossing a paragraph boundary.

    Every non-space character of the text lies in exactly one span.
    """
    spans: list[Span] = []
    for p_start, p_end in paragraph_spans(text):
        spans.extend(_paragraph_sentences(text, p_start, p_end))
    return spans


def _paragraph_sentences(text: str, p_start: int, p_end: int) -> list[Span]:
    para = text[p_start:p_end]
    if len(para) > MAX_PYSBD_CHARS or _DIGIT_RUN.search(para):
        pieces = _fallback_split(para)
    else:
        pieces = [str(s) for s in _segmenter().segment(para)]
    starts = _locate(para, pieces)
    spans: list[Span] = []
    bounds = [*starts, len(para)]
    for begin, finish in itertools.pairwise(bounds):
        _add_trimmed(text, p_start + begin, p_start + finish, spans)
    return spans


def _locate(para: str, pieces: list[str]) -> list[int]:
    """Start offset of each piece that can be found, searching forward only."""
    starts = [0]
    cursor = 0
    for piece in pieces:
        needle = piece.strip()
        if not needle:
            continue
        # Look only a little ahead: pysbd returns the pieces in order, so a piece that is not
        # close by was altered, and a far search would make the pass quadratic.
        found = para.find(needle, cursor, cursor + len(piece) + 64 + len(needle))
        if found < 0:
            continue
        if found > starts[-1]:
            starts.append(found)
        cursor = found + len(needle)
    return starts


def _fallback_split(para: str) -> list[str]:
    pieces: list[str] = []
    pos = 0
    for brk in _FALLBACK_BOUNDARY.finditer(para):
        pieces.append(para[pos : brk.end()])
        pos = brk.end()
    pieces.append(para[pos:])
    return pieces


def _add_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    first = _NON_SPACE.search(text, start, end)
    if first is None:
        return
    stop = end
    while stop > first.start() and text[stop - 1].isspace():
        stop -= 1
    spans.append((first.start(), stop))


def sentence_index_of(spans: Sequence[Span], offset: int) -> int:
    """Index of the sentence that holds `offset` (or the last one that starts before it)."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][0] <= offset:
            lo = mid + 1
        else:
            hi = mid
    return max(lo - 1, 0)
