"""Dates: absolute and relative dates, durations and the tense that points them back or ahead.

`find` runs the date readers over an article: `calendar` for dates written with month names and
figures, `relative` for weekdays and "next week" resolved from the publication date,
`durations` for "six years" and "54 minutes"; `context` is what every reader needs around a
trigger word, `tense` whether a sentence looks back or ahead, `words` the word tables.
"""

from __future__ import annotations

from claims.dates.durations import read_duration
from claims.dates.find import find_dates

__all__ = ["find_dates", "read_duration"]
