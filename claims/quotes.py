"""Direct quotes, who said them, and attribution clauses ("the official Xinhua News Agency said").

How, and why this way:

- Quote marks are paired by a small state machine over the marks of each paragraph, found with
  one regex scan. A regex over quote bodies would backtrack on unbalanced marks; the state
  machine is linear whatever the input, and an unclosed mark ends with its paragraph unless the
  next paragraph reopens with a mark (AP style), so a stray mark cannot swallow the article.
- Whether a straight mark opens or closes is read from its neighbours (space before: opens;
  space or punctuation after: closes). Curly marks are trusted unless the neighbours say the
  opposite, because real text mixes them (“China’s V-Day commemorations").
- A single mark is a quote mark only when it cannot be an apostrophe: not between letters
  ("China's"), not an elision ("’90s"). A closer after a plural s ("the players' union") gives
  way to a clearer closer later in the paragraph. Inside a quote, marks of the other family are a
  nested quote and are ignored.
- A Title-Case phrase quoted right after a noun of a work ("his hit single", "the film",
  "entitled") is a title, not a quotation, and is left out (CLAIM-SCHEMA: not a claim).
- Attributions come from one regex over the speech verbs; the subject is read backward over a
  bounded window of tokens (never past the sentence, a quote, or punctuation), so the cost per
  verb is constant. Subjects are normalized to names by `speechwords.speaker_name`.
- The speaker of a quote is, in order: the attribution right after it ("...," said X / X said),
  the last attribution or framing verb ("what it called") before it in its sentence, an
  attribution later in its sentence; then, for a quoted phrase, the subject of its sentence when
  that is a person; for a quote that opens its sentence, the last speaker of this or the
  previous paragraph, or a person introduced as a subject since.
- "it" resolves to the last organisation or place named before it; "he", "she" and descriptions
  ("the 23-year-old", "the shadow chancellor") to the later of the last person who spoke and the
  last person named as the subject of an earlier sentence, never to someone known to be of the
  other sex (from "Mrs", "spokesman" or an earlier "she said"). Names come from capitalized runs
  outside quotes and from the speakers themselves; the heuristics look back a bounded distance,
  so resolution stays linear too.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from claims import speechwords as sw
from claims.found import Found

Span = tuple[int, int]
PRIORITY = 5

_OPEN, _CLOSE, _EITHER = 1, 2, 3
_DOUBLE, _SINGLE = '"', "'"
_MARK = re.compile(r"[\"“”„«»'‘’]")
_OPENING_CONTEXT = frozenset("([{—–-/\"“‘'«")
_CLOSING_CONTEXT = frozenset(".,;:!?)]}—–-/\"”’'»…")
# An opening mark right after a sentence inside an open quote continues it: paragraphs run
# together in some corpora ('...watching. "When Titanic...').
_REOPENS = re.compile(r"[.!?…][\s]+$")
_ELISION = re.compile(r"(?:\d\d?s?|" + "|".join(sorted(sw.ELISIONS)) + r")(?!\w)", re.IGNORECASE)
# An unclosed quote in a long paragraph ends with its sentence rather than the paragraph.
_MAX_UNCLOSED = 1000

_TOKEN = re.compile(r"\w+(?:[’'.&-]\w+)*[’']?\.?|[^\w\s]")
_WINDOW = 120
_MAX_PHRASE = 8
_FORWARD = 2 * _MAX_PHRASE  # tokens a phrase read forward may look at
_NOT_NOUN_ENDINGS = ("ed", "ing", "ly")
_NEAR = 48  # characters before a verb where its subject usually starts
# Words inside a phrase read forward, never at its end: "the head of the IMF", "from the ONS".
_INNER_WORDS = sw.DETERMINERS | sw.NAME_CONNECTORS | sw.SOURCE_PREPOSITIONS
# Capitalized words that open a run without being part of the name ("On Monday Dershowitz").
_NOT_IN_NAMES = sw.CLAUSE_OPENERS | sw.DETERMINERS | sw.NOT_NAMES


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of words grouped by first letter, so that the engine tries only the
    words that can match where it stands (a flat list of 100 words scans several times slower)."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words, key=len, reverse=True):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    groups = (f"{first}(?:{'|'.join(rest)})" for first, rest in sorted(by_first.items()))
    return "(?:" + "|".join(groups) + ")"


_VERBS = sw.SPEECH_VERBS | sw.STRICT_SPEECH_VERBS | sw.CITING_VERBS | sw.NAMED_SUBJECT_VERBS
# "Said Williams:" opens a sentence with the verb, in sports pages above all.
_OPENING_VERBS = {"Said", "Says", "Added", "Asked"}
_VERB = re.compile(r"\b(?:[Aa]ccording\s+to|" + _alternation(_VERBS | _OPENING_VERBS) + r")\b")
_FRAMING = re.compile(r"\b(?:" + "|".join(sorted(sw.FRAMING_VERBS)) + r")\b")
_AS_SAYING = re.compile(r"\bas\s+say(?:ing|s)\b")
_BY = re.compile(r"\s+by\s+(?=[A-Z]|the\s+[A-Z])")
_THAT_CONTENT = re.compile(r"\s*(?:that\b|:|\s[\"“‘'])")
_REPORTED_CONTENT = re.compile(
    r"(?:\s+(?:on|last|this|in|earlier|late)\s+[\w.]+)?"
    r"\s*(?:that\b|[,:;.!?\"“”'‘’—–-]|$|(?:he|she|it|they|we|I|there|this)\b)"
    r"|(?:\s+[\w.'’-]+){1,4}:\s*[\"“‘']"  # 'asked Mr Sullivan: "...'
)
_NAME_LINK = "of|for|de|den|der|du|da|di|del|la|le|van|von|al|bin"
# Capitalized runs, not starting at a word that opens sentences and is never a name.
_NAME_RUN = re.compile(
    r"(?<![\w’'])(?!(?:The|But|And|In|On|At|It|He|She|They|We|I|A|An|This|That|For|If|When|"
    r"While|After|As|To|Of|With|By|From|There|Its|His|Her|Their|So|Some|Many|Most)\b)"
    rf"[A-Z][\w’'.&-]*(?:[ \t]+(?:(?:{_NAME_LINK})[ \t]+)?[A-Z][\w’'.&-]*){{0,5}}"
)
_WORD = re.compile(r"\S+")
_PLAIN_WORD = re.compile(r"\b[A-Za-z]+\b")
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")
# A quote ends a clause when its last character, or the one after its closing mark, is one of
# these; only then can the attribution after it be its own.
_CLAUSE_END = re.compile(r"[,.!?…:;—–-]|.[\"”’'»][,.;:—–-]", re.DOTALL)
# The attribution after a quote is at most this far, with no sentence end or quote in between.
_AFTER_REACH = 60
_BREAK = re.compile(r"[.!?\"“”‘’«»\n]|'(?!\w)|(?<!\w)'")
# A quote that carries the last speaker on must be this close to where that speaker spoke.
_CARRY_DISTANCE = 1500
_GENDER_OF_PRONOUN = {"he": "he", "him": "he", "she": "she", "her": "she"}
# Words that begin an opening phrase, after whose comma a subject may come.
_OPENING_PHRASE = sw.CLAUSE_OPENERS | sw.PREPOSITIONS
# How many named persons back "he" looks for one named as a subject.
_SUBJECT_LOOKBACK = 12


# Marks and tokens are made by the thousand: plain named tuples are the cheapest to build.
class _Mark(NamedTuple):
    pos: int
    family: str
    role: int
    weak: bool = False


@dataclass(frozen=True, slots=True)
class _Quote:
    start: int  # first character inside the opening mark
    end: int  # the closing mark, or where an unclosed quote was cut
    closed: bool
    para: int


class _Tok(NamedTuple):
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Phrase:
    start: int
    end: int
    words: tuple[str, ...]


@dataclass(slots=True)
class _Entity:
    pos: int
    name: str
    kind: str | None
    subject: bool
    spoke: bool  # named as the source of an attribution


@dataclass(slots=True)
class _Attr:
    start: int
    end: int
    speaker: str | None
    kind: str | None = None
    pronoun: str | None = None
    inverted: bool = False
    gender: str | None = None  # "he" or "she" when the words say so


# ---------------------------------------------------------------------------- quote marks


def _classify(text: str, pos: int, lo: int, hi: int) -> _Mark | None:
    before = text[pos - 1] if pos > lo else " "
    after = text[pos + 1] if pos + 1 < hi else " "
    left = before.isspace() or before in _OPENING_CONTEXT
    right = after.isspace() or after in _CLOSING_CONTEXT
    ch = text[pos]
    if ch in "'‘’":
        return _single_mark(text, pos, before, after, left, right)
    if left != right:
        return _Mark(pos, _DOUBLE, _OPEN if left else _CLOSE)
    if ch in "“„«":
        return _Mark(pos, _DOUBLE, _OPEN)
    return _Mark(pos, _DOUBLE, _CLOSE if ch in "”»" else _EITHER)


def _single_mark(
    text: str, pos: int, before: str, after: str, left: bool, right: bool
) -> _Mark | None:
    if before.isalnum() and after.isalnum():
        return None  # an apostrophe inside a word: "China's", "I'm"
    if after.isalnum():
        if not (left or text[pos] == "‘") or _ELISION.match(text, pos + 1):
            return None
        return _Mark(pos, _SINGLE, _OPEN)
    if right and (before.isalnum() or before in '.,!?;:…—-"”'):
        weak = before in "sSzZ" and after.isspace()
        return _Mark(pos, _SINGLE, _CLOSE, weak)
    return None


def _marks(text: str, lo: int, hi: int) -> list[_Mark]:
    found = (_classify(text, m.start(), lo, hi) for m in _MARK.finditer(text, lo, hi))
    return [mark for mark in found if mark is not None]


def _single_closes_ahead(marks: Sequence[_Mark]) -> tuple[list[bool], list[bool]]:
    """For each mark: is there a clear (and any) single closer later, before the next opener?"""
    strong, anyc = [False] * len(marks), [False] * len(marks)
    seen_strong = seen_any = False
    for i in range(len(marks) - 1, -1, -1):
        strong[i], anyc[i] = seen_strong, seen_any
        mark = marks[i]
        if mark.family == _SINGLE and mark.role == _OPEN:
            seen_strong = seen_any = False
        elif mark.family == _SINGLE:
            seen_any = True
            seen_strong = seen_strong or not mark.weak
    return strong, anyc


class _Pairing:
    """Pairs the marks paragraph by paragraph; `quotes` holds the result in text order."""

    def __init__(self, text: str, paragraphs: Sequence[Span], sentences: Sequence[Span]) -> None:
        self.text, self.paragraphs, self.sentences = text, paragraphs, sentences
        self.sentence_starts = [s for s, _ in sentences]
        self.quotes: list[_Quote] = []
        self.state: tuple[int, str, int] | None = None  # content start, family, paragraph

    def run(self) -> list[_Quote]:
        for index, (lo, hi) in enumerate(self.paragraphs):
            marks = _marks(self.text, lo, hi)
            if self.state is not None and marks:
                marks = marks[1:]  # the mark that reopened an AP continuation
            self._paragraph(marks, index)
            if self.state is not None and not self._reopens(index + 1):
                self._cut(lo, hi)
        return self.quotes

    def _paragraph(self, marks: Sequence[_Mark], index: int) -> None:
        strong, anyc = _single_closes_ahead(marks)
        for i, mark in enumerate(marks):
            if self.state is None:
                if mark.role != _CLOSE:
                    self.state = (mark.pos + 1, mark.family, index)
                continue
            start, family, para = self.state
            if mark.family != family:
                # An opener of the other family while no single closer follows: the single
                # "opener" was an apostrophe after all.
                if family == _SINGLE and mark.role != _CLOSE and not anyc[i]:
                    self.state = (mark.pos + 1, mark.family, index)
                continue
            if mark.role == _OPEN:
                if not _REOPENS.search(self.text, max(start, mark.pos - 4), mark.pos):
                    self.state = (mark.pos + 1, family, index)  # the earlier mark never closed
            elif not (mark.weak and strong[i]):
                self._emit(start, mark.pos, True, para)
                self.state = None

    def _reopens(self, index: int) -> bool:
        if index >= len(self.paragraphs) or self.state is None:
            return False
        lo, hi = self.paragraphs[index]
        mark = _classify(self.text, lo, lo, hi) if _MARK.match(self.text, lo) else None
        return mark is not None and mark.family == self.state[1] and mark.role != _CLOSE

    def _cut(self, lo: int, hi: int) -> None:
        """Ends an unclosed quote at its paragraph (double marks only: a lone single is too
        often an apostrophe), or at its sentence when the paragraph runs on."""
        assert self.state is not None
        start, family, para = self.state
        self.state = None
        if family != _DOUBLE:
            return
        end = hi
        if hi - start > _MAX_UNCLOSED:
            i = bisect.bisect_right(self.sentence_starts, start) - 1
            end = min(hi, self.sentences[i][1]) if i >= 0 else hi
        self._emit(start, end, False, para)

    def _emit(self, start: int, end: int, closed: bool, para: int) -> None:
        content = self.text[start:end]
        stripped = content.strip()
        if not any(c.isalnum() for c in stripped):
            return
        lead = len(content) - len(content.lstrip())
        self.quotes.append(_Quote(start + lead, start + lead + len(stripped), closed, para))


def _is_work_title(text: str, quote: _Quote, lo: int) -> bool:
    """A Title-Case phrase quoted right after "single", "film", "the book", "titled"..."""
    if not _title_case(text[quote.start : quote.end]):
        return False
    words = re.findall(r"[\w’'-]+", text[max(lo, quote.start - 60) : quote.start])[-4:]
    if not words:
        return False
    last = words[-1].lower()
    if last in sw.WORK_NOUNS or last in ("titled", "entitled"):
        return True
    return last in sw.WORK_NAMING and any(w.lower() in sw.WORK_NOUNS for w in words[:-1])


def _title_case(content: str) -> bool:
    words = re.findall(r"[^\W\d_][\w’'-]*|\d+", content)
    if not words or len(words) > 12:
        return False
    significant = [w for w in words if w.lower() not in sw.TITLE_SMALL_WORDS]
    capitalized = [w for w in significant if w[0].isupper() or w[0].isdigit()]
    return bool(significant) and len(capitalized) >= 0.75 * len(significant)


# ---------------------------------------------------------------------------- noun phrases


def _tokens(text: str, lo: int, hi: int, limit: int | None = None) -> list[_Tok]:
    found = itertools.islice(_TOKEN.finditer(text, lo, hi), limit)
    return [_Tok(m.start(), m.end(), m.group()) for m in found]


def _ends_sentence(tok: str) -> bool:
    if not tok.endswith(".") or len(tok) < 2:
        return False
    core = tok[:-1].lower()
    return core not in sw.ABBREVIATIONS and "." not in core and len(core) != 1


def _is_stop(tok: str, *, verbs: bool = True) -> bool:
    """Whether a token ends a noun phrase. Speech verbs do, reading backward ("X said Y said");
    reading forward they are nouns as often ("according to reports from")."""
    low = tok.lower()
    if not tok[0].isalnum() or _ends_sentence(tok):
        return True
    if sw.is_capitalized(tok):
        return low in sw.CLAUSE_OPENERS
    if low in sw.STOP_WORDS:
        return True
    return verbs and (low in sw.SPEECH_VERBS or low in sw.STRICT_SPEECH_VERBS)


def _skip_auxiliaries(toks: Sequence[_Tok], i: int) -> int | None:
    """Index of the last token of the subject, past "has recently"; None for passives, negations."""
    while i >= 0:
        low = toks[i].text.lower()
        if low in sw.PASSIVE or low in sw.NEGATIONS or low.endswith(("n't", "n’t")):
            return None
        if low[:-2] in sw.PRONOUNS and low[-2:] in ("'s", "’s"):
            return None  # "It's said": a passive, or "he's said" with no telling which
        if toks[i].text.islower() and (low in sw.AUXILIARIES or _is_adverb(low)):
            i -= 1
            continue
        return i
    return i


def _is_adverb(low: str) -> bool:
    if low in sw.ADVERBS:
        return True
    return len(low) >= 6 and low.endswith("ly") and low not in sw.NOT_ADVERBS


def _appositive_subject(toks: Sequence[_Tok], i: int) -> _Phrase | None:
    """The subject when a comma precedes the verb: "Gordon Brown, the Chancellor, said" gives
    Gordon Brown; "the head of SACMS, Zhao Tiechui, said" gives the name between the commas."""
    for j in range(i - 1, max(i - 16, 0), -1):
        if toks[j].text != ",":
            continue
        inner = toks[j + 1 : i]
        if inner and len(inner) <= 4 and all(_name_word(t.text) for t in inner):
            return _as_phrase(inner)
        first = inner[0].text if inner else ""
        opens = not first[:1].isupper() or sw.is_possessive(first)
        if (opens or first.lower() in sw.DETERMINERS) and sw.is_capitalized(toks[j - 1].text):
            return _phrase_back(toks, j - 1)[0]
        return None
    return None


def _name_word(tok: str) -> bool:
    low = tok.lower()
    return sw.is_capitalized(tok) and low not in sw.ORG_WORDS and low not in sw.CLAUSE_OPENERS


def _before_parenthesis(toks: Sequence[_Tok], i: int) -> int | None:
    for j in range(i - 1, max(i - 6, -1), -1):
        if toks[j].text == "(":
            return j - 1
    return None


def _phrase_back(toks: Sequence[_Tok], i: int) -> tuple[_Phrase | None, bool]:
    """The noun phrase that ends at token i, read backward to its determiner or a stop, and
    whether the tokens ran out before it ended."""
    words: list[_Tok] = []
    while i >= 0 and len(words) < _MAX_PHRASE:
        tok = toks[i].text
        low = tok.lower()
        if _pronoun(tok) in sw.PRONOUNS:
            if not words:
                words.append(toks[i])
            break
        if low in sw.DETERMINERS:
            if not words:
                break
            words.append(toks[i])
            if not _inside_of_phrase(toks, i):
                break
        elif words and low in sw.NAME_CONNECTORS and _connects(toks, i, words[-1].text):
            words.append(toks[i])
        elif _is_stop(tok):
            break
        else:
            words.append(toks[i])
        i -= 1
    # Stopping at the first token may be the window's doing ("for" of "Department for").
    return _as_phrase(list(reversed(words))), i <= 0


def _inside_of_phrase(toks: Sequence[_Tok], i: int) -> bool:
    """A determiner after "of"/"from" inside a longer phrase ("the head of the IMF")."""
    if i < 2:
        return False
    return toks[i - 1].text in sw.NAME_CONNECTORS and not _is_stop(toks[i - 2].text)


def _connects(toks: Sequence[_Tok], i: int, after: str) -> bool:
    """Whether the connector at i joins two parts of one phrase: "Marks and Spencer" (names on
    both sides), "the head of the IMF" (a word before, a name or determiner after)."""
    before = toks[i - 1].text if i >= 1 else ""
    if not before or _is_stop(before) or before.lower() in sw.DETERMINERS:
        return False
    if toks[i].text in ("and", "&") and not sw.is_capitalized(before):
        return False
    return sw.is_capitalized(after) or after.lower() in sw.DETERMINERS


def _names(word: str) -> bool:
    """A capitalized word that names, unlike "UK-based" or "The" ("UK-based research
    consultancy Analysys" goes on after it)."""
    if not sw.is_capitalized(word) or word.lower() in _INNER_WORDS:
        return False
    return not ("-" in word and word.rsplit("-", 1)[-1].islower())


def _as_phrase(words: Sequence[_Tok]) -> _Phrase | None:
    if not words or all(w.text.lower() in sw.DETERMINERS for w in words):
        return None
    head = words[-1].text
    if not (head[0].isalpha() or sw.is_role(head)):
        return None  # "£37.5bn predicted": a figure is no source
    if len(words) == 1 and head.islower() and head.endswith(_NOT_NOUN_ENDINGS):
        return None  # "denied reports", "compiled partly explain"
    return _Phrase(words[0].start, words[-1].end, tuple(w.text for w in words))


def _phrase_forward(toks: Sequence[_Tok]) -> _Phrase | None:
    """The noun phrase that starts at the first token ("said Robert Sinche, head of..."); it
    ends at a stop, or at a common word after a name ("by the ONS show")."""
    words: list[_Tok] = []
    for i, tok in enumerate(toks[:_FORWARD]):
        last = _ends_sentence(tok.text) and tok.text[0].isalnum()
        tok = _Tok(tok.start, tok.end - 1, tok.text[:-1]) if last else tok
        if _pronoun(tok.text):
            words += [] if words else [tok]
            break
        nxt = toks[i + 1].text if i + 1 < len(toks) and not last else ""
        if not _continues_forward(tok.text, nxt, words):
            break
        words.append(tok)
        if last or len(words) >= _FORWARD - 4:
            break
    while words and words[-1].text.lower() in _INNER_WORDS:
        words.pop()
    if words and sw.is_possessive(words[-1].text):  # "said Alex McLeish of Novo's form"
        inner = [k for k, w in enumerate(words) if w.text.lower() in sw.NAME_CONNECTORS]
        words = words[: inner[-1]] if inner else words
    return _as_phrase(words)


def _continues_forward(text: str, nxt: str, words: Sequence[_Tok]) -> bool:
    """Whether `text` belongs to the phrase read so far: a connector only before a name or a
    determiner; after a name, only names and roles ("Moscow-based US lawyer Jamie Firestone")."""
    if text.lower() in _INNER_WORDS:
        return not words or sw.is_capitalized(nxt) or nxt.lower() in sw.DETERMINERS
    named = any(_names(w.text) for w in words)
    if named and not sw.is_capitalized(text):
        return sw.is_role(text)
    return not _is_stop(text, verbs=False)


# ---------------------------------------------------------------------------- attributions


class _Finder:
    """Attributions, entities and quote speakers over one article."""

    def __init__(self, text: str, sentences: Sequence[Span], paragraphs: Sequence[Span]) -> None:
        self.text = text
        self.sentences = list(sentences) or [(0, len(text))]
        self.sentence_starts = [s for s, _ in self.sentences]
        self.paragraphs = list(paragraphs) or [(0, len(text))]
        self.paragraph_starts = [s for s, _ in self.paragraphs]
        pairing = _Pairing(text, self.paragraphs, self.sentences)
        quotes = pairing.run()
        self.quotes = [q for q in quotes if not _is_work_title(text, q, self._para_lo(q.start))]
        self.quote_starts = [q.start for q in self.quotes]
        self.persons: list[_Entity] = []
        self.orgs: list[_Entity] = []
        self.person_starts: list[int] = []
        self.org_starts: list[int] = []
        self.named_sources: list[_Entity] = []
        self.entities_read = False
        self.spoken: list[tuple[int, str, bool]] = []  # position, speaker, named (not described)
        self.spoken_starts: list[int] = []
        self.sources: set[str | None] = set()
        self.word_counts: Counter[str] | None = None
        self.genders: dict[str, str] = {}

    def _para_lo(self, pos: int) -> int:
        i = bisect.bisect_right(self.paragraph_starts, pos) - 1
        return self.paragraphs[max(i, 0)][0]

    def _para_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self.paragraph_starts, pos) - 1, 0)

    def _quote_at(self, pos: int) -> _Quote | None:
        """The quote whose content holds `pos`, or else the last one before it."""
        i = bisect.bisect_right(self.quote_starts, pos) - 1
        return self.quotes[i] if i >= 0 else None

    def _inside_quote(self, pos: int) -> bool:
        quote = self._quote_at(pos)
        return quote is not None and pos < quote.end + (1 if quote.closed else 0)

    def _floor(self, pos: int) -> int:
        """Where a clause ending at `pos` may begin: its sentence, paragraph, the last quote."""
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        floor = max(self.sentence_starts[i] if i >= 0 else 0, self._para_lo(pos), pos - _WINDOW)
        quote = self._quote_at(pos - 1)
        return max(floor, quote.end) if quote is not None else floor

    def _ceiling(self, pos: int) -> int:
        para_hi = self.paragraphs[self._para_index(pos)][1]
        i = bisect.bisect_left(self.quote_starts, pos)
        next_quote = self.quote_starts[i] - 1 if i < len(self.quote_starts) else len(self.text)
        return min(para_hi, next_quote, pos + _WINDOW)

    def subject(self, verb_start: int, *, passive: bool = False) -> _Phrase | None:
        """The subject before a verb, or None (also for negations, and passives unless asked:
        "Mr Blair was quoted as saying")."""
        floor = self._floor(verb_start)
        # Most subjects sit within a few words: read a short window first, the whole clause
        # only when the short one ran out before the phrase ended.
        near = self.text.find(" ", max(floor, verb_start - _NEAR), verb_start) + 1
        if near > floor:
            phrase, exhausted = self._subject_in(near, verb_start, passive)
            if not exhausted:
                return phrase
        return self._subject_in(floor, verb_start, passive)[0]

    def _subject_in(self, lo: int, verb_start: int, passive: bool) -> tuple[_Phrase | None, bool]:
        """The subject read from tokens in [lo, verb_start), and whether they ran out first."""
        toks = _tokens(self.text, lo, verb_start)
        last = len(toks) - 1
        while passive and last >= 0 and toks[last].text.lower() in sw.PASSIVE:
            last -= 1
        i = _skip_auxiliaries(toks, last)
        if i is not None and i >= 0 and toks[i].text == ")":
            i = _before_parenthesis(toks, i)  # "Electronic Arts (EA) says"
        if i is None or i < 0:
            return None, i is not None
        if toks[i].text == ",":
            return _appositive_subject(toks, i), True
        return _phrase_back(toks, i)

    def attributions(self) -> list[_Attr]:
        found: list[_Attr] = []
        for m in _VERB.finditer(self.text):
            if self._inside_quote(m.start()):
                continue
            attr = self._attribution(m.group(), m.start(), m.end())
            if attr is not None and (not found or attr.start >= found[-1].end):
                found.append(attr)
        return found

    def _attribution(self, verb: str, start: int, end: int) -> _Attr | None:
        if verb[0] in "Aa" and verb.lower().startswith("according"):
            return self._according(start, end)
        if verb in _OPENING_VERBS:
            return self._inverted(start, end)
        if verb in sw.CITING_VERBS:
            return self._citing(start, end)
        agent = self._by_agent(end)
        if agent is not None:  # "announced by the Office for National Statistics"
            return self._named(start, agent.end, agent)
        if not self._reports_speech(verb, start, end):
            return None
        subject = self.subject(start)
        if subject is None:
            return self._inverted(start, end)
        if verb in sw.NAMED_SUBJECT_VERBS and not sw.is_capitalized(subject.words[-1]):
            return None
        finish = self._told_object(end) if verb.startswith("told") else end
        return self._named(subject.start, finish, subject)

    def _reports_speech(self, verb: str, start: int, end: int) -> bool:
        """Whether a verb that is also an ordinary verb or a noun reports speech here: by what
        follows it, or by a closing quote before it ('"...," added the British producer')."""
        if verb in sw.STRICT_SPEECH_VERBS and not _REPORTED_CONTENT.match(self.text, end):
            return self._after_quote(start)
        if verb in sw.THAT_VERBS and not _THAT_CONTENT.match(self.text, end):
            return self._after_quote(start)
        return True

    def _named(self, start: int, end: int, phrase: _Phrase) -> _Attr:
        first = _pronoun(phrase.words[0])
        if len(phrase.words) == 1 and (first in sw.PRONOUNS or first in sw.OBJECT_PRONOUNS):
            return _Attr(start, end, None, pronoun=first)
        speaker, kind = sw.speaker_name(phrase.words)
        return _Attr(start, end, speaker, kind, gender=sw.pronoun_for(phrase.words))

    def _inverted(self, start: int, end: int) -> _Attr | None:
        """'"...," said X' after a quote; ', said Andrea Hayward-Maher' after a comma when what
        follows is a name or a role, not a clause ("said the results were")."""
        after_quote = self._after_quote(start) or self.text[start].isupper()
        if not after_quote and not self.text[max(start - 3, 0) : start].rstrip().endswith(","):
            return None
        phrase = _phrase_forward(_tokens(self.text, end, self._ceiling(end), _FORWARD))
        if phrase is None or _pronoun(phrase.words[0]) in sw.PRONOUNS:
            return None
        attr = self._named(start, phrase.end, phrase)
        ends_clause = _CLAUSE_END.match(self.text, phrase.end) or phrase.end >= len(self.text)
        if not after_quote and attr.kind == "group" and not ends_clause:
            return None  # ", said the results were"
        attr.inverted = True
        return attr

    def _after_quote(self, pos: int) -> bool:
        """Whether a closing quote mark (and a comma) is all that comes before `pos`."""
        quote = self._quote_at(pos - 1)
        if quote is None or not quote.closed or pos - quote.end > 4:
            return False
        return not self.text[quote.end + 1 : pos].strip(" ,\n")

    def _by_agent(self, end: int) -> _Phrase | None:
        by = _BY.match(self.text, end)
        if by is None:
            return None
        phrase = _phrase_forward(_tokens(self.text, by.end(), self._ceiling(by.end()), _FORWARD))
        named = phrase is not None and sw.is_capitalized(phrase.words[-1])
        return phrase if named else None

    def _according(self, start: int, end: int) -> _Attr | None:
        phrase = _phrase_forward(_tokens(self.text, end, self._ceiling(end), _FORWARD))
        return None if phrase is None else self._named(start, phrase.end, phrase)

    def _citing(self, start: int, end: int) -> _Attr | None:
        """ "It cited Assistant Foreign Minister Hong Lei as saying": the speaker is Hong Lei."""
        saying = _AS_SAYING.search(self.text, end, self._ceiling(end))
        if saying is None:
            return None
        cited = _tokens(self.text, end, saying.start())
        if not cited:  # "Mr Blair was quoted as saying"
            passive = self.subject(start, passive=True)
            return None if passive is None else self._named(passive.start, saying.end(), passive)
        phrase = _phrase_forward(cited)
        if phrase is None or phrase.end < cited[-1].end:
            return None
        subject = self.subject(start)
        return self._named(subject.start if subject else start, saying.end(), phrase)

    def _told_object(self, end: int) -> int:
        """End of "told reporters" / "told the Reuters news agency"; `end` if nothing fits."""
        finish = end
        for n, tok in enumerate(_tokens(self.text, end, self._ceiling(end), 6)):
            low = tok.text.lower()
            if n == 0 and _pronoun(tok.text) in sw.OBJECT_PRONOUNS:
                return tok.end
            if n == 0 and low in sw.DETERMINERS:
                continue
            word = low.rstrip(".") if _ends_sentence(tok.text) else low
            named = sw.is_capitalized(tok.text) and tok.text[0].isalnum()
            if not (named or word in sw.OBJECT_NOUNS or sw.is_possessive(tok.text)):
                break
            if word != low:  # the sentence ends here
                return tok.end - 1
            if named and word in sw.CLAUSE_OPENERS:
                break
            finish = tok.end
        return finish

    # ------------------------------------------------------------------------ entities

    def collect_entities(self, attrs: Sequence[_Attr]) -> None:
        """Takes note of the named sources; the names in the text are read on first need
        (a third of news articles never resolve a pronoun)."""
        self.named_sources = [
            _Entity(a.start, a.speaker, a.kind, True, True)
            for a in attrs
            if a.speaker is not None and a.kind not in ("group", "role")
        ]
        for attr in attrs:
            if attr.speaker is not None and attr.gender is not None:
                self._note_gender(attr.speaker, attr.gender)
        self.entities_read = False

    def _read_entities(self) -> None:
        """Persons and organisations named outside quotes, in text order, for pronouns.

        A single word is a person when an earlier person had it as surname ("Swank" after
        "Hilary Swank"). Otherwise a single word that opens its sentence may be a person or an
        organisation ("Molik grew", "TimeWarner said"): it stands in both tables.
        """
        if self.entities_read:
            return
        self.entities_read = True
        events = list(self.named_sources)
        for m in _NAME_RUN.finditer(self.text):
            if not self._inside_quote(m.start()):
                events.extend(self._run_entities(m.start(), m.group()))
        events.sort(key=lambda e: e.pos)
        _settle_kinds(events)
        self.persons = [e for e in events if e.kind in ("person", "either")]
        self.orgs = [e for e in events if e.kind in ("org", "either")]
        self.person_starts = [e.pos for e in self.persons]
        self.org_starts = [e.pos for e in self.orgs]

    def _run_entities(self, start: int, run: str) -> list[_Entity]:
        """The entities a capitalized run names, split where a sentence ends inside it."""
        if "." not in run:
            return self._words_entity(start, run.split())
        entities: list[_Entity] = []
        words: list[str] = []
        first = start
        for m in _WORD.finditer(run):
            if not words:
                first = start + m.start()
            words.append(m.group())
            if _ends_sentence(m.group()) and m.group()[0].isalnum():
                entities += self._words_entity(first, words)
                words = []
        return entities + self._words_entity(first, words)

    def _words_entity(self, start: int, words: list[str]) -> list[_Entity]:
        named = _run_name(tuple(words))
        if named is None:
            return []
        name, kind, gender = named
        if kind == "org":
            return [_Entity(start, name, kind, False, False)]
        before = self._word_before(start)
        gender = gender or sw.pronoun_for((before,))
        if gender is not None:
            self._note_gender(name, gender)
        if kind is None and before in sw.ROLE_WORDS:
            # "lawyer Jamie Firestone"; one word may be a company: "market leader Nintendo"
            titled = sw.entity_kind(name.split(), titled=True)
            kind = "either" if titled == "person" and " " not in name else titled
        if kind is None and " " in name:
            return []
        # "Mr Blair's government" names Mr Blair, but not as the subject.
        subject = not sw.is_possessive(words[-1]) and self._subject_position(start)
        if kind is None and subject and self._may_name(name, start + len(" ".join(words))):
            kind = "either"  # "Molik grew in confidence", "TimeWarner lost subscribers"
        # A single word of no kind stays: it is a person if it turns out to be a surname.
        return [_Entity(start, name, kind, subject, False)]

    def _word_before(self, start: int) -> str:
        """The word just before `start`, lower-cased ("lawyer" for "lawyer Jamie Firestone")."""
        words = self.text[max(start - 24, 0) : start].split()
        return words[-1].strip(",;:()").lower() if words else ""

    def _may_name(self, word: str, end: int) -> bool:
        """Whether a single capitalized word that opens a sentence may name someone: a word
        the article repeats ("Molik") but never writes in lower case ("Two lawyers", "Market
        leader"), and not followed by a function word ("Far from looking")."""
        if self.word_counts is None:
            self.word_counts = Counter(_PLAIN_WORD.findall(self.text))
        if self.word_counts[word.lower()] or self.word_counts[word] < 2:
            return False
        nxt = _NEXT_WORD.match(self.text, end)
        return nxt is not None and nxt.group(1).lower() not in sw.STOP_WORDS | sw.DETERMINERS

    def _clause_floor(self, pos: int) -> int:
        """The start of the sentence at `pos`, or later: after a quote that ends a sentence
        ('...portability." Cory Doctorow, ...'), which the segmenter may not split at."""
        floor = self._sentence_floor(pos)
        quote = self._quote_at(pos - 1)
        ended = quote is not None and quote.closed and self.text[quote.end - 1] in ".!?"
        return max(floor, quote.end + 1) if ended and quote is not None else floor

    def _subject_position(self, start: int) -> bool:
        """A name that opens its sentence ("But Oliver Letwin, ...") or follows an opening
        phrase ("After a tough first set, Molik grew") is a subject, the likelier antecedent
        of "he" or "she"."""
        floor = self._clause_floor(start)
        if start - floor > 80:
            return False
        prefix = self.text[floor:start].split(",")
        if len(prefix) > 2:
            return False
        opener = prefix[0].split()[:1]
        if len(prefix) == 2 and opener and opener[0].lower() not in _OPENING_PHRASE:
            return False
        words = prefix[-1].split()
        return len(words) <= 3 and all(map(_subject_lead, words))

    def resolve(self, pronoun: str, pos: int) -> str | None:
        self._read_entities()
        if pronoun in sw.PERSON_PRONOUNS:
            return self._person_before(pos, _GENDER_OF_PRONOUN[pronoun])
        if pronoun in sw.ORG_PRONOUNS:
            i = bisect.bisect_left(self.org_starts, pos) - 1
            return self.orgs[i].name if i >= 0 else None
        return None

    def _person_before(
        self, pos: int, gender: str | None = None, *, named: bool = False
    ) -> str | None:
        """The person "he", "she" or "the 23-year-old" at `pos` stands for: the later of the
        last person who spoke and the last person named as a subject before this sentence
        ("Mr Blair has failed, he claimed" is rarely about Mr Blair); else the last person.
        A person known to be a "she" is never a "he", and the other way round; a description
        stands only for someone `named`, never for "a spokeswoman"."""
        self._read_entities()
        spoken = self._last_spoken(pos, gender, named)
        subject = self._last_subject(pos, gender, spoken[0] if spoken else -1)
        best = subject or spoken
        if best is not None:
            return best[1]
        i = bisect.bisect_left(self.person_starts, pos) - 1
        for j in range(i, max(i - _SUBJECT_LOOKBACK, -1), -1):
            if self._fits(self.persons[j].name, gender):
                return self.persons[j].name
        return None

    def _last_spoken(self, pos: int, gender: str | None, named: bool) -> tuple[int, str] | None:
        i = bisect.bisect_left(self.spoken_starts, pos) - 1
        for j in range(i, max(i - _SUBJECT_LOOKBACK, -1), -1):
            at, name, is_name = self.spoken[j]
            if pos - at > _CARRY_DISTANCE:
                return None
            if self._fits(name, gender) and (is_name or not named):
                return at, name
        return None

    def _last_subject(self, pos: int, gender: str | None, after: int) -> tuple[int, str] | None:
        self._read_entities()
        k = bisect.bisect_left(self.person_starts, self._sentence_floor(pos)) - 1
        for j in range(k, max(k - _SUBJECT_LOOKBACK, -1), -1):
            entity = self.persons[j]
            if pos - entity.pos > _CARRY_DISTANCE or entity.pos < after:
                return None
            if entity.subject and self._fits(entity.name, gender):
                return entity.pos, entity.name
        return None

    def _note_gender(self, name: str, gender: str) -> None:
        self.genders.setdefault(name, gender)
        self.genders.setdefault(name.split()[-1], gender)

    def _fits(self, name: str, gender: str | None) -> bool:
        return gender is None or self.genders.get(name, gender) == gender

    def resolve_all(self, attrs: Sequence[_Attr]) -> None:
        """Resolves the attributions in text order; each person resolved is a speaker that a
        later "he" may stand for."""
        for attr in attrs:
            attr.speaker = self.resolved(attr)
            self.sources.add(attr.speaker)
            if attr.speaker is not None:
                self._note_speaker(attr, attr.speaker)

    def _note_speaker(self, attr: _Attr, speaker: str) -> None:
        gender = _GENDER_OF_PRONOUN.get(attr.pronoun or "") or attr.gender
        if gender is not None:
            self._note_gender(speaker, gender)
        person = attr.pronoun in sw.PERSON_PRONOUNS or attr.kind in ("person", "role", "either")
        # "a Department for Constitutional Affairs spokeswoman said": the "she" to come
        described = attr.kind == "group" and sw.is_role(speaker.split()[-1])
        if person or described:
            self.spoken.append((attr.start, speaker, not described))
            self.spoken_starts.append(attr.start)

    def resolved(self, attr: _Attr) -> str | None:
        """The speaker with "he"/"it" and "the shadow chancellor" resolved where possible."""
        if attr.pronoun is not None:
            return self.resolve(attr.pronoun, attr.start)
        if attr.kind == "role":
            return self._person_before(attr.start, attr.gender, named=True) or attr.speaker
        return attr.speaker

    def quote_speakers(self, attrs: Sequence[_Attr]) -> list[str | None]:
        """The speaker of each quote, in order; see the module docstring for the rules."""
        starts = [a.start for a in attrs]
        ends = [a.end for a in attrs]
        speakers: list[str | None] = []
        last: tuple[int, str | None] | None = None
        k = 0
        for quote in self.quotes:
            while k < len(attrs) and attrs[k].start < quote.start:
                last = (attrs[k].start, attrs[k].speaker) if attrs[k].speaker else last
                k += 1
            own = (
                self._after(quote, attrs, starts)
                or self._before(quote, attrs, ends)
                or self._later(quote, attrs, starts)
            )
            if own is None and not self._opens_sentence(quote):
                own = self._sentence_subject(quote)
            speaker = own[1] if own is not None else self._carried(quote, last)
            last = (quote.start, speaker) if speaker else last
            speakers.append(speaker)
        return speakers

    def _after(
        self, quote: _Quote, attrs: Sequence[_Attr], starts: Sequence[int]
    ) -> tuple[int, str | None] | None:
        """The attribution after a quote that ends a clause, in the same sentence:
        '"...," said X', '"...," X said', '"...," chairman and chief executive X said'."""
        close = quote.end + 1
        if not quote.closed or not _CLAUSE_END.match(self.text, quote.end - 1):
            return None
        i = bisect.bisect_left(starts, close)
        if i == len(attrs) or attrs[i].start - close > _AFTER_REACH:
            return None
        attr, between = attrs[i], self.text[close : attrs[i].start]
        if _BREAK.search(between):
            return None
        # '"...crazy." He said' starts a new sentence; '"...!" he said' does not.
        new_sentence = self.text[quote.end - 1] == "." and "," not in between
        if new_sentence and not attr.inverted and self.text[attr.start].isupper():
            return None
        return attr.start, attr.speaker

    def _before(
        self, quote: _Quote, attrs: Sequence[_Attr], ends: Sequence[int]
    ) -> tuple[int, str | None] | None:
        """The last attribution or framing verb before the quote in its sentence, or one that
        ends in a colon just before it ("He said:" closing the previous paragraph)."""
        opening = quote.start - 1
        floor = self._sentence_floor(opening)
        i = bisect.bisect_right(ends, opening) - 1
        attr = attrs[i] if i >= 0 else None
        framing = self._framing(floor, opening)
        in_reach = attr is not None and (
            attr.start >= floor or self._colon_between(attr.end, opening)
        )
        if attr is not None and in_reach and (framing is None or framing[0] < attr.end):
            return attr.end, attr.speaker
        return framing

    def _sentence_floor(self, pos: int) -> int:
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        return max(self.sentence_starts[i] if i >= 0 else 0, self._para_lo(pos))

    def _colon_between(self, end: int, opening: int) -> bool:
        return 0 <= opening - end <= 4 and self.text[end:opening].strip() == ":"

    def _framing(self, floor: int, opening: int) -> tuple[int, str | None] | None:
        """'what it called "..."', 'described the plan as "..."': the subject of the verb."""
        last = None
        for m in _FRAMING.finditer(self.text, max(floor, opening - _WINDOW), opening):
            last = m
        subject = self.subject(last.start()) if last is not None else None
        if last is None or subject is None:
            return None
        return last.end(), self.resolved(self._named(subject.start, last.end(), subject))

    def _later(
        self, quote: _Quote, attrs: Sequence[_Attr], starts: Sequence[int]
    ) -> tuple[int, str | None] | None:
        """An attribution later in the sentence of a quoted phrase ('while "rain-saturated earth
        ... collapsed into a shaft" at another pit, killing three miners, Xinhua said')."""
        close = quote.end + 1
        if not quote.closed or self.text[quote.end - 1] in ".!?":
            return None
        i = bisect.bisect_left(starts, close)
        j = bisect.bisect_right(self.sentence_starts, close) - 1
        sentence_end = self.sentences[j][1] if j >= 0 else close
        if i == len(attrs) or attrs[i].start >= sentence_end:
            return None
        return attrs[i].start, attrs[i].speaker

    def _sentence_subject(self, quote: _Quote) -> tuple[int, str | None] | None:
        """A quoted phrase with no attribution: the subject of its sentence, when that is a
        name or a pronoun ('The chancellor also hailed ... "industrial history"')."""
        lo = self._sentence_floor(quote.start - 1)
        phrase = _leading_subject(_tokens(self.text, lo, min(quote.start - 1, lo + _WINDOW)))
        if phrase is None:
            return None
        if sw.is_possessive(phrase.words[-1]):  # "Mr Brown's insistence he was not "gloating""
            words = (*phrase.words[:-1], _bare(phrase.words[-1]))
            phrase = _Phrase(phrase.start, phrase.end, words)
        attr = self._named(phrase.start, phrase.end, phrase)
        speaker = self.resolved(attr)
        # A bare capitalized word is often no speaker at all ("Two of Britain's unions").
        resolved_role = attr.kind == "role" and speaker != attr.speaker
        known = attr.pronoun or attr.kind == "person" or resolved_role or speaker in self.sources
        return (phrase.start, speaker) if known and speaker else None

    def _opens_sentence(self, quote: _Quote) -> bool:
        opening = quote.start - 1
        return not self.text[self._sentence_floor(opening) : opening].strip(" -—–(")

    def _carried(self, quote: _Quote, last: tuple[int, str | None] | None) -> str | None:
        """A quote that opens its sentence with no attribution continues the last speaker of
        this or the previous paragraph."""
        if last is None or not self._opens_sentence(quote):
            return None
        pos, speaker = last
        if quote.start - pos > _CARRY_DISTANCE or self._para_index(pos) < quote.para - 1:
            return None
        # A person introduced since then is the likelier speaker ("Double try scorer Martyn
        # Williams was keen not to talk about it. "We've got more self-belief...").
        newer = self._last_subject(quote.start, None, pos)
        return newer[1] if newer is not None else speaker


