"""HTML for highlighted text: article and passage text escaped, claim spans wrapped in <mark>.

Article and source text is untrusted: every piece of it goes through `escape` before any tag is
added around it, so `<script>` in an article is shown as the text "<script>". The result is one
line of HTML in a <div>, with no blank line, so Markdown reads it as a single raw HTML block and
never interprets the article's own `*`, `#` or `$` as formatting.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# One colour a status, used for the article highlights, the legend and the tables alike.
STATUS_COLORS: Mapping[str, str] = {
    "unreviewed": "#e5e7eb",
    "in_progress": "#bfdbfe",
    "verified": "#bbf7d0",
    "false": "#fecaca",
    "misleading": "#fed7aa",
    "unverifiable": "#e9d5ff",
    "not_a_claim": "#d6d3d1",  # darker than unreviewed: set aside, not untouched
}
STATUS_LABELS: Mapping[str, str] = {
    "unreviewed": "Unreviewed",
    "in_progress": "In progress",
    "verified": "Verified",
    "false": "False",
    "misleading": "Misleading",
    "unverifiable": "Unverifiable",
    "not_a_claim": "Not a claim",
}
# Streamlit's badge colours, by what a passage says of the claim's value.
AGREEMENT_COLORS: Mapping[str, str] = {
    "agrees": "green",
    "verbatim": "green",
    # True of the source's figure but not that figure ("at least 12" against 20): not green.
    "consistent": "blue",
    "conflicts": "red",
    "altered": "orange",
    "misattributed": "orange",
    "absent": "gray",
    "unchecked": "gray",
}
AGREEMENT_HELP: Mapping[str, str] = {
    "agrees": "the source states the same value",
    "consistent": "the source's figure is within the claim's bound, not the same figure",
    "verbatim": "the source has the quote word for word",
    "conflicts": "the source states a different value",
    "altered": "the source has the quote with different words",
    "misattributed": "the source gives the quote to someone else",
    "absent": "the source has no comparable figure",
    "unchecked": "no value to compare",
}
_MISSING_COLOR = "#fde68a"
# Markdown and Streamlit's own syntax ($ maths, :colour[...] directives, :emoji:), backslashed.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-!|~$:])")
_MARK_STYLE = "background:{color};padding:0 2px;border-radius:3px"
_MARK_PASSAGE = "#fde047"
_STOP_WORDS = frozenset("the and for was were with that this from has have are its not but".split())
_OUTLINE = ";outline:2px solid #1f2937"


@dataclass(frozen=True)
class Span:
    """A stretch of text to highlight, with its colour and a tooltip."""

    start: int
    end: int
    color: str
    title: str = ""
    outlined: bool = False


def escape(text: str) -> str:
    """Text as inert HTML: tags become text, line breaks become <br>, `$` cannot start maths."""
    escaped = html.escape(text, quote=True).replace("$", "&#36;")
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "<br>")


def md(text: object) -> str:
    """Untrusted text for a Markdown string: shown as written, never as formatting or links."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def mark(text: str, color: str, title: str = "", *, outlined: bool = False) -> str:
    """Escaped text in a coloured <mark>, with an escaped tooltip; outlined when it is open."""
    tip = f' title="{html.escape(title, quote=True)}"' if title else ""
    style = _MARK_STYLE.format(color=color) + (_OUTLINE if outlined else "")
    return f'<mark style="{style}"{tip}>{escape(text)}</mark>'


def highlight(text: str, spans: Iterable[Span]) -> str:
    """The text escaped, each span marked; where spans overlap the shortest one shows.

    Nested claims are common (a percentage inside a quote inside an attribution), so the text is
    cut at every span boundary and each piece takes the innermost span covering it. One sweep
    over the cuts keeps only the spans open at that point: a thousand claims stay fast.
    """
    valid = sorted((s for s in spans if 0 <= s.start < s.end <= len(text)), key=_span_order)
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    pieces: list[str] = []
    active: list[Span] = []
    upcoming = 0
    for start, end in itertools.pairwise(cuts):
        while upcoming < len(valid) and valid[upcoming].start <= start:
            active.append(valid[upcoming])
            upcoming += 1
        active = [s for s in active if s.end > start]
        piece = text[start:end]
        if active:
            inner = min(active, key=lambda s: s.end - s.start)
            pieces.append(mark(piece, inner.color, inner.title, outlined=inner.outlined))
        else:
            pieces.append(escape(piece))
    return _block("".join(pieces))


def _span_order(span: Span) -> tuple[int, int]:
    return (span.start, span.end)


def highlight_passage(text: str, start: int | None, end: int | None) -> str:
    """A passage escaped, with the words that matched the claim marked."""
    if start is None or end is None or not 0 <= start < end <= len(text):
        return _block(escape(text))
    return highlight(text, [Span(start, end, _MARK_PASSAGE, "matching words")])


def highlight_words(text: str, query: str) -> str:
    """A passage escaped, with the words of a search marked (any word that starts like one of
    them, since the index matches stems: "exports" finds "export")."""
    found = {w.casefold() for w in re.findall(r"\w{3,}", query)} - _STOP_WORDS
    words = sorted(found, key=len, reverse=True)
    if not words:
        return _block(escape(text))
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(w[:6]) for w in words) + r")\w*", re.I)
    spans = [Span(m.start(), m.end(), _MARK_PASSAGE) for m in pattern.finditer(text)]
    return highlight(text, spans)


def claim_spans(
    starts: Sequence[int], ends: Sequence[int], statuses: Sequence[str], titles: Sequence[str]
) -> list[Span]:
    """One span a claim, coloured by its review status."""
    return [
        Span(int(s), int(e), STATUS_COLORS.get(status, _MISSING_COLOR), title)
        for s, e, status, title in zip(starts, ends, statuses, titles, strict=True)
    ]


def legend() -> str:
    """The status colours as a row of marked labels."""
    items = " ".join(mark(STATUS_LABELS[s], c) for s, c in STATUS_COLORS.items())
    return _block(items)


def when(stamp: object) -> str:
    """A stored UTC time stamp (2025-09-02T09:03:00Z) as a reader writes it: 2 Sep 2025, 09:03
    UTC. Anything else is returned as it is."""
    text = str(stamp or "")
    if len(text) != 20 or text[10] != "T" or not text.endswith("Z"):
        return text
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    year, month, day = text[:4], int(text[5:7]), int(text[8:10])
    return f"{day} {months[month - 1]} {year}, {text[11:16]} UTC"


def status_label(status: str) -> str:
    """A status as people read it: "in_progress" -> "In progress"."""
    return STATUS_LABELS.get(status, status)


def status_badge(status: str) -> str:
    """A status as a small coloured label, for headings and captions."""
    return mark(STATUS_LABELS.get(status, status), STATUS_COLORS.get(status, _MISSING_COLOR))


def agreement_badge(agreement: str | None) -> str:
    """Streamlit's badge directive for an agreement (a Markdown string, not HTML)."""
    name = agreement or "unchecked"
    color = AGREEMENT_COLORS.get(name, "gray")
    return f":{color}-badge[{name}]"


def _block(inner: str) -> str:
    # One line, no blank line: Markdown keeps it as a single raw HTML block.
    return f'<div style="line-height:1.8">{inner}</div>'
