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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", choices=CHECKS, help="print a sample of this check's flags")
    parser.add_argument("--sample", type=int, default=30, help="flags to print with --show")
    parser.add_argument("--seed", type=int, default=7, help="seed of the sample")
    parser.add_argument("--no-stamps", action="store_true", help="no dates from page stamps")
    args = parser.parse_args()
    articles = load(EVAL / "news", stamps=not args.no_stamps)
    raised, extracting, checking = run(articles)
    report(articles, raised, extracting, checking)
    if args.show:
        show(raised, args.show, args.sample, args.seed)


if __name__ == "__main__":
    main()
