"""An article against itself: shares of one whole, and one figure stated twice.

Shares: "40% voted yes, 45% no and 20% were undecided" lists parts of one whole, so they cannot
add up to more than 100%; "40% of men and 70% of women" are parts of two wholes and may. Only a
list whose later parts are elliptic answers ("45% no", "38% disagreed", "with 24% against"), the
opposite of the first ("62% were pessimistic ..., while 41% were optimistic"), further parts
("and another 18%"), or that closes with "the remaining 62.5%" is read as one whole: "87% said
politicians broke their promises, while 92% said they never gave a straight answer" are two
questions. Each share is the interval its precision allows, so three shares rounded to whole
percents may add up to 101%.

One figure stated twice: see `repeated_figure_flags`.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from claims.checks.arithmetic import FALL_WORDS, RISE_WORDS, Article, Fig, Flag, Row, as_fig
from claims.dates.words import MONTHS
from claims.evidence.subject_words import Words, clause_words, words_of

# Words after a share that make it a part of a choice ("45% no", "20% were undecided").
ANSWER_WORDS = frozenset(
    """yes no undecided unsure know knows for against backed back supported support opposed
    oppose favoured favour favored favor voted vote approved approve disapproved disapprove
    agreed agree disagreed disagree neither none abstained other others rest remainder
    satisfied dissatisfied positive negative optimistic pessimistic not""".split()
)
# A share followed by these names its own whole: "40% of men and 70% of women".
WHOLE_WORDS = frozenset("of in among at from across within".split())
# A share followed by these is a change or a comparison, not a part.
NOT_A_PART = frozenset(
    """more less higher lower rise increase fall drop decline growth jump gain cut
    points point than""".split()
)
MAX_CATEGORY_WORDS = 4
# Words an elliptic answer may hold beside its answer words: "40% saying they did not".
ELLIPSIS_WORDS = frozenset(
    """they it so did do does not n't were was are said saying say says who thought think
    felt feel in the""".split()
)
# Words of a question or an answer: a first part that asks at length ("76% said Mr Blair was a
# good prime minister") may be answered by an elliptic part ("and 38% disagreed").
QUESTION_WORDS = frozenset(
    """said say says believe believes believed think thinks thought feel feels felt agreed
    agree supported support backed back favour favor opposed oppose vote voted would""".split()
)
# Answers opposite each other: "saw orders rise and 27% saw them fall" answers one question.
OPPOSITE_ANSWERS: tuple[tuple[str, str], ...] = (
    ("rise", "fall"), ("rising", "falling"), ("up", "down"), ("improving", "worse"),
    ("improving", "worsening"), ("improve", "worsen"), ("better", "worse"),
    ("optimistic", "pessimistic"), ("good", "bad"), ("yes", "no"), ("for", "against"),
    ("support", "oppose"), ("supported", "opposed"), ("agree", "disagree"),
    ("agreed", "disagreed"), ("none", "some"), ("none", "all"), ("more", "less"),
    ("increase", "decrease"), ("higher", "lower"), ("satisfied", "dissatisfied"),
    ("positive", "negative"), ("right", "wrong"), ("approve", "disapprove"),
    ("approved", "disapproved"), ("likely", "unlikely"),
)  # fmt: skip
_OPPOSITES: dict[str, frozenset[str]] = {
    word: frozenset(b if a == word else a for a, b in OPPOSITE_ANSWERS if word in (a, b))
    for pair in OPPOSITE_ANSWERS
    for word in pair
}
# "another 18%", "a further 11%": one more part of the whole the list is of.
_FURTHER = re.compile(r"\b(?:another|further)\b")
_IN_FAVOUR = (["in", "favour"], ["in", "favor"])
# Words that say nothing of which question a part answers: "who said they were getting worse".
_FILLER_WORDS = ELLIPSIS_WORDS | frozenset(
    """the a an their them his her its that only just had has have be been being would will
    could should getting becoming going saw see sees""".split()
)
# The words between two parts of a list: the first part's category, a separator, and a few
# words that may lead the next part ("the remaining", "a further"). A comma may come first:
# "A majority, 52%, said Brown had done a good job and just 16% disagreed".
_BETWEEN = re.compile(
    r"(?:,\s+)?(?P<category>[^,.;:()⟦⟧]*?)\s*"
    r"(?:,|;|,?\s+(?:and|while|whereas|but|with|as against|compared (?:with|to)))\s+"
    r"(?P<lead>(?:(?:the|a|further|another|just|only)\s+){0,2})"
)
_LAST_CATEGORY = re.compile(r"[^,.;:()⟦⟧]*?(?=[,.;:()⟦⟧]|\s[-–—]\s|\s(?:and|but|while)\s|$)")
_REMAINING = re.compile(r"\bthe (?:remaining|rest of the|other)\s+$")
_TOKEN = re.compile(r"⟦(\d+)⟧")
_WORD = re.compile(r"[\w'’-]+")
Part = tuple[Fig, re.Match[str]]


def share_flags(article: Article) -> list[Flag]:
    """Shares of one whole that add up to more than all of it, or that a remainder does not
    complete."""
    flags: list[Flag] = []
    for skeleton in article.skeletons:
        parts = [
            (fig, m)
            for m in _TOKEN.finditer(skeleton.text)
            if _is_part(fig := skeleton.figures[int(m.group(1))], skeleton.text, m)
        ]
        for run in _runs(skeleton.text, parts):
            if len(run) >= 2 and _one_whole(skeleton.text, run):
                flags.extend(_over_flag([fig for fig, _ in run]))
        flags.extend(_remainder_flag(skeleton.text, parts))
    return flags


def _runs(skeleton: str, parts: list[Part]) -> Iterator[list[Part]]:
    """Runs of parts joined as a list: "40% voted yes, 45% no and 20% were undecided"."""
    run: list[Part] = []
    for fig, m in parts:
        if run and _BETWEEN.fullmatch(skeleton, run[-1][1].end(), m.start()) is None:
            yield run
            run = []
        run.append((fig, m))
    yield run


def _is_part(fig: Fig, skeleton: str, m: re.Match[str]) -> bool:
    if fig.kind != "percent" or fig.unit is not None or fig.high > 1:
        return False
    before = skeleton[max(0, m.start() - 24) : m.start()].split()
    after = skeleton[m.end() : m.end() + 24].split()
    verbs = RISE_WORDS | FALL_WORDS | {"by", "from", "to"}
    return not (before and before[-1] in verbs) and not (after and after[0] in NOT_A_PART)


def _category(skeleton: str, m: re.Match[str]) -> list[str]:
    rest = _LAST_CATEGORY.match(skeleton, m.end())
    return _WORD.findall(rest.group()) if rest else []


def _one_whole(skeleton: str, run: list[Part]) -> bool:
    categories = [[w.strip("'’") for w in _category(skeleton, m)] for _, m in run]
    first, later = categories[0], categories[1:]
    if any(c and c[0] in WHOLE_WORDS and c[:2] not in _IN_FAVOUR for c in later):
        return False  # "40% of men and 70% of women": each names its own whole
    if len({" ".join(c) for c in categories}) < len(categories):
        return False  # the same words twice: one part restated, or parts of two wholes
    if all(_opposite(first, c) for c in later):
        return True  # "62% were pessimistic ..., while 41% were optimistic"
    if all(_further(skeleton, a, b) for (_, a), (_, b) in itertools.pairwise(run)):
        return True  # "70% were no worse off, and another 18% felt better off"
    if all(_elliptic(c) for c in later) and (
        len(first) <= MAX_CATEGORY_WORDS or QUESTION_WORDS.intersection(first)
    ):
        return True  # "32% said Mr Blair was a good prime minister and 38% disagreed"
    if any(len(c) > MAX_CATEGORY_WORDS for c in categories):
        return False
    return all(any(w in ANSWER_WORDS for w in c) for c in later)


def _further(skeleton: str, before: re.Match[str], part: re.Match[str]) -> bool:
    """A part led by "another" or "a further": one more share of the same whole."""
    between = _BETWEEN.fullmatch(skeleton, before.end(), part.start())
    return between is not None and bool(_FURTHER.search(between["lead"]))


def _elliptic(words: list[str]) -> bool:
    """An answer without a question of its own: "disagreed", "against", "saying they did not"."""
    answers = [w for w in words if w in ANSWER_WORDS]
    return bool(answers) and all(w in ANSWER_WORDS or w in ELLIPSIS_WORDS for w in words)


def _opposite(first: list[str], words: list[str]) -> bool:
    """The first part's answer turned round, and nothing else: "saw them fall" after "saw orders
    rise", "said only some had" after "said that none of their cards had been replaced"."""
    asked = set(first)
    content = [w for w in words if w not in _FILLER_WORDS and w not in asked]
    return bool(content) and all(_OPPOSITES.get(w, frozenset()) & asked for w in content)


