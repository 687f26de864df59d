"""Quotes: direct quotes, who said them, and attribution clauses.

`find` is the entry point. `marks` pairs quote marks into quotes, `layout` places them among the
sentences and paragraphs, `attributions` finds the clauses of reported speech (their subjects
read by `nounphrases`), `entities` collects the people and bodies an article names, `pronouns`
resolves "he" and "the 23-year-old" against them, and `speakers` gives each quote its speaker.
`speechwords` holds the vocabulary of reported speech and of speakers' names.
"""

from __future__ import annotations

from claims.quotes.attributions import find_attributions
from claims.quotes.find import find_quotes
from claims.quotes.layout import Layout

__all__ = ["Layout", "find_attributions", "find_quotes"]
