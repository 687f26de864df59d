"""Attribution clauses: "the official Xinhua News Agency said", '"...," said X', "according to
figures from the ONS", "It cited Assistant Foreign Minister Hong Lei as saying".

Attributions come from one scan for the speech verbs outside quotes (`claims.reading.wordstarts`);
the subject is read backward over a bounded window of tokens (never past the sentence, a quote, or
punctuation), so the cost per verb is constant. Verbs that are also ordinary verbs or nouns ("added
3%", "amid claims") count only by what follows them. Subjects are normalized to names by
`speechwords.speaker_name`; a pronoun is kept as such, for `claims.quotes.pronouns` to resolve.

The subject of a verb depends on the words of its clause alone, and the same clauses come back
('", he ', "The company "): four clauses in ten of the BBC development set were seen before, so
a clause's reading is kept (`lru_cache`), as is the reading of a source's words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from claims.quotes import cuewords as cw
from claims.quotes import speechwords as sw
from claims.quotes.layout import Layout
from claims.quotes.nounphrases import (
    Phrase,
    ends_sentence,
    iter_tokens,
    phrase_forward,
    pronoun,
    subject_in,
    tokens,
)
from claims.quotes.openings import leading_subject
from claims.reading.patterns import word_alternation
from claims.reading.wordstarts import WholeWords

_NEAR = 48  # characters before a verb where its subject usually starts


_VERBS = (
    cw.SPEECH_VERBS
    | cw.STRICT_SPEECH_VERBS
    | cw.CITING_VERBS
    | cw.NAMED_SUBJECT_VERBS
    | cw.PARTICIPLES
)
# "Said Williams:" opens a sentence with the verb, in sports pages above all.
_OPENING_VERBS = {"Said", "Says", "Added", "Asked"}
# Verbs that always report speech, as "said" does: most of those found, and the quickest read.
_PLAIN_VERBS = cw.SPEECH_VERBS - cw.STRICT_SPEECH_VERBS - cw.CITING_VERBS
# What comes before a participle that reports speech: a comma, or a message ("a statement").
_BEFORE_PARTICIPLE = re.compile(
    r"(?:[,—–]|\s-|\b(?:by|after|before|while|when|"
    + "|".join(sorted(cw.MESSAGE_NOUNS))
    + r"))\s*$",
    re.IGNORECASE,
)
# A verb whose subject is not right before it: a second verb of the subject ("The judge
# rubbed his chin, and then said"), or the verb of a relative clause ("Mr. Kamin, who
# emphasized that").
_SECOND_VERB = re.compile(
    r"(?:\b(?P<conj>and|but)|(?P<comma>,?)\s*\bwho)(?:\s+(?:then|also|later|has|had|have|did|does"
    r"|will|would|is|was|now|recently|previously|repeatedly|even|again))*\s+$"
)
_VERBS_FOUND = WholeWords(
    r"(?:[Aa]ccording\s+to|" + word_alternation(_VERBS | _OPENING_VERBS) + r")\b"
)
# A participle after a form of "be" or "keep" is the verb of its clause: "is saying".
_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|been|keeps|kept)\s+$")
_DETERMINER_NEXT = re.compile(r"\s+(?:" + "|".join(sorted(sw.DETERMINERS)) + r")\b")
_SENTENCE_ENDS = re.compile(r"[^\S\n]*(?:[.!?]|$|\n)")
_FROM_NEXT = re.compile(r"\s+from\b")
_RELATIVE = re.compile(r"\bwho\b")
# "Obama Says African-American Museum Will Tell...": in a headline's Title Case, "Says" after
# a word is the verb of the name before it, not the opening of an inverted clause.
_HEADLINE_VERB = re.compile(r"\w[^\S\n]$")
_TOLD = frozenset(("told", "tells"))
_AS_SAYING = re.compile(r"\bas\s+say(?:ing|s)\b")
_BY = re.compile(r"\s+by\s+(?=[A-Z]|the\s+[A-Z])")
_THAT_CONTENT = re.compile(r"\s*(?:that\b|:|\s[\"“‘'])")
_REPORTED_CONTENT = re.compile(
    r"(?:\s+(?:on|last|this|in|earlier|late)\s+[\w.]+)?"
    r"\s*(?:that\b|[,:;.!?\"“”'‘’—–-]|$|(?:he|she|it|they|we|I|there|this)\b)"
    r"|(?:\s+[\w.'’-]+){1,4}:\s*[\"“‘']"  # 'asked Mr Sullivan: "...'
)
# A quote ends a clause when its last character, or the one after its closing mark, is one of
# these; only then can the attribution after it be its own.
CLAUSE_END = re.compile(r"[,.!?…:;—–-]|.[\"”’'»][,.;:—–-]", re.DOTALL)


@dataclass(slots=True)
class Attr:
    start: int
    end: int
    speaker: str | None
    kind: str | None = None
    pronoun: str | None = None
    inverted: bool = False
    gender: str | None = None  # "he" or "she" when the words say so
    relative: bool = False  # the verb of a relative clause ("an architect who said")


def find_attributions(layout: Layout) -> list[Attr]:
    """The attribution clauses outside quotes, in text order, none overlapping the one before."""
    found: list[Attr] = []
    for start, verb in _VERBS_FOUND.find(layout.text, layout.outside_quotes()):
        if verb in cw.PARTICIPLES:
            attr = _participle(layout, verb, start, found)
        else:
            attr = _attribution(layout, verb, start, start + len(verb))
        if attr is not None and (not found or attr.start >= found[-1].end):
            found.append(attr)
    return found


def subject(layout: Layout, verb_start: int, *, passive: bool = False) -> Phrase | None:
    """The subject before a verb, or None (also for negations, and passives unless asked:
    "Mr Blair was quoted as saying")."""
    floor = layout.floor(verb_start)
    found = _clause_subject(layout.text[floor:verb_start], passive)
    return None if found is None else Phrase(floor + found[0], floor + found[1], found[2])


@lru_cache(maxsize=16384)
def _clause_subject(clause: str, passive: bool) -> tuple[int, int, tuple[str, ...]] | None:
    """The subject at the end of `clause`, as offsets into it and words."""
    # Most subjects sit within a few words: read the tokens of a short window first, the
    # whole clause only when the short one ran out before the phrase ended. The window starts
    # after a space, which no token spans, so its tokens are a tail of the clause's.
    near = clause.find(" ", max(0, len(clause) - _NEAR)) + 1
    phrase, exhausted = (
        subject_in(tokens(clause, near, len(clause)), passive) if near else (None, True)
    )
    if exhausted:
        phrase = subject_in(tokens(clause, 0, len(clause)), passive)[0]
    return None if phrase is None else (phrase.start, phrase.end, phrase.words)


def named(start: int, end: int, phrase: Phrase) -> Attr:
    """The attribution [start, end) whose source is `phrase`: a pronoun, or a speaker's name."""
    first, speaker, kind, gender = _source(phrase.words)
    if first:
        return Attr(start, end, None, pronoun=first)
    return Attr(start, end, speaker, kind, gender=gender)


