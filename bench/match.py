"""Matching at scale: index build, time per claim, memory and recall on generated news passages.

    .venv/bin/python bench/match.py [--sizes 100000,1000000] [--claims 200] [--index memory]

The corpus is generated here, in memory, from a seeded random generator: news-like passages of
one to three sentences built from templates (people, places, organisations, topics, figures as
percentages, money and counts in varied formats, dates in varied formats), over a vocabulary of
tens of thousands of pseudo-words used with a Zipf distribution, so that BM25 meets what it meets
on news: common words everywhere, rare names that decide. Into it go planted pairs: a claim
sentence, and one passage restating it with the figure written another way ("7.3%" against
"7.3 per cent", "$2.5 million" against "2.5 million dollars") and some words changed, plus a
twin passage that repeats the claim's words with a different figure (the "97%" against "95%"
case: a string score prefers the twin, only the value check does not). A claim is the figure's
row of `extract_claims` on the claim sentence, as the workbench would match it.

Measured, each size in a fresh process (so that peak memories do not mix):
- index build, from passages already split: the values of every passage
  (`claims.evidence.passage_values.passages_values`, a few dozen passages read joined), on a
  pool of `--processes` worker processes (`claims.evidence.value_scan.ValueScan`) that reads a
  batch (`--batch`)
  while this process builds the passage table of the batch before and adds it; every table
  goes to one `PassageIndex.add_all` (one commit). Reported: the wall time from the pool's
  start to the commit, less the corpus generation, and what this process spent waiting for
  the pool, building tables and adding (`--processes 1`: one after the other, no pool);
- milliseconds per claim of `match_claims` with its re-scoring, median and p95 of the best of
  `--repeat` calls per claim, and the median of the first calls (cold caches);
- peak resident memory (ru_maxrss) after the build and at the end;
- recall@1/@5 of the planted passage.
Baseline in the same run, at 100k passages only (it is slow): `rapidfuzz.process.extract` with
`token_set_ratio` over every passage, on a subset of the claims (`--baseline-claims`, 40), each
claim in turns with ours (the best of `--repeat` calls) so that a change of load weighs on both;
the ratio is of processor time, as the machine is shared (the wall-time ratio beside).
Last, the MB/s of `source_passages` (splitting plus the value scan) and of `passage_spans`
(splitting alone) on generated multi-paragraph documents, and the value scan of their passages
read joined against read one by one.

Goals (a 2-core machine): at 100k, at least 100x faster per claim than the baseline with
recall@5 no worse; at 1M, build at most 120 s, at most 50 ms per claim, peak memory at most 1 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from common import best_of, goal, load_average, machine, peak_rss_mb, percentile
from rapidfuzz import fuzz, process, utils
from tqdm import tqdm

from claims.evidence.index import PassageIndex
from claims.evidence.match import match_claims
from claims.evidence.passage_values import passage_values, passages_values
from claims.evidence.sources import (
    Source,
    passage_id,
    passage_spans,
    passages_frame,
    source_passages,
)
from claims.evidence.value_scan import ScanJob, ValueScan
from claims.extract import extract_claims

BASELINE_SIZE = 100_000
PUBLISHED = "2025-06-30"
RESULT = "RESULT "
PASSAGES_PER_SOURCE = 20

# --- vocabulary --------------------------------------------------------------------------------

ONSETS = (
    "b c d f g h j k l m n p r s t v w z br cr dr fr gr kr pr tr bl cl fl gl pl sl ch sh th "
    "st sp sk"
).split()
VOWELS = "a e i o u ai ea ou io y".split()
CODAS = ["", "", "", "n", "r", "s", "l", "m", "t", "nd", "rt", "sk"]
MONTHS = (
    "January February March April May June July August September October November December"
).split()
MEASURES = (
    "unemployment inflation exports imports rainfall turnout enrolment output revenue spending "
    "debt prices wages emissions arrivals admissions sales profits investment borrowing "
    "attendance production consumption ridership tourism lending savings membership"
).split()
SYNONYMS = {
    "unemployment": "joblessness",
    "inflation": "price growth",
    "exports": "overseas sales",
    "rainfall": "rain",
    "turnout": "voter turnout",
    "output": "production",
    "spending": "expenditure",
    "wages": "pay",
    "arrivals": "visitor numbers",
    "profits": "earnings",
    "borrowing": "loans",
    "ridership": "passenger numbers",
}
ORG_KINDS = (
    "Ministry Council Institute Agency Bank Union Authority Commission Bureau Foundation "
    "Group Association Board Office University Trust"
).split()
RISE = ["rose to", "climbed to", "increased to", "reached", "hit", "grew to"]
FALL = ["fell to", "dropped to", "declined to", "slipped to", "sank to", "eased to"]
SAY = ["said", "reported", "announced", "confirmed", "estimated"]
VERBS = (
    "approved rejected delayed expanded reviewed funded opened closed blocked backed "
    "criticised defended launched cancelled extended praised questioned cut raised replaced"
).split()


def pseudo_words(rng: np.random.Generator, count: int, syllables: tuple[int, int]) -> list[str]:
    """`count` distinct words of `syllables[0]` to `syllables[1]` onset + vowel + coda pieces."""
    pieces = [np.array(p, dtype=object) for p in (ONSETS, VOWELS, CODAS)]
    words: dict[str, None] = {}
    while len(words) < count:
        n = count - len(words)
        lengths = rng.integers(syllables[0], syllables[1] + 1, n)
        joined = np.full(n, "", dtype=object)
        for k in range(syllables[1]):
            onset, vowel, coda = (p[rng.integers(0, len(p), n)] for p in pieces)
            joined = joined + np.where(lengths > k, onset + vowel + coda, "")
        words.update(dict.fromkeys(w for w in joined.tolist() if 4 <= len(w) <= 14))
    return list(words)[:count]


def zipf_p(count: int, exponent: float = 1.05) -> np.ndarray:
    weights = 1.0 / (np.arange(count) + 2.7) ** exponent
    return weights / weights.sum()


@dataclass
class Vocabulary:
    nouns: list[str]
    adjectives: list[str]
    places: list[str]
    first_names: list[str]
    surnames: list[str]
    orgs: list[str]

    @classmethod
    def build(cls, rng: np.random.Generator) -> Vocabulary:
        words = pseudo_words(rng, 33_000, (2, 3))
        nouns, adjectives = words[:16_000], words[16_000:20_000]
        names = [w.capitalize() for w in words[20_000:]]
        places, first_names, surnames = names[:4_000], names[4_000:6_000], names[6_000:13_000]
        kinds = rng.integers(0, len(ORG_KINDS), 3_000)
        orgs = [f"{surnames[-i - 1]} {ORG_KINDS[k]}" for i, k in enumerate(kinds.tolist())]
        return cls(nouns, adjectives, places, first_names, surnames, orgs)


# --- figures and dates in varied formats -------------------------------------------------------


def percent_text(tenths: int, style: int) -> str:
    number = str(tenths // 10) if tenths % 10 == 0 else f"{tenths / 10:.1f}"
    return (f"{number}%", f"{number} per cent", f"{number} percent")[style % 3]


def money_text(tenths_of_millions: int, currency: int, style: int) -> str:
    symbol, name = (("$", "dollars"), ("£", "pounds"), ("€", "euros"))[currency % 3]
    millions = f"{tenths_of_millions / 10:g}"
    whole = f"{tenths_of_millions * 100_000:,}"
    return (
        f"{symbol}{millions} million",
        f"{millions} million {name}",
        f"{symbol}{whole}",
        f"{symbol}{millions}m",
    )[style % 4]


def count_text(count: int, noun: str, style: int) -> str:
    return (f"{count:,} {noun}s", f"{count} {noun}s")[style % 2]


def date_text(year: int, month: int, day: int, style: int) -> str:
    name = MONTHS[month]
    return (
        f" in {name} {year}",
        f" on {day} {name} {year}",
        f" on {name} {day}, {year}",
        f" in {year}",
        " last week",
        "",
    )[style % 6]


# --- sentences ---------------------------------------------------------------------------------


class Draws:
    """Random slot values for `n` sentences, drawn at once (numpy) and read by index."""

    def __init__(self, rng: np.random.Generator, vocab: Vocabulary, n: int) -> None:
        def pick(words: list[str], zipf: np.ndarray | None = None) -> list[str]:
            return np.array(words, dtype=object)[rng.choice(len(words), n, p=zipf)].tolist()

        noun_p = zipf_p(len(vocab.nouns))
        self.template = rng.integers(0, len(TEMPLATES), n).tolist()
        self.noun, self.noun2 = pick(vocab.nouns, noun_p), pick(vocab.nouns, noun_p)
        self.adj = pick(vocab.adjectives, zipf_p(len(vocab.adjectives)))
        place_p = zipf_p(len(vocab.places), 0.9)
        self.place, self.place2 = pick(vocab.places, place_p), pick(vocab.places, place_p)
        self.first, self.last = pick(vocab.first_names), pick(vocab.surnames)
        self.org = pick(vocab.orgs, zipf_p(len(vocab.orgs), 0.9))
        self.measure = pick(MEASURES)
        self.move = pick(RISE + FALL)
        self.say = pick(SAY)
        self.verb = pick(VERBS)
        self.tenths = rng.integers(1, 1000, n).tolist()
        self.money = rng.integers(11, 9999, n).tolist()
        self.count = np.round(np.exp(rng.uniform(np.log(2_500), np.log(900_000), n))).astype(int)
        self.count = self.count.tolist()
        self.year = rng.integers(1995, 2026, n).tolist()
        self.month = rng.integers(0, 12, n).tolist()
        self.day = rng.integers(1, 29, n).tolist()
        self.style = rng.integers(0, 12, n).tolist()
        self.date_style = rng.integers(0, 6, n).tolist()


def _t_measure(d: Draws, i: int) -> str:
    date = date_text(d.year[i], d.month[i], d.day[i], d.date_style[i])
    figure = percent_text(d.tenths[i], d.style[i])
    what = d.measure[i].capitalize()
    return f"{what} in {d.place[i]} {d.move[i]} {figure}{date}, the {d.org[i]} {d.say[i]}."


def _t_money(d: Draws, i: int) -> str:
    date = date_text(d.year[i], d.month[i], d.day[i], d.date_style[i])
    figure = money_text(d.money[i], d.style[i], d.style[i] // 3)
    what = f"the {d.adj[i]} {d.noun[i]} in {d.place[i]}"
    return f"The {d.org[i]} {d.verb[i]} {figure} for {what}{date}."


def _t_count(d: Draws, i: int) -> str:
    figure = count_text(d.count[i], d.noun[i], d.style[i])
    what = f"the {d.adj[i]} {d.noun2[i]}"
    return f"Officials in {d.place[i]} expect {figure} to join {what} by {d.year[i]}."


def _t_quote(d: Draws, i: int) -> str:
    quote = f"The {d.noun[i]} is {d.adj[i]} and the {d.noun2[i]} is not"
    return f'"{quote}," said {d.first[i]} {d.last[i]}, who leads the {d.org[i]}.'


def _t_meeting(d: Draws, i: int) -> str:
    date = date_text(d.year[i], d.month[i], d.day[i], d.date_style[i])
    who = f"{d.first[i]} {d.last[i]}"
    what = f"the {d.noun[i]} and the {d.adj[i]} {d.noun2[i]}"
    return f"{who} met officials from {d.place2[i]} in {d.place[i]}{date} to discuss {what}."


def _t_share(d: Draws, i: int) -> str:
    figure = percent_text(d.tenths[i], d.style[i])
    what = f"{d.noun[i]}s in {d.place[i]}"
    return f"About {figure} of {what} were {d.adj[i]}, according to the {d.org[i]}."


def _t_plain(d: Draws, i: int) -> str:
    what = f"The {d.adj[i]} {d.noun[i]} of {d.place[i]}"
    return f"{what} has {d.verb[i]} the {d.noun2[i]} since {d.year[i]}."


def _t_said(d: Draws, i: int) -> str:
    who = f"{d.first[i]} {d.last[i]}"
    what = f"the {d.noun[i]} would be {d.verb[i]} by the {d.org[i]}"
    return f"{who} {d.say[i]} {what} before the {d.adj[i]} {d.noun2[i]}."


TEMPLATES: tuple[Callable[[Draws, int], str], ...] = (
    _t_measure,
    _t_money,
    _t_count,
    _t_quote,
    _t_meeting,
    _t_share,
    _t_plain,
    _t_said,
    _t_plain,
    _t_said,
)


def sentences(rng: np.random.Generator, vocab: Vocabulary, n: int) -> list[str]:
    draws = Draws(rng, vocab, n)
    return [TEMPLATES[t](draws, i) for i, t in enumerate(draws.template)]


def passage_texts(rng: np.random.Generator, vocab: Vocabulary, n: int) -> list[str]:
    """`n` passages of one to three sentences."""
    lengths = rng.integers(1, 4, n)
    pool = sentences(rng, vocab, int(lengths.sum()))
    ends = np.cumsum(lengths).tolist()
    return [" ".join(pool[end - k : end]) for end, k in zip(ends, lengths.tolist(), strict=True)]


def headlines(rng: np.random.Generator, vocab: Vocabulary, n: int) -> list[str]:
    d = Draws(rng, vocab, n)
    return [f"{d.place[i]} {d.noun[i]} {d.noun2[i]}".capitalize() for i in range(n)]


# --- planted claims ----------------------------------------------------------------------------


@dataclass
class Planted:
    claim: str  # the claim sentence
    passage: str  # restates it: figure in another format, some words changed
    twin: str  # the claim's words with another figure
    kind: str  # the claim row's kind to take from extract_claims


def planted_pairs(rng: np.random.Generator, vocab: Vocabulary, n: int) -> list[Planted]:
    d = Draws(rng, vocab, n)
    places = rng.choice(len(vocab.places), n, replace=False).tolist()
    pairs = []
    for i in range(n):
        place, org = vocab.places[places[i]], d.org[i]
        date = date_text(d.year[i], d.month[i], 1, i % 2)  # "in March 2019" or "on 1 March 2019"
        move = RISE[i % len(RISE)]
        other_move = RISE[(i + 1) % len(RISE)]
        kind = ("percent", "percent", "money", "count")[i % 4]
        if kind == "percent":
            tenths = d.tenths[i]
            mine, theirs = percent_text(tenths, 0), percent_text(tenths, 1 + i % 2)
            wrong = percent_text(tenths + 1 + i % 20, 0)
            what = d.measure[i]
        elif kind == "money":
            amount = d.money[i]
            mine, theirs = money_text(amount, i, 0), money_text(amount, i, 1 + i % 3)
            wrong = money_text(amount + 3 + i % 30, i, 0)
            what = f"{d.adj[i]} {d.noun[i]} funding"
        else:
            count = d.count[i]
            mine, theirs = count_text(count, d.noun[i], 0), count_text(count, d.noun[i], 1)
            wrong = count_text(count + 100 + i, d.noun[i], 0)
            what = f"the {d.adj[i]} {d.noun2[i]} register"
        said = f"the {org} said"
        claim = f"{what.capitalize()} in {place} {move} {mine}{date}, {said}."
        reworded = SYNONYMS.get(what, what)
        passage = f"The {org} {d.say[i]} that {reworded} in {place} {other_move} {theirs}{date}."
        twin = f"{what.capitalize()} in {place} {move} {wrong}{date}, {said}."
        pairs.append(Planted(claim, passage, twin, kind))
    return pairs


def planted_claims(pairs: list[Planted]) -> pd.DataFrame:
    """The figure's row of `extract_claims` for each claim sentence, in order."""
    rows = []
    for k, pair in enumerate(pairs):
        found = extract_claims(pair.claim, published=PUBLISHED, article_id=f"planted-{k}")
        row = found[found["kind"] == pair.kind].head(1)
        if row.empty:
            raise SystemExit(f"no {pair.kind} claim extracted from {pair.claim!r}")
        rows.append(row)
    return pd.concat(rows, ignore_index=True)


