"""Tokens and the noun phrases that name a source: read backward from a verb, forward from
"said" or "according to", or from the start of a clause.

There is no parser: a phrase is a run of tokens bounded by stop words, determiners and
punctuation, which is enough for the subjects of speech verbs in news prose ("the official
Xinhua News Agency", "Gordon Brown, the Chancellor,", "Robert Sinche, head of ..."). Every
reader takes at most a fixed number of tokens, so the cost per verb is constant.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from claims.quotes import cuewords as cw
from claims.quotes import speechwords as sw

TOKEN = re.compile(r"\w+(?:[’'.&-]\w+)*[’']?\.?|[^\w\s]")
MAX_PHRASE = 8
FORWARD = 2 * MAX_PHRASE  # tokens a phrase read forward may look at
_NOT_NOUN_ENDINGS = ("ed", "ing", "ly")
# Words inside a phrase read forward, never at its end: "the head of the IMF", "from the ONS".
_INNER_WORDS = sw.DETERMINERS | sw.NAME_CONNECTORS | sw.SOURCE_PREPOSITIONS
# Words that open a time phrase between a subject and its verb ("on Friday", "late last week").
_TIME_LEADS = frozenset("on early late earlier".split())
# A party and state after a name, as US papers write them: "R-Ky.", "D-N.Y.", "I-Vt".
PARTY_TAG = re.compile(r"[RDI]-[A-Z][\w.]*")
# Words a description after a name may hold ("the head of the union", "one of the states").
_APPOSITIVE_WORDS = frozenset("of for at in from and with who which whose whom".split())


# Tokens and phrases are made by the thousand: named tuples are the cheapest to build.
class Tok(NamedTuple):
    start: int
    end: int
    text: str


# tuple.__new__ builds a named tuple without a call into Python code per token.
_new_tuple = tuple.__new__


class Phrase(NamedTuple):
    start: int
    end: int
    words: tuple[str, ...]


def iter_tokens(text: str, lo: int, hi: int) -> Iterator[Tok]:
    """The tokens of text[lo:hi], made as they are read."""
    for m in TOKEN.finditer(text, lo, hi):
        yield _new_tuple(Tok, (m.start(), m.end(), m.group()))


def tokens(text: str, lo: int, hi: int, limit: int | None = None) -> list[Tok]:
    found = TOKEN.finditer(text, lo, hi)
    if limit is not None:
        found = itertools.islice(found, limit)
    return [_new_tuple(Tok, (m.start(), m.end(), m.group())) for m in found]


def ends_sentence(tok: str) -> bool:
    if not tok.endswith(".") or len(tok) < 2:
        return False
    core = tok[:-1].lower()
    return core not in sw.ABBREVIATIONS and "." not in core and len(core) != 1


def is_stop(tok: str, *, verbs: bool = True) -> bool:
    """Whether a token ends a noun phrase. Speech verbs do, reading backward ("X said Y said");
    reading forward they are nouns as often ("according to reports from")."""
    low = tok.lower()
    if not tok[0].isalnum() or ends_sentence(tok):
        return True
    if sw.is_capitalized(tok):
        return low in sw.CLAUSE_OPENERS
    if low in sw.STOP_WORDS:
        return True
    return verbs and (low in cw.SPEECH_VERBS or low in cw.STRICT_SPEECH_VERBS)


def pronoun(tok: str) -> str:
    """The pronoun a token is, lower-cased, or "" ("US" and "IT" are not "us" and "it")."""
    low = tok.lower()
    if low not in sw.PRONOUNS and low not in sw.OBJECT_PRONOUNS:
        return ""
    return low if tok in (low, low.capitalize(), "I") else ""


def bare(word: str) -> str:
    """A word of a name without its possessive or a full stop that ends the sentence."""
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word[:-1] if ends_sentence(word) else word


def subject_in(toks: Sequence[Tok], passive: bool) -> tuple[Phrase | None, bool]:
    """The subject of a verb read back from the tokens before it, and whether they ran out
    before the phrase ended (None also for negations, and passives unless asked)."""
    last = len(toks) - 1
    while passive and last >= 0 and toks[last].text.lower() in sw.PASSIVE:
        last -= 1
    i = _skip_auxiliaries(toks, _skip_time(toks, last))
    if i is not None and i >= 0 and toks[i].text == ")":
        i = _before_parenthesis(toks, i)  # "Electronic Arts (EA) says"
    if i is None or i < 0:
        return None, i is not None
    if toks[i].text == ",":
        return _appositive_subject(toks, i), True
    phrase, exhausted = _phrase_back(toks, i)
    named = _name_before_role(toks, phrase)
    if named is not None and named.start == toks[0].start:
        exhausted = True  # the name may go on before the tokens read: read the whole clause
    return named or phrase, exhausted


def _skip_time(toks: Sequence[Tok], i: int) -> int:
    """Index of the last token before a time phrase that ends at i ("Smith on Friday said",
    "The central bank this week said"), or i when there is none."""
    j = i
    while j >= 0 and toks[j].text.lower() in sw.TIME_WORDS:
        j -= 1
    if j == i:
        return i
    if j >= 0 and toks[j].text.lower() in _TIME_LEADS:
        j -= 1
    return j if j >= 0 and toks[j].text[0].isalnum() else i


def _skip_auxiliaries(toks: Sequence[Tok], i: int) -> int | None:
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


def _appositive_subject(toks: Sequence[Tok], i: int) -> Phrase | None:
    """The subject when a comma precedes the verb: "Gordon Brown, the Chancellor, said" gives
    Gordon Brown; "the head of SACMS, Zhao Tiechui, said" gives the name between the commas;
    a name that opens the clause before a comma keeps it through the descriptions after it
    ("Scott Pruitt, the attorney general of Oklahoma, one of the states suing, said"), and a
    party and state ("Mitch McConnell, R-Ky., said") is never the name."""
    opening = _opening_name(toks, i)
    if opening is not None:
        return opening
    for j in range(i - 1, max(i - 16, 0), -1):
        if toks[j].text != ",":
            continue
        inner = toks[j + 1 : i]
        if len(inner) == 1 and PARTY_TAG.fullmatch(inner[0].text):
            # "Mitch McConnell, R-Ky., said": the name is before the tag
            return _phrase_back(toks, j - 1)[0] if j > 0 else None
        if inner and len(inner) <= 4 and all(_name_word(t.text) for t in inner):
            return as_phrase(inner)
        first = inner[0].text if inner else ""
        opens = not first[:1].isupper() or sw.is_possessive(first)
        if (opens or first.lower() in sw.DETERMINERS) and sw.is_capitalized(toks[j - 1].text):
            return _phrase_back(toks, j - 1)[0]
        return None
    return None


def _name_before_role(toks: Sequence[Tok], phrase: Phrase | None) -> Phrase | None:
    """The name before a description that ends in a role and runs up to the verb without a
    closing comma: "Armando Falcon, OFHEO director said", "Paul Goosens, head of Preventon
    told"."""
    if phrase is None or not any(sw.is_role(w) for w in phrase.words):
        return None
    if sw.is_possessive(phrase.words[0]):
        return None  # "Juninho's agent says" is a subject of its own
    j = next((k for k, t in enumerate(toks) if t.start == phrase.start), None)
    if j is not None and j >= 2 and toks[j - 1].text.lower() in sw.DETERMINERS:
        j -= 1  # "Mark Serwotka, the leader of the union said"
    if j is None or j < 2 or toks[j - 1].text != ",":
        return None
    k = j - 1
    while k > 0 and k > j - 5 and _name_word(toks[k - 1].text):
        if toks[k - 1].text.lower() in sw.NOT_NAMES:
            return None  # "On Wednesday, a Home Office spokeswoman said"
        k -= 1
    if k == j - 1 or (k > 0 and toks[k - 1].text[0].isalnum() and not _edge(toks[k - 1].text)):
        return None
    return as_phrase(toks[k : j - 1])


