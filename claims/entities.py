"""The persons and organisations an article names outside its quotes, for pronouns to stand for.

Names come from capitalized runs outside quotes and from the speakers of attributions. A run is
split where a sentence ends inside it, stripped of titles, and typed by `speechwords`: a person,
an organisation or place (which take "it"), or unsure. A single word of unsure kind becomes a
person once an earlier person had it as surname ("Swank" after "Hilary Swank"); one that opens
its sentence, repeats, and is never written in lower case may be either ("Molik grew",
"TimeWarner said"). Whether a name is the subject of its sentence is noted too: the subject is
the likelier antecedent of a later "he".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from claims import speechwords as sw
from claims.nounphrases import bare, ends_sentence, pronoun
from claims.quotelayout import Layout

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
_NOT_NOUN_ENDINGS = ("ed", "ing", "ly")
# Capitalized words that open a run without being part of the name ("On Monday Dershowitz").
_NOT_IN_NAMES = sw.CLAUSE_OPENERS | sw.DETERMINERS | sw.NOT_NAMES
# Words that begin an opening phrase, after whose comma a subject may come.
_OPENING_PHRASE = sw.CLAUSE_OPENERS | sw.PREPOSITIONS


@dataclass(slots=True)
class Entity:
    pos: int
    name: str
    kind: str | None
    subject: bool
    spoke: bool  # named as the source of an attribution


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


@dataclass(slots=True)
class Entities:
    """Persons and organisations in text order; "either" kinds stand in both lists."""

    persons: list[Entity]
    orgs: list[Entity]
    person_starts: list[int]
    org_starts: list[int]


def read_entities(layout: Layout, sources: Iterable[Entity], genders: Genders) -> Entities:
    """The named `sources` and the names in the text outside quotes, in text order."""
    events = list(sources)
    reader = _Reader(layout, genders)
    for m in _NAME_RUN.finditer(layout.text):
        if not layout.inside_quote(m.start()):
            events.extend(reader.run_entities(m.start(), m.group()))
    events.sort(key=lambda e: e.pos)
    _settle_kinds(events)
    persons = [e for e in events if e.kind in ("person", "either")]
    orgs = [e for e in events if e.kind in ("org", "either")]
    return Entities(persons, orgs, [e.pos for e in persons], [e.pos for e in orgs])


def _settle_kinds(events: Sequence[Entity]) -> None:
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


class _Reader:
    """Turns capitalized runs into entities, with what their context says of them."""

    def __init__(self, layout: Layout, genders: Genders) -> None:
        self.layout, self.text, self.genders = layout, layout.text, genders
        self.word_counts: Counter[str] | None = None

    def run_entities(self, start: int, run: str) -> list[Entity]:
        """The entities a capitalized run names, split where a sentence ends inside it."""
        if "." not in run:
            return self._words_entity(start, run.split())
        entities: list[Entity] = []
        words: list[str] = []
        first = start
        for m in _WORD.finditer(run):
            if not words:
                first = start + m.start()
            words.append(m.group())
            if ends_sentence(m.group()) and m.group()[0].isalnum():
                entities += self._words_entity(first, words)
                words = []
        return entities + self._words_entity(first, words)

    def _words_entity(self, start: int, words: list[str]) -> list[Entity]:
        named = run_name(tuple(words))
        if named is None:
            return []
        name, kind, gender = named
        if kind == "org":
            return [Entity(start, name, kind, False, False)]
        before = self._word_before(start)
        gender = gender or sw.pronoun_for((before,))
        if gender is not None:
            self.genders.note(name, gender)
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
        return [Entity(start, name, kind, subject, False)]

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

    def _subject_position(self, start: int) -> bool:
        """A name that opens its sentence ("But Oliver Letwin, ...") or follows an opening
        phrase ("After a tough first set, Molik grew") is a subject, the likelier antecedent
        of "he" or "she"."""
        floor = self.layout.clause_floor(start)
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


@lru_cache(maxsize=65536)
def run_name(words: tuple[str, ...]) -> tuple[str, str | None, str | None] | None:
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
    if low in sw.PREPOSITIONS or low in sw.STOP_WORDS - sw.CONJUNCTIONS:
        return False
    if sw.is_capitalized(word) or low in sw.DETERMINERS or sw.is_role(word):
        return True
    return low.isalpha() and not low.endswith(_NOT_NOUN_ENDINGS)
