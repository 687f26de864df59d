"""Extraction throughput on real news, beside two baselines measured in the same run.

    .venv/bin/python bench/extract.py [--sample N] [--repeat R]

Baselines, on the same articles:
- pysbd sentence segmentation alone (per line, as any sentence-based extractor must do at the
  least): the floor. Goal: the whole extraction costs at most 3x this.
- dateparser.search.search_dates, the library a user would reach for (dates only). Goal: the
  extraction is at least 10x faster. It is slow, so it runs on a sample (--sample articles);
  the other two run on the sample too, so the ratios compare like with like, and the extractor
  and pysbd are also timed over the whole corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections.abc import Callable
from pathlib import Path

import pysbd

from claims.extract import extract_claims
from claims.sentences import paragraph_spans, sentence_spans

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "eval" / "news" / "bbc-dev.jsonl"


def machine() -> str:
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {mem_gib:.0f} GiB, Python {platform.python_version()}"


def timed(run: Callable[[str], object], texts: list[str], repeat: int) -> float:
    """Best wall time of `repeat` passes over all texts (the least disturbed by other load)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            run(text)
        best = min(best, time.perf_counter() - start)
    return best


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


def report(name: str, seconds: float, texts: list[str]) -> None:
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(
        f"  {name:<32} {seconds:8.2f} s  {len(texts) / seconds:9.1f} articles/s  "
        f"{megabytes / seconds:7.3f} MB/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=150, help="articles for the dateparser run")
    parser.add_argument("--repeat", type=int, default=2, help="passes; the best is kept")
    args = parser.parse_args()
    if not CORPUS.exists():
        raise SystemExit(
            f"{CORPUS} is missing: the benchmark reads ../shared/eval beside the repo."
        )
    texts = [json.loads(line)["text"] for line in CORPUS.open(encoding="utf-8")]
    sample = texts[:: max(1, len(texts) // args.sample)][: args.sample]
    print(f"Machine: {machine()}")
    print(f"Corpus: {len(texts)} BBC articles, {sum(map(len, texts)) / 1e6:.2f} M characters")
    extract_claims(texts[0])  # warm up regex compilation and pysbd's caches
    segment_only(texts[0])
    search_dates(texts[0])

    print(f"\nSample of {len(sample)} articles:")
    s_extract = timed(extract_claims, sample, args.repeat)
    s_segment = timed(segment_only, sample, args.repeat)
    s_dates = timed(search_dates, sample, 1)
    report("claims.extract_claims", s_extract, sample)
    report("pysbd segmentation alone", s_segment, sample)
    report("dateparser search_dates", s_dates, sample)

    print(f"\nWhole corpus ({len(texts)} articles):")
    c_extract = timed(extract_claims, texts, args.repeat)
    c_segment = timed(segment_only, texts, args.repeat)
    report("claims.extract_claims", c_extract, texts)
    report("pysbd segmentation alone", c_segment, texts)

    both, ours_only, theirs_only = boundary_agreement(sample)
    share = both / (both + ours_only + theirs_only)
    print(
        f"\nSentence ends on the sample: {both} agree, {ours_only} ours only, "
        f"{theirs_only} pysbd only ({share:.1%} agreement)"
    )

    print("\nRatios (same run, same text):")
    print(f"  extraction / segmentation alone: {c_extract / c_segment:.2f}x   (goal <= 3x)")
    print(f"  search_dates / extraction:       {s_dates / s_extract:.1f}x   (goal >= 10x)")


if __name__ == "__main__":
    main()