def _edge(tok: str) -> bool:
    """A word after which a clause's subject may begin: a conjunction ("and", "but")."""
    return tok.lower() in sw.CONJUNCTIONS


def _opening_name(toks: Sequence[Tok], i: int) -> Phrase | None:
    """The name of up to four words that opens the clause and is followed by a comma, when
    the words from it to the comma at `i` are descriptions of it (no verb of their own)."""
    first = 0
    while first < i and not toks[first].text[0].isalnum():
        first += 1  # the closing mark of a quote before the clause
    k = first
    while k < min(i, first + 6) and _opening_word(toks[k].text):
        k += 1
    if k == first or k >= i or toks[k].text != ",":
        return None
    if any(t.text.lower() in sw.STOP_WORDS - _APPOSITIVE_WORDS for t in toks[k:i]):
        return None
    return as_phrase(toks[first:k])


def _opening_word(tok: str) -> bool:
    low = tok.lower()
    return sw.is_capitalized(tok) and low not in sw.CLAUSE_OPENERS and low not in sw.DETERMINERS


def _name_word(tok: str) -> bool:
    low = tok.lower()
    return sw.is_capitalized(tok) and low not in sw.ORG_WORDS and low not in sw.CLAUSE_OPENERS


def _before_parenthesis(toks: Sequence[Tok], i: int) -> int | None:
    for j in range(i - 1, max(i - 6, -1), -1):
        if toks[j].text == "(":
            return j - 1
    return None