def _settle_kinds(events: Sequence[_Entity]) -> None:
    """Single words of unsure kind, in text order: a known surname is a person; a source
    that spoke may be a person or an organisation."""
    surnames: set[str] = set()
    for entity in events:
        if entity.kind in (None, "either") and entity.name in surnames:
            entity.kind = "person"
        elif entity.kind is None and entity.spoke:
            entity.kind = "either"
        if entity.kind == "person":
            surnames.add(entity.name.split()[-1])


def _leading_subject(toks: Sequence[_Tok]) -> _Phrase | None:
    """The noun phrase that opens a clause: a pronoun, a run of capitalized words, or a
    determiner with a few words ("The chancellor"), past an opening phrase ("After a tough
    first set, Molik ...")."""
    i = 0
    if toks and toks[0].text.lower() in sw.CLAUSE_OPENERS - sw.CONJUNCTIONS:
        comma = next((k for k, t in enumerate(toks[:12]) if t.text == ","), None)
        i = comma + 1 if comma is not None else 1
    while i < len(toks) and toks[i].text.lower() in sw.CLAUSE_OPENERS:
        i += 1
    if i >= len(toks):
        return None
    if _pronoun(toks[i].text) in sw.PRONOUNS:
        return _as_phrase([toks[i]])
    capitalized = sw.is_capitalized(toks[i].text) and toks[i].text.lower() not in sw.DETERMINERS
    words = [toks[i]]
    for tok in toks[i + 1 : i + _MAX_PHRASE]:
        if _is_stop(tok.text) or (capitalized and not sw.is_capitalized(tok.text)):
            break
        words.append(tok)
    return _as_phrase(words)