@lru_cache(maxsize=16384)
def _source(words: tuple[str, ...]) -> tuple[str, str | None, str | None, str | None]:
    """The pronoun a source is (or ""), else its speaker's name, kind and gender."""
    first = pronoun(words[0])
    if len(words) == 1 and (first in sw.PRONOUNS or first in sw.OBJECT_PRONOUNS):
        return first, None, None, None
    if all(w.lower().rstrip(".") in sw.TIME_WORDS for w in words):
        return "", None, None, None  # "said Tuesday", "this week said": a time, not a source
    speaker, kind = sw.speaker_name(words)
    return "", speaker, kind, sw.pronoun_for(words)


def _attribution(layout: Layout, verb: str, start: int, end: int) -> Attr | None:
    if verb not in _PLAIN_VERBS:
        if verb[0] in "Aa" and verb.lower().startswith("according"):
            return _according(layout, start, end)
        if verb in _OPENING_VERBS and not _HEADLINE_VERB.search(
            layout.text, max(0, start - 2), start
        ):
            return _inverted(layout, start, end)
        if verb in cw.CITING_VERBS:
            return _citing(layout, start, end)
    agent = _by_agent(layout, end) if _BY.match(layout.text, end) else None
    if agent is not None:  # "announced by the Office for National Statistics"
        return named(start, agent.end, agent)
    trailing = None if verb in _TOLD else _trailing_inverted(layout, start, end)
    if trailing is not None:  # "..., noted NBC's Dante Chinni."
        return trailing
    found = subject(layout, start)
    if verb not in _PLAIN_VERBS and not _reports_speech(layout, verb, start, end, found):
        return None
    relative = False
    if found is None:
        found = _distant_subject(layout, start)
        relative = found is not None and bool(_RELATIVE.search(layout.text, found.end, start))
    if found is None:
        # What follows "told" is whom it was told to, never who spoke ("..., told The Post").
        return None if verb in _TOLD else _inverted(layout, start, end)
    if verb in cw.NAMED_SUBJECT_VERBS and not sw.is_capitalized(found.words[-1]):
        return None
    finish = _told_object(layout, end) if verb.startswith("told") else end
    attr = named(found.start, finish, found)
    attr.relative = relative
    return attr


