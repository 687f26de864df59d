"""Scoring quote and attribution rows against attribution-annotated news (PolNeAR's form).

The gold of an article is a list of attribution relations, each with `kind` (`direct`,
`indirect`, `other`), `cue`, `source`, `content` and `quoted` spans, a `speaker_group`
(`named`, `pronoun`, `descriptive`, `no-source`) and `speaker_names`. The rules (those of the
evaluation data's README):

- a `direct` relation is found when a quote row overlaps one of its `quoted` spans; its speaker
  is read from the row that overlaps them most;
- a speaker is right when, titles and possessives dropped, its last word is the last word of
  one of `speaker_names` and it adds no word that name lacks ("Trump" or "Donald Trump" for
  "donald trump"; not "Trump campaign", not "Ivanka Trump"); a missing speaker is wrong;
- `pronoun` and `descriptive` relations are scored only where `speaker_names` is not empty;
- an `indirect` relation is found when an attribution row overlaps its `cue` or `source`;
- a quote row is false when it overlaps no relation's `content` (scare quotes, titles,
  markup), and an attribution row when it overlaps no relation's cue, source or content.

Rows are `(kind, start, end, speaker)`; a table's rows come from `speech_rows`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

Row = tuple[str, int, int, str | None]
Spans = Sequence[Sequence[int]]

# Words a speaker's name may carry that are no part of the name.
_NOT_NAME = frozenset(
    """the a an mr mrs ms miss dr sen rep gov gen president former secretary senator
    governor representative candidate nominee""".split()
)
_WORD = re.compile(r"\w+")
_POSSESSIVE = re.compile(r"['’]s\b")
_INNER_MARKS = re.compile(r"(?<=\w)['’.-](?=\w)|(?<=\w)\.")
WORDS_OF_A_QUOTE = 3  # PolNeAR's `direct` relations quote at least this many words


def name_words(name: str) -> list[str]:
    """The words of a name, lower-cased, without possessives, titles and articles."""
    # The annotations write names without their inner marks ("oneill", "gk butterfield").
    bare = _INNER_MARKS.sub("", _POSSESSIVE.sub("", name.lower()))
    return [w for w in _WORD.findall(bare) if w not in _NOT_NAME]


def speaker_right(speaker: str | None, names: Iterable[str]) -> bool:
    """Whether `speaker` names one of `names` by the rule of the module docstring."""
    if speaker is None:
        return False
    ours = name_words(speaker)
    if not ours:
        return False
    for name in names:
        gold = name_words(name)
        if gold and ours[-1] == gold[-1] and set(ours) <= set(gold):
            return True
    return False


def _overlap(start: int, end: int, spans: Spans) -> int:
    return sum(max(0, min(end, b) - max(start, a)) for a, b in spans)


@dataclass
class SpeechScores:
    """Counts over any number of articles; the shares are properties."""

    direct: int = 0
    direct_found: int = 0
    named: int = 0
    named_right: int = 0
    resolved: int = 0  # pronoun and descriptive direct relations with names
    resolved_right: int = 0
    with_names: int = 0  # direct relations with names (any group) whose quote was found
    no_speaker: int = 0
    indirect: int = 0
    indirect_found: int = 0
    indirect_named: int = 0  # found indirect relations of a named source
    indirect_named_right: int = 0
    quote_rows: int = 0
    false_quote_rows: int = 0  # of at least WORDS_OF_A_QUOTE words
    attribution_rows: int = 0
    false_attribution_rows: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)

    def add(self, text: str, rows: Sequence[Row], gold: Sequence[Mapping[str, Any]]) -> None:
        """Scores one article's rows against its gold relations."""
        quotes = [r for r in rows if r[0] == "quote"]
        attrs = [r for r in rows if r[0] == "attribution"]
        for relation in gold:
            if relation["kind"] == "direct":
                self._direct(quotes, relation)
            elif relation["kind"] == "indirect":
                self._indirect(attrs, relation)
        contents = [s for r in gold for s in r["content"]]
        marked = [s for r in gold for key in ("cue", "source", "content") for s in r[key]]
        self.quote_rows += len(quotes)
        self.false_quote_rows += sum(
            1
            for _, a, b, _ in quotes
            if len(text[a:b].split()) >= WORDS_OF_A_QUOTE and not _overlap(a, b, contents)
        )
        self.attribution_rows += len(attrs)
        self.false_attribution_rows += sum(1 for _, a, b, _ in attrs if not _overlap(a, b, marked))

    def _direct(self, quotes: Sequence[Row], relation: Mapping[str, Any]) -> None:
        self.direct += 1
        quoted = relation["quoted"]
        best = max(quotes, key=lambda r: _overlap(r[1], r[2], quoted), default=None)
        found = best is not None and _overlap(best[1], best[2], quoted) > 0
        self.direct_found += found
        speaker = best[3] if found and best is not None else None
        names, group = relation["speaker_names"], relation["speaker_group"]
        right = speaker_right(speaker, names)
        if group == "named":
            self.named += 1
            self.named_right += right
        elif group in ("pronoun", "descriptive") and names:
            self.resolved += 1
            self.resolved_right += right
        if names and found:
            self.with_names += 1
            self.no_speaker += speaker is None
        if names and group != "no-source" and not right:
            self.misses.append({"group": group, "names": names, "speaker": speaker, **relation})

    def _indirect(self, attrs: Sequence[Row], relation: Mapping[str, Any]) -> None:
        self.indirect += 1
        spans = [*relation["cue"], *relation["source"]]
        best = max(attrs, key=lambda r: _overlap(r[1], r[2], spans), default=None)
        if best is None or not _overlap(best[1], best[2], spans):
            return
        self.indirect_found += 1
        if relation["speaker_group"] == "named":
            self.indirect_named += 1
            self.indirect_named_right += speaker_right(best[3], relation["speaker_names"])

    def shares(self) -> dict[str, float]:
        """The figures the goals are stated in."""
        return {
            "direct found": _share(self.direct_found, self.direct),
            "false quote rows": _share(self.false_quote_rows, self.quote_rows),
            "named speaker right": _share(self.named_right, self.named),
            "pronoun/description resolved": _share(self.resolved_right, self.resolved),
            "no speaker": _share(self.no_speaker, self.with_names),
            "indirect found": _share(self.indirect_found, self.indirect),
            "indirect named source right": _share(self.indirect_named_right, self.indirect_named),
            "false attribution rows": _share(self.false_attribution_rows, self.attribution_rows),
        }


def _share(part: int, whole: int) -> float:
    return part / whole if whole else float("nan")


def speech_rows(table: Any) -> list[Row]:
    """The quote and attribution rows of a claim table, as `(kind, start, end, speaker)`."""
    speech = table[table["kind"].isin(["quote", "attribution"])]
    return [
        (kind, int(start), int(end), None if not isinstance(speaker, str) else speaker)
        for kind, start, end, speaker in zip(
            speech["kind"], speech["start"], speech["end"], speech["speaker"], strict=True
        )
    ]
