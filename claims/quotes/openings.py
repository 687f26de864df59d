"""The subject that opens a clause: "The chancellor also hailed ...", "After a tough first set,
Molik grew", "Following a swiftly called meeting, the Security Council issued a statement".

Read forward from the clause's start over a bounded number of tokens (`nounphrases.tokens`),
past an opening phrase, to the end of the noun phrase: a pronoun, a run of capitalized words
with the descriptions and connectors inside a name ("Software giant Microsoft", "Securities &
Exchange Commission"), or a determiner with a few words, never past its verb.
"""

from __future__ import annotations

from collections.abc import Sequence

from claims.quotes import speechwords as sw
from claims.quotes.nounphrases import (
    MAX_PHRASE,
    Phrase,
    Tok,
    as_phrase,
    descriptor,
    is_stop,
    pronoun,
)

# Words that open a phrase before a clause's subject ("After a tough first set, Molik").
_PHRASE_OPENERS = sw.CLAUSE_OPENERS - sw.CONJUNCTIONS
_NAME_INNER = frozenset(("&", "of", "and", "for"))


def leading_subject(toks: Sequence[Tok]) -> Phrase | None:
    """The noun phrase that opens a clause: a pronoun, a run of capitalized words, or a
    determiner with a few words ("The chancellor"), past an opening phrase ("After a tough
    first set, Molik ...")."""
    i = 0
    opener = toks[0].text.lower() if toks else ""
    if opener in _PHRASE_OPENERS or _participle_opens(toks):
        comma = next((k for k, t in enumerate(toks[:12]) if t.text == ","), None)
        i = comma + 1 if comma is not None else 1
        # "On July 6, 2015, Sanders": a date runs on past its comma.
        if comma is not None and i + 1 < len(toks) and toks[i].text.isdigit():
            i += 2 if toks[i + 1].text == "," else 1
    while i < len(toks) and toks[i].text.lower() in sw.CLAUSE_OPENERS:
        i += 1
    if i >= len(toks):
        return None
    if pronoun(toks[i].text) in sw.PRONOUNS:
        return as_phrase([toks[i]])
    capitalized = sw.is_capitalized(toks[i].text) and toks[i].text.lower() not in sw.DETERMINERS
    words = [toks[i]]
    following = toks[i + 1 : i + MAX_PHRASE]
    for k, tok in enumerate(following):
        nxt = following[k + 1].text if k + 1 < len(following) else ""
        # "Software giant Microsoft", "Virgin Radio DJ Pete Mitchell": a description word
        # before a name stays in the phrase.
        describes = descriptor(tok.text) and (sw.is_capitalized(nxt) or sw.is_role(nxt))
        joins = sw.is_capitalized(words[-1].text) and sw.is_capitalized(nxt)
        if tok.text in _NAME_INNER and joins:
            words.append(tok)  # "Securities & Exchange Commission", "Bank of England"
            continue
        if is_stop(tok.text) or (capitalized and not sw.is_capitalized(tok.text) and not describes):
            break
        if _verb_like(tok.text):
            break  # "The judge rubbed his chin": the phrase ends at its verb
        words.append(tok)
    return as_phrase(words)


def _participle_opens(toks: Sequence[Tok]) -> bool:
    """ "Following a swiftly called meeting, the Security Council", "Speaking at the forum, he":
    a participle before a determiner or a preposition opens a phrase (not "King said")."""
    if len(toks) < 2 or not toks[0].text.endswith("ing"):
        return False
    after = toks[1].text.lower()
    return after in sw.DETERMINERS or after in sw.PREPOSITIONS


def _verb_like(tok: str) -> bool:
    low = tok.lower()
    return tok.islower() and (
        low in sw.AUXILIARIES or low in sw.PASSIVE or (len(low) > 4 and low.endswith("ed"))
    )
