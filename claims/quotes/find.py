"""Direct quotes, who said them, and attribution clauses ("the official Xinhua News Agency said").

The work is done in passes over one article, each in its own module, each linear in the text:

- `claims.quotes.marks` pairs the quote marks into quotes (and leaves out quoted titles of works);
  `claims.quotes.layout` indexes them with the sentences and paragraphs.
- `claims.quotes.attributions` finds the attribution clauses from one regex over the speech verbs,
  reading each subject over a bounded window of tokens (`claims.quotes.nounphrases`).
- `claims.quotes.pronouns` resolves "he", "it" and "the 23-year-old" against the speakers and the
  names in the text (`claims.quotes.entities`), looking back a bounded distance.
- `claims.quotes.speakers` gives each quote its speaker: the attribution beside it, the
  subject of its sentence, or the speaker it continues.

Every finding is a `Found` of priority 5; a quote and an attribution never compete with the
figures inside them.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence

from claims.found import Found
from claims.quotes.attributions import find_attributions
from claims.quotes.layout import Layout
from claims.quotes.pronouns import Resolver
from claims.quotes.speakers import quote_speakers

PRIORITY = 5
_SPAN = operator.attrgetter("start", "end")


def find_quotes(
    text: str, sentences: Sequence[tuple[int, int]], paragraphs: Sequence[tuple[int, int]]
) -> list[Found]:
    """Quotes (span inside the marks) and attribution clauses, each with its speaker.

    `sentences` and `paragraphs` are the spans of `claims.reading.sentences`. Quotes of unknown
    speaker are kept (speaker None); attributions whose source cannot be named are dropped.
    """
    layout = Layout(text, sentences, paragraphs)
    attrs = find_attributions(layout)
    resolver = Resolver(layout, attrs)
    resolver.resolve_all(attrs)
    speakers = quote_speakers(layout, resolver, attrs)
    found = [
        Found(q.start, q.end, "quote", s, speaker=s, priority=PRIORITY)
        for q, s in zip(layout.quotes, speakers, strict=True)
    ]
    found += [
        Found(a.start, a.end, "attribution", a.speaker, speaker=a.speaker, priority=PRIORITY)
        for a in attrs
        if a.speaker
    ]
    return sorted(found, key=_SPAN)