def _participle(layout: Layout, verb: str, start: int, before: list[Attr]) -> Attr | None:
    """ "..., adding that", "issued a statement saying": the participle is a cue of its own,
    whose source is that of the attribution before it in the sentence, else the subject that
    opens the sentence ("Trump, speaking in Ohio, ..., saying")."""
    text, end = layout.text, start + len(verb)
    progressive = _PROGRESSIVE.search(text, max(0, start - 24), start)
    if progressive is not None:  # "The White House is saying that": a verb of its own
        own = subject(layout, progressive.start())
        return None if own is None else named(own.start, end, own)
    if not _BEFORE_PARTICIPLE.search(text, max(0, start - 24), start):
        return None
    if verb not in cw.PLAIN_PARTICIPLES and not _REPORTED_CONTENT.match(text, end):
        return None
    floor = layout.sentence_floor(start)
    if before and before[-1].start >= floor and not before[-1].relative:
        last = before[-1]
        return Attr(start, end, last.speaker, last.kind, last.pronoun, gender=last.gender)
    phrase = leading_subject(tokens(text, floor, min(start, floor + 2 * _NEAR)))
    if phrase is None:
        return None
    attr = named(start, end, phrase)
    return attr if attr.pronoun or attr.kind in ("person", "org", "either") else None


def _distant_subject(layout: Layout, start: int) -> Phrase | None:
    """The subject of a second verb or of a relative clause (`_SECOND_VERB`): the name before
    ", who", or the subject that opens the sentence of "and said"."""
    m = _SECOND_VERB.search(layout.text, max(0, start - 60), start)
    if m is None:
        return None
    if m.group("conj") is None:  # "Mr. Kamin, who emphasized", "an architect who said"
        return subject(layout, m.start())
    floor = layout.floor(start)  # never before a quote: the clause would run over it
    if floor != layout.sentence_floor(start):
        return None
    phrase = leading_subject(tokens(layout.text, floor, min(m.start(), floor + 2 * _NEAR)))
    return phrase if phrase is not None and phrase.end <= m.start() else None


def _reporter(verb: str, words: tuple[str, ...]) -> bool:
    """Whether a subject is one that reports, whatever follows its verb: a person or body by
    name, a pronoun, or a document ("Clinton noted the clot's existence", "The poll showed
    Clinton doing better", "Video of the incident shows him"). A verb that is a plural noun
    as often ("his TV shows") asks for a pronoun, a person or a document."""
    # The head of "video of the incident" comes before "of".
    heads = {w.lower() for w in words[-1:]} | {
        words[k - 1].lower() for k in range(1, len(words)) if words[k] in ("of", "from")
    }
    if heads & (sw.DOCUMENT_NOUNS | cw.EVIDENCE_NOUNS):
        return True
    first, _, kind, _ = _source(words)
    if first or kind == "person":
        return True
    if verb in cw.NOUN_LIKE_VERBS:
        return False
    # An organisation, or a lone capitalized word ("Clinton noted"), not a time or a number.
    lone = len(words) == 1 and sw.is_capitalized(words[0]) and kind is None
    return kind == "org" or (lone and words[0].lower() not in sw.NOT_NAMES)


