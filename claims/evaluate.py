"""Scoring a claim table against gold annotations (the rules at the end of CLAIM-SCHEMA.md).

A found claim matches a gold claim when their spans overlap and their kinds agree; pairs are
made greedily, one to one, largest overlap first. Gold rows marked `optional` count neither way.

Two readings of the rules are fixed here, because the gold files depend on them:

- A found claim that matches nothing is *extra* (it lowers precision) only when it overlaps no gold
  claim of its own family: speech (quote, attribution) or figures (every other kind). A found
  count that overlaps a gold money row is a wrong kind, not an invention, and is left to recall;
  but a gold quote does not excuse a figure found inside it, since every figure inside a quote is
  annotated on its own (and a span of figures does not excuse an invented quote).
- A found claim that matches nothing and overlaps a `not_a_claim` row is an *error*. Errors are
  counted on their own and, when they also overlap no gold claim of their family, as extra too.
  A found claim that matches a real claim is never an error, even when its span runs into a
  neighbouring `not_a_claim` row ("six Airbus A321 aircraft" beside a gold "A321").

Values are compared for the numeric and date kinds, speakers for quotes and attributions, both
over the matched required pairs only.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from rapidfuzz import fuzz, utils

from claims.schema import KINDS, is_missing, values_equal

NUMERIC_DATE_KINDS: tuple[str, ...] = (
    "percent",
    "count",
    "money",
    "quantity",
    "ordinal",
    "date",
    "duration",
)
SPEECH_KINDS: tuple[str, ...] = ("quote", "attribution")
# The report lists every kind of the schema, in its order, even with no rows: tables of several
# articles then line up row for row.
REPORT_KINDS: tuple[str, ...] = KINDS
NOT_A_CLAIM = "not_a_claim"
NUMERIC_DATE_ROW = "numeric+date"
ALL_ROW = "all"
SPEAKER_CUTOFF = 90.0

COUNT_COLUMNS: tuple[str, ...] = (
    "gold",
    "found",
    "matched_required",
    "matched_optional",
    "missed",
    "extra",
    "errors",
    "value_checked",
    "value_ok",
    "speaker_checked",
    "speaker_ok",
)
COLUMNS: tuple[str, ...] = (
    "kind",
    "gold",
    "found",
    "matched_required",
    "matched_optional",
    "missed",
    "extra",
    "errors",
    "recall",
    "precision",
    "value_checked",
    "value_ok",
    "value_accuracy",
    "speaker_checked",
    "speaker_ok",
    "speaker_accuracy",
)
MISMATCH_COLUMNS: tuple[str, ...] = (
    "problem",
    "kind",
    "start",
    "end",
    "text",
    "found_value",
    "gold_value",
    "found_speaker",
    "gold_speaker",
    "note",
)


@dataclass(frozen=True, slots=True)
class _Span:
    """One row of either side, reduced to what scoring needs."""

    index: int
    kind: str
    start: int
    end: int
    text: str | None
    value: Any
    speakers: tuple[str, ...]
    optional: bool = False


@dataclass(frozen=True, slots=True)
class _Outcome:
    """How every found and gold row of one article fared."""

    found: list[_Span]
    gold: list[_Span]
    not_claims: list[_Span]
    pairs: dict[int, int]  # found index -> gold index

    @property
    def matched_gold(self) -> set[int]:
        return set(self.pairs.values())


def _family(kind: str) -> str:
    return "speech" if kind in SPEECH_KINDS else "figures"


def _overlap(a: _Span, b: _Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def speaker_matches(found: Any, gold: Sequence[str]) -> bool:
    """token_set_ratio of at least 90 with any acceptable gold name; case and punctuation aside."""
    if is_missing(found) or not str(found).strip():
        return not gold
    return any(
        fuzz.token_set_ratio(str(found), name, processor=utils.default_process) >= SPEAKER_CUTOFF
        for name in gold
    )


def _text_or_none(value: Any) -> str | None:
    return None if is_missing(value) else str(value)


def _found_spans(found: pd.DataFrame) -> list[_Span]:
    spans = []
    for index, row in enumerate(found.to_dict("records")):
        speaker = row.get("speaker")
        spans.append(
            _Span(
                index=index,
                kind=str(row["kind"]),
                start=int(row["start"]),
                end=int(row["end"]),
                text=_text_or_none(row.get("text")),
                value=row.get("value"),
                speakers=() if is_missing(speaker) else (str(speaker),),
            )
        )
    return spans


def _gold_spans(gold: Sequence[Mapping[str, Any]]) -> list[_Span]:
    spans = []
    for index, row in enumerate(gold):
        names = [row.get("speaker"), *(row.get("speaker_also") or ())]
        spans.append(
            _Span(
                index=index,
                kind=str(row["kind"]),
                start=int(row["start"]),
                end=int(row["end"]),
                text=row.get("text"),
                value=row.get("value"),
                speakers=tuple(str(name) for name in names if not is_missing(name)),
                optional=bool(row.get("optional", False)),
            )
        )
    return spans


def _pair(found: list[_Span], gold: list[_Span]) -> dict[int, int]:
    """Greedy one-to-one pairing: largest overlap first, a required row before an optional one."""
    candidates = [
        (-_overlap(f, g), g.optional, abs(f.start - g.start) + abs(f.end - g.end), f.index, g.index)
        for f in found
        for g in gold
        if f.kind == g.kind and _overlap(f, g) > 0
    ]
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for *_, f_index, g_index in sorted(candidates):
        if f_index not in pairs and g_index not in taken:
            pairs[f_index] = g_index
            taken.add(g_index)
    return pairs


def _outcome(found: pd.DataFrame, gold: Sequence[Mapping[str, Any]]) -> _Outcome:
    found_spans = _found_spans(found)
    all_gold = _gold_spans(gold)
    claims = [g for g in all_gold if g.kind != NOT_A_CLAIM]
    not_claims = [g for g in all_gold if g.kind == NOT_A_CLAIM]
    return _Outcome(found_spans, all_gold, not_claims, _pair(found_spans, claims))


def _is_extra(span: _Span, outcome: _Outcome) -> bool:
    family = _family(span.kind)
    return not any(
        _family(g.kind) == family and _overlap(span, g) > 0
        for g in outcome.gold
        if g.kind != NOT_A_CLAIM
    )


def _errors_with(span: _Span, outcome: _Outcome) -> list[_Span]:
    return [g for g in outcome.not_claims if _overlap(span, g) > 0]


def _counts(found: pd.DataFrame, gold: Sequence[Mapping[str, Any]]) -> dict[str, Counter[str]]:
    """Per-kind counts for one article (no ratios, no aggregate rows): these add up."""
    outcome = _outcome(found, gold)
    counts: dict[str, Counter[str]] = {kind: Counter() for kind in REPORT_KINDS}
    for g in outcome.gold:
        if g.kind != NOT_A_CLAIM and not g.optional:
            counts.setdefault(g.kind, Counter())["gold"] += 1
    for f in outcome.found:
        tally = counts.setdefault(f.kind, Counter())
        tally["found"] += 1
        if f.index in outcome.pairs:
            g = outcome.gold[outcome.pairs[f.index]]
            if g.optional:
                tally["matched_optional"] += 1
                continue
            tally["matched_required"] += 1
            if f.kind in NUMERIC_DATE_KINDS:
                tally["value_checked"] += 1
                tally["value_ok"] += values_equal(f.value, g.value)
            if f.kind in SPEECH_KINDS:
                tally["speaker_checked"] += 1
                tally["speaker_ok"] += speaker_matches(next(iter(f.speakers), None), g.speakers)
            continue
        tally["extra"] += _is_extra(f, outcome)
        tally["errors"] += bool(_errors_with(f, outcome))
    for tally in counts.values():
        tally["missed"] = tally["gold"] - tally["matched_required"]
    return counts


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else math.nan


def _row(kind: str, tally: Counter[str]) -> dict[str, Any]:
    row: dict[str, Any] = {"kind": kind, **{column: int(tally[column]) for column in COUNT_COLUMNS}}
    row["recall"] = _ratio(tally["matched_required"], tally["gold"])
    row["precision"] = _ratio(tally["matched_required"], tally["matched_required"] + tally["extra"])
    row["value_accuracy"] = _ratio(tally["value_ok"], tally["value_checked"])
    row["speaker_accuracy"] = _ratio(tally["speaker_ok"], tally["speaker_checked"])
    return row


def _table(counts: Mapping[str, Counter[str]]) -> pd.DataFrame:
    kinds = [*REPORT_KINDS, *sorted(set(counts) - set(REPORT_KINDS))]
    rows = [_row(kind, counts.get(kind, Counter())) for kind in kinds]
    numeric = sum((counts.get(kind, Counter()) for kind in NUMERIC_DATE_KINDS), Counter())
    every = sum(counts.values(), Counter())
    rows += [_row(NUMERIC_DATE_ROW, numeric), _row(ALL_ROW, every)]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def score_claims(found: pd.DataFrame, gold: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """Precision, recall, value and speaker accuracy of one article's claims, one row per kind.

    `found` is a claim table (at least `kind`, `start`, `end`; `value` and `speaker` when
    present); `gold` the article's gold rows. Rows for every kind of the schema, then
    "numeric+date" (percent, count, money, quantity, ordinal, date, duration) and "all".
    Ratios with nothing to divide by are NaN.
    """
    return _table(_counts(found, gold))


def score_many(pairs: Iterable[tuple[pd.DataFrame, Sequence[Mapping[str, Any]]]]) -> pd.DataFrame:
    """The same table over several articles: counts summed first, ratios computed on the sums."""
    total: dict[str, Counter[str]] = {}
    for found, gold in pairs:
        for kind, tally in _counts(found, gold).items():
            total.setdefault(kind, Counter()).update(tally)
    return _table(total)


def _problem(
    problem: str,
    span: _Span,
    *,
    found: _Span | None = None,
    gold: _Span | None = None,
    note: str | None = None,
) -> dict[str, Any]:
    return {
        "problem": problem,
        "kind": span.kind,
        "start": span.start,
        "end": span.end,
        "text": span.text,
        "found_value": found.value if found else None,
        "gold_value": gold.value if gold else None,
        "found_speaker": next(iter(found.speakers), None) if found else None,
        "gold_speaker": next(iter(gold.speakers), None) if gold else None,
        "note": note,
    }


def _unmatched_found(span: _Span, outcome: _Outcome) -> list[dict[str, Any]]:
    problems = []
    for bad in _errors_with(span, outcome):
        problems.append(_problem("error", span, found=span, note=f"not a claim: {bad.text!r}"))
    if _is_extra(span, outcome):
        problems.append(_problem("extra", span, found=span))
    elif not problems:
        near = [
            f"{g.kind} {g.text!r}"
            for g in outcome.gold
            if g.kind != NOT_A_CLAIM and _overlap(span, g) > 0
        ]
        problems.append(_problem("unmatched", span, found=span, note="overlaps " + "; ".join(near)))
    return problems


def mismatches(found: pd.DataFrame, gold: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    """What to look at: missed gold rows, extra and wrong found rows, wrong values and speakers.

    `problem` is one of "missed", "extra", "error" (overlaps a not_a_claim row), "unmatched"
    (overlaps gold rows of other kinds or already paired ones: not counted against precision),
    "wrong_value" and "wrong_speaker". Sorted by position.
    """
    outcome = _outcome(found, gold)
    rows: list[dict[str, Any]] = []
    for g in outcome.gold:
        if g.kind != NOT_A_CLAIM and not g.optional and g.index not in outcome.matched_gold:
            rows.append(_problem("missed", g, gold=g))
    for f in outcome.found:
        if f.index not in outcome.pairs:
            rows.extend(_unmatched_found(f, outcome))
            continue
        g = outcome.gold[outcome.pairs[f.index]]
        if g.optional:
            continue
        if f.kind in NUMERIC_DATE_KINDS and not values_equal(f.value, g.value):
            rows.append(_problem("wrong_value", g, found=f, gold=g))
        if f.kind in SPEECH_KINDS and not speaker_matches(next(iter(f.speakers), None), g.speakers):
            rows.append(_problem("wrong_speaker", g, found=f, gold=g))
    frame = pd.DataFrame(rows, columns=list(MISMATCH_COLUMNS))
    return frame.sort_values(["start", "end", "problem"], kind="stable").reset_index(drop=True)