def _over_flag(run: list[Fig]) -> list[Flag]:
    if sum(max(f.low, 0.0) for f in run) <= 1 + 1e-9:
        return []
    total = sum((f.low + f.high) / 2 for f in run) * 100
    listed = _listed(run)
    return [(run[-1].claim_id, f"{listed} are shares of one whole but add up to {total:.4g}%.")]


def _remainder_flag(skeleton: str, parts: list[Part]) -> list[Flag]:
    """ "37.5% ..., with foreign films taking the remaining 62.5%": two parts make the whole."""
    if len(parts) != 2 or not _REMAINING.search(skeleton, 0, parts[1][1].start()):
        return []
    if _REMAINING.search(skeleton, 0, parts[0][1].start()):
        return []
    run = [fig for fig, _ in parts]
    if sum(f.low for f in run) <= 1 + 1e-9 and sum(f.high for f in run) >= 1 - 1e-9:
        return []
    total = sum((f.low + f.high) / 2 for f in run) * 100
    return [
        (
            run[-1].claim_id,
            f"{_listed(run)}, the second the remainder, add up to {total:.4g}%, not 100%.",
        )
    ]


def _listed(run: list[Fig]) -> str:
    return ", ".join(f.text for f in run[:-1]) + " and " + run[-1].text


# One figure stated twice -------------------------------------------------------------------
#
# "Profits rose 2% to $11.1bn" and later "the $11.1bn of sales" agree; "$11.1bn" and later
# "$12.1bn" for the same subject, said the same way, do not. A news story holds many figures
# about one subject (this year's and last year's, Halifax's and Nationwide's, the rise and the
# level), so a pair is compared only when everything around the two figures is the same:
# subject, unit, the words of their clauses, the names and the dates of their sentences, and
# both state a level (not a change, not an old value).