@lru_cache(maxsize=65536)
def _run_name(words: tuple[str, ...]) -> tuple[str, str | None, str | None] | None:
    """The name a capitalized run gives, its kind and its pronoun ("Mrs" says "she"), before
    its context is known."""
    i = 0
    while i < len(words) and words[i].lower() in _NOT_IN_NAMES:
        i += 1
    name, stripped = sw.strip_titles([w for w in map(_bare, words[i:]) if w])
    if not name or (len(name) == 1 and (_pronoun(name[0]) or name[0].lower() in sw.NOT_NAMES)):
        return None
    if not name[0][0].isalpha() or all(sw.is_role(w) or sw.is_nationality(w) for w in name):
        return None
    return " ".join(name), sw.entity_kind(name, titled=stripped), sw.pronoun_for(words)


def _subject_lead(word: str) -> bool:
    """A word that may come before a subject name in its clause: "But", "the", "analyst",
    "Double try scorer"; not a preposition or a verb ("accused Mr Brown", "will meet")."""
    low = word.lower()
    if low in sw.PREPOSITIONS or low in sw.STOP_WORDS - sw.CONJUNCTIONS:
        return False
    if sw.is_capitalized(word) or low in sw.DETERMINERS or sw.is_role(word):
        return True
    return low.isalpha() and not low.endswith(_NOT_NOUN_ENDINGS)


