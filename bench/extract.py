"""Extraction throughput on real news, beside two baselines measured in the same run.

    .venv/bin/python bench/extract.py [--sample N] [--repeat R]

Baselines, on the same articles:
- pysbd sentence segmentation alone (per line, as any sentence-based extractor must do at the
  least): the floor. Goal: the whole extraction costs at most 3x this.
- dateparser.search.search_dates, the library a user would reach for (dates only). Goal: the
  extraction is at least 10x faster. It is slow, so it runs on samples (--sample articles,
  evenly spaced over the corpus); the other two run on the same samples, and the extractor and
  pysbd also over the whole corpus.

Other work on a shared machine moves every timing, so the tools take turns on the same
articles, a few at a time, and each is timed by the processor time this process spends in it
(time.process_time: waiting for a core is not counted; the wall time is printed beside it).
There are --repeat passes, each over its own sample: the articles of one pass are never read
again, so that no tool finds an article it has seen in its caches, as in use. Each line shows
the median pass, and each ratio the median of the passes' ratios, with the lowest and the
highest, and the same ratio by wall time. The whole corpus is read once. Both tools run in
this one process, one after the other.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pysbd
from common import EVAL, load_average, machine, require

from claims.extract import extract_claims
from claims.reading.sentences import paragraph_spans, sentence_spans

CORPUS = EVAL / "news" / "bbc-dev.jsonl"
# Articles each tool reads in one turn: enough to keep its own caches warm, few enough that
# the tools share the same moments of load.
TURN = 10

Tool = Callable[[str], object]


@dataclass
class Spent:
    """Seconds a tool spent over all texts: processor time of this process, and wall time."""

    cpu: float = 0.0
    wall: float = 0.0


def in_turns(tools: dict[str, Tool], texts: Sequence[str]) -> dict[str, Spent]:
    """What each tool spends over all texts, the tools taking turns every TURN texts."""
    spent = {name: Spent() for name in tools}
    for first in range(0, len(texts), TURN):
        chunk = texts[first : first + TURN]
        for name, run in tools.items():
            cpu, wall = time.process_time(), time.perf_counter()
            for text in chunk:
                run(text)
            spent[name].cpu += time.process_time() - cpu
            spent[name].wall += time.perf_counter() - wall
    return spent


SEGMENTER = pysbd.Segmenter(language="en", clean=False)


def segment_only(text: str) -> None:
    for line in text.split("\n"):
        if line.strip():
            SEGMENTER.segment(line)


def boundary_agreement(texts: list[str]) -> tuple[int, int, int]:
    """Sentence ends found by both segmenters, by ours only, by pysbd only (±1 character:
    pysbd often ends a sentence before its closing quote mark)."""
    both = ours_only = theirs_only = 0
    for text in texts:
        ours = {end for _, end in sentence_spans(text)}
        theirs = set()
        for p_start, p_end in paragraph_spans(text):
            para, cursor = text[p_start:p_end], 0
            for sentence in SEGMENTER.segment(para):
                found = para.find(sentence.strip(), cursor)
                if found >= 0:
                    cursor = found + len(sentence.strip())
                    theirs.add(p_start + cursor)
        near = {e for e in ours if {e - 1, e, e + 1} & theirs}
        both += len(near)
        ours_only += len(ours) - len(near)
        theirs_only += len({e for e in theirs if not {e - 1, e, e + 1} & ours})
    return both, ours_only, theirs_only


def search_dates(text: str) -> None:
    from dateparser.search import search_dates as dp_search

    dp_search(text, languages=["en"])


def report(name: str, runs: Sequence[tuple[Spent, Sequence[str]]]) -> None:
    """One line for a tool: the median over its runs (each a time and the texts it read)."""
    cpu = statistics.median(spent.cpu for spent, _ in runs)
    wall = statistics.median(spent.wall for spent, _ in runs)
    articles = statistics.median(len(texts) / spent.cpu for spent, texts in runs)
    megabytes = statistics.median(
        sum(len(t.encode("utf-8")) for t in texts) / 1e6 / spent.cpu for spent, texts in runs
    )
    print(
        f"  {name:<28} {cpu:7.2f} s  {articles:8.1f} articles/s  "
        f"{megabytes:7.3f} MB/s   (wall {wall:.2f} s)"
    )


def ratio_line(name: str, passes: Sequence[dict[str, Spent]], num: str, den: str) -> str:
    cpu = [p[num].cpu / p[den].cpu for p in passes]
    wall = statistics.median(p[num].wall / p[den].wall for p in passes)
    spread = f"passes {min(cpu):.1f}-{max(cpu):.1f}x" if len(cpu) > 1 else "one pass"
    return f"  {name:<35} {statistics.median(cpu):5.2f}x  ({spread}; wall {wall:.2f}x)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=200, help="articles for the dateparser run")
    parser.add_argument("--repeat", type=int, default=5, help="passes, each on its own sample")
    args = parser.parse_args()
    texts = [json.loads(line)["text"] for line in require(CORPUS).open(encoding="utf-8")]
    step = max(1, len(texts) // args.sample)
    # Pass k reads articles k, k + step, k + 2 step...: evenly spaced, and new to every pass.
    picks = [range(k, len(texts), step)[: args.sample] for k in range(min(args.repeat, step))]
    samples = [[texts[i] for i in pick] for pick in picks]
    unread = sorted(set(range(len(texts))).difference(*picks))
    print(f"Machine: {machine()}")
    print(f"Before: {load_average()}")
    print(f"Corpus: {len(texts)} BBC articles, {sum(map(len, texts)) / 1e6:.2f} M characters")
    warm_up = texts[unread[-1] if unread else 0]  # compiles the regexes of every tool
    extract_claims(warm_up)
    segment_only(warm_up)
    search_dates(warm_up)

    tools = {"extract": extract_claims, "dates": search_dates, "segment": segment_only}
    passes = [in_turns(tools, sample) for sample in samples]
    size = len(samples[0])
    print(f"\n{len(passes)} samples of {size} articles, one pass each (the median pass):")
    for name, label in (
        ("extract", "claims.extract_claims"),
        ("segment", "pysbd segmentation alone"),
        ("dates", "dateparser search_dates"),
    ):
        report(label, [(p[name], sample) for p, sample in zip(passes, samples, strict=True)])

    whole = in_turns({"extract": extract_claims, "segment": segment_only}, texts)
    print(f"\nWhole corpus ({len(texts)} articles, one pass):")
    report("claims.extract_claims", [(whole["extract"], texts)])
    report("pysbd segmentation alone", [(whole["segment"], texts)])

    both, ours_only, theirs_only = boundary_agreement(samples[0])
    share = both / (both + ours_only + theirs_only)
    print(
        f"\nSentence ends on the first sample: {both} agree, {ours_only} ours only, "
        f"{theirs_only} pysbd only ({share:.1%} agreement)"
    )

    print("\nRatios (same run, same text, in turns; processor time):")
    line = ratio_line("extraction / segmentation, corpus:", [whole], "extract", "segment")
    print(f"{line}   goal <= 3x")
    line = ratio_line("search_dates / extraction, samples:", passes, "dates", "extract")
    print(f"{line}   goal >= 10x")
    print(f"After: {load_average()}")


if __name__ == "__main__":
    main()
