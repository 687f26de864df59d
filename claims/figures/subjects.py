"""What a figure is about: the unit of a count and the subject of any figure.

Agreement with a source depends on the subject ("97% of trade" is not "97% of exports"), so
this is worth a heuristic with tests even without a parser: the noun phrase after "of", else
the phrase before the verb that carries the figure ("profits jumped 76%"), else the counted noun.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from claims.figures.words import FIGURE_VERBS, STOP_WORDS
from claims.reading.sentences import sentence_index_of

Span = tuple[int, int]

_WORD = re.compile(r"[A-Za-z][\w'’.&-]*|\d[\d,.]*%?")
_OF = re.compile(r"[ ]+of[ ]+")
_CLAUSE_BREAK = re.compile(
    r",(?!\d)|[;:()\[\]—–\"“”]|\b(?:and|while|but|which|that|said|says|added|told|reported|"
    r"announced|according to|when|as|if|after|before|because)\b"
)
# The last clause break of a window: the greedy start runs to the window's end and gives back a
# character at a time, so the first break it meets is the last one. Splitting the window at
# every break tries the pattern at every position of it, for each figure.
_LAST_BREAK = re.compile(rf"(?s:.*)(?:{_CLAUSE_BREAK.pattern})")
_LEADING = frozenset("""the a an its their his her our this these those and but while""".split())
# Words that may sit inside a subject even though they end a count's unit ("share of the vote").
_PHRASE_STOPS = STOP_WORDS - frozenset("the a an".split())
MAX_WORDS = 8
LOOKBACK = 200


def noun_phrase_after(text: str, pos: int, *, max_words: int = 3) -> tuple[str | None, int]:
    """The counted noun after a figure and where it ends.

    "26 foreign leaders who attend" -> ("foreign leaders", end of "leaders").
    """
    words: list[str] = []
    end = pos
    for m in _WORD.finditer(text, pos, min(len(text), pos + 80)):
        gap = text[end : m.start()]
        if (words and gap != " ") or (not words and gap not in (" ", "")):
            break
        token = m.group().rstrip(".")
        if token.lower() in STOP_WORDS or token[0].isdigit():
            break
        words.append(token)
        end = m.start() + len(token)
        if len(words) >= max_words or token.lower().endswith("s"):
            break
    return (" ".join(words) or None), end


def subject_of(text: str, sentences: Sequence[Span], start: int, end: int, kind: str) -> str | None:
    """The words a figure is about, or None when the sentence does not say."""
    after = _of_phrase(text, end)
    if after:
        return after
    if kind in ("percent", "money", "count", "quantity"):
        return _before_verb(text, sentences, start)
    return None


def _of_phrase(text: str, end: int) -> str | None:
    m = _OF.match(text, end)
    if m is None:
        return None
    words: list[str] = []
    pos = m.end()
    for w in _WORD.finditer(text, pos, min(len(text), pos + 120)):
        if _CLAUSE_BREAK.search(text, pos, w.start()) or text[pos : w.start()].strip():
            break
        token = w.group().rstrip(".")
        if token.lower() in _PHRASE_STOPS or token.lower() in FIGURE_VERBS or token[0].isdigit():
            break
        words.append(token)
        pos = w.start() + len(token)
        if len(words) >= MAX_WORDS:
            break
    return _strip_leading(words)


def _before_verb(text: str, sentences: Sequence[Span], start: int) -> str | None:
    # A clause is short: look back a bounded distance, so a giant "sentence" stays linear.
    sentence_start = max(_sentence_start(sentences, start), start - LOOKBACK)
    window = text[sentence_start:start]
    last_break = _LAST_BREAK.match(window)
    clause = window[last_break.end() :] if last_break else window
    words = [w.rstrip(".") for w in _WORD.findall(clause)]
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in FIGURE_VERBS:
            return _strip_leading(words[max(0, i - MAX_WORDS) : i])
    return None


def _strip_leading(words: list[str]) -> str | None:
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    while words and words[-1].lower() in STOP_WORDS:
        words = words[:-1]
    return " ".join(words) or None


def _sentence_start(sentences: Sequence[Span], pos: int) -> int:
    return sentences[sentence_index_of(sentences, pos)][0] if sentences else 0