def _reports_speech(layout: Layout, verb: str, start: int, end: int, found: Phrase | None) -> bool:
    """Whether a verb that is also an ordinary verb or a noun reports speech here: by what
    follows it, by a closing quote before it ('"...," added the British producer'), or by a
    subject that reports."""
    if found is not None and verb in cw.REPORT_VERBS and _reporter(verb, found.words):
        if _FROM_NEXT.match(layout.text, end):
            return False  # a byline: "Kim reported from Seoul"
        return verb not in cw.WRITING_VERBS or not _DETERMINER_NEXT.match(layout.text, end)
    if verb in cw.STRICT_SPEECH_VERBS and not _REPORTED_CONTENT.match(layout.text, end):
        return layout.after_quote(start)
    if verb in cw.THAT_VERBS and not _THAT_CONTENT.match(layout.text, end):
        return layout.after_quote(start)
    return True


def _forward(layout: Layout, pos: int) -> Phrase | None:
    """The noun phrase read forward from `pos`, within its paragraph and before any quote."""
    return phrase_forward(iter_tokens(layout.text, pos, layout.ceiling(pos)))


def _inverted(layout: Layout, start: int, end: int) -> Attr | None:
    """'"...," said X' after a quote; ', said Andrea Hayward-Maher' after a comma when what
    follows is a name or a role, not a clause ("said the results were")."""
    text = layout.text
    after_quote = layout.after_quote(start) or text[start].isupper()
    if not after_quote and not text[max(start - 3, 0) : start].rstrip().endswith(","):
        return None
    phrase = _forward(layout, end)
    if phrase is None or pronoun(phrase.words[0]) in sw.PRONOUNS:
        return None
    attr = named(start, phrase.end, phrase)
    ends_clause = CLAUSE_END.match(text, phrase.end) or phrase.end >= len(text)
    if not after_quote and attr.kind == "group" and not ends_clause:
        return None  # ", said the results were"
    attr.inverted = True
    return attr


def _trailing_inverted(layout: Layout, start: int, end: int) -> Attr | None:
    """A verb after a comma and before a name that ends the sentence: the attribution of the
    clause before it, inverted ("Debates are not likely to alter the campaign, noted NBC's
    Dante Chinni.")."""
    if not layout.text[max(start - 3, 0) : start].rstrip().endswith(","):
        return None
    attr = _inverted(layout, start, end)
    if attr is None or attr.kind not in ("person", "org"):
        return None
    return attr if _SENTENCE_ENDS.match(layout.text, attr.end) else None


def _by_agent(layout: Layout, end: int) -> Phrase | None:
    by = _BY.match(layout.text, end)
    if by is None:
        return None
    phrase = _forward(layout, by.end())
    return phrase if phrase is not None and sw.is_capitalized(phrase.words[-1]) else None


def _according(layout: Layout, start: int, end: int) -> Attr | None:
    phrase = _forward(layout, end)
    return None if phrase is None else named(start, phrase.end, phrase)


def _citing(layout: Layout, start: int, end: int) -> Attr | None:
    """ "It cited Assistant Foreign Minister Hong Lei as saying": the speaker is Hong Lei."""
    saying = _AS_SAYING.search(layout.text, end, layout.ceiling(end))
    if saying is None:
        return None
    cited = tokens(layout.text, end, saying.start())
    if not cited:  # "Mr Blair was quoted as saying"
        passive = subject(layout, start, passive=True)
        return None if passive is None else named(passive.start, saying.end(), passive)
    phrase = phrase_forward(cited)
    if phrase is None or phrase.end < cited[-1].end:
        return None
    found = subject(layout, start)
    return named(found.start if found else start, saying.end(), phrase)


def _told_object(layout: Layout, end: int) -> int:
    """End of "told reporters" / "told the Reuters news agency"; `end` if nothing fits."""
    finish = end
    for n, tok in enumerate(tokens(layout.text, end, layout.ceiling(end), 6)):
        low = tok.text.lower()
        if n == 0 and pronoun(tok.text) in sw.OBJECT_PRONOUNS:
            return tok.end
        if n == 0 and low in sw.DETERMINERS:
            continue
        word = low.rstrip(".") if ends_sentence(tok.text) else low
        named_word = sw.is_capitalized(tok.text) and tok.text[0].isalnum()
        if not (named_word or word in sw.OBJECT_NOUNS or sw.is_possessive(tok.text)):
            break
        if word != low:  # the sentence ends here
            return tok.end - 1
        if named_word and word in sw.CLAUSE_OPENERS:
            break
        finish = tok.end
    return finish
