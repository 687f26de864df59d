"""Processor time per MB as the input grows: no stage may cost more per MB on a bigger input.

    .venv/bin/python bench/scaling.py [--sizes 0.1,1,10] [--line-chars 200000] [--skip-pipeline]

Real news text (../shared/eval/news: BBC and CNN / Daily Mail articles, concatenated, a blank
line between articles, repeated from the first article when the corpus runs out) is cut at
100 KB, 1 MB and 10 MB, and beside them comes one line of 200,000 characters of the same text
with every sentence end turned into a comma (one sentence, as a table or transcript flattened
into one line reads). For each input, in one process and after a warm-up on a small input:

- `extract_claims` on the text;
- `self_check` on the text and its claim table;
- `match_claims` of the claim table against the demo sources (seeds/sources), indexed once;
- the pipeline's add-article (store, extract, self-check, match) into a fresh workspace holding
  the demo sources.

The figure is processor time (this process, `time.process_time`) per MB of UTF-8 text, so that
the other work on a shared machine counts less than in wall time. Goal: for each stage, the time
per MB at the largest size and on the long line within 2x of the time per MB at 1 MB.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import EVAL, REPO_ROOT, goal, load_average, machine, peak_rss_mb, require

from claims import PassageIndex, extract_claims, match_claims, self_check
from workbench import pipeline
from workbench.evidence import read_sources, source_files
from workbench.pipeline import Workspace

SOURCES = REPO_ROOT / "seeds" / "sources"
GOAL_RATIO = 2.0
_SENTENCE_END = re.compile(r"[.!?]+(?=\s)")


def news_articles() -> Iterator[str]:
    """The articles of the news corpora, in file order."""
    news = require(EVAL / "news")
    for name, field in (("bbc-dev.jsonl", "text"), ("cnndm-sample.jsonl", "article")):
        with open(news / name, encoding="utf-8") as lines:
            for line in lines:
                yield json.loads(line)[field]


def news_text(size: int) -> str:
    """`size` bytes (UTF-8, about) of articles joined by blank lines, cut at a line's end."""
    pieces: list[str] = []
    total = 0
    while total < size:
        for article in news_articles():
            pieces.append(article)
            total += len(article.encode("utf-8")) + 2
            if total >= size:
                break
    text = "\n\n".join(pieces)
    cut = text.rfind("\n", 0, size)
    return text[: cut if cut > 0 else size]


def long_line(chars: int) -> str:
    """One line of `chars` characters of news text, with no sentence end in it."""
    words = " ".join(news_text(chars * 2).split())[:chars]
    return _SENTENCE_END.sub(",", words)


def cpu(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def measure(text: str, index: PassageIndex, *, pipeline_too: bool) -> dict[str, float]:
    """Processor seconds of each stage on `text`."""
    seconds: dict[str, float] = {}
    table = extract_claims(text, article_id="bench")
    seconds["extract_claims"] = cpu(lambda: extract_claims(text, article_id="bench"))
    seconds["self_check"] = cpu(lambda: self_check(text, table))
    seconds["match"] = cpu(lambda: match_claims(table, index))
    if pipeline_too:
        with tempfile.TemporaryDirectory() as folder:
            ws = Workspace.open(Path(folder))
            pipeline.add_sources(ws, [SOURCES])
            seconds["add-article"] = cpu(lambda: pipeline.add_article(ws, text, title="bench"))
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0.1,1,10", help="Sizes of news text, in MB.")
    parser.add_argument("--line-chars", type=int, default=200_000)
    parser.add_argument("--skip-pipeline", action="store_true", help="Leave add-article out.")
    args = parser.parse_args()
    sizes = [float(size) for size in args.sizes.split(",")]
    print(f"Machine: {machine()}; {load_average()}")
    index = PassageIndex.open(None)
    index.add(read_sources(source_files([SOURCES])))
    measure(news_text(20_000), index, pipeline_too=not args.skip_pipeline)  # warm-up
    inputs = [(f"{size:g} MB news", news_text(int(size * 1e6))) for size in sizes]
    inputs.append((f"one line of {args.line_chars:,} chars", long_line(args.line_chars)))
    per_mb: dict[str, dict[str, float]] = {}
    for label, text in inputs:
        megabytes = len(text.encode("utf-8")) / 1e6
        seconds = measure(text, index, pipeline_too=not args.skip_pipeline)
        per_mb[label] = {stage: s / megabytes for stage, s in seconds.items()}
        figures = ", ".join(f"{stage} {s:.2f} s ({s / megabytes:.2f} s/MB)"
                            for stage, s in seconds.items())  # fmt: skip
        print(f"{label} ({megabytes:.2f} MB): {figures}; peak RSS {peak_rss_mb():.0f} MB")
    report(per_mb, reference=f"{1:g} MB news", largest=inputs[-2][0], line=inputs[-1][0])


def report(per_mb: dict[str, dict[str, float]], *, reference: str, largest: str, line: str) -> None:
    if reference not in per_mb:
        print(f"No ratios: the sizes do not include {reference}.")
        return
    for stage, base in per_mb[reference].items():
        for label in dict.fromkeys((largest, line)):
            ratio = per_mb[label][stage] / base
            print(f"{stage}: {label} {ratio:.2f}x the s/MB at {reference} "
                  f"(goal within {GOAL_RATIO:g}x: {goal(ratio <= GOAL_RATIO)})")  # fmt: skip


if __name__ == "__main__":
    main()
