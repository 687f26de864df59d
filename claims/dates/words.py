"""Word tables for dates and durations: month and weekday names, number words, units, qualifiers,
relative-date words and the markers that tell a sentence's tense; and the regexes built from them.

Data, not logic: one entry per word or phrase, so a missed case is a one-line fix with a test
beside it. The patterns at the end are compiled from the tables once, at import, and read by
`find` and its readers (`calendar`, `relative`, `durations`, `tense`).
`alternation` turns a table into a trie-shaped regex, since Python's engine tries the branches
of `a|b|c` one by one; no pattern nests repetition (each gap is `\\s{1,3}`, each window
bounded), so matching stays linear on any input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from claims.reading.patterns import word_alternation

# Every gap between words: bounded, so no pattern can backtrack over a long run of spaces.
_WS = r"\s{1,3}"

# Month names are matched capitalized only: "may" and "march" are also a verb and a noun.
MONTHS: dict[str, int] = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sept": 9,
    "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
# Abbreviations are also first names ("Jan"): alone, without a day or year, they need a
# preposition and are still skipped when they are possessive.
ABBREVIATED_MONTHS = frozenset(
    {"Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec"}
)

WEEKDAYS: dict[str, int] = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5,
    "Sunday": 6,
}  # fmt: skip

# A season with a year ("spring 2024", "the summer of 2004") is reported as that year: ISO 8601
# has no season, and the year is what a source can confirm.
SEASONS = ("spring", "summer", "autumn", "fall", "winter")
# With "last", "this" or "next" a season is resolved to the year of its first month.
SEASON_MONTHS: dict[str, int] = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}

ONES: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Words that stand for a number in front of a unit: "a year", "half an hour".
ARTICLE_NUMBERS: dict[str, float] = {"a": 1, "an": 1, "half a": 0.5, "half an": 0.5}

# unit -> (ISO 8601 designator, how many of it, part of the time section after "T")
UNITS: dict[str, tuple[str, int, bool]] = {
    "second": ("S", 1, True),
    "minute": ("M", 1, True),
    "hour": ("H", 1, True),
    "day": ("D", 1, False),
    "week": ("W", 1, False),
    "fortnight": ("W", 2, False),
    "month": ("M", 1, False),
    "year": ("Y", 1, False),
    "decade": ("Y", 10, False),
    "century": ("Y", 100, False),
}
PLURALS: dict[str, str] = {"century": "centuries"}
# "a second time" is an ordinal: "second" counts as a unit only after a number.
NEEDS_NUMBER = frozenset({"second"})
# "a decade", "a fortnight" are durations anywhere; "a year" is often a rate ("£5 a year").
ARTICLE_ANYWHERE = frozenset({"decade", "century", "fortnight"})
# Idioms that look like a duration but are not one.
IDIOMS = frozenset({"one day"})
# A duration followed by these is an age or a record, not a span of time: "five years old",
# "18 to 24 year olds", "a 10-year high".
NOT_BEFORE = frozenset({"old", "olds", "high", "low", "highs", "lows"})

# A qualifier in front of a duration: "about six years", "more than a decade".
DURATION_QUALIFIERS: dict[str, str] = {
    "about": "approx", "around": "approx", "nearly": "approx", "almost": "approx",
    "roughly": "approx", "some": "approx", "approximately": "approx", "an estimated": "approx",
    "more than": "more_than", "longer than": "more_than", "just over": "more_than",
    "upwards of": "more_than", "less than": "less_than", "fewer than": "less_than",
    "under": "less_than", "just under": "less_than", "shorter than": "less_than",
    "at least": "at_least", "at most": "at_most", "up to": "at_most", "no more than": "at_most",
}  # fmt: skip
# Words kept in a duration's span without changing its value: "in six years", "for a decade".
# "over" is a period here ("over five years"), not a bound.
DURATION_PREPOSITIONS = (
    "for", "in", "within", "after", "over", "between", "the past", "the last", "the next",
    "the first", "the coming", "the previous", "the final", "exactly", "just", "only", "barely",
    "another", "a further", "from",
)  # fmt: skip

# Prepositions kept in a date's span, with the qualifier they give ("since 2019").
DATE_PREPOSITIONS: dict[str, str | None] = {
    "since": "since", "before": "before", "after": "after", "prior to": "before",
    "ahead of": "before", "in": None, "by": None, "until": "before", "till": "before",
    "from": "since",
    "to": None, "through": None, "during": None, "between": None, "as of": None, "into": None,
}  # fmt: skip
# After these a bare four-digit number is a year even when a plural noun follows it.
YEAR_PREPOSITIONS = frozenset(
    {"since", "before", "after", "prior to", "in", "by", "until", "till", "during", "through"}
)
# Part of a period: "late 2011", "mid-2024", "the end of 2024".
PARTS: dict[str, str] = {
    "early": "early", "mid": "mid", "late": "late", "end of": "late", "start of": "early",
    "beginning of": "early", "middle of": "mid",
}  # fmt: skip
# In front of a weekday or month: "last Friday", "next March".
RELATIVE_WORDS: dict[str, int] = {"last": -1, "this": 0, "next": 1, "coming": 1}

# A month name alone is a date after one of these when a lower-case noun follows ("his March
# budget"); other words after it ("the March on Washington") leave it a name.
MONTH_DETERMINERS = frozenset({"the", "his", "her", "its", "their", "our", "this", "that"})
NOT_NOUNS = frozenset({"on", "of", "in", "to", "and", "for", "at", "by", "with", "or", "is"})
# Before "the 80s" or "mid-80s" these make it an age ("her mid-80s"), not a decade.
POSSESSIVES = frozenset({"her", "his", "their", "my", "your", "our", "its", "in their"})

# Single days relative to publication, in days.
RELATIVE_DAYS: dict[str, int] = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "last night": -1,
    "this morning": 0, "this afternoon": 0, "this evening": 0,
}  # fmt: skip
# Relative periods: "last week", "this year", "earlier this month" -> steps from publication.
RELATIVE_STEPS: dict[str, int] = {
    "last": -1, "this": 0, "next": 1, "earlier this": 0, "later this": 0,
}  # fmt: skip
RELATIVE_PERIODS = ("week", "month", "year")

# Before a bare four-digit number these make it a count: "more than 2000", "about 2000".
COUNT_CONTEXT = frozenset(
    {"than", "about", "around", "nearly", "almost", "some", "over", "under", "roughly",
     "approximately", "only", "just", "top", "total", "No", "no", "number"}
)  # fmt: skip
# After a bare four-digit number these make it a measure or count: "2000 people", "2000 km".
COUNT_NOUNS = frozenset(
    {"people", "men", "women", "children", "staff", "police", "troops", "personnel",
     "cattle", "sheep", "fish", "feet", "m", "km", "kg", "g", "lb", "ft", "mph", "kph", "mw",
     "gw", "bn", "billion", "million", "thousand", "tonnes", "tons", "times", "pence", "per",
     "percent", "p", "euros", "dollars", "pounds", "yen", "rand", "yuan", "gmt", "bst", "utc",
     "est", "edt", "cet", "hrs", "hours", "local"}
)  # fmt: skip
# Words ending in "s" that are not plural nouns, so do not make "2005 was" a count.
NOT_PLURAL = frozenset(
    {"is", "was", "has", "as", "its", "his", "this", "thus", "plus", "us", "yes", "less",
     "unless", "whereas", "always", "perhaps", "towards", "afterwards", "besides", "does",
     "says", "sees", "marks", "looks", "saw", "seems", "promises", "remains", "becomes"}
)  # fmt: skip

# Tense of the sentence around a relative date. Longer phrases win over their first word
# ("was expected to" is future, "was" alone past), so the future table comes first.
FUTURE_MARKERS = (
    "will", "'ll", "’ll", "won't", "won’t", "would", "shall", "is to", "are to", "was to",
    "were to", "is set to", "are set to", "was set to", "were set to", "plans to", "plan to",
    "planned", "planning", "is expected to", "are expected to", "was expected to",
    "were expected to", "expected to", "is due", "are due", "was due", "were due", "due to",
    "going to", "next", "scheduled", "upcoming", "aims to", "intends to", "to be held",
    "will be", "coming",
)  # fmt: skip
PAST_MARKERS = (
    "said", "says", "was", "were", "had", "did", "told", "met", "took", "went", "came", "gave",
    "made", "began", "saw", "held", "left", "won", "lost", "spoke", "wrote", "became", "got",
    "sent", "ago", "last", "earlier", "has been", "have been", "had been", "confirmed",
    "announced", "reported",
)  # fmt: skip
# Words ending in "-ed" that are not past-tense verbs.
NOT_PAST_ED = frozenset(
    {"hundred", "indeed", "united", "proceed", "succeed", "exceed", "speed", "breed", "embed",
     "naked", "wicked", "sacred", "kindred", "rugged", "ragged", "beloved", "need", "seed",
     "feed", "shed", "red", "wed", "bed", "based", "limited", "related", "expected",
     "scheduled", "planned", "so-called"}
)  # fmt: skip


def alternation(words: Iterable[str], *, capitalize: bool = False) -> str:
    """A regex matching any of `words`, as a trie (`claims.reading.patterns.word_alternation`): the
    longest word wins, and the engine rejects most positions on their first character instead
    of trying every word in turn.

    Spaces match 1-3 white-space characters, as written text puts line breaks and double spaces
    inside phrases. With `capitalize`, each word also matches with its first letter upper-cased
    (a sentence start), as a separate literal rather than a character class or a flag, so the
    whole pattern stays case-sensitive: "may" and "march" are not months.
    """
    forms = set(words)
    if capitalize:
        forms |= {word[:1].upper() + word[1:] for word in forms}
    # The trie escapes a space as a literal one; written text needs the bounded gap.
    return word_alternation(forms).replace(re.escape(" "), _WS)


# Patterns compiled from the tables, once, at import.
_MONTH = alternation(MONTHS)
_WEEKDAY = alternation(WEEKDAYS)
_YEAR = r"(?:1[89]\d\d|20\d\d|2100)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w:]|[.,]\d)"
UNIT_FORMS = {form: u for u in UNITS for form in (u, PLURALS.get(u, u + "s"))}

# Trigger words: surface form -> family.
TRIGGERS: dict[str, str] = {
    **{name: "month" for name in MONTHS},
    **{name + s: "weekday" for name in WEEKDAYS for s in ("", "s")},
    **{w: "day" for w in RELATIVE_DAYS if " " not in w},
    **{w.split()[0]: "step" for w in [*RELATIVE_STEPS, *RELATIVE_DAYS] if " " in w},
    **{w: "step" for w in RELATIVE_STEPS if " " not in w},
    **{form: "unit" for form in UNIT_FORMS},
    **{season: "season" for season in SEASON_MONTHS},
    "weekend": "weekend",
}
TRIGGERS |= {w[0].upper() + w[1:]: f for w, f in list(TRIGGERS.items()) if f in ("day", "step")}
# The separator before a trigger word is part of the scan: it is the word boundary, and a set
# of literal characters lets the engine skip ahead fastest. The text's first word is matched apart.
_TRIGGER = alternation(TRIGGERS)
WORD_AT_START = re.compile(rf"(?P<w>{_TRIGGER})\b")
WORDS = re.compile(rf"[ \n\t\r\u00a0\"'“‘(\[\-—–/](?P<w>{_TRIGGER})\b")
# A figure starts on a digit or on an apostrophe before one ("'90s"). A lone apostrophe ("it's")
# fails at once instead of being handed to `FIGURES`, while the first character stays a plain
# set the engine can skip ahead to.
DIGITS = re.compile(r"[\d'‘’](?:(?<=\d)|\d)\d*")

# What follows a month name: a day and year, a year, or a relative year ("June 6 last year").
MONTH_TAIL = re.compile(
    rf"""\.?(?:{_WS}(?P<d1>{_DAY})(?:,?{_WS}(?P<y1>{_YEAR})\b)?
    | ,?{_WS}(?:of{_WS})?(?P<y3>{_YEAR})\b)?
    (?:,?{_WS}(?:of{_WS})?(?P<ystep>last|this|next){_WS}year\b(?!['’]))?""",
    re.X,
)
FIGURES = re.compile(
    rf"""(?:(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])
    | (?P<ua>\d{{1,2}})/(?P<ub>\d{{1,2}})/(?P<uy>{_YEAR})
    | (?P<d2>{_DAY}){_WS}(?:of{_WS})?(?P<m2>{_MONTH})\b\.?(?:,?{_WS}(?P<y2>{_YEAR})\b)?
    | (?P<dec>1[89]\d0|20\d0)['’]?s | ['’‘](?P<dec2>\d0)s | (?P<dec3>[1-9]0)s
    | (?P<ry>{_YEAR})(?:\s?[-–—/]\s?|{_WS}(?P<rword>to|and|until|till|through){_WS})
      (?P<ry2>{_YEAR}|\d\d?)
    | (?P<y>{_YEAR}))(?![\w%]|[.,:/]\d|-\w)""",
    re.X,
)
NOT_BEFORE_FIGURE = frozenset("$£€¥#@.,:/_")
_PERIOD_WORDS = [*RELATIVE_PERIODS, *(p.split()[-1] for p in RELATIVE_DAYS if " " in p)]
STEP_TAIL = re.compile(
    rf"(?P<words>(?:{_WS}this)?){_WS}(?P<period>{alternation(_PERIOD_WORDS)})(?![\w-])"
)
DATE_AHEAD = re.compile(
    rf",?{_WS}(?:{_MONTH}\b\.?{_WS}\d|\d{{1,2}}(?:st|nd|rd|th)?{_WS}(?:of{_WS})?{_MONTH}\b)"
)
# A page's own time stamp ("PUBLISHED: . 08:03 EST, 13 March 2012") is not a claim.
STAMP_BEFORE = re.compile(r"(?:PUBLISHED|UPDATED|Last updated)\b[^\n]{0,36}\Z")
WEEKDAY_BEFORE = re.compile(rf"(?<!\w){_WEEKDAY},?{_WS}\Z")
DATE_PREFIX = re.compile(
    rf"""(?<!\w)(?:(?P<prep>{alternation(DATE_PREPOSITIONS, capitalize=True)}){_WS})?
    (?:(?P<the>the|The){_WS})?(?:(?P<part>{alternation(PARTS, capitalize=True)})(?:{_WS}|-))?
    (?:(?P<season>{alternation(SEASONS, capitalize=True)})(?:{_WS}of)?{_WS})?
    (?:(?P<rel>{alternation(RELATIVE_WORDS, capitalize=True)}){_WS})?\Z""",
    re.X,
)
_NUMWORD = (
    rf"(?:{alternation(TENS, capitalize=True)}(?:[-\s]{alternation(list(ONES)[:9])}\b)?"
    rf"|{alternation([*ONES, *ARTICLE_NUMBERS], capitalize=True)})"
)
_NUM = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|{_NUMWORD})"
_HALF = r"(?:[-\s]and[-\s]a[-\s]half)"
NUMBER_BEFORE = re.compile(
    rf"""(?<![\w$£€¥.,])(?P<n1>{_NUM})(?P<h1>{_HALF})?
    (?:\s{{0,3}}(?:[-–]|(?<=\s)(?:to|or|and)(?=\s))\s{{0,3}}(?P<n2>{_NUM})(?P<h2>{_HALF})?)?
    (?:{_WS}|-)\Z""",
    re.X,
)
# "from six months to nine": the second figure takes the first one's unit.
TO_NUMBER = re.compile(rf"{_WS}to{_WS}(?P<n>{_NUM})(?=\s{{0,3}}[,.;:)!?]|\Z)")
UNIT_TAIL = re.compile(rf"(?P<h3>{_WS}and{_WS}a{_WS}half\b)?(?P<ago>{_WS}ago\b)?")
DURATION_PREFIX = re.compile(
    rf"(?<!\w)(?P<lead>(?:{alternation(DURATION_PREPOSITIONS, capitalize=True)}{_WS}){{0,2}})"
    rf"(?:(?P<qual>{alternation(DURATION_QUALIFIERS, capitalize=True)}){_WS})?\Z"
)
AGE_BEFORE = re.compile(rf"(?<!\w)(?:[Aa]ged|[Aa]ges|age{_WS}of)(?:{_WS}between)?{_WS}\Z")
NOT_AFTER = re.compile(
    rf"(?:[-\s]{{1,3}}{alternation(NOT_BEFORE)}|{_WS}of{_WS}age"
    rf"|{_WS}(?:a|an|per|each|every){_WS}(?:day|week|month|year))(?!\w)"
)
_FUTURE = alternation([w.lstrip("'’") for w in FUTURE_MARKERS], capitalize=True)
_PAST = alternation(PAST_MARKERS, capitalize=True)
PREV_WORD = re.compile(r"([\w’'$£€¥#.&-]+)[ \t]{1,3}\Z")
NEXT_WORD = re.compile(r"[ \t]{1,3}([\w’']+)")
# Like `WORDS`, the scan starts on the separator before a marker; "he'll" separates at "'".
_TENSE_MARKER = rf"""(?:(?P<future>{_FUTURE})
    | (?<!\bbe\s)(?<!\bbeen\s)(?<!\bbeing\s)
      (?:(?P<past>{_PAST})|(?P<ed>[A-Za-z]{{2,}}ed)))(?!\w)"""
TENSE = re.compile(rf"""[\s"'’“‘(\[—–-]{_TENSE_MARKER}""", re.X)
# A marker that opens the text has no separator before it: matched there on its own, so that a
# sentence reads the same at the start of a text as anywhere else.
TENSE_AT_START = re.compile(_TENSE_MARKER, re.X)
PREFIX_LAST_WORDS = frozenset(
    phrase.split()[-1].lower()
    for table in (DATE_PREPOSITIONS, PARTS, SEASONS, RELATIVE_WORDS, ["the"])
    for phrase in table
)
NUMBER_LAST_WORDS = frozenset(
    [*ONES, *TENS, *(phrase.split()[-1] for phrase in ARTICLE_NUMBERS), "half"]
)
