"""Speakers that house styles name without a speech verb: transcript labels, sign-offs after
a dash, and a name with a colon before the quote.

- Transcripts (Fox News, C-SPAN, the White House) open each turn with the speaker's label:
  `PENCE: And that's why...`, `MS. ROE: ...`, `Chris Matthews: ...`. The quote that holds
  the turn, or that opens in its paragraph, is the label's.
- Collections of readers' or experts' quotes sign each one after a dash: `"..." ― Jane Roe`,
  `"..." —Jane Roe (@janeroe)`.
- A quote introduced by a name and a colon: `Daron Shaw: "..."`, `HEADLINE - Carl Bialik: "..."`.

Each is one regex, tried only where its mark is (a colon at a paragraph's start, a dash right
after a quote), so the cost per quote is constant.
"""

from __future__ import annotations

import re

from claims.quotes import cuewords as cw
from claims.quotes import speechwords as sw
from claims.quotes.layout import Layout
from claims.quotes.marks import Quote

_SPACE = r"[^\S\n]"  # a space within the line, a no-break space too
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:de|van|von|al|bin|da|di|del|la|le)\b)"
# A label of one to four words, names or titles ("MS. ROE", "SEN. JOHN DOE", "Chris Matthews"),
# that opens its turn and ends in a colon.
_LABEL = re.compile(rf"[\"“]?[ \t]*({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}})[ \t]*:[ \t]")
# A sign-off right after a quote's closing mark: a dash, and a name to the paragraph's end or
# to a handle, a comma or a date.
# (The sign-off may stand in a paragraph of its own: '"..."\n\n- Bernie Sanders.'.)
_SIGNED = re.compile(
    rf"(?:{_SPACE}*\n){{0,2}}{_SPACE}*[―—–-]+{_SPACE}*({_NAME_WORD}(?:{_SPACE}+{_NAME_WORD}){{0,3}}?)"
    rf"{_SPACE}*(?:\(@|,|\.?{_SPACE}*$|{_SPACE}+(?:on|in){_SPACE})",
    re.MULTILINE,
)
# "- Carl Bialik: “", "conservative commentator Jane Roe imagined: “" is left to the verbs.
# (Inside the label, lower-case roles too: "- Burnley boss Steve Cotterill:".)
_ROLE_WORD = r"(?:" + "|".join(sorted(sw.ROLE_WORDS)) + r")\b"
_DASHED_LABEL = re.compile(
    rf"[―—–-][ \t]*({_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|{_ROLE_WORD})){{0,4}})[ \t]*:[ \t]*$"
)
# A name and a dash right before the quote, in a list of who said what ("the former
# presidential candidate Mitt Romney -- ''It is disqualifying''").
# (Before the mark that opens the quote, the first of a doubled one may stand: "-- ''It".)
_NAME_DASH = re.compile(rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,3}})[ \t]*(?:--|—)[ \t]*['‘]?$")
# Labels that are no speaker: sections, times and notes of a transcript or a live page.
_NOT_SPEAKERS = frozenset(
    """update updated note editor's editors correction source sources photo video watch read
    related breaking live transcript q a question answer excerpt excerpts text full""".split()
)


def _clean(label: str) -> str | None:
    """The speaker a label names: titles dropped, capitals of an all-caps label undone."""
    words = label.split()
    if words[0].lower() in cw.SPEECH_VERBS or words[0].lower() in cw.STRICT_SPEECH_VERBS:
        return None  # "Said Williams:" is an attribution, read as one
    if len(words[-1]) > 3 and words[-1].endswith("."):
        words[-1] = words[-1][:-1]  # the full stop that ends the sign-off: "― Jane Roe."
    if words[-1].lower().strip(".:") in _NOT_SPEAKERS or any(c.isdigit() for c in label):
        return None
    if label.isupper():
        words = [w.capitalize() if len(w) > 2 or w.endswith(".") else w for w in words]
    name, _ = sw.strip_titles(words)
    if not name or all(sw.is_role(w.strip(".")) or sw.is_nationality(w) for w in name):
        return None
    if sw.entity_kind(name, titled=True) not in ("person", "org") and len(name) > 1:
        return None
    return " ".join(name)


def transcript_label(layout: Layout, quote: Quote) -> tuple[int, str] | None:
    """The label of the turn a quote opens or stands in: `PENCE: ...`, `"WALLACE: ...`."""
    text = layout.text
    inside = _LABEL.match(text, quote.start)
    if inside is not None and inside.end() - quote.start < 48 and inside.end() < quote.end:
        name = _clean(inside.group(1))
        if name is not None:
            return quote.start, name
    para = layout.para_lo(quote.start)
    opening = _LABEL.match(text, para)
    if opening is None or opening.end() > quote.start:
        return None
    name = _clean(opening.group(1))
    return None if name is None else (para, name)


def signed(layout: Layout, quote: Quote) -> tuple[int, str] | None:
    """The name signed after a quote with a dash: `"..." ― Jane Roe`."""
    if not quote.closed:
        return None
    stop = layout.stop(quote)
    m = _SIGNED.match(layout.text, stop)
    if m is None:
        return None
    name = _clean(m.group(1))
    return None if name is None else (m.start(1), name)


def colon_label(layout: Layout, quote: Quote) -> tuple[int, str] | None:
    """A name and a colon right before a quote, after a dash: `POLL NEWS - Carl Bialik: "`."""
    opening = quote.start - 1
    lo = max(layout.para_lo(opening), opening - 60)
    m = _DASHED_LABEL.search(layout.text, lo, opening) or _NAME_DASH.search(
        layout.text, lo, opening
    )
    if m is None:
        return None
    name = _clean(m.group(1))
    return None if name is None else (m.start(1), name)


# After a quote that ends a clause with a comma, a question or an exclamation mark, a name and
# any verb attribute it in every house style ('"...," Vitter demanded', '"...?" she shot
# back'), and so does a verb and a name ('"...," beamed Donald Hartley of Madison').
_AUXILIARIES = "|".join(sorted(sw.AUXILIARIES | sw.PASSIVE))
_NAME_THEN_VERB = re.compile(
    rf"{_SPACE}*((?:{_NAME_WORD}{_SPACE}+){{0,3}}{_NAME_WORD}|he|she|they|it)"
    rf"{_SPACE}+(?:also{_SPACE}+)?(?!(?:{_AUXILIARIES})\b)[a-z]{{2,}}(?:ed|s)\b"
)
_VERB_THEN_NAME = re.compile(
    rf"{_SPACE}*[a-z]+ed{_SPACE}+((?:{_NAME_WORD}{_SPACE}+){{0,3}}{_NAME_WORD}?[\w’'-])"
    rf"(?=[,.]|{_SPACE}+(?:of|from|who|when|as)\b)"
)


def after_any_verb(layout: Layout, quote: Quote) -> tuple[int, str] | None:
    """The name, or pronoun (as written, to resolve), that a verb outside the speech tables
    attributes a quote to: '"...," Vitter demanded'."""
    text = layout.text
    if not quote.closed or text[quote.end - 1] not in ",?!":
        return None
    stop = layout.stop(quote)
    m = _NAME_THEN_VERB.match(text, stop) or _VERB_THEN_NAME.match(text, stop)
    if m is None:
        return None
    words = m.group(1).split()
    if words[0].lower() in sw.PRONOUNS:
        return m.start(1), words[0]
    if all(w.lower().rstrip(".") in sw.TIME_WORDS or w.lower() in sw.NOT_NAMES for w in words):
        return None
    name, kind = sw.speaker_name(words)
    return (m.start(1), name) if kind in ("person", "org", None) and name else None
