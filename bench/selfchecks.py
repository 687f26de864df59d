"""Self-checks on real news: the flags each check raises, and samples of them to read.

    .venv/bin/python bench/selfchecks.py
    .venv/bin/python bench/selfchecks.py --show arithmetic --sample 30 [--seed 7]

Runs `extract_claims` and `self_check` over the 2,319 articles of ../shared/eval/news (the BBC
development set, 2004-05, and a sample of CNN / Daily Mail pages) and prints, per check, how many
flags it raises and in how many articles. The corpus is read in place, never copied.

Publication dates: the BBC articles carry none, so the checks that count from today (a duration
since a year, an anniversary) only run where the sentence states the years itself. A CNN / Daily
Mail page that prints its own time stamp ("PUBLISHED: . 14:11 EST, 25 October 2013", "Last
updated at 1:25 AM on 3rd August 2011") gets that date (`--no-stamps` turns this off).

`--show CHECK --sample N` prints a seeded random sample of that check's flags, each with its
article, message and sentence, for a person to judge: a real problem in the text, or a false
alarm. The baseline of the timing line is the extraction itself on the same articles: the
checks should cost a small share of it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from common import EVAL, load_average, machine, require

from claims import extract_claims
from claims.datewords import MONTHS
from claims.selfchecks import CHECKS, self_check

CORPORA = {"bbc-dev.jsonl": "text", "cnndm-sample.jsonl": "article"}
_STAMP = re.compile(
    r"(?:PUBLISHED:\s*\.?\s*\d{1,2}:\d\d\s*[A-Z]{2,4},|Last updated at \d{1,2}:\d\d [AP]M on)"
    r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>[A-Z][a-z]+)\s+(?P<year>\d{4})"
)


@dataclass(frozen=True, slots=True)
class NewsArticle:
    corpus: str
    id: str
    text: str
    published: dt.date | None


@dataclass(frozen=True, slots=True)
class Raised:
    article: NewsArticle
    check: str
    claim: str
    message: str
    sentence: str


def stamp_date(text: str) -> dt.date | None:
    """The date a page prints as its own time stamp, if it prints one."""
    m = _STAMP.search(text[:400])
    if m is None or m["month"] not in MONTHS:
        return None
    try:
        return dt.date(int(m["year"]), MONTHS[m["month"]], int(m["day"]))
    except ValueError:
        return None


def load(news: Path, *, stamps: bool) -> list[NewsArticle]:
    articles = []
    for name, field in CORPORA.items():
        for line in require(news / name).open(encoding="utf-8"):
            row = json.loads(line)
            text = row[field]
            when = stamp_date(text) if stamps else None
            articles.append(NewsArticle(name.split("-")[0], str(row["id"]), text, when))
    return articles


def run(articles: list[NewsArticle]) -> tuple[list[Raised], float, float]:
    """Every flag raised, and the seconds spent extracting and checking."""
    raised: list[Raised] = []
    extracting = checking = 0.0
    for article in articles:
        start = time.perf_counter()
        claims = extract_claims(article.text, published=article.published, article_id=article.id)
        middle = time.perf_counter()
        flags = self_check(article.text, claims, published=article.published)
        checking += time.perf_counter() - middle
        extracting += middle - start
        by_id = claims.set_index("claim_id")
        for flag in flags.itertuples():
            claim = by_id.loc[flag.claim_id]
            raised.append(
                Raised(article, flag.check, claim["text"], flag.message, claim["sentence"])
            )
    return raised, extracting, checking


def report(
    articles: list[NewsArticle], raised: list[Raised], extracting: float, checking: float
) -> None:
    dated = sum(1 for a in articles if a.published is not None)
    print(f"Machine: {machine()}; {load_average()}")
    print(f"Articles: {len(articles)} ({dated} with a publication date from their own stamp)")
    flags = Counter(r.check for r in raised)
    touched = {check: len({r.article.id for r in raised if r.check == check}) for check in CHECKS}
    print(f"\n{'check':<16} {'flags':>6} {'articles':>9}")
    for check in CHECKS:
        print(f"{check:<16} {flags[check]:>6} {touched[check]:>9}")
    print(f"{'all':<16} {len(raised):>6} {len({r.article.id for r in raised}):>9}")
    print(
        f"\nTime: extraction {extracting:.1f} s (the baseline), self-checks {checking:.1f} s "
        f"({checking / extracting:.0%} of extraction, "
        f"{checking / len(articles) * 1e3:.1f} ms an article)"
    )


def show(raised: list[Raised], check: str, sample: int, seed: int) -> None:
    pool = [r for r in raised if r.check == check]
    chosen = pool if len(pool) <= sample else random.Random(seed).sample(pool, sample)
    print(f"\n{check}: {len(chosen)} of {len(pool)} flags (seed {seed})")
    for i, r in enumerate(chosen, 1):
        sentence = " ".join(r.sentence.split())
        when = f", published {r.article.published}" if r.article.published else ""
        print(f"\n[{i}] {r.article.corpus} {r.article.id}{when}")
        print(f"    flag:     {r.message}")
        print(f"    sentence: {sentence}")


# Planted errors: a figure of a real sentence changed so that the article contradicts itself.
# check -> (which claims to change, by what factor)
_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|rise|risen|fell|fall|fallen|jumped|climbed|dropped|increased|grew|declined|"
    r"slumped|surged|gained|lost|slipped|up|down)(?: by)? $"
)
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_ROLE_BEFORE = re.compile(r"(?:to |from |with )(?=(?:\S+ ){0,2}$)")


def _change_targets(text: str, claims: pd.DataFrame) -> list[int]:
    """Percent changes followed in their sentence by a "to" figure and a "from" figure of one
    kind and unit: "jumped 76% to $1.13bn (£600m) ... from $639m"."""
    rows = []
    figures = claims[claims["kind"].isin(["percent", "money", "count", "quantity"])]
    for row in figures.itertuples():
        before = text[max(0, row.start - 20) : row.start]
        if row.kind != "percent" or not _CHANGE_BEFORE.search(before):
            continue
        after = figures[
            (figures["sentence_index"] == row.sentence_index) & (figures["start"] > row.start)
        ]
        roles = {
            (_ROLE_BEFORE.search(text[max(0, r.start - 16) : r.start]) or [""])[0]: (r.kind, r.unit)
            for r in after.head(4).itertuples()
        }
        if roles.get("to ") is not None and roles.get("to ") in (
            roles.get("from "),
            roles.get("with "),
        ):
            rows.append(row.Index)
    return rows


def _repeat_targets(text: str, claims: pd.DataFrame) -> list[int]:
    """The later of two equal figures with one kind, unit and subject (the claim table's own
    columns), in two sentences."""
    seen: dict[tuple[object, ...], int] = {}
    rows = []
    for row in claims.itertuples():
        if row.kind not in ("percent", "money", "count", "quantity") or not row.subject:
            continue
        if not _NUMBER.search(row.text):
            continue  # "two counts": no digits to change
        key = (row.kind, row.unit, str(row.value), str(row.subject).lower())
        if key in seen and seen[key] != row.sentence_index:
            rows.append(row.Index)
        seen.setdefault(key, row.sentence_index)
    return rows


PLANTS = {"arithmetic": (_change_targets, 2.0), "repeated_figure": (_repeat_targets, 1.5)}


def planted(articles: list[NewsArticle], check: str) -> tuple[int, int, int]:
    """Errors planted, the ones the check flags on the changed figure, and the flags it
    raises anywhere else in the changed article beyond those of the original."""
    targets, factor = PLANTS[check]
    total = caught = elsewhere = 0
    for article in articles:
        claims = extract_claims(article.text, published=article.published)
        before = len(_flag_starts(article.text, claims, article.published, check))
        for index in targets(article.text, claims):
            row = claims.loc[index]
            text = _plant(article.text, int(row["start"]), str(row["text"]), factor)
            changed = extract_claims(text, published=article.published)
            starts = _flag_starts(text, changed, article.published, check)
            total += 1
            caught += int(row["start"]) in starts
            elsewhere += max(0, len(starts - {int(row["start"])}) - before)
    return total, caught, elsewhere


def _plant(text: str, start: int, claim: str, factor: float) -> str:
    """The text with the claim's number multiplied by `factor`, written to the same decimals."""
    number = _NUMBER.search(claim)
    if number is None:
        return text
    digits = number.group().replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    at = start + number.start()
    return text[:at] + f"{float(digits) * factor:.{decimals}f}" + text[at + len(number.group()) :]


