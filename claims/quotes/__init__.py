"""Quotes: direct quotes, who said them, and attribution clauses.

`find` is the entry point. `marks` pairs quote marks into quotes (leaving out titles of works,
by the words of `titlewords`), `layout` places them among the sentences and paragraphs,
`attributions` finds the clauses of reported speech (their subjects read by `nounphrases` and
`openings`), `entities` collects the people and bodies an article names, `pronouns` resolves
"he" and "the 23-year-old" against them, `labels` reads the speakers house styles name without
a verb (transcript labels, sign-offs after a dash), and `speakers` gives each quote its
speaker. `cuewords` holds the verbs and participles of reported speech, `speechwords` the
vocabulary of speakers' names. `scores` scores quote and attribution rows against
attribution-annotated news, for the tests and benchmarks.
"""

from __future__ import annotations

from claims.quotes.attributions import find_attributions
from claims.quotes.find import find_quotes
from claims.quotes.layout import Layout

__all__ = ["Layout", "find_attributions", "find_quotes"]
