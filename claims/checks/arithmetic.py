"""Arithmetic within one sentence: a stated change against the two figures it joins.

"jumped 76% to $1.13bn from $639m" states a change and the figures it runs between. Each figure is
the interval its precision allows (`claims.evidence.values.figure`: $1.13bn is 1.125-1.135bn, 639m
is 638.5-639.5m, 76% is 75.5-76.5%; "about" widens, "more than" bounds), and the check flags only
when the change those figures make cannot meet the change stated.

Which figure is the old value and which the new is read from the words between them, with the
figures of the sentence replaced by tokens (`figures.Skeleton`); the readings are the table
`CHANGE_PATTERNS`, one regex an entry.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pandas as pd

from claims.evidence.values import figure
from claims.reading.patterns import word_alternation as alternation
from claims.reading.sentences import sentence_spans

Flag = tuple[str, str]

FIGURE_KINDS = frozenset({"percent", "money", "count", "quantity"})
RISE_WORDS = frozenset(
    """rose rise rises risen rising up jumped jump jumps climbed climb climbs increased
    increase increases grew grow grows grown gained gain gains surged surge soared soar
    advanced improved boosted leapt leaped rebounded""".split()
)
FALL_WORDS = frozenset(
    """fell fall falls fallen falling down dropped drop drops declined decline declines
    decreased decrease decreases slipped slip slumped slump plunged plunge plummeted tumbled
    sank slid eased dipped dip lost lose shrank shrunk contracted cut cuts reduced""".split()
)
# A figure in the skeleton of its sentence; format with the role the pattern gives it.
FIGURE_TOKEN = r"⟦(?P<{}>\d+)⟧"
# A figure restated in brackets right after another is a conversion or a gloss, not a new
# figure: "$1.13bn (£600m)", "2.4bn euros ($3.1bn; £2.9bn)".
_ASIDE = re.compile(r"(?<=⟧)\s*\((?:\s*[;,/]?\s*(?:[a-z]+ ){0,2}⟦\d+⟧)+\s*\)")


# "one in eight" is a share written upside down: "one in 12, down from one in eight" is no rise.
ONE_IN = "one in"
# A count of places is a rank: "rising nine places to 15" is a fall of the number.
RANK = "rank"
_RANK_UNITS = re.compile(r"^(?:places?|spots?|positions?|rungs?|notches?)\b", re.IGNORECASE)
_ONE_IN_BEFORE = re.compile(r"\b(?:one|1|a) in $", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Fig:
    """A figure claim as the interval its precision and qualifier allow."""

    index: int
    claim_id: str
    kind: str
    unit: str | None
    text: str
    start: int
    low: float
    high: float

    def same_measure(self, other: Fig) -> bool:
        """Money in one currency, percent against percent, counts of the same thing."""
        if self.kind != other.kind or self.kind in (ONE_IN, RANK):
            return False
        if self.kind == "count" and (self.unit is None or other.unit is None):
            return True
        return str(self.unit).lower() == str(other.unit).lower()


@dataclass(frozen=True, slots=True)
class Skeleton:
    """A sentence in lower case with each figure as a token ⟦i⟧, and where each character
    came from in the article (`origin`), so a match quotes the article's own words."""

    text: str
    figures: tuple[Fig, ...]
    origin: tuple[int, ...]
    article: str

    def phrase(self, start: int, end: int) -> str:
        return self.article[self.origin[start] : self.origin[end - 1] + 1].strip()


Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Article:
    """One article as every check reads it: its text, its claims as plain rows (a table is
    slow to walk row by row), its publication date and the skeletons of its sentences."""

    text: str
    rows: tuple[Row, ...]
    published: dt.date | None
    skeletons: tuple[Skeleton, ...]


def read_article(text: str, claims: pd.DataFrame, published: dt.date | None) -> Article:
    # The whole table as one object array, zipped into rows: ten times faster than
    # DataFrame.to_dict, and five times faster than a selection of its columns first.
    names = [str(name) for name in claims.columns]
    values = claims.to_numpy(dtype=object).tolist() if len(claims) else []
    rows = tuple(dict(zip(names, row, strict=True)) for row in values)
    return Article(text, rows, published, tuple(skeletons(text, rows)))


def skeletons(text: str, rows: Iterable[Row]) -> Iterator[Skeleton]:
    """The skeleton of each sentence that holds at least two figures."""
    by_sentence: dict[int, list[Row]] = {}
    for row in rows:
        if row["kind"] in FIGURE_KINDS:
            by_sentence.setdefault(int(row["sentence_index"]), []).append(row)
    if not any(len(found) >= 2 for found in by_sentence.values()):
        return
    spans = sentence_spans(text)
    for index, found in sorted(by_sentence.items()):
        if len(found) >= 2 and 0 <= index < len(spans):
            yield _skeleton(text, spans[index], sorted(found, key=lambda row: int(row["start"])))


