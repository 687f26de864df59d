"""How a source's value relates to a claim's: numbers, durations and dates.

Pure functions over plain values (the words of subjects and units are in
`claims.evidence.subject_words`); `agreement` picks the values to compare and gives the verdict
(its docstring states the rules). A relation is "agrees", "conflicts", "coarser" (agrees at the
source's lower precision only), "consistent" (the source's figure is within the claim's bound
or range but is not that bound or range: "at least 12" against 20, "16 to 30" against "18 to
30") or None (the source neither confirms nor contradicts).

A number's precision `step` is one unit of the last digit written, zeros included ("1.2%" ->
0.001, "$1.13bn" -> 1e7, "2,000" -> 1); a spelled number's is its last non-zero digit ("two
million" -> 1e6). Bounds and ranges are intervals, where a source's exact figure is taken at its
word: "more than 5 million" against a source's "5 million" conflicts.
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from dataclasses import dataclass

from claims.dates.words import MONTHS

Relation = str | None
APPROX_RELATIVE = 0.02
# A source one digit less precise may round the claim ("97%" for 96.8%); "two years" does not
# round "18 months".
COARSER_STEPS = 10
COARSER_DAYS = 31
_EPS = 1e-9
_NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")
# qualifier -> (direction of the half-line, whether the bound itself is excluded)
_BOUNDS = {"more_than": (1, 1), "at_least": (1, 0), "less_than": (-1, 1), "at_most": (-1, 0)}


@dataclass(frozen=True, slots=True)
class Figure:
    """A number or a [low, high] range as written: its qualifier and its precision."""

    value: float | tuple[float, float]
    qualifier: str | None
    step: float

    @property
    def is_point(self) -> bool:
        return not isinstance(self.value, tuple) and self.qualifier in (None, "approx")

    def tolerance(self) -> float:
        half = self.step / 2
        if self.qualifier != "approx" or isinstance(self.value, tuple):
            return half
        return max(half, APPROX_RELATIVE * abs(self.value))

    def interval(self, *, source: bool = False) -> tuple[float, float]:
        """The values the figure allows; a source's exact figure is taken at its word."""
        if isinstance(self.value, tuple):
            return self.value[0] - self.step / 2, self.value[1] + self.step / 2
        if self.qualifier is not None and self.qualifier in _BOUNDS:
            direction, strict = _BOUNDS[self.qualifier]
            edge = self.value + direction * strict * _EPS * max(abs(self.value), 1.0)
            return (edge, math.inf) if direction > 0 else (-math.inf, edge)
        width = 0.0 if source and self.qualifier is None else self.tolerance()
        return self.value - width, self.value + width


def figure(value: object, qualifier: str | None, text: str | None) -> Figure | None:
    """A claim's or a passage value's figure; None when the value is not a number or range."""
    if isinstance(value, list | tuple) and len(value) == 2:
        low, high = _number(value[0]), _number(value[1])
        if low is None or high is None:
            return None
        return Figure((low, high), "range", _step(text or "", low))
    number = _number(value)
    if number is None:
        return None
    return Figure(number, qualifier, _step(text or "", number))


def _number(value: object) -> float | None:
    if type(value) is float:  # the common case, without the abstract base class
        return None if math.isnan(value) else value
    # numbers.Real: a value read back from a table may be a numpy scalar.
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _step(text: str, value: float) -> float:
    """One unit of the last digit written, in the value's own units (percent as a ratio...)."""
    m = _NUMERAL.search(text)
    digits = m.group().replace(",", "") if m else ""
    written = float(digits) if digits else 0.0
    if written == 0:
        return _spelled_step(value)
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return abs(value / written) * 10.0**-decimals  # value / written: "$1.2bn" 1e9, "97%" 0.01


def _spelled_step(value: float) -> float:
    """ "two million" is precise to a million, "twenty-six" to one, "a third" to 2% of itself."""
    if value == 0 or not float(value).is_integer():
        return abs(value) * 0.02 or 1.0
    step = 1.0
    while value % (step * 10) == 0:
        step *= 10
    return step


