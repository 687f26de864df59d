"""Bylines, datelines, credits and page furniture: never claims (CLAIM-SCHEMA.md).

Each entry is one pattern of a house style; a figure, date or name inside such a zone is
dropped ("PUBLISHED: . 14:11 EST, 25 October 2013" is page furniture, not a claim).
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_HEAD_ZONES: tuple[re.Pattern[str], ...] = (
    # AP/Reuters dateline: "BEIJING (AP) —", "WASHINGTON, D.C. (Reuters) -"
    re.compile(r"^\s*[A-Z][A-Z .,'’-]{1,40}\((?:AP|Reuters|AFP|CNN|UPI|Bloomberg)\)\s*[—–-]+"),
    # CNN dateline: "(CNN) --", "Hong Kong (CNN) --"
    re.compile(r"^\s*(?:[A-Z][\w.,' ]{0,40})?\(CNN\)\s*--"),
    # Daily Mail header: "By . Name . PUBLISHED: . 14:11 EST, 25 October 2013 . | . UPDATED: ..."
    re.compile(
        r"^\s*(?:By \. [^.\n]{1,80} \. )?(?:(?:PUBLISHED|UPDATED|Last updated at):?[ .]"
        r"[^.\n]{0,60}?\d{4} \. (?:\| \. )?)+"
    ),
    re.compile(r"^\s*By \. [^.\n]{1,80} \. "),
)

# Zones anywhere in the text, each with words one of which it holds: a text holding none of them
# skips the scan (each tries every line of the text).
_LINE_ZONES: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    # Closing credits: "Kim reported from Seoul, South Korea.", "X contributed to this report."
    (("reported from ",), re.compile(r"(?m)^[^\n.]{1,120}\breported from [^\n]{1,80}$")),
    (
        ("contributed ",),
        re.compile(r"(?m)^[^\n]{1,200}\bcontributed (?:to )?(?:this )?report(?:ing)?\.?$"),
    ),
    # Closing byline: "Hyung-jin Kim And Ken Moritsugu, The Associated Press"
    (
        ("Associated Press", " AP", "Reuters", "AFP"),
        re.compile(
            r"(?m)^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)*"
            r"(?:,? [Aa]nd [A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+)*)?"
            r", (?:The )?(?:Associated Press|AP|Reuters|AFP)\s*$"
        ),
    ),
    (("__",), re.compile(r"(?m)^_{2,}\s*$")),
)


def boilerplate_spans(text: str) -> list[Span]:
    """Spans of the text that hold no claims."""
    spans: list[Span] = []
    head = text[:400]
    for pattern in _HEAD_ZONES:
        spans.extend(m.span() for m in pattern.finditer(head))
    for needles, pattern in _LINE_ZONES:
        if any(needle in text for needle in needles):
            spans.extend(m.span() for m in pattern.finditer(text))
    return sorted(spans)


def in_zones(start: int, end: int, zones: list[Span]) -> bool:
    """True when [start, end) overlaps any zone."""
    return any(z_start < end and start < z_end for z_start, z_end in zones)
