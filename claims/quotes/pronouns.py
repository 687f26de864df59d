"""Whom "he", "it" and "the 23-year-old" stand for.

- "it" resolves to the last organisation or place named before it.
- "he", "she" and descriptions ("the 23-year-old", "the shadow chancellor") resolve to the later
  of the last person who spoke and the last person named as the subject of an earlier sentence,
  never to someone known to be of the other sex (from "Mrs", "spokesman" or an earlier "she
  said"). A description stands only for someone named, never for "a spokeswoman".
- The heuristics look back a bounded distance and a bounded number of names, so resolution
  stays linear. The names in the text are read on first need: many articles never resolve a
  pronoun.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from claims.quotes import speechwords as sw
from claims.quotes.attributions import Attr
from claims.quotes.entities import Entities, Entity, Genders, read_entities
from claims.quotes.layout import Layout

# A speaker carries on to a pronoun or a quote only this close to where they spoke.
CARRY_DISTANCE = 1500
GENDER_OF_PRONOUN = {"he": "he", "him": "he", "she": "she", "her": "she"}
# A conjunction before a pronoun that takes up the subject of its sentence again.
_TAKEN_UP = re.compile(r"\b(?:but|and)\s+$")
# How many named persons back "he" looks for one named as a subject.
_SUBJECT_LOOKBACK = 12


class Resolver:
    """The speakers and names of one article, read in text order, that pronouns stand for."""

    def __init__(self, layout: Layout, attrs: Sequence[Attr]) -> None:
        self.layout = layout
        self.genders = Genders()
        # Named sources take part in resolution; the names in the text are read on first need.
        self.named_sources = [
            Entity(a.start, a.speaker, a.kind, True, True)
            for a in attrs
            if a.speaker is not None and a.kind not in ("group", "role")
        ]
        for attr in attrs:
            if attr.speaker is not None and attr.gender is not None:
                self.genders.note(attr.speaker, attr.gender)
        self._entities: Entities | None = None
        self.spoken: list[tuple[int, str, bool]] = []  # position, speaker, named (not described)
        self.spoken_starts: list[int] = []
        self.sources: set[str | None] = set()
        self._surnames: set[str] | None = None

    @property
    def entities(self) -> Entities:
        if self._entities is None:
            self._entities = read_entities(self.layout, self.named_sources, self.genders)
        return self._entities

    def known_person(self, name: str | None) -> bool:
        """Whether `name` is, or is the surname of, a person the article names."""
        if name is None or " " in name:
            return False
        if self._surnames is None:
            self._surnames = {p.name.split()[-1] for p in self.entities.persons}
        return name in self._surnames

    def resolve(self, pronoun: str, pos: int) -> str | None:
        entities = self.entities
        if pronoun in sw.PERSON_PRONOUNS:
            return self._person_before(pos, GENDER_OF_PRONOUN[pronoun])
        if pronoun in sw.ORG_PRONOUNS:
            org = entities.last_org(pos)
            return org.name if org is not None else None
        return None

    def _person_before(
        self, pos: int, gender: str | None = None, *, named: bool = False
    ) -> str | None:
        """The person "he", "she" or "the 23-year-old" at `pos` stands for: the later of the
        last person who spoke and the last person named as a subject before this sentence
        ("Mr Blair has failed, he claimed" is rarely about Mr Blair); else the last person.
        A person known to be a "she" is never a "he", and the other way round; a description
        stands only for someone `named`, never for "a spokeswoman"."""
        entities = self.entities
        own = self._own_subject(pos, gender)
        if own is not None:
            return own
        spoken = self._last_spoken(pos, gender, named)
        subject = self.last_subject(pos, gender, spoken[0] if spoken else -1)
        best = subject or spoken
        if best is not None:
            return best[1]
        for person in entities.persons_back(pos, _SUBJECT_LOOKBACK):
            if self.genders.fits(person.name, gender):
                return person.name
        return None

    def _own_subject(self, pos: int, gender: str | None) -> str | None:
        """The person who opens the sentence of a pronoun, when the pronoun takes the subject
        up again: after a quote ('Sen. Claire McCaskill scolded him: "...," she said') or
        after a conjunction ('Ed Rendell, who ..., agreed that ..., but he said')."""
        floor = self.layout.sentence_floor(pos)
        quote = self.layout.quote_at(pos - 1)
        quoted = quote is not None and quote.start > floor
        if not quoted and not _TAKEN_UP.search(self.layout.text, max(floor, pos - 6), pos):
            return None
        for person in self.entities.persons_back(pos, 3):
            if person.pos < floor:
                return None
            if quoted and quote is not None and person.pos > quote.start:
                continue
            if self.entities.is_subject(person) and self.genders.fits(person.name, gender):
                return person.name
        return None

    def _last_spoken(self, pos: int, gender: str | None, named: bool) -> tuple[int, str] | None:
        i = bisect.bisect_left(self.spoken_starts, pos) - 1
        for j in range(i, max(i - _SUBJECT_LOOKBACK, -1), -1):
            at, name, is_name = self.spoken[j]
            if pos - at > CARRY_DISTANCE:
                return None
            if self.genders.fits(name, gender) and (is_name or not named):
                return at, name
        return None

    def last_subject(self, pos: int, gender: str | None, after: int) -> tuple[int, str] | None:
        """The last person named as the subject of a sentence before the one at `pos`, and
        after `after`, that may be a `gender`."""
        entities = self.entities
        for person in entities.persons_back(self.layout.sentence_floor(pos), _SUBJECT_LOOKBACK):
            if pos - person.pos > CARRY_DISTANCE or person.pos < after:
                return None
            if entities.is_subject(person) and self.genders.fits(person.name, gender):
                return person.pos, person.name
        return None

    def resolve_all(self, attrs: Sequence[Attr]) -> None:
        """Resolves the attributions in text order; each person resolved is a speaker that a
        later "he" may stand for."""
        for attr in attrs:
            attr.speaker = self.resolved(attr)
            self.sources.add(attr.speaker)
            if attr.speaker is not None:
                self._note_speaker(attr, attr.speaker)

    def _note_speaker(self, attr: Attr, speaker: str) -> None:
        gender = GENDER_OF_PRONOUN.get(attr.pronoun or "") or attr.gender
        if gender is not None:
            self.genders.note(speaker, gender)
        person = attr.pronoun in sw.PERSON_PRONOUNS or attr.kind in ("person", "role", "either")
        # "a Department for Constitutional Affairs spokeswoman said": the "she" to come
        described = attr.kind == "group" and sw.is_role(speaker.split()[-1])
        if person or described:
            self.spoken.append((attr.start, speaker, not described))
            self.spoken_starts.append(attr.start)

    def resolved(self, attr: Attr) -> str | None:
        """The speaker with "he"/"it" and "the shadow chancellor" resolved where possible."""
        if attr.pronoun is not None:
            return self.resolve(attr.pronoun, attr.start)
        if attr.kind == "role":
            return self._person_before(attr.start, attr.gender, named=True) or attr.speaker
        return attr.speaker
