"""The persons and organisations an article names outside its quotes, for pronouns to stand for.

Names come from capitalized runs outside quotes and from the speakers of attributions. A run is
split where a sentence ends inside it, stripped of titles, and typed by `speechwords`: a person,
an organisation or place (which take "it"), or unsure. A single word of unsure kind becomes a
person once an earlier person had it as surname ("Swank" after "Hilary Swank"); one that opens
its sentence, repeats, and is never written in lower case may be either ("Molik grew",
"TimeWarner said"). Whether a name is the subject of its sentence is noted too: the subject is
the likelier antecedent of a later "he".

The names are read in one scan, the first time a pronoun needs them. Whom a name may be ("he"
or "she") is noted for every name at once, since a "Mrs Smith" anywhere in the article rules
Smith out for "he"; what takes the name's context to tell (is it the subject of its sentence,
may a lone capitalized word name someone) is read only for the names a pronoun looks at.
Readings that depend on the words alone are kept across articles (`lru_cache`): the same runs
("Mr Blair", "the BBC") come back article after article.
"""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from claims.quotes import speechwords as sw
from claims.quotes.layout import Layout
from claims.quotes.nounphrases import bare, ends_sentence, pronoun

_NAME_LINK = "of|for|de|den|der|du|da|di|del|la|le|van|von|al|bin"
# Capitalized words that open sentences and are never a name: no run starts at one.
_RUN_OPENERS = (
    "The But And In On At It He She They We I A An This That For If When While After As To Of "
    "With By From There Its His Her Their So Some Many Most"
).split()


def _not_an_opener() -> str:
    """A lookahead, placed after a run's first capital, that fails where an opener starts:
    `(?<=T)(?:heir|his|he|o)` and a word boundary, and so on for each first letter."""
    rests: dict[str, list[str]] = {}
    for word in _RUN_OPENERS:
        rests.setdefault(word[0], []).append(re.escape(word[1:]))
    branches = (
        f"(?<={first})(?:{'|'.join(sorted(rest, key=len, reverse=True))})\\b"
        for first, rest in sorted(rests.items())
    )
    return "(?!" + "|".join(branches) + ")"


# Capitalized runs, not after a word character or an apostrophe. The pattern begins with the
# capital itself and checks what comes before it after, so that the engine skips in C from
# capital to capital instead of trying every position (half the cost of a lookbehind first).
_NAME_RUN = re.compile(
    r"[A-Z](?<![\w’'].)"
    + _not_an_opener()
    + rf"[\w’'.&-]*(?:[ \t]+(?:(?:{_NAME_LINK})[ \t]+)?[A-Z][\w’'.&-]*){{0,5}}"
)
_WORD = re.compile(r"\S+")
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")
_NOT_NOUN_ENDINGS = ("ed", "ing", "ly")
# Capitalized words that open a run without being part of the name ("On Monday Dershowitz").
_NOT_IN_NAMES = sw.CLAUSE_OPENERS | sw.DETERMINERS | sw.NOT_NAMES
# Words that begin an opening phrase, after whose comma a subject may come.
_OPENING_PHRASE = sw.CLAUSE_OPENERS | sw.PREPOSITIONS
_NOT_AFTER_NAME = sw.STOP_WORDS | sw.DETERMINERS
_NOT_BEFORE_SUBJECT = sw.STOP_WORDS - sw.CONJUNCTIONS
# `speechwords.pronoun_for` of one lower-case word, as a table.
_GENDER_OF_WORD = {**dict.fromkeys(sw.FEMALE_WORDS, "she"), **dict.fromkeys(sw.MALE_WORDS, "he")}


# "maybe": a single word of no known kind that becomes "either" when it opens its clause and
# may name someone ("Molik grew"); that is settled only when a pronoun looks at it.
_MAYBE = "maybe"
_PERSON_KINDS = frozenset(("person", "either", _MAYBE))
_ORG_KINDS = frozenset(("org", "either", _MAYBE))
_UNSURE = frozenset((None, "either", _MAYBE))


@dataclass(slots=True)
class Entity:
    pos: int
    name: str
    kind: str | None
    subject: bool | None  # None until asked: whether the name is the subject of its clause
    spoke: bool  # named as the source of an attribution
    end: int = 0  # where a name of unknown kind ends, to read the word after it