def _flag_starts(
    text: str, claims: pd.DataFrame, published: dt.date | None, check: str
) -> set[int]:
    flags = self_check(text, claims, published=published)
    ids = set(flags.loc[flags["check"] == check, "claim_id"])
    return {int(r.start) for r in claims.itertuples() if r.claim_id in ids}


def report_planted(articles: list[NewsArticle]) -> None:
    print("\nPlanted errors (a figure of a real sentence multiplied; the original is the control)")
    print(f"  {'check':<16} {'planted':>7} {'flagged':>8} {'share':>6} {'elsewhere':>10}")
    for check in PLANTS:
        total, caught, elsewhere = planted(articles, check)
        share = f"{caught / total:.0%}" if total else "-"
        print(f"  {check:<16} {total:>7} {caught:>8} {share:>6} {elsewhere:>10}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=CHECKS, help="print a sample of this check's flags")
    parser.add_argument("--sample", type=int, default=30, help="flags to print with --show")
    parser.add_argument("--seed", type=int, default=7, help="seed of the sample")
    parser.add_argument("--no-stamps", action="store_true", help="no dates from page stamps")
    parser.add_argument("--planted", action="store_true", help="also measure planted errors")
    args = parser.parse_args()
    articles = load(EVAL / "news", stamps=not args.no_stamps)
    raised, extracting, checking = run(articles)
    report(articles, raised, extracting, checking)
    if args.show:
        show(raised, args.show, args.sample, args.seed)
    if args.planted:
        report_planted(articles)


if __name__ == "__main__":
    main()