def as_fig(index: int, row: Row, *, one_in: bool = False) -> Fig | None:
    """The figure of a claim row as an interval; None for a value that is no number."""
    found = figure(row["value"], _text_or_none(row["qualifier"]), str(row["text"]))
    if found is None:
        return None
    low, high = found.interval()
    unit = _text_or_none(row["unit"])
    kind = ONE_IN if one_in else str(row["kind"])
    if kind == "count" and unit and _RANK_UNITS.match(unit):
        kind = RANK
    return Fig(
        index, str(row["claim_id"]), kind, unit,
        str(row["text"]), int(row["start"]), low, high,
    )  # fmt: skip


def _text_or_none(value: object) -> str | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def _skeleton(text: str, span: tuple[int, int], rows: list[Row]) -> Skeleton:
    parts: list[str] = []
    origin: list[int] = []
    figs: list[Fig] = []
    cursor = span[0]
    for row in rows:
        start, end = int(row["start"]), int(row["end"])
        one_in = start >= cursor and bool(_ONE_IN_BEFORE.search(text, cursor, start))
        fig = as_fig(len(figs), row, one_in=one_in)
        if fig is None or start < cursor or end > span[1]:
            continue
        _append(parts, origin, text[cursor:start], range(cursor, start))
        token = f"⟦{fig.index}⟧"
        _append(parts, origin, token, [start] * (len(token) - 1) + [end - 1])
        figs.append(fig)
        cursor = end
    _append(parts, origin, text[cursor : span[1]], range(cursor, span[1]))
    skeleton, where = _drop_asides("".join(parts), origin)
    return Skeleton(skeleton, tuple(figs), tuple(where), text)


def _append(parts: list[str], origin: list[int], chunk: str, where: Iterable[int]) -> None:
    # A few characters change length in lower case; they keep their case so offsets hold.
    lowered = chunk.lower()
    parts.append(lowered if len(lowered) == len(chunk) else "".join(
        c.lower() if len(c.lower()) == 1 else c for c in chunk
    ))  # fmt: skip
    origin.extend(where)


def _drop_asides(skeleton: str, origin: list[int]) -> tuple[str, list[int]]:
    keep = [True] * len(skeleton)
    for m in _ASIDE.finditer(skeleton):
        keep[m.start() : m.end()] = [False] * (m.end() - m.start())
    text = "".join(c for c, k in zip(skeleton, keep, strict=True) if k)
    return text, [o for o, k in zip(origin, keep, strict=True) if k]


_VERB = rf"\b(?P<verb>{alternation([*RISE_WORDS, *FALL_WORDS])})"
_NOUN = alternation(
    "rise increase jump gain growth fall drop decline decrease cut reduction loss slump".split()
)
_FACTOR_WORDS = {"doubled": 2.0, "tripled": 3.0, "trebled": 3.0, "quadrupled": 4.0, "halved": 0.5}
# Words allowed between "to"/"from" and the figure they introduce ("to a record $5bn").
_TO = r"to (?:(?:reach|hit|a|an|record|new|total|a total of|stand at|just|the)\s)*"
_FROM = (
    r"(?:from|compared (?:with|to)) "
    r"(?:(?:a|an|the|its|their|his|her|just|only|record|revised|previous|[a-z]+['’]s)\s)*"
)
# Free words between the parts of one statement: no figure, no new clause.
_GAP = r"(?:(?!\b(?:while|whereas|but|and|although|as|with|compared|against)\b)[^⟦⟧;:]){0,80}?"
_AFTER = r"(?:,|\s[-–—])\s(?:an?\s|or\s)?(?:(?:" + _NOUN + r")\sof\s|up\s|down\s)?"


def _fig(role: str) -> str:
    return FIGURE_TOKEN.format(role)


_CHG, _ABS = _fig("chg"), _fig("abs")
_TO_NEW = rf" {_TO}{_fig('new')}"
_FROM_OLD = rf"\b{_FROM}{_fig('old')}"
_NEW = _fig("new")
_FACTOR = rf"\b(?P<factor>{alternation(_FACTOR_WORDS)})"

