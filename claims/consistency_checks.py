"""An article against itself: shares of one whole, and one figure stated twice.

Shares: "40% voted yes, 45% no and 20% were undecided" lists parts of one whole, so they cannot
add up to more than 100%; "40% of men and 70% of women" are parts of two wholes and may. Only a
list whose later parts are elliptic ("45% no", "20% were undecided") or that closes with "the
remaining 62.5%" is read as one whole. Each share is the interval its precision allows, so
three shares rounded to whole percents may add up to 101%.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from claims.arithmetic_checks import FALL_WORDS, RISE_WORDS, Article, Fig, Flag

# Words after a share that make it a part of a choice ("45% no", "20% were undecided").
ANSWER_WORDS = frozenset(
    """yes no undecided unsure know knows for against backed back supported support opposed
    oppose favoured favour favored favor voted vote approved approve disapproved disapprove
    agreed agree disagreed disagree neither none abstained other others rest remainder
    satisfied dissatisfied positive negative""".split()
)
# A share followed by these names its own whole: "40% of men and 70% of women".
WHOLE_WORDS = frozenset("of in among at from across within".split())
# A share followed by these is a change or a comparison, not a part.
NOT_A_PART = frozenset(
    """more less higher lower rise increase fall drop decline growth jump gain cut
    points point than""".split()
)
MAX_CATEGORY_WORDS = 4
# The words between two parts of a list: the first part's category, a separator, and a few
# words that may lead the next part ("the remaining", "a further").
_BETWEEN = re.compile(
    r"(?P<category>[^,.;:()⟦⟧]*?)\s*(?:,|;|,?\s+(?:and|while|whereas|but|with))\s+"
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
    categories = [_category(skeleton, m) for _, m in run]
    later = categories[1:]
    if any(c and c[0] in WHOLE_WORDS for c in later):
        return False  # "40% of men and 70% of women": each names its own whole
    if any(len(c) > MAX_CATEGORY_WORDS for c in categories):
        return False
    if len({" ".join(c) for c in categories}) < len(categories):
        return False  # the same words twice: one part restated, or parts of two wholes
    return all(any(w.strip("'’") in ANSWER_WORDS for w in c) for c in later)


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
