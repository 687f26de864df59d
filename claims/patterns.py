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


def word_alternation(words: Iterable[str]) -> str:
    """A regex (no capture groups) matching exactly the given words, longest first."""
    trie: dict[str, Any] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[_END] = True
    return _render(trie) or "(?!)"


def _render(node: dict[str, Any]) -> str:
    branches = [re.escape(char) + _render(child) for char, child in sorted(node.items()) if char]
    optional = _END in node
    if not branches:
        return ""
    # Longer branches come first by construction (a word's continuation is tried before the
    # word ends), so "per cent" wins over "per".
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if optional:
        return f"(?:{body})?"
    return body