# Each reading names its figures: chg (the change stated), new, old; abs (a change in the
# figures' own unit beside a percent change); a factor word ("doubled") instead of chg.
CHANGE_PATTERNS: tuple[str, ...] = (
    # "jumped 76% to $1.13bn (£600m) for the three months to December, from $639m"
    rf"{_VERB}(?: by)?(?: an?)? {_CHG}{_GAP}{_TO_NEW}{_GAP}{_FROM_OLD}",
    # "rose 15% from a year ago to £546m", "rose by 3% from 42% to 45%"
    rf"{_VERB}(?: by)? {_CHG}{_GAP}{_FROM_OLD}{_GAP}{_TO_NEW}",
    # "rose from 42% to 45%, a rise of 3 percentage points"
    rf"{_VERB}(?: by)? {_FROM_OLD}{_GAP}{_TO_NEW}{_AFTER}{_CHG}",
    # "rose to 4.7% from 4.6%, up 0.1 points"; also a direction alone: "rose to 4.7% from 4.6%"
    rf"{_VERB}{_TO_NEW}{_GAP}{_FROM_OLD}(?:{_AFTER}{_CHG})?",
    rf"{_VERB} {_FROM_OLD}{_GAP}{_TO_NEW}",
    # "$5bn, up 10% from $4.5bn", "110m tons, up 21% on 91m tons"
    rf"{_NEW}{_GAP}, (?P<verb>up|down)(?: by)? {_CHG}{_GAP}\b(?:{_FROM}|on ){_fig('old')}",
    # "was 11.5% in 2004, down from 17% the previous year": a direction alone
    rf"{_NEW}{_GAP}(?:,|\s[-–—])? (?P<verb>up|down) {_FROM_OLD}",
    # "a 52% rise in profits for the year to £198m from the £130m seen a year earlier"
    rf"\b(?:an? )?{_CHG} (?P<verb>{_NOUN}) in{_GAP}{_TO_NEW}{_GAP}{_FROM_OLD}",
    # "had risen 20.54 points, or 0.2%, to 10,847.66", "up 64 pence, or 6%, at 1130p"
    rf"{_VERB}(?: by)? {_ABS},? or {_CHG},? (?:{_TO}|at ){_NEW}",
    # "halved in 2004 to $200m from $500m"
    rf"{_FACTOR}{_GAP}{_TO_NEW}{_GAP}{_FROM_OLD}",
    rf"{_FACTOR} {_FROM_OLD}{_GAP}{_TO_NEW}",
)
_COMPILED = tuple(re.compile(p) for p in CHANGE_PATTERNS)
# "doubled" is loose talk: 1.6x to 2.4x fits it ("losses halved to $200m from $500m" passes).
FACTOR_TOLERANCE = 0.2


def arithmetic_flags(article: Article) -> list[Flag]:
    """Changes stated in a sentence that its own figures do not make."""
    flags: dict[str, str] = {}
    for skeleton in article.skeletons:
        for shown, message in _sentence_flags(skeleton):
            flags.setdefault(shown, message)
    return list(flags.items())


def _sentence_flags(skeleton: Skeleton) -> Iterator[Flag]:
    seen: set[tuple[int, ...]] = set()
    for pattern in _COMPILED:
        for m in pattern.finditer(skeleton.text):
            roles = {k: skeleton.figures[int(v)] for k, v in m.groupdict().items() if _is_fig(k, v)}
            key = tuple(sorted(f.index for f in roles.values()))
            if key in seen:
                continue
            seen.add(key)
            flag = _check(skeleton.phrase(m.start(), m.end()), m, roles)
            if flag is not None:
                yield flag


def _is_fig(name: str, value: str | None) -> bool:
    return value is not None and name in ("chg", "new", "old", "abs")


def _check(phrase: str, m: re.Match[str], roles: dict[str, Fig]) -> Flag | None:
    new, old = roles.get("new"), roles.get("old")
    if m.groupdict().get("factor"):
        return _factor_flag(phrase, _FACTOR_WORDS[m["factor"]], new, old)
    direction = 1 if m["verb"] in RISE_WORDS else -1
    chg, absolute = roles.get("chg"), roles.get("abs")
    if new is None:
        return None
    if absolute is not None and chg is not None:
        return _implied_old_flag(phrase, direction, absolute, chg, new)
    if old is None or not new.same_measure(old):
        return None
    if chg is None:
        return _direction_flag(phrase, direction, new, old)
    return _change_flag(phrase, direction, chg, new, old)


def _change_flag(phrase: str, direction: int, chg: Fig, new: Fig, old: Fig) -> Flag | None:
    stated = _signed(direction, chg)
    if chg.kind == "count" and new.kind == "percent":
        stated = _scaled(stated, 0.01)  # "up 3 points" between two percents: 0.03 as a ratio
    readings = list(_readings(chg, new, old))
    if not readings or any(_meet(stated, made) for _, made in readings):
        return None
    label, made = readings[0]
    return chg.claim_id, f"{phrase}: those figures make {_describe(made, label, direction, chg)}."


