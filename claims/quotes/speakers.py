"""The speaker of each quote.

In order: the attribution right after it ("...," said X / X said), the last attribution or
framing verb ("what it called") before it in its sentence, an attribution later in its sentence;
then, for a quoted phrase, the subject of its sentence when that is a person; for a quote that
opens its sentence, the last speaker of this or the previous paragraph, or a person introduced
as a subject since. Each rule is a bisection into the attributions, so the cost per quote is
constant.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from claims.quotes import cuewords as cw
from claims.quotes import speechwords as sw
from claims.quotes.attributions import CLAUSE_END, Attr, named, subject
from claims.quotes.labels import after_any_verb, colon_label, signed, transcript_label
from claims.quotes.layout import WINDOW, Layout
from claims.quotes.marks import Quote
from claims.quotes.nounphrases import Phrase, bare, tokens
from claims.quotes.openings import leading_subject
from claims.quotes.pronouns import CARRY_DISTANCE, Resolver

_FRAMING = re.compile(r"\b(?:" + "|".join(sorted(cw.FRAMING_VERBS)) + r")\b")
# The attribution after a quote is at most this far, with no sentence end or quote in between.
_AFTER_REACH = 60
_BREAK = re.compile(r"[.!?\"“”‘’«»\n]|'(?!\w)|(?<!\w)'")

# An attribution that ends its sentence, perhaps after a time: "Warren said on Tuesday."
_ENDS_AT_VERB = re.compile(
    r"(?:[^\S\n]+(?:on[^\S\n]+)?(?:" + "|".join(sorted(sw.TIME_WORDS)) + r"))?\.(?:\s|$)",
    re.IGNORECASE,
)

# A name in the possessive before a noun of saying: "Trump's claim that", "Obama's remarks".
_POSSESSED_SAYING = re.compile(
    r"\b((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.-]*)['’]s?\s+(?:[a-z]+\s+)?(?:"
    + "|".join(sorted(cw.SAYING_NOUNS))
    + r")\b"
)

_POSSESSED_REACH = 40

Claim = tuple[int, str | None]  # where the speaker was named, and who


def quote_speakers(layout: Layout, resolver: Resolver, attrs: Sequence[Attr]) -> list[str | None]:
    """The speaker of each quote of `layout`, in order; see the module docstring for the rules."""
    return _Speakers(layout, resolver, attrs).run()


class _Speakers:
    def __init__(self, layout: Layout, resolver: Resolver, attrs: Sequence[Attr]) -> None:
        # The verb of a relative clause speaks inside another's sentence ("forced to defend
        # not paying an architect who said he was stiffed, saying, "..."): no quote's own.
        attrs = [a for a in attrs if not a.relative]
        self.layout, self.text, self.resolver, self.attrs = layout, layout.text, resolver, attrs
        self.starts = [a.start for a in attrs]
        self.ends = [a.end for a in attrs]

    def run(self) -> list[str | None]:
        attrs = self.attrs
        speakers: list[str | None] = []
        last: Claim | None = None
        k = 0
        for quote in self.layout.quotes:
            while k < len(attrs) and attrs[k].start < quote.start:
                last = (attrs[k].start, attrs[k].speaker) if attrs[k].speaker else last
                k += 1
            own = (
                transcript_label(self.layout, quote)
                or self._after(quote)
                or signed(self.layout, quote)
                or self._any_verb(quote)
                or colon_label(self.layout, quote)
                or self._before(quote)
                or self._colon_intro(quote)
                or self._later(quote)
            )
            opens = own is None and self.layout.opens_sentence(quote)
            if own is None and not opens:
                own = self._sentence_subject(quote)
            speaker = own[1] if own is not None else self._carried(quote, last) if opens else None
            last = (quote.start, speaker) if speaker else last
            speakers.append(speaker)
        return speakers

    def _after(self, quote: Quote) -> Claim | None:
        """The attribution after a quote that ends a clause, in the same sentence:
        '"...," said X', '"...," X said', '"...," chairman and chief executive X said'."""
        close = self.layout.stop(quote)
        if not quote.closed or not CLAUSE_END.match(self.text, quote.end - 1):
            return None
        i = bisect.bisect_left(self.starts, close)
        if i == len(self.attrs) or self.attrs[i].start - close > _AFTER_REACH:
            return None
        attr, between = self.attrs[i], self.text[close : self.attrs[i].start]
        if _BREAK.search(between):
            return None
        # '"...crazy." He said' starts a new sentence; '"...!" he said' does not.
        new_sentence = self.text[quote.end - 1] == "." and "," not in between
        # ... unless the verb ends the sentence: '"...crazy." Warren said.' says nothing of
        # its own, so it is the quote's.
        own_sentence = new_sentence and not attr.inverted and self.text[attr.start].isupper()
        if own_sentence and not _ENDS_AT_VERB.match(self.text, attr.end):
            return None
        return attr.start, attr.speaker

    def _any_verb(self, quote: Quote) -> Claim | None:
        found = after_any_verb(self.layout, quote)
        if found is None or found[1] not in sw.PRONOUNS:
            return found
        return found[0], self.resolver.resolve(found[1], found[0])

    def _before(self, quote: Quote) -> Claim | None:
        """The last attribution or framing verb before the quote in its sentence, or one that
        ends in a colon just before it ("He said:" closing the previous paragraph)."""
        opening = quote.start - 1
        floor = self.layout.sentence_floor(opening)
        i = bisect.bisect_right(self.ends, opening) - 1
        attr = self.attrs[i] if i >= 0 else None
        framing = self._framing(floor, opening)
        in_reach = attr is not None and (
            attr.start >= floor or self._colon_between(attr.end, opening)
        )
        if attr is not None and in_reach and (framing is None or framing[0] < attr.end):
            return attr.end, attr.speaker
        # Whose claim it is, when no one in the sentence says it: the outer speaker of
        # "Clinton said Trump's claim that "..." was false" is Clinton.
        return framing or (None if in_reach else self._possessor(floor, opening))

    def _possessor(self, floor: int, opening: int) -> Claim | None:
        """ "Trump's claim that there have been "...": whose claim, statement or remarks the
        quote gives."""
        last = None
        for m in _POSSESSED_SAYING.finditer(self.text, max(floor, opening - WINDOW), opening):
            last = m
        # Only right before the quote, in the same clause: "Clark's comments further "..."",
        # not "Sanders' comments Tuesday, telling reporters, "..."".
        between = self.text[last.end() : opening] if last is not None else ","
        if last is None or len(between) > _POSSESSED_REACH or "," in between:
            return None
        speaker, kind = sw.speaker_name(last.group(1).split())
        return (last.end(), speaker) if kind in ("person", "org", None) and speaker else None

    def _colon_between(self, end: int, opening: int) -> bool:
        return 0 <= opening - end <= 4 and self.text[end:opening].strip() == ":"

    def _framing(self, floor: int, opening: int) -> Claim | None:
        """'what it called "..."', 'described the plan as "..."': the subject of the verb."""
        last = None
        for m in _FRAMING.finditer(self.text, max(floor, opening - WINDOW), opening):
            last = m
        found = subject(self.layout, last.start()) if last is not None else None
        if last is None or found is None:
            return None
        return last.end(), self.resolver.resolved(named(found.start, last.end(), found))

    def _later(self, quote: Quote) -> Claim | None:
        """An attribution later in the sentence of a quoted phrase ('while "rain-saturated earth
        ... collapsed into a shaft" at another pit, killing three miners, Xinhua said')."""
        close = self.layout.stop(quote)
        if not quote.closed or self.text[quote.end - 1] in ".!?":
            return None
        i = bisect.bisect_left(self.starts, close)
        if i == len(self.attrs) or self.attrs[i].start >= self.layout.sentence_end(close):
            return None
        return self.attrs[i].start, self.attrs[i].speaker

    def _colon_intro(self, quote: Quote) -> Claim | None:
        """A quote after a clause that ends in a colon, whatever its verb ('Sanders made the
        following comment:', 'McCaskill scolded him: "'): the subject of that clause."""
        lo = max(0, quote.start - 8)
        before = self.text[lo : quote.start - 1].rstrip()
        if not before.endswith(":"):
            return None
        colon = lo + len(before) - 1
        return self._subject_of(self.layout.sentence_floor(colon - 1), colon)

    def _sentence_subject(self, quote: Quote) -> Claim | None:
        """A quoted phrase with no attribution: the subject of its sentence, when that is a
        name or a pronoun ('The chancellor also hailed ... "industrial history"')."""
        return self._subject_of(self.layout.sentence_floor(quote.start - 1), quote.start - 1)

    def _subject_of(self, lo: int, hi: int) -> Claim | None:
        """The subject that opens the clause [lo, hi), when it is a name, a pronoun, a
        description resolved to a name, or a surname the article gave a person earlier."""
        phrase = leading_subject(tokens(self.text, lo, min(hi, lo + WINDOW)))
        if phrase is None or (len(phrase.words) == 1 and phrase.words[0].endswith("ly")):
            # "Suddenly, with the help of the website, ...": an adverb, not a subject
            return None
        if sw.is_possessive(phrase.words[-1]):  # "Mr Brown's insistence he was not "gloating""
            words = (*phrase.words[:-1], bare(phrase.words[-1]))
            phrase = Phrase(phrase.start, phrase.end, words)
        attr = named(phrase.start, phrase.end, phrase)
        speaker = self.resolver.resolved(attr)
        # A bare capitalized word is often no speaker at all ("Two of Britain's unions").
        resolved_role = attr.kind == "role" and speaker != attr.speaker
        known = (
            attr.pronoun
            or attr.kind in ("person", "org")
            or resolved_role
            or speaker in self.resolver.sources
            or self.resolver.known_person(speaker)
        )
        return (phrase.start, speaker) if known and speaker else None

    def _carried(self, quote: Quote, last: Claim | None) -> str | None:
        """A quote that opens its sentence with no attribution continues the last speaker of
        this or the previous paragraph."""
        if last is None:
            return None
        pos, speaker = last
        if quote.start - pos > CARRY_DISTANCE or self.layout.para_index(pos) < quote.para - 1:
            return None
        # A person introduced since then is the likelier speaker ("Double try scorer Martyn
        # Williams was keen not to talk about it. "We've got more self-belief...").
        newer = self.resolver.last_subject(quote.start, None, pos)
        return newer[1] if newer is not None else speaker