SAME_SUBJECT = 90.0
# Share of the clause words two statements of one figure have in common, at the least.
SAME_CLAUSE = 0.5
# A figure restated "about" may be rounded more loosely than a source's "about" (2%).
RESTATED_APPROX = 0.1
_NOT_LEVEL_BEFORE = RISE_WORDS | FALL_WORDS | frozenset("by from than against versus vs".split())
_COMPARED_BEFORE = re.compile(r"\bcompared (?:with|to) $", re.IGNORECASE)
# Names in brackets, and a caption's label ("Bust: Davis was charged..."), are asides: they
# say nothing of which figure it is.
_ASIDES = re.compile(r"\([^()]*\)|^[^:]{1,20}:\s")
_NOT_LEVEL_AFTER = NOT_A_PART | frozenset("up down".split())
# A figure said of what will, may or should be is not the figure that is.
_NOT_YET = re.compile(
    r"\b(?:will|would|could|should|might|may|expected|expects|forecast|forecasts|predicted|"
    r"predicts|target|targets|plans?|planned|proposed|proposal|called for|calls for|"
    r"estimates?|if|unless|hopes?|wants?)\b",
    re.IGNORECASE,
)
# Verbs of change and of speech say nothing of which figure it is.
_VERB_WORDS = frozenset({*RISE_WORDS, *FALL_WORDS, "said", "say", "says", "told", "added"})
_DETERMINERS = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|that)\b|['’]s\b")


def repeated_figure_flags(article: Article) -> list[Flag]:
    """The same figure of the same subject stated twice with values that cannot both hold."""
    # Only a figure whose kind and unit recur in another sentence can be stated twice.
    sentences: dict[tuple[object, object], set[object]] = {}
    dates: dict[object, set[str]] = {}
    names: dict[object, frozenset[str]] = {}  # of each sentence, found once for its figures
    for row in article.rows:
        sentences.setdefault((row["kind"], row["unit"]), set()).add(row["sentence_index"])
        if row["kind"] == "date":
            dates.setdefault(row["sentence_index"], set()).add(str(row["value"]))
    levels = [
        level
        for row in article.rows
        if len(sentences[(row["kind"], row["unit"])]) > 1
        and (level := _level(article, row, dates, names)) is not None
    ]
    figures: dict[object, list[Fig]] = {}
    for level in levels:
        figures.setdefault(level.row["sentence_index"], []).append(level.fig)
    flags: dict[str, str] = {}
    # Each figure is flagged against the first earlier one it conflicts with, as a walk over
    # every pair would find it; only the pairs that `_conflict` can pass are looked at.
    for j, earlier in enumerate(_earlier_candidates(levels)):
        later = levels[j]
        for i in earlier:
            first = levels[i]
            if later.row["claim_id"] in flags or not _conflict(first, later):
                continue
            # "grew 0.1% in the quarter and 1.5% on the year" stated twice: each figure is
            # restated, and 0.1% against 1.5% is two figures, not one changed.
            if _holds(figures[later.row["sentence_index"]], first.fig) or _holds(
                figures[first.row["sentence_index"]], later.fig
            ):
                continue
            flags[later.row["claim_id"]] = _repeat_message(first, later)
    return list(flags.items())


def _earlier_candidates(levels: list[_Level]) -> Iterator[list[int]]:
    """For each level, in order, the earlier levels it may conflict with, in order.

    A conflict needs the same measure, dates, kind of subject and tense, and common words that
    overlap by SAME_CLAUSE (Jaccard) or more. Sets that overlap so much share one of the words
    at the head of each set, when every set is sorted rarest word first (the prefix filter of
    set-similarity joins): comparing every pair made the check quadratic in the article's
    length, 2.6 s/MB on 2 MB of news against 0.8 s/MB on 0.25 MB.
    """
    counts = Counter(word for level in levels for word in level.words.common)
    seen: dict[tuple[object, ...], list[int]] = {}
    for j, level in enumerate(levels):
        words = sorted(level.words.common, key=lambda word: (counts[word], word))
        # |a & b| >= t * |a | b| >= t * |a|: a's words after the first |a| - ceil(t |a|) + 1
        # cannot hold all of the overlap.
        head = words[: len(words) - math.ceil(SAME_CLAUSE * len(words) - 1e-9) + 1]
        fig = level.fig
        unit = None if fig.kind == "count" else str(fig.unit).lower()
        group = (fig.kind, unit, level.dates, level.subject is None, level.not_yet)
        found: set[int] = set()
        for word in head:
            bucket = seen.setdefault((*group, word), [])
            found.update(bucket)
            bucket.append(j)
        yield sorted(found)


def _holds(figures: list[Fig], fig: Fig) -> bool:
    """Some figure of a sentence may be `fig`'s value."""
    return any(f.same_measure(fig) and _fit(f, fig) for f in figures)


def _fit(a: Fig, b: Fig) -> bool:
    """Two figures that may be one value as written."""
    return a.low <= b.high and b.low <= a.high and not _abutting(a, b)


@dataclass(frozen=True, slots=True)
class _Level:
    row: Row
    fig: Fig
    subject: str | None
    words: Words  # the clause's common words, the sentence's names (its first word too)
    dates: frozenset[str]
    not_yet: bool


def _level(
    article: Article,
    row: Row,
    sentence_dates: dict[object, set[str]],
    sentence_names: dict[object, frozenset[str]],
) -> _Level | None:
    if row["kind"] not in ("percent", "money", "count", "quantity"):
        return None
    if isinstance(row["value"], list) or (row["kind"] == "count" and not row["unit"]):
        return None
    if row["kind"] == "count" and str(row["unit"]).split()[0] in MONTHS:
        return None  # a page's time stamp, "10 October 2012", read as a count
    fig = as_fig(0, row)
    if fig is None or fig.kind != row["kind"] or not _is_level(article.text, row):
        return None
    sentence = str(row["sentence"])
    at = sentence.find(str(row["text"]))
    if at < 0:
        return None
    found = clause_words(sentence, at, at + len(str(row["text"])))
    names = sentence_names.get(row["sentence_index"])
    if names is None:
        names = words_of(_ASIDES.sub(" ", sentence)).names
        sentence_names[row["sentence_index"]] = names
    words = Words(found.common - _VERB_WORDS, names)
    dates = frozenset(sentence_dates.get(row["sentence_index"], ()))
    subject = " ".join(_DETERMINERS.sub(" ", str(row["subject"] or "").lower()).split()) or None
    if subject is None and row["kind"] != "count":
        return None  # only a count names what it counts without a subject ("23 people")
    return _Level(row, _loosened(fig, row), subject, words, dates, bool(_NOT_YET.search(sentence)))


def _is_level(text: str, row: Row) -> bool:
    """Not a change ("rose 2%"), an old value ("from $10.9bn") or a gloss ("(£600m)")."""
    start, end = int(row["start"]), int(row["end"])
    before = text[max(0, start - 30) : start].lower()
    after = text[end : end + 30].lower().split()
    if before.split() and before.split()[-1].strip("(,") in _NOT_LEVEL_BEFORE:
        return False
    if after and after[0].strip(",.;)") in _NOT_LEVEL_AFTER:
        return False
    return not _COMPARED_BEFORE.search(before) and not before.rstrip(" ").endswith("(")


def _loosened(fig: Fig, row: Row) -> Fig:
    if row["qualifier"] != "approx":
        return fig
    middle = (fig.low + fig.high) / 2
    slack = RESTATED_APPROX * abs(middle)
    return replace(fig, low=min(fig.low, middle - slack), high=max(fig.high, middle + slack))


def _conflict(a: _Level, b: _Level) -> bool:
    if a.row["sentence_index"] == b.row["sentence_index"] or not a.fig.same_measure(b.fig):
        return False
    if _fit(a.fig, b.fig):
        return False  # the two fit one value
    if (a.subject is None) != (b.subject is None) or a.not_yet != b.not_yet:
        return False
    if a.subject and b.subject and fuzz.ratio(a.subject, b.subject) < SAME_SUBJECT:
        return False
    if a.dates != b.dates:
        return False  # different periods
    if not (a.words.names <= b.words.names or b.words.names <= a.words.names):
        return False  # different places, firms or sources ("Halifax said", "Nationwide said")
    common = a.words.common | b.words.common
    return bool(common) and len(a.words.common & b.words.common) / len(common) >= SAME_CLAUSE


def _abutting(a: Fig, b: Fig) -> bool:
    """ "5%" and "6%", "£1bn" and "£2bn": written to one precision, they meet only at the
    point between them, which one rounding cannot make both."""
    width = a.high - a.low
    if not (0 < width < math.inf) or not math.isclose(width, b.high - b.low):
        return False
    return math.isclose(a.high, b.low) or math.isclose(b.high, a.low)


def _repeat_message(first: _Level, later: _Level) -> str:
    about = f" for {later.row['subject']}" if later.row["subject"] else ""
    return (
        f"{later.row['text']}{about}: the article said {first.row['text']} earlier "
        f"(“{_snippet(first)}”), and the two cannot both hold."
    )


def _snippet(level: _Level) -> str:
    sentence = " ".join(str(level.row["sentence"]).split())
    return sentence if len(sentence) <= 90 else sentence[:87].rstrip() + "..."
