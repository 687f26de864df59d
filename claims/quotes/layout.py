"""Where an article's sentences, paragraphs and quotes lie, and the bounds a clause keeps to.

Every reader of attributions and names asks the same questions of a position: which sentence,
paragraph and quote hold it, and how far back a clause may begin. The spans are sorted, so each
answer is a bisection over starts computed once per article, never a scan.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from claims.quotes.marks import Quote, is_markup, is_work_title, pair_quotes

Span = tuple[int, int]
# Characters a clause may reach back or forward from its verb; the cost per verb is constant.
WINDOW = 120


class Layout:
    """The sentences, paragraphs and quotes (titles of works left out) of one article."""

    def __init__(self, text: str, sentences: Sequence[Span], paragraphs: Sequence[Span]) -> None:
        self.text = text
        self.sentences = list(sentences) or [(0, len(text))]
        self.sentence_starts = [s for s, _ in self.sentences]
        self.paragraphs = list(paragraphs) or [(0, len(text))]
        self.paragraph_starts = [s for s, _ in self.paragraphs]
        quotes = pair_quotes(text, self.paragraphs, self.sentences)
        self.quotes = [
            q
            for q in quotes
            if not is_work_title(text, q, self.para_lo(q.start)) and not is_markup(text, q)
        ]
        self.quote_starts = [q.start for q in self.quotes]
        self.quote_ends = [q.end for q in self.quotes]
        # Where each quote stops holding positions: after its closing mark, if it has one
        # (both marks of a doubled one: the New York Times writes a double quote as '').
        self.quote_stops = [self._stop(q) for q in self.quotes]
        # The later of the last sentence start and the last paragraph start before a position
        # is the last of these before it: one bisection instead of two.
        self._floors = sorted({*self.sentence_starts, *self.paragraph_starts})
        self._headlines: set[int] | None = None

    def _stop(self, quote: Quote) -> int:
        if not quote.closed:
            return quote.end
        doubled = self.text.startswith("''", quote.end) or self.text.startswith("’’", quote.end)
        return quote.end + 1 + doubled

    def stop(self, quote: Quote) -> int:
        """Where the text after a quote begins: past its closing mark or marks."""
        return self._stop(quote)

    def headline(self, index: int) -> bool:
        """Whether paragraph `index` is a headline: Title Case, where every word is capitalized
        and none is a name by that ("Stealth Over Health: Clinton Was Headed to ER"), or the
        first paragraph when it is short and ends without a full stop ("Game warnings 'must
        be clearer'")."""
        if self._headlines is None:
            self._headlines = {
                i for i, (lo, hi) in enumerate(self.paragraphs) if _title_cased(self.text[lo:hi])
            }
            lo, hi = self.paragraphs[0]
            first = self.text[lo:hi].rstrip()
            if first and len(first.split()) <= 15 and first[-1] not in ".!?:\"”’'":
                self._headlines.add(0)
        return index in self._headlines

    def para_lo(self, pos: int) -> int:
        i = bisect.bisect_right(self.paragraph_starts, pos) - 1
        return self.paragraph_starts[i] if i > 0 else self.paragraph_starts[0]

    def para_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self.paragraph_starts, pos) - 1, 0)

    def quote_at(self, pos: int) -> Quote | None:
        """The quote whose content holds `pos`, or else the last one before it."""
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        return self.quotes[i] if i >= 0 else None

    def outside_quotes(self) -> list[Span]:
        """The spans of text between the quotes (a closing mark belongs to its quote)."""
        spans: list[Span] = []
        lo = 0
        for start, stop in zip(self.quote_starts, self.quote_stops, strict=True):
            spans.append((lo, start))
            lo = stop
        spans.append((lo, len(self.text)))
        return spans

    def inside_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        return i >= 0 and pos < self.quote_stops[i]

    def floor(self, pos: int) -> int:
        """Where a clause ending at `pos` may begin: its sentence, paragraph, the last quote."""
        floor = self.sentence_floor(pos)
        if pos - WINDOW > floor:
            floor = pos - WINDOW
        i = bisect.bisect_right(self.quote_starts, pos - 1) - 1
        return self.quote_ends[i] if i >= 0 and self.quote_ends[i] > floor else floor

    def ceiling(self, pos: int) -> int:
        """Where a phrase read forward from `pos` must end: its paragraph, the next quote."""
        para_hi = self.paragraphs[self.para_index(pos)][1]
        i = bisect.bisect_left(self.quote_starts, pos)
        next_quote = self.quote_starts[i] - 1 if i < len(self.quote_starts) else len(self.text)
        return min(para_hi, next_quote, pos + WINDOW)

    def sentence_floor(self, pos: int) -> int:
        """The start of the sentence at `pos`, never before its paragraph."""
        floors = self._floors
        if pos < self.paragraph_starts[0]:
            return self.paragraph_starts[0]
        return floors[bisect.bisect_right(floors, pos) - 1]

    def sentence_end(self, pos: int) -> int:
        j = bisect.bisect_right(self.sentence_starts, pos) - 1
        return self.sentences[j][1] if j >= 0 else pos

    def clause_floor(self, pos: int) -> int:
        """The start of the sentence at `pos`, or later: after a quote that ends a sentence
        ('...portability." Cory Doctorow, ...'), which the segmenter may not split at."""
        floor = self.sentence_floor(pos)
        quote = self.quote_at(pos - 1)
        ended = quote is not None and quote.closed and self.text[quote.end - 1] in ".!?"
        return max(floor, self.stop(quote)) if ended and quote is not None else floor

    def after_quote(self, pos: int) -> bool:
        """Whether a closing quote mark (and a comma) is all that comes before `pos`."""
        quote = self.quote_at(pos - 1)
        if quote is None or not quote.closed or pos - quote.end > 4:
            return False
        return not self.text[self.stop(quote) : pos].strip(" ,\n")

    def opens_sentence(self, quote: Quote) -> bool:
        """Whether nothing but a dash or a parenthesis comes before the quote in its sentence."""
        opening = quote.start - 1
        return not self.text[self.sentence_floor(opening) : opening].strip(" -—–(")


_WORD = re.compile(r"[^\W\d_][\w’'-]*")
# Small words a headline leaves in lower case.
_HEADLINE_SMALL = frozenset("a an the of in on at to for and or but with from by as is vs".split())


def _title_cased(paragraph: str) -> bool:
    """Four words or more, at most 30, all but the small ones capitalized."""
    words = _WORD.findall(paragraph[:300])
    if not 4 <= len(words) <= 30:
        return False
    significant = [w for w in words if w.lower() not in _HEADLINE_SMALL]
    return bool(significant) and all(w[0].isupper() for w in significant)