def relate(claim: Figure, source: Figure) -> Relation:
    """Does `source` confirm (agrees), contradict (conflicts) or only bound (None) `claim`?

    "coarser" is agreement at the source's precision only: "96.8%" against a source's "97%".
    """
    if claim.is_point and source.is_point:
        assert not isinstance(claim.value, tuple) and not isinstance(source.value, tuple)
        gap = abs(claim.value - source.value) - _EPS * max(abs(claim.value), 1.0)
        if gap <= claim.tolerance():
            return "agrees"
        rounded = source.step <= COARSER_STEPS * claim.step * (1 + _EPS)
        return "coarser" if rounded and gap <= source.tolerance() else "conflicts"
    relation = _relate_intervals(claim.interval(), source.interval(source=True))
    if relation == "agrees" and not claim.is_point and not _same_figure(claim, source):
        return "consistent"  # "at least 12" against 20: true, but not the source's figure
    return relation


def _same_figure(claim: Figure, source: Figure) -> bool:
    """The source states the claim's very bound or range, within the claim's precision."""
    if claim.qualifier != source.qualifier:
        return False
    ends = zip(_ends(claim.value), _ends(source.value), strict=True)
    return all(abs(a - b) <= claim.step / 2 + _EPS * max(abs(a), 1.0) for a, b in ends)


def _ends(value: float | tuple[float, float]) -> tuple[float, ...]:
    return value if isinstance(value, tuple) else (value,)


def _relate_intervals(claim: tuple[float, float], source: tuple[float, float]) -> Relation:
    if claim[0] <= source[0] and source[1] <= claim[1]:
        return "agrees"
    if source[1] < claim[0] or claim[1] < source[0]:
        return "conflicts"
    return None


# Durations: ISO 8601 -> seconds; a month is a twelfth of a Julian year, so P18M == P1.5Y.
_YEAR_SECONDS = 365.25 * 86400
_DESIGNATORS = {
    ("date", "Y"): _YEAR_SECONDS,
    ("date", "M"): _YEAR_SECONDS / 12,
    ("date", "W"): 7 * 86400.0,
    ("date", "D"): 86400.0,
    ("time", "H"): 3600.0,
    ("time", "M"): 60.0,
    ("time", "S"): 1.0,
}
_DURATION_PART = re.compile(r"(\d+(?:\.\d+)?)([YMWDHS])")


def duration_figure(value: object, qualifier: str | None) -> Figure | None:
    """An ISO duration ("P6Y", "PT54M", ["P2Y", "P3Y"]) as seconds, precise to its last unit."""
    if isinstance(value, list | tuple) and len(value) == 2:
        low, high = _seconds(value[0]), _seconds(value[1])
        if low is None or high is None:
            return None
        return Figure((low[0], high[0]), "range", high[1])
    parsed = _seconds(value)
    return Figure(parsed[0], qualifier, parsed[1]) if parsed else None


def _seconds(iso: object) -> tuple[float, float] | None:
    if not isinstance(iso, str) or not iso.startswith("P"):
        return None
    total, step = 0.0, 0.0
    for section, part in (("date", iso[1:].split("T")[0]), ("time", "".join(iso.split("T")[1:]))):
        for m in _DURATION_PART.finditer(part):
            unit = _DESIGNATORS[(section, m.group(2))]
            total += float(m.group(1)) * unit
            decimals = len(m.group(1).split(".")[1]) if "." in m.group(1) else 0
            step = unit * 10.0**-decimals
    return (total, step) if step else None


# Dates: an ISO value at any precision -> the first and last day it covers (proleptic ordinals).
Days = tuple[int, int]
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?|(\d{4})-W(\d\d)|(\d{3})X")
_PARTS = {"early": (0, 1), "mid": (1, 2), "late": (2, 3)}