def _pronoun(tok: str) -> str:
    """The pronoun a token is, lower-cased, or "" ("US" and "IT" are not "us" and "it")."""
    low = tok.lower()
    if low not in sw.PRONOUNS and low not in sw.OBJECT_PRONOUNS:
        return ""
    return low if tok in (low, low.capitalize(), "I") else ""


def _bare(word: str) -> str:
    """A word of a name without its possessive or a full stop that ends the sentence."""
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word[:-1] if _ends_sentence(word) else word


def find_quotes(
    text: str, sentences: Sequence[tuple[int, int]], paragraphs: Sequence[tuple[int, int]]
) -> list[Found]:
    """Quotes (span inside the marks) and attribution clauses, each with its speaker.

    `sentences` and `paragraphs` are the spans of `claims.sentences`. Quotes of unknown speaker
    are kept (speaker None); attributions whose source cannot be named are dropped.
    """
    finder = _Finder(text, sentences, paragraphs)
    attrs = finder.attributions()
    finder.collect_entities(attrs)
    finder.resolve_all(attrs)
    speakers = finder.quote_speakers(attrs)
    found = [
        Found(q.start, q.end, "quote", s, speaker=s, priority=PRIORITY)
        for q, s in zip(finder.quotes, speakers, strict=True)
    ]
    found += [
        Found(a.start, a.end, "attribution", a.speaker, speaker=a.speaker, priority=PRIORITY)
        for a in attrs
        if a.speaker
    ]
    return sorted(found, key=lambda f: (f.start, f.end))
