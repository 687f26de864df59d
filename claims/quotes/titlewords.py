"""The words that tell a quoted title of a work from a quotation, and an elision from a quote
mark: read by `claims.quotes.marks`.
"""

from __future__ import annotations

# A quoted Title-Case phrase right after one of these is the name of a work, not a quotation.
WORK_NOUNS = frozenset(
    """single singles song songs album albums film films movie movies book books novel novels
    show shows series play plays track tracks title titles hit hits musical opera poem
    documentary sitcom drama programme program game ep lp record anthem ballad comedy thriller
    episode column exhibition painting broadcast installment edition commentary essay segment
    podcast newsletter op-ed editorial""".split()
)
WORK_NAMING = frozenset("called titled entitled named".split())
# Small words a Title-Case title may leave in lowercase ("Lord of the Rings").
TITLE_SMALL_WORDS = frozenset("a an the of in on at to for and or but with from by is".split())
# An apostrophe before these is an elision, not an opening quote ("'em", "’90s").
ELISIONS = frozenset("em til n cause bout tis twas nuff".split())