class Genders:
    """Who is known to be a "he" or a "she" (from "Mrs", "spokesman", or "she said"); the
    first word heard wins, for the full name and for the surname alone."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}

    def note(self, name: str, gender: str) -> None:
        self.known.setdefault(name, gender)
        self.known.setdefault(name.split()[-1], gender)

    def fits(self, name: str, gender: str | None) -> bool:
        return gender is None or self.known.get(name, gender) == gender


class Entities:
    """Persons and organisations in text order; "either" kinds stand in both lists. What
    takes reading the context of a name is read only for the names a pronoun looks at."""

    def __init__(self, events: Sequence[Entity], reader: _Reader) -> None:
        self.persons, self.orgs = _settle_kinds(events)
        self.person_starts = [e.pos for e in self.persons]
        self.org_starts = [e.pos for e in self.orgs]
        self._reader = reader

    def last_org(self, pos: int) -> Entity | None:
        """The last organisation or place named before `pos`."""
        i = bisect.bisect_left(self.org_starts, pos) - 1
        while i >= 0 and not self._settled(self.orgs[i]):
            i -= 1
        return self.orgs[i] if i >= 0 else None

    def persons_back(self, pos: int, limit: int) -> Iterator[Entity]:
        """The last `limit` persons named before `pos`, the latest first."""
        i = bisect.bisect_left(self.person_starts, pos) - 1
        while i >= 0 and limit > 0:
            entity = self.persons[i]
            i -= 1
            if self._settled(entity):
                limit -= 1
                yield entity

    def is_subject(self, entity: Entity) -> bool:
        if entity.subject is None:
            entity.subject = self._reader.subject_position(entity.pos)
        return entity.subject

    def _settled(self, entity: Entity) -> bool:
        """Whether the entity stands in its list, settling a "maybe" first."""
        if entity.kind == _MAYBE:
            named = self.is_subject(entity) and self._reader.may_name(entity.name, entity.end)
            entity.kind = "either" if named else None  # "Molik grew", "TimeWarner lost"
        return entity.kind is not None


def read_entities(layout: Layout, sources: Iterable[Entity], genders: Genders) -> Entities:
    """The named `sources` and the names in the text outside quotes, in text order."""
    events = list(sources)
    reader = _Reader(layout, genders)
    starts, stops = layout.quote_starts, layout.quote_stops
    for m in _NAME_RUN.finditer(layout.text):
        start = m.start()
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start < stops[i]:
            continue  # inside a quote
        if layout.headline(layout.para_index(start)):
            continue  # every word of a headline is capitalized, names or not
        for piece in _pieces(m.group()):
            entity = reader.entity(start, piece)
            if entity is not None:
                events.append(entity)
    events.sort(key=_position)
    return Entities(events, reader)


_position = operator.attrgetter("pos")


def _settle_kinds(events: Sequence[Entity]) -> tuple[list[Entity], list[Entity]]:
    """Single words of unsure kind, in text order: a known surname is a person; a source
    that spoke may be a person or an organisation. Gives the persons and the organisations."""
    surnames: set[str] = set()
    persons: list[Entity] = []
    orgs: list[Entity] = []
    for entity in events:
        kind = entity.kind
        if kind in _UNSURE and entity.name in surnames:
            entity.kind = kind = "person"
        elif kind is None and entity.spoke:
            entity.kind = kind = "either"
        if kind == "person":
            surnames.add(entity.name.split()[-1])
        if kind in _PERSON_KINDS:
            persons.append(entity)
        if kind in _ORG_KINDS:
            orgs.append(entity)
    return persons, orgs


class _Reader:
    """Turns capitalized runs into entities, with what their context says of them."""

    def __init__(self, layout: Layout, genders: Genders) -> None:
        self.layout, self.text, self.genders = layout, layout.text, genders
        self.word_counts: dict[tuple[str, int], int] = {}

    def entity(self, start: int, piece: _Piece) -> Entity | None:
        """The entity a piece of the run at `start` names, if any."""
        offset, length, possessive, (name, kind, gender) = piece
        start += offset
        if kind == "org":
            return Entity(start, name, kind, False, False)
        # The word before tells a gender the name does not ("spokeswoman Jane Smith"), and a
        # role that makes a name of unknown kind a person's ("lawyer Jamie Firestone").
        before = self._word_before(start) if kind is None or gender is None else ""
        gender = gender or _GENDER_OF_WORD.get(before.strip("."))
        if gender is not None:
            self.genders.note(name, gender)
        if kind is None and before in sw.ROLE_WORDS:
            # "lawyer Jamie Firestone"; one word may be a company: "market leader Nintendo"
            titled = _titled_kind(name)
            kind = "either" if titled == "person" and " " not in name else titled
        if kind is None and " " in name:
            return None
        # "Mr Blair's government" names Mr Blair, but not as the subject.
        subject = False if possessive else None
        if kind is None and not possessive:
            kind = _MAYBE
        # A single word of no kind stays: it is a person if it turns out to be a surname.
        return Entity(start, name, kind, subject, False, start + length)

    def _word_before(self, start: int) -> str:
        """The word just before `start`, lower-cased ("lawyer" for "lawyer Jamie Firestone")."""
        words = self.text[max(start - 24, 0) : start].rsplit(None, 1)
        return words[-1].strip(",;:()").lower() if words else ""

    def may_name(self, word: str, end: int) -> bool:
        """Whether a single capitalized word that opens a sentence may name someone: a word
        the article repeats ("Molik") but never writes in lower case ("Two lawyers", "Market
        leader"), and not followed by a function word ("Far from looking")."""
        if self._count(word.lower(), 1) or self._count(word, 2) < 2:
            return False
        nxt = _NEXT_WORD.match(self.text, end)
        return nxt is not None and nxt.group(1).lower() not in _NOT_AFTER_NAME

    def _count(self, word: str, enough: int) -> int:
        """How often `word` stands as a whole word of letters in the text, counted up to
        `enough`: a few searches for the words asked about instead of counting every word."""
        if not (word.isascii() and word.isalpha()):
            return 0
        key = (word, enough)
        if key not in self.word_counts:
            self.word_counts[key] = _whole_words(self.text, word, enough)
        return self.word_counts[key]

    def subject_position(self, start: int) -> bool:
        """A name that opens its sentence ("But Oliver Letwin, ...") or follows an opening
        phrase ("After a tough first set, Molik grew") is a subject, the likelier antecedent
        of "he" or "she"."""
        floor = self.layout.clause_floor(start)
        return start - floor <= 80 and _opens_clause(self.text[floor:start])


# The words before a name in its clause recur ("", "But ", "The "): their reading is kept.
@lru_cache(maxsize=16384)
def _opens_clause(prefix: str) -> bool:
    """Whether a name after `prefix`, the start of its clause, is the clause's subject."""
    parts = prefix.split(",")
    if len(parts) > 2:
        return False
    opener = parts[0].split()[:1]
    if len(parts) == 2 and opener and opener[0].lower() not in _OPENING_PHRASE:
        return False
    words = parts[-1].split()
    # "The Guardian's film critic Peter Bradshaw felt": up to five words of description.
    return len(words) <= 5 and all(map(_subject_lead, words))


def _whole_words(text: str, word: str, enough: int) -> int:
    """Occurrences of `word` with no word character on either side, up to `enough`."""
    found, at, size = 0, text.find(word), len(word)
    while at >= 0 and found < enough:
        before = text[at - 1] if at else " "
        after = text[at + size] if at + size < len(text) else " "
        if not (before.isalnum() or before == "_" or after.isalnum() or after == "_"):
            found += 1
        at = text.find(word, at + size)
    return found


# A piece of a run: its offset in the run, its length as the words joined by single spaces,
# whether it ends in a possessive, and the name, kind and pronoun `_run_name` gives it.
_Piece = tuple[int, int, bool, tuple[str, str | None, str | None]]


@lru_cache(maxsize=65536)
def _pieces(run: str) -> tuple[_Piece, ...]:
    """The named pieces of a capitalized run, split where a sentence ends inside it. Runs
    recur across articles ("Mr Blair", "the BBC"), so their reading is kept."""
    pieces: list[_Piece] = []
    for offset, words in _split_run(run):
        named = _run_name(tuple(words))
        if named is not None:
            length = len(" ".join(words))
            pieces.append((offset, length, sw.is_possessive(words[-1]), named))
    return tuple(pieces)


def _split_run(run: str) -> list[tuple[int, list[str]]]:
    if "." not in run:
        return [(0, run.split())]
    parts: list[tuple[int, list[str]]] = []
    words: list[str] = []
    first = 0
    for m in _WORD.finditer(run):
        if not words:
            first = m.start()
        words.append(m.group())
        if ends_sentence(m.group()) and m.group()[0].isalnum():
            parts.append((first, words))
            words = []
    return [*parts, (first, words)]


@lru_cache(maxsize=4096)
def _titled_kind(name: str) -> str | None:
    return sw.entity_kind(name.split(), titled=True)


def _run_name(words: tuple[str, ...]) -> tuple[str, str | None, str | None] | None:
    """The name a capitalized run gives, its kind and its pronoun ("Mrs" says "she"), before
    its context is known."""
    i = 0
    while i < len(words) and words[i].lower() in _NOT_IN_NAMES:
        i += 1
    name, stripped = sw.strip_titles([w for w in map(bare, words[i:]) if w])
    if not name or (len(name) == 1 and (pronoun(name[0]) or name[0].lower() in sw.NOT_NAMES)):
        return None
    if not name[0][0].isalpha() or all(sw.is_role(w) or sw.is_nationality(w) for w in name):
        return None
    return " ".join(name), sw.entity_kind(name, titled=stripped), sw.pronoun_for(words)


def _subject_lead(word: str) -> bool:
    """A word that may come before a subject name in its clause: "But", "the", "analyst",
    "Double try scorer"; not a preposition or a verb ("accused Mr Brown", "will meet")."""
    low = word.lower()
    if low in sw.PREPOSITIONS or low in _NOT_BEFORE_SUBJECT:
        return False
    if sw.is_capitalized(word) or low in sw.DETERMINERS or sw.is_role(word):
        return True
    return low.isalpha() and not low.endswith(_NOT_NOUN_ENDINGS)