def date_days(iso: object, qualifier: str | None = None) -> Days | None:
    """Days covered by "2011", "2011-12", "2011-12-05", "2025-W36", "201X" or "2019/2021".

    "early", "mid" and "late" take the first, middle or last third; "since", "before" and
    "after" keep their anchor, which is what a source can confirm.
    """
    if not isinstance(iso, str):
        return None
    ends = [_days(part) for part in iso.split("/")]
    if not ends or any(e is None for e in ends):
        return None
    first, last = ends[0][0], ends[-1][1]  # type: ignore[index]
    if qualifier in _PARTS:
        third = (last - first + 1) / 3
        lo, hi = _PARTS[qualifier]
        first, last = first + int(lo * third), first + math.ceil(hi * third) - 1
    return first, last


def _days(iso: str) -> Days | None:
    m = _ISO_DATE.fullmatch(iso)
    if m is None:
        return None
    try:
        if m.group(6):
            decade = int(m.group(6)) * 10
            return _ordinal(decade, 1, 1), _ordinal(decade + 9, 12, 31)
        if m.group(4):
            monday = dt.date.fromisocalendar(int(m.group(4)), int(m.group(5)), 1).toordinal()
            return monday, monday + 6
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        if month is None:
            return _ordinal(year, 1, 1), _ordinal(year, 12, 31)
        first = _ordinal(year, int(month), int(day or 1))
        return first, (first if day else _month_end(year, int(month)))
    except ValueError:
        return None


def _ordinal(year: int, month: int, day: int) -> int:
    return dt.date(year, month, day).toordinal()


def _month_end(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following.toordinal() - 1


def relate_dates(claim: Days, source: Days | MonthDay, *, ranged: bool = False) -> Relation:
    """The source's days inside the claim's agree (inside a claimed range, `ranged`, without
    being that range: consistent); the claim's inside a source that is less precise agree
    "coarser"; apart conflict; partly overlapping is None."""
    if isinstance(source, MonthDay):
        return _relate_month_day(claim, source)
    relation = _relate_intervals(claim, source)
    if relation == "agrees" and ranged and source != claim:
        return "consistent"  # "between 2019 and 2021" against 2020
    if relation is None and source[0] <= claim[0] and claim[1] <= source[1]:
        # One level coarser at most: a month for a day, a year for a month, never a year for a day.
        fits = source[1] - source[0] + 1 <= COARSER_DAYS * (claim[1] - claim[0] + 1)
        return "coarser" if fits else None
    return relation


@dataclass(frozen=True, slots=True)
class MonthDay:
    """A date written without a year ("Sept. 3", "in September")."""

    month: int
    day: int | None


_MONTH_NAMES = {name.lower(): number for name, number in MONTHS.items()}
_MONTH = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
_MONTH_DAY = re.compile(
    rf"\b(?:(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH})\b"
    rf"|(?P<m2>{_MONTH})\b\.?(?:\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\b)?)",
    re.IGNORECASE,
)


def month_day(text: str) -> MonthDay | None:
    """The month and day of a date read again from its words, for a value left None."""
    m = _MONTH_DAY.search(text)
    if m is None:
        return None
    day = m.group("d1") or m.group("d2")
    month = _MONTH_NAMES[(m.group("m1") or m.group("m2")).lower()]
    return MonthDay(month, int(day) if day else None)


def _relate_month_day(claim: Days, source: MonthDay) -> Relation:
    """A yearless date put in the claim's year: only for a claim of a month, a week or a day."""
    if claim[1] - claim[0] > 31:
        return None  # a year or longer: a date without a year cannot say
    years = sorted({dt.date.fromordinal(day).year for day in claim})
    day = f"-{source.day:02d}" if source.day else ""
    found = [_days(f"{year}-{source.month:02d}{day}") for year in years]
    relations = [relate_dates(claim, days) for days in found if days is not None]
    return next((r for r in ("agrees", "coarser", "conflicts") if r in relations), None)
