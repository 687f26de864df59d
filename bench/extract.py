"""Extraction throughput on real news, beside two baselines measured in the same run.

    .venv/bin/python bench/extract.py [--sample N] [--repeat R] [--baseline CHECKOUT]

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

With --baseline, a checkout of an earlier commit (`git worktree add /tmp/base COMMIT`), the
extraction of that commit and today's are also timed over the whole corpus, each in a process
of its own (`bench/extract_worker.py`) and the two taking turns every TURN articles, by the
processor time each process reports. Goal: today's costs at most 1.25x the baseline's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pysbd
from common import EVAL, REPO_ROOT, load_average, machine, require

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


WORKER = REPO_ROOT / "bench" / "extract_worker.py"
# Today's extraction may cost at most this much more than the baseline's.
BASELINE_GOAL = 1.25


def versions_in_turns(checkouts: dict[str, Path], texts: Sequence[str]) -> dict[str, float]:
    """Processor seconds each checkout's extraction spends over all texts, each in its own
    process, the processes taking turns every TURN texts."""
    workers = {
        name: subprocess.Popen(
            [sys.executable, str(WORKER), str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for name, path in checkouts.items()
    }
    spent = dict.fromkeys(checkouts, 0.0)
    try:
        for worker in workers.values():  # warm-up: imports and compiled patterns
            _turn(worker, list(texts[:TURN]))
        for first in range(0, len(texts), TURN):
            chunk = list(texts[first : first + TURN])
            for name, worker in workers.items():
                spent[name] += _turn(worker, chunk)
    finally:
        for worker in workers.values():
            assert worker.stdin is not None
            worker.stdin.close()
            worker.wait()
    return spent


def _turn(worker: subprocess.Popen[str], chunk: list[str]) -> float:
    assert worker.stdin is not None and worker.stdout is not None
    worker.stdin.write(json.dumps(chunk) + "\n")
    worker.stdin.flush()
    return float(worker.stdout.readline())


def baseline_report(baseline: Path, texts: Sequence[str]) -> None:
    spent = versions_in_turns({"baseline": baseline.resolve(), "today": REPO_ROOT}, texts)
    print(f"\nToday's extraction beside the baseline ({baseline}), whole corpus, in turns:")
    for name, seconds in spent.items():
        print(f"  {name:<9} {seconds:7.2f} s  {1000 * seconds / len(texts):6.2f} ms/article")
    ratio = spent["today"] / spent["baseline"]
    ok = "met" if ratio <= BASELINE_GOAL else "MISSED"
    print(f"  today / baseline (processor time)   {ratio:5.2f}x   goal <= {BASELINE_GOAL}x {ok}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=200, help="articles for the dateparser run")
    parser.add_argument("--repeat", type=int, default=5, help="passes, each on its own sample")
    parser.add_argument("--baseline", type=Path, help="checkout of an earlier commit to compare")
    parser.add_argument(
        "--baseline-only", action="store_true", help="only the comparison with --baseline"
    )
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
    if args.baseline is not None and args.baseline_only:
        baseline_report(args.baseline, texts)
        print(f"After: {load_average()}")
        return
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
    if args.baseline is not None:
        baseline_report(args.baseline, texts)
    print(f"After: {load_average()}")


if __name__ == "__main__":
    main()
