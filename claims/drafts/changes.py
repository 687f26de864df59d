"""What changed between two versions of one claim, said the way a reviewer reads it.

`describe_changes` compares the fields of `COMPARED_FIELDS` (claims/drafts/align.py) and writes one
short phrase per change: "97% -> 95%", "qualifier: about -> more than", "quote shortened".
Values are compared as values, not strings ("97%" and "97 per cent" hold the same 0.97), with
the scorer's tolerance of 1e-9 relative.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from claims.schema import is_missing, plain_value, values_equal

Claim = Mapping[str, Any]

_QUALIFIER_WORDS = {
    "approx": "about",
    "more_than": "more than",
    "less_than": "less than",
    "at_least": "at least",
    "at_most": "at most",
}
_CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "INR": "₹"}
_SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_WORD = re.compile(r"\w+(?:['’]\w+)*")
# Kinds whose value is the speaker's name: a changed speaker is said once, as a speaker.
_SPEAKER_VALUED = frozenset({"quote", "attribution"})


def squash(text: Any) -> str:
    """White space aside: the comparison key of a string field ("" for a missing one)."""
    if isinstance(text, str):
        return " ".join(text.split())
    return "" if is_missing(text) else " ".join(str(text).split())


def same_value(a: Any, b: Any) -> bool:
    """Equal as values (`schema.values_equal`), strings as words: white space aside."""
    return values_equal(a, b, same_text=lambda x, y: squash(x) == squash(y))


def is_unchanged(old: Claim, new: Claim) -> bool:
    """Kind, text (white space aside), value, qualifier, unit, speaker and subject all equal."""
    if old.get("kind") != new.get("kind") or not same_value(old.get("value"), new.get("value")):
        return False
    fields = ("text", "qualifier", "unit", "speaker", "subject")
    return all(squash(old.get(f)) == squash(new.get(f)) for f in fields)


def describe_changes(old: Claim, new: Claim) -> str:
    """Everything that changed, one phrase each, joined with "; "."""
    kind = str(new.get("kind"))
    figure = [*_value_changes(kind, old, new), *_label_changes(kind, old, new)]
    context = [
        f"{field}: {_shown(old.get(field))} -> {_shown(new.get(field))}"
        for field in ("speaker", "subject")
        if squash(old.get(field)) != squash(new.get(field))
    ]
    text = []
    if squash(old.get("text")) != squash(new.get("text")):
        if kind == "quote":
            text = [quote_change(str(old.get("text")), str(new.get("text")))]
        # New words in a figure's span are explained by its new value, qualifier, unit or
        # speaker; said again they would only repeat it.
        elif not figure and not any(c.startswith("speaker:") for c in context):
            text = [f"text: {squash(old.get('text'))} -> {squash(new.get('text'))}"]
    return "; ".join([*figure, *text, *context]) or "changed"


def _label_changes(kind: str, old: Claim, new: Claim) -> list[str]:
    changes = []
    if squash(old.get("qualifier")) != squash(new.get("qualifier")):
        before, after = (_qualifier(c.get("qualifier")) for c in (old, new))
        changes.append(f"qualifier: {before} -> {after}")
    if kind != "money" and squash(old.get("unit")) != squash(new.get("unit")):
        changes.append(f"unit: {_shown(old.get('unit'))} -> {_shown(new.get('unit'))}")
    return changes


def quote_change(old: str, new: str) -> str:
    """Shortened when the new words are some of the old ones in order, lengthened the reverse."""
    old_words = _WORD.findall(old.lower())
    new_words = _WORD.findall(new.lower())
    if old_words == new_words:
        return "quote punctuation changed"
    if _in_order(new_words, old_words):
        return "quote shortened"
    if _in_order(old_words, new_words):
        return "quote lengthened"
    return "quote reworded"


def format_value(kind: str, value: Any, unit: Any = None) -> str:
    """A value as a reviewer writes it: 97%, $1.2 billion, 2025-09-03, 3,028, 80th."""
    value = plain_value(value)
    if is_missing(value):
        return "none"
    if isinstance(value, list | tuple):
        return " to ".join(format_value(kind, v, unit) for v in value)
    formatter = _FORMATTERS.get(kind)
    if formatter is None or not _is_number(value):
        return squash(value)
    return formatter(float(value), squash(unit))


def _value_changes(kind: str, old: Claim, new: Claim) -> list[str]:
    value_same = same_value(old.get("value"), new.get("value"))
    # A currency is part of a sum of money: "$600 million -> £600 million" says it best.
    currency_same = kind != "money" or squash(old.get("unit")) == squash(new.get("unit"))
    if value_same and currency_same:
        return []
    if kind == "comparison":
        return [f"{squash(old.get('text'))} -> {squash(new.get('text'))}"]
    if kind in _SPEAKER_VALUED and _mirrors_speaker(old) and _mirrors_speaker(new):
        return []
    before = format_value(kind, old.get("value"), old.get("unit"))
    after = format_value(kind, new.get("value"), new.get("unit"))
    prefix = "" if kind in _FORMATTERS or kind in ("date", "duration") else "value: "
    return [f"{prefix}{before} -> {after}"]


def _mirrors_speaker(claim: Claim) -> bool:
    return squash(claim.get("value")) == squash(claim.get("speaker"))


def _in_order(short: list[str], long: list[str]) -> bool:
    """Whether `short` is a subsequence of `long`."""
    words = iter(long)
    return len(short) < len(long) and all(word in words for word in short)


def _shown(value: Any) -> str:
    return squash(value) or "none"


def _qualifier(value: Any) -> str:
    text = squash(value)
    return _QUALIFIER_WORDS.get(text, text.replace("_", " ")) or "none"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _number(x: float) -> str:
    x = round(x, 9)
    if x.is_integer():
        return f"{int(x):,}"
    return f"{x:,.6f}".rstrip("0").rstrip(".")


def _percent(x: float, unit: str) -> str:
    points = unit == "percentage points"
    return f"{_number(x * 100)} percentage points" if points else f"{_number(x * 100)}%"


def _money(x: float, unit: str) -> str:
    amount = _number(x)
    for size, word in _SCALES:
        if abs(x) >= size:
            amount = f"{_number(round(x / size, 6))} {word}"
            break
    symbol = _CURRENCY_SYMBOLS.get(unit)
    if symbol:
        return f"{symbol}{amount}"
    return f"{amount} {unit}".strip()


def _ordinal(x: float, unit: str) -> str:
    if not x.is_integer():
        return _number(x)
    n = int(x)
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_FORMATTERS: dict[str, Callable[[float, str], str]] = {
    "percent": _percent,
    "money": _money,
    "count": lambda x, unit: _number(x),
    "quantity": lambda x, unit: _number(x),
    "ordinal": _ordinal,
}