# --- one size, in its own process --------------------------------------------------------------


@dataclass
class Corpus:
    """Where the planted passages go, and their ids once built."""

    size: int
    pairs: list[Planted]
    slots: dict[int, str]  # global passage position -> planted text
    ids: dict[int, str]  # global passage position -> passage id


def plant(rng: np.random.Generator, size: int, pairs: list[Planted]) -> Corpus:
    positions = rng.choice(size, 2 * len(pairs), replace=False).tolist()
    slots = {}
    for k, pair in enumerate(pairs):
        slots[positions[2 * k]] = pair.passage
        slots[positions[2 * k + 1]] = pair.twin
    return Corpus(size, pairs, slots, {})


def batches(
    rng: np.random.Generator, vocab: Vocabulary, corpus: Corpus, batch: int
) -> Iterator[tuple[int, list[str], list[str]]]:
    """(first position, passage texts, source titles) batch by batch, planted ones in place."""
    for first in range(0, corpus.size, batch):
        n = min(batch, corpus.size - first)
        texts = passage_texts(rng, vocab, n)
        for position in range(first, first + n):
            if position in corpus.slots:
                texts[position - first] = corpus.slots[position]
        titles = headlines(rng, vocab, -(-n // PASSAGES_PER_SOURCE))
        yield first, texts, titles


def passage_rows(
    first: int, texts: list[str], titles: list[str], values: list[list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Rows of a passage table: PASSAGES_PER_SOURCE passages a source, offsets as if joined."""
    rows = []
    offset = 0
    for j, (text, found) in enumerate(zip(texts, values, strict=True)):
        position = first + j
        source_id = f"gen-{position // PASSAGES_PER_SOURCE:07d}"
        if position % PASSAGES_PER_SOURCE == 0:
            offset = 0
        start, end = offset, offset + len(text)
        offset = end + 2
        rows.append(
            {
                "passage_id": passage_id(source_id, start, end, text),
                "source_id": source_id,
                "start": start,
                "end": end,
                "text": text,
                "title": titles[j // PASSAGES_PER_SOURCE],
                "date": PUBLISHED,
                "values": found,
            }
        )
    return rows


def run_size(args: argparse.Namespace) -> dict[str, Any]:
    size = args.one_size
    rng = np.random.default_rng(args.seed)
    start = time.perf_counter()
    vocab = Vocabulary.build(rng)
    pairs = planted_pairs(rng, vocab, args.claims)
    claims = planted_claims(pairs)
    corpus = plant(rng, size, pairs)
    setup = time.perf_counter() - start
    folder = tempfile.TemporaryDirectory(prefix="passage-index-") if args.on_disk else None
    index = PassageIndex.open(folder.name if folder else None)
    keep_texts = size == BASELINE_SIZE and args.baseline_claims > 0
    result: dict[str, Any] = {
        "size": size,
        "claims": len(pairs),
        "batch": args.batch,
        "processes": args.processes,
        "index": "on disk, in a temporary folder" if folder else "in memory",
        "rss_before_mb": peak_rss_mb(),
    }
    timings, texts = build(rng, vocab, corpus, index, args, keep_texts)
    result.update(timings)
    result["generate_s"] += setup
    result["peak_build_mb"] = peak_rss_mb()
    print(f"  built in {result['build_s']:.1f} s; matching {len(pairs)} claims", file=sys.stderr)

    planted_ids, twin_ids = planted_positions(corpus)
    per_claim, firsts, ranked, verdicts = match_each(claims, index, args.repeat)
    result.update(
        ms_median=statistics.median(per_claim) * 1000,
        ms_first=statistics.median(firsts) * 1000,
        ms_p95=percentile(per_claim, 0.95) * 1000,
        recall1=hit_share(ranked, planted_ids, 1),
        recall5=hit_share(ranked, planted_ids, 5),
        twin_first=twin_first_share(ranked, planted_ids, twin_ids),
        verdicts=verdicts_of_planted(ranked, verdicts, planted_ids),
    )
    if keep_texts:
        result.update(baseline(pairs, texts, corpus, args, claims, index, ranked, planted_ids))
    result["peak_mb"] = peak_rss_mb()
    if folder is not None:
        folder.cleanup()
    return result


def build(
    rng: np.random.Generator,
    vocab: Vocabulary,
    corpus: Corpus,
    index: PassageIndex,
    args: argparse.Namespace,
    keep_texts: bool,
) -> tuple[dict[str, float], list[str]]:
    """Index the corpus batch by batch: seconds of each step, and the texts if kept.

    The value scan of a batch runs on `--processes` worker processes (`ValueScan`) while this
    process builds the table of the batch before and adds it; every table goes to one
    `PassageIndex.add_all`, one commit. The steps overlap, so the build is the wall time from
    the pool's start to the commit, less the corpus generation; `scan_s` is what this process
    waited for the pool, beyond the work it did meanwhile.
    """
    seconds = dict.fromkeys(("generate_s", "scan_s", "table_s"), 0.0)
    kept: list[str] = []
    bar = tqdm(total=corpus.size, desc=f"{corpus.size:,} passages", unit="p", mininterval=5)

    def tables(scan: ValueScan) -> Iterator[pd.DataFrame]:
        pending: tuple[int, list[str], list[str], ScanJob] | None = None
        start = time.perf_counter()
        for first, texts, titles in batches(rng, vocab, corpus, args.batch):
            seconds["generate_s"] += time.perf_counter() - start
            job = scan.submit(texts)  # read while the batch before is added
            if pending is not None:
                yield table(*pending)
            pending = (first, texts, titles, job)
            start = time.perf_counter()
        if pending is not None:
            yield table(*pending)

    def table(first: int, texts: list[str], titles: list[str], job: ScanJob) -> pd.DataFrame:
        t1 = time.perf_counter()
        values = job.get()
        t2 = time.perf_counter()
        rows = passage_rows(first, texts, titles, values)
        for position in corpus.slots:
            if first <= position < first + len(rows):
                corpus.ids[position] = rows[position - first]["passage_id"]
        frame = passages_frame(rows)
        seconds["scan_s"] += t2 - t1
        seconds["table_s"] += time.perf_counter() - t2
        if keep_texts:
            kept.extend(texts)
        bar.update(len(texts))
        return frame

    start, cpu = time.perf_counter(), cpu_seconds()
    with ValueScan(args.processes) as scan:
        index.add_all(tables(scan))
    seconds["build_s"] = time.perf_counter() - start - seconds["generate_s"]
    seconds["cpu_s"] = cpu_seconds() - cpu - seconds["generate_s"]  # generation: one process
    seconds["add_s"] = seconds["build_s"] - seconds["scan_s"] - seconds["table_s"]
    bar.close()
    return seconds, kept


def cpu_seconds() -> float:
    """CPU time of this process and of its children that have ended (the pool's processes)."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def planted_positions(corpus: Corpus) -> tuple[list[str], list[str]]:
    by_text = {text: position for position, text in corpus.slots.items()}
    planted = [corpus.ids[by_text[pair.passage]] for pair in corpus.pairs]
    twins = [corpus.ids[by_text[pair.twin]] for pair in corpus.pairs]
    return planted, twins


def match_each(
    claims: pd.DataFrame, index: PassageIndex, repeat: int
) -> tuple[list[float], list[float], list[list[str]], list[dict[str, str]]]:
    """Seconds per claim (best of `repeat` calls, and the first call), the ranked ids and each
    id's agreement."""
    match_claims(claims.iloc[[0]], index, limit=5)  # warm up
    seconds, firsts, ranked, verdicts = [], [], [], []
    for i in range(len(claims)):
        claim = claims.iloc[[i]]
        start = time.perf_counter()
        matches = match_claims(claim, index, limit=5)
        first = time.perf_counter() - start
        firsts.append(first)
        if repeat > 1:
            first = min(first, best_of(lambda c=claim: match_claims(c, index, limit=5), repeat - 1))
        seconds.append(first)
        ranked.append(list(matches["passage_id"]))
        verdicts.append(dict(zip(matches["passage_id"], matches["agreement"], strict=True)))
    return seconds, firsts, ranked, verdicts


def hit_share(ranked: list[list[str]], wanted: list[str], k: int) -> float:
    return sum(w in ids[:k] for ids, w in zip(ranked, wanted, strict=True)) / len(ranked)


def twin_first_share(ranked: list[list[str]], planted: list[str], twins: list[str]) -> float:
    """Share of claims whose planted passage ranks above its twin with the wrong figure."""
    above = 0
    for ids, mine, twin in zip(ranked, planted, twins, strict=True):
        rank = {pid: r for r, pid in enumerate(ids)}
        above += rank.get(mine, 99) < rank.get(twin, 99)
    return above / len(ranked)


def verdicts_of_planted(
    ranked: list[list[str]], verdicts: list[dict[str, str]], planted: list[str]
) -> dict[str, int]:
    counts: dict[str, int] = {}
    for ids, verdict, mine in zip(ranked, verdicts, planted, strict=True):
        label = verdict[mine] if mine in ids else "not in top 5"
        counts[label] = counts.get(label, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: -item[1]))


def baseline(
    pairs: list[Planted],
    texts: list[str],
    corpus: Corpus,
    args: argparse.Namespace,
    claims: pd.DataFrame,
    index: PassageIndex,
    ranked: list[list[str]],
    planted: list[str],
) -> dict[str, Any]:
    """Exhaustive rapidfuzz on a spread subset of the claims, each beside ours on the same claim
    (the best of `--repeat` calls), in turns, so that a change of the machine's load between
    the two weighs on both. Times are processor time of this process, wall time beside."""
    n = min(len(pairs), args.baseline_claims)
    subset = np.linspace(0, len(pairs) - 1, n).round().astype(int).tolist()
    wanted_positions = {pid: position for position, pid in corpus.ids.items()}
    base_cpu, base_wall, ours_cpu, ours_wall, found = [], [], [], [], 0
    for done, k in enumerate(subset, start=1):
        claim = claims.iloc[[k]]
        cpu, wall = best_cpu_and_wall(lambda c=claim: match_claims(c, index, limit=5), args.repeat)
        ours_cpu.append(cpu)
        ours_wall.append(wall)
        cpu, wall = time.process_time(), time.perf_counter()
        hits = process.extract(
            pairs[k].claim, texts, scorer=fuzz.token_set_ratio, processor=utils.default_process,
            limit=5,
        )  # fmt: skip
        base_cpu.append(time.process_time() - cpu)
        base_wall.append(time.perf_counter() - wall)
        found += wanted_positions[planted[k]] in {position for _, _, position in hits}
        print(f"  rapidfuzz baseline {done}/{n}: {base_wall[-1]:.2f} s", file=sys.stderr)
    return {
        "base_claims": n,
        "base_ms_mean": statistics.mean(base_cpu) * 1000,
        "base_wall_ms_mean": statistics.mean(base_wall) * 1000,
        "base_recall5": found / n,
        "ours_subset_ms_mean": statistics.mean(ours_cpu) * 1000,
        "ours_subset_wall_ms_mean": statistics.mean(ours_wall) * 1000,
        "ours_subset_recall5": sum(planted[k] in ranked[k][:5] for k in subset) / n,
    }


def best_cpu_and_wall(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """The least processor time and the least wall time of `repeat` calls, in seconds."""
    cpu = wall = float("inf")
    for _ in range(max(1, repeat)):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        run()
        cpu = min(cpu, time.process_time() - cpu_start)
        wall = min(wall, time.perf_counter() - wall_start)
    return cpu, wall


# --- splitting throughput ----------------------------------------------------------------------


def documents(rng: np.random.Generator, vocab: Vocabulary, megabytes: float) -> list[str]:
    """Multi-paragraph documents (2-5 sentences a paragraph, 3-9 paragraphs) up to `megabytes`."""
    docs: list[str] = []
    total = 0
    while total < megabytes * 1e6:
        pool = sentences(rng, vocab, 20_000)
        cursor = 0
        while cursor < len(pool) - 60 and total < megabytes * 1e6:
            paragraphs = []
            for _ in range(int(rng.integers(3, 10))):
                k = int(rng.integers(2, 6))
                paragraphs.append(" ".join(pool[cursor : cursor + k]))
                cursor += k
            docs.append("\n\n".join(paragraphs))
            total += len(docs[-1].encode("utf-8"))
    return docs


def split_throughput(seed: int, megabytes: float, repeat: int) -> None:
    rng = np.random.default_rng(seed + 1)
    docs = documents(rng, Vocabulary.build(rng), megabytes)
    sources = [
        Source(f"doc-{i}", text, f"Document {i}", None, None, PUBLISHED, f"doc-{i}.txt", "text")
        for i, text in enumerate(docs)
    ]
    size_mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    count = [0]

    def with_values() -> None:
        count[0] = 0
        for source in tqdm(sources, desc="source_passages", mininterval=5, file=sys.stderr):
            count[0] += len(source_passages(source))

    s_spans = best_of(lambda: [passage_spans(d) for d in docs], repeat)
    s_full = best_of(with_values, 1)
    print(
        f"\nSplitting {len(docs):,} generated documents ({size_mb:.1f} MB, {count[0]:,} passages):"
    )
    print(f"  source_passages (split + values)   {s_full:7.1f} s  {size_mb / s_full:7.2f} MB/s")
    print(f"  passage_spans (split alone)        {s_spans:7.1f} s  {size_mb / s_spans:7.2f} MB/s")
    print(f"  value scan share of source_passages: {1 - s_spans / s_full:.0%}")
    joined_vs_alone(docs)


def joined_vs_alone(docs: list[str], passages: int = 20_000, turn: int = 2_000) -> None:
    """The value scan of passages read a few dozen joined (`passages_values`) against each read
    alone (`passage_values`), in turns of `turn` passages, in processor time."""
    texts = [d[a:b] for d in docs for a, b in passage_spans(d)][:passages]
    joined = alone = 0.0
    for first in range(0, len(texts), turn):
        batch = texts[first : first + turn]
        start = time.process_time()
        together = passages_values(batch)
        joined += time.process_time() - start
        start = time.process_time()
        apart = [passage_values(text) for text in batch]
        alone += time.process_time() - start
        if together != apart:
            raise SystemExit("the joined value scan read a passage differently")
    print(
        f"  value scan of {len(texts):,} passages: joined {joined:.1f} s, alone {alone:.1f} s "
        f"(processor time): joined / alone {joined / alone:.2f}"
    )


# --- the report --------------------------------------------------------------------------------


def run_child(size: int, args: argparse.Namespace, on_disk: bool) -> dict[str, Any]:
    command = [
        sys.executable, __file__, "--one-size", str(size), "--seed", str(args.seed),
        "--claims", str(args.claims), "--batch", str(args.batch),
        "--baseline-claims", str(args.baseline_claims), "--repeat", str(args.repeat),
        "--processes", str(args.processes),
    ]  # fmt: skip
    if on_disk:
        command.append("--on-disk")
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"the run at {size:,} passages failed (exit {done.returncode})")
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith(RESULT))
    return dict(json.loads(line[len(RESULT) :]))


def line(label: str, text: str) -> None:
    print(f"  {label:<40}{text}")


def report(r: dict[str, Any]) -> None:
    size = r["size"]
    print(f"\n{size:,} passages ({r['claims']} planted claims, index {r['index']}):")
    line("memory before the build", f"{r['rss_before_mb']:7,.0f} MB")
    line("corpus generation (not in the build)", f"{r['generate_s']:7.1f} s")
    line(
        f"index build (tables of {r['batch']:,}, one commit)",
        f"{r['build_s']:7.1f} s  {size / r['build_s']:9,.0f} passages/s",
    )
    steps = (
        (f"waiting for the value scan ({r['processes']} proc.)", "scan_s"),
        ("passage table", "table_s"),
        ("add", "add_s"),
    )
    for name, key in steps:
        line(f"  {name}", f"{r[key]:7.1f} s  {r[key] / r['build_s']:4.0%} of the build")
    cores = os.cpu_count() or 1
    line(
        "  CPU time, all processes",
        f"{r['cpu_s']:7.1f} s  (/ {cores} cores: {r['cpu_s'] / cores:.1f} s)",
    )
    timing = f"median {r['ms_median']:.1f} ms, p95 {r['ms_p95']:.1f} ms"
    line("match_claims per claim", f"{timing} (first calls: median {r['ms_first']:.1f} ms)")
    line("recall of the planted passage", f"@1 {r['recall1']:.3f}   @5 {r['recall5']:.3f}")
    line("planted above its wrong-figure twin", f"{r['twin_first']:.3f}")
    line("verdict on the planted passage", str(r["verdicts"]))
    peaks = f"{r['peak_build_mb']:,.0f} MB after the build, {r['peak_mb']:,.0f} MB at the end"
    line("peak memory (ru_maxrss)", peaks)
    if "base_ms_mean" in r:
        baseline_report(r)
    if size >= 1_000_000:
        median, p95, peak = r["ms_median"], r["ms_p95"], r["peak_mb"]
        print("  goals at 1M passages:")
        line("  build", f"{r['build_s']:.1f} s   (goal <= 120 s: {goal(r['build_s'] <= 120)})")
        per_claim = f"{median:.1f} ms median, {p95:.1f} ms p95"
        line("  per claim", f"{per_claim}   (goal <= 50 ms: {goal(median <= 50)})")
        line("  peak memory", f"{peak:,.0f} MB   (goal <= 1,000 MB: {goal(peak <= 1000)})")


def baseline_report(r: dict[str, Any]) -> None:
    speedup = r["base_ms_mean"] / r["ours_subset_ms_mean"]
    wall = r["base_wall_ms_mean"] / r["ours_subset_wall_ms_mean"]
    ours, base = r["ours_subset_recall5"], r["base_recall5"]
    print(
        f"  baseline on {r['base_claims']} of the claims, rapidfuzz.process.extract over all, "
        "in turns with ours (processor time; wall time beside):"
    )
    line(
        "  rapidfuzz token_set_ratio",
        f"{r['base_ms_mean']:9.1f} ms per claim ({r['base_wall_ms_mean']:.1f} wall)"
        f"   recall@5 {base:.3f}",
    )
    line(
        "  ours (match_claims)",
        f"{r['ours_subset_ms_mean']:9.1f} ms per claim ({r['ours_subset_wall_ms_mean']:.1f} wall)"
        f"   recall@5 {ours:.3f}",
    )
    met = goal(speedup >= 100 and ours >= base)
    line("  speed ratio", f"{speedup:,.0f}x faster   (goal >= 100x with recall@5 no worse: {met})")
    line("  speed ratio, wall time", f"{wall:,.0f}x faster")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="passage counts, comma separated")
    parser.add_argument("--claims", type=int, default=200, help="planted claim/passage pairs")
    parser.add_argument(
        "--baseline-claims", type=int, default=40, help="claims for the rapidfuzz baseline at 100k"
    )
    parser.add_argument("--batch", type=int, default=20_000, help="passages per table added")
    parser.add_argument(
        "--processes", type=int, default=os.cpu_count() or 1,
        help="processes of the value scan (default: one per core; 1: no pool)",
    )  # fmt: skip
    parser.add_argument(
        "--index", choices=("memory", "disk"), default="memory",
        help="where the index lives: in memory, or in a temporary folder",
    )  # fmt: skip
    parser.add_argument("--split-mb", type=float, default=20.0, help="MB of documents to split")
    parser.add_argument(
        "--repeat", type=int, default=2, help="timed passes (per claim, and of the splitting)"
    )
    parser.add_argument("--seed", type=int, default=20250630)
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--on-disk", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_size:
        print(RESULT + json.dumps(run_size(args)), flush=True)
        return

    sizes = [int(s) for s in args.sizes.replace("_", "").split(",") if s.strip()]
    print(f"Machine: {machine()}; at the start: {load_average()}")
    print(f"Corpus: generated news-like passages, seed {args.seed}; each size in a fresh process")
    for size in sizes:
        report(run_child(size, args, args.index == "disk"))
    if args.split_mb > 0:
        split_throughput(args.seed, args.split_mb, args.repeat)
    print(f"\nAt the end: {load_average()}")


if __name__ == "__main__":
    main()