def _phrase_back(toks: Sequence[Tok], i: int) -> tuple[Phrase | None, bool]:
    """The noun phrase that ends at token i, read backward to its determiner or a stop, and
    whether the tokens ran out before it ended."""
    words: list[Tok] = []
    while i >= 0 and len(words) < MAX_PHRASE:
        tok = toks[i].text
        low = tok.lower()
        if pronoun(tok) in sw.PRONOUNS:
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
        elif is_stop(tok):
            break
        else:
            words.append(toks[i])
        i -= 1
    # Stopping at the first tokens may be the window's doing ("for" of "Department for", "of"
    # of "Video of the incident").
    return as_phrase(list(reversed(words))), i <= 1


def _inside_of_phrase(toks: Sequence[Tok], i: int) -> bool:
    """A determiner after "of"/"from" inside a longer phrase ("the head of the IMF")."""
    if i < 2:
        return False
    return toks[i - 1].text in sw.NAME_CONNECTORS and not is_stop(toks[i - 2].text)


def _connects(toks: Sequence[Tok], i: int, after: str) -> bool:
    """Whether the connector at i joins two parts of one phrase: "Marks and Spencer" (names on
    both sides), "the head of the IMF" (a word before, a name or determiner after)."""
    before = toks[i - 1].text if i >= 1 else ""
    if not before or is_stop(before) or before.lower() in sw.DETERMINERS:
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


def as_phrase(words: Sequence[Tok]) -> Phrase | None:
    if not words or all(w.text.lower() in sw.DETERMINERS for w in words):
        return None
    head = words[-1].text
    if not (head[0].isalpha() or sw.is_role(head)):
        return None  # "£37.5bn predicted": a figure is no source
    if len(words) == 1 and head.islower() and head.endswith(_NOT_NOUN_ENDINGS):
        return None  # "denied reports", "compiled partly explain"
    return Phrase(words[0].start, words[-1].end, tuple(w.text for w in words))


def phrase_forward(toks: Iterable[Tok]) -> Phrase | None:
    """The noun phrase that starts at the first token ("said Robert Sinche, head of..."); it
    ends at a stop, or at a common word after a name ("by the ONS show")."""
    words = _words_forward(iter(toks))
    while words and words[-1].text.lower() in _INNER_WORDS:
        words.pop()
    if words and sw.is_possessive(words[-1].text):  # "said Alex McLeish of Novo's form"
        inner = [k for k, w in enumerate(words) if w.text.lower() in sw.NAME_CONNECTORS]
        words = words[: inner[-1]] if inner else words
    return as_phrase(words)


def _words_forward(toks: Iterator[Tok]) -> list[Tok]:
    """The tokens of a phrase read forward, taken from `toks` one ahead of need: a phrase
    seldom runs past a few words, and the rest of its window is never tokenized."""
    words: list[Tok] = []
    named = False  # whether a word read so far names
    tok = next(toks, None)
    while tok is not None:
        following = next(toks, None)
        last = ends_sentence(tok.text) and tok.text[0].isalnum()
        tok = Tok(tok.start, tok.end - 1, tok.text[:-1]) if last else tok
        if pronoun(tok.text):
            return words or [tok]
        nxt = following.text if following is not None and not last else ""
        if not _continues_forward(tok.text, nxt, bool(words), named):
            break
        words.append(tok)
        named = named or _names(tok.text)
        if last or len(words) >= FORWARD - 4:  # never past the FORWARD tokens of a window
            break
        tok = following
    return words


def _continues_forward(text: str, nxt: str, started: bool, named: bool) -> bool:
    """Whether `text` belongs to the phrase read so far (`started`, and `named` when one of its
    words names): a connector only before a name or a determiner; after a name, only names and
    roles ("Moscow-based US lawyer Jamie Firestone")."""
    if text.lower() in _INNER_WORDS:
        return not started or sw.is_capitalized(nxt) or nxt.lower() in sw.DETERMINERS
    if named and not sw.is_capitalized(text):
        # "said ISM survey chairman Norbert Ore", "said Cobain biographer Charles Cross": a
        # description between two names belongs to the phrase of the second.
        return sw.is_role(text) or (
            descriptor(text)
            and not is_stop(text, verbs=False)
            and (sw.is_capitalized(nxt) or sw.is_role(nxt))
        )
    return not is_stop(text, verbs=False)


def descriptor(tok: str) -> bool:
    """A lower-case word that may describe the name after it ("giant", "constituent",
    "boss"), not a verb ("thinks", "said", "according")."""
    if not tok.isalpha() or not tok.islower():
        return False
    return sw.is_role(tok) or not tok.endswith(("s", "ed", "ing"))