def _readings(chg: Fig, new: Fig, old: Fig) -> Iterable[tuple[str, tuple[float, float]]]:
    """What the two figures make, in each sense the stated change can have.

    A plain percent beside two percents may be relative ("a rise of 7%") or in points (news
    often writes "3%" for three points): either fitting is enough.
    """
    points = chg.kind == "percent" and chg.unit == "percentage points"
    points = points or (chg.kind == "count" and "point" in str(chg.unit or ""))
    if points and new.kind == "percent":
        yield "points", _difference(new, old)
    elif points or (chg.kind != "percent" and chg.same_measure(new)):
        yield "absolute", _difference(new, old)
    elif chg.kind == "percent" and chg.unit is None:
        if old.low > 0:
            yield "percent", _ratio_change(new, old)
        if new.kind == "percent":
            yield "points", _difference(new, old)


def _implied_old_flag(
    phrase: str, direction: int, absolute: Fig, chg: Fig, new: Fig
) -> Flag | None:
    """ "risen 20.54 points, or 0.2%, to 10,847.66": the old value is the new less the rise."""
    if chg.kind != "percent" or chg.unit is not None or new.kind == "percent":
        return None
    if not (absolute.same_measure(new) or "point" in str(absolute.unit or "")):
        return None
    step = (direction * absolute.low, direction * absolute.high)
    old = (new.low - step[1], new.high - step[0])
    if old[0] <= 0:
        return None
    made = (min(step) / old[1], max(step) / old[0])
    if _meet(_signed(direction, chg), made):
        return None
    return (
        chg.claim_id,
        f"{phrase}: those figures make {_describe(made, 'percent', direction, chg)}.",
    )


def _direction_flag(phrase: str, direction: int, new: Fig, old: Fig) -> Flag | None:
    if new.kind == "count" and new.unit is None and old.unit is None:
        return None  # "at five, up from 13": bare numbers may be places in a chart
    change = _difference(new, old)
    if (change[0] > 0 and direction < 0) or (change[1] < 0 and direction > 0):
        went = "up" if change[0] > 0 else "down"
        word = "a rise" if direction > 0 else "a fall"
        return new.claim_id, f"{phrase}: {old.text} to {new.text} goes {went}, not {word}."
    return None


def _factor_flag(phrase: str, factor: float, new: Fig | None, old: Fig | None) -> Flag | None:
    if new is None or old is None or not new.same_measure(old) or old.low <= 0:
        return None
    made = (new.low / old.high, new.high / old.low)
    allowed = (factor * (1 - FACTOR_TOLERANCE), factor * (1 + FACTOR_TOLERANCE))
    if _meet(allowed, made):
        return None
    times = f"about {sum(made) / 2:.2g}" if math.isfinite(made[1]) else f"over {made[0]:.2g}"
    return new.claim_id, f"{phrase}: {old.text} to {new.text} is {times} times, not {factor:g}."


def _difference(new: Fig, old: Fig) -> tuple[float, float]:
    return new.low - old.high, new.high - old.low


def _ratio_change(new: Fig, old: Fig) -> tuple[float, float]:
    return new.low / old.high - 1, new.high / old.low - 1


def _scaled(interval: tuple[float, float], factor: float) -> tuple[float, float]:
    return interval[0] * factor, interval[1] * factor


def _signed(direction: int, chg: Fig) -> tuple[float, float]:
    return (chg.low, chg.high) if direction > 0 else (-chg.high, -chg.low)


def _meet(a: tuple[float, float], b: tuple[float, float]) -> bool:
    slack = 1e-9 * max(1.0, *(abs(x) for x in (*a, *b) if math.isfinite(x)))
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


def _describe(made: tuple[float, float], label: str, direction: int, chg: Fig) -> str:
    """ "a rise of about 77%, not 50%"; the stated direction is named when it is the wrong one.
    A figure written "more than" leaves one end open: "a rise of at least 82%"."""
    low, high = made
    closed = math.isfinite(low) and math.isfinite(high)
    mid = (low + high) / 2 if closed else (low if math.isfinite(low) else high)
    word = "a rise" if mid >= 0 else "a fall"
    # Open away from zero, the size is a floor: "to more than $10bn from $5bn", at least 82%.
    floor = (mid >= 0) == math.isinf(high)
    bound = "about" if closed else ("at least" if floor else "at most")
    named = f"{'a rise' if direction > 0 else 'a fall'} of {chg.text}"
    stated = chg.text if (mid >= 0) == (direction > 0) else named
    return f"{word} of {bound} {_size(abs(mid), label)}, not {stated}"


def _size(value: float, label: str) -> str:
    if label == "absolute":
        return f"{value:,.4g}"
    percent = f"{value * 100:.1f}".removesuffix(".0") if value < 0.1 else f"{value * 100:.0f}"
    return percent + (" points" if label == "points" else "%")
