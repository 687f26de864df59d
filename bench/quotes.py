"""Quotes, speakers and attributions on attribution-annotated news, beside an earlier commit.

    .venv/bin/python bench/quotes.py --baseline CHECKOUT [--split dev|train]

CHECKOUT is a checkout of the commit to compare with (`git worktree add /tmp/base COMMIT`; for
a checkout outside this folder's parent, `../shared` must reach the evaluation data from it
too). Both versions extract the same articles of `polnear/SPLIT.jsonl` (PolNeAR: US political
news of seven publishers, every attribution marked by trained annotators), each in its own
process (`bench/quote_rows.py`), one after the other, in the same run; the scoring is that of
`claims.quotes.scores` for both. The processor time is that of the whole extraction per article.

It also reads `bench/speaker-judgments.jsonl`: 100 quotes of the BBC and CNN articles of
`news/` outside politics, each with the speaker a reader gives it (as offsets of a mention of
the speaker in the article, or none), and says for how many today's code gives that speaker.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from common import EVAL, REPO_ROOT, load_average, machine, require

from claims.quotes.scores import SpeechScores, speaker_right

POLNEAR = EVAL / "polnear"
NEWS = EVAL / "news"
JUDGMENTS = REPO_ROOT / "bench" / "speaker-judgments.jsonl"
WORKER = REPO_ROOT / "bench" / "quote_rows.py"
# corpus name -> (file of news/, field of the article text)
CORPORA = {"bbc-dev": ("bbc-dev.jsonl", "text"), "cnndm-sample": ("cnndm-sample.jsonl", "article")}
# figure -> (goal, whether lower is better)
GOALS: dict[str, tuple[float, bool]] = {
    "direct found": (0.99, False),
    "false quote rows": (0.02, True),
    "named speaker right": (0.93, False),
    "pronoun/description resolved": (0.75, False),
    "no speaker": (0.03, True),
    "indirect found": (0.85, False),
    "indirect named source right": (0.95, False),
    "false attribution rows": (0.10, True),
}


def rows_of(checkout: Path, path: Path, field: str = "text") -> dict[str, dict]:
    """Per article id: the extraction's processor time and its quote and attribution rows."""
    out = subprocess.run(
        [sys.executable, str(WORKER), str(checkout), str(path), field],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return {d["id"]: d for d in map(json.loads, out.splitlines())}


def score(articles: list[dict], found: dict[str, dict]) -> SpeechScores:
    scores = SpeechScores()
    for article in articles:
        rows = [tuple(r) for r in found[article["id"]]["rows"]]
        scores.add(article["text"], rows, article["attributions"])  # type: ignore[arg-type]
    return scores


def counts(scores: SpeechScores) -> dict[str, str]:
    s = scores
    return {
        "direct found": f"{s.direct_found}/{s.direct}",
        "false quote rows": f"{s.false_quote_rows}/{s.quote_rows}",
        "named speaker right": f"{s.named_right}/{s.named}",
        "pronoun/description resolved": f"{s.resolved_right}/{s.resolved}",
        "no speaker": f"{s.no_speaker}/{s.with_names}",
        "indirect found": f"{s.indirect_found}/{s.indirect}",
        "indirect named source right": f"{s.indirect_named_right}/{s.indirect_named}",
        "false attribution rows": f"{s.false_attribution_rows}/{s.attribution_rows}",
    }


def judged(checkout: Path) -> tuple[int, int]:
    """Of the judged quotes, how many get the speaker the judgment gives."""
    judgments = [json.loads(line) for line in require(JUDGMENTS).open(encoding="utf-8")]
    right = 0
    for corpus, (name, field) in CORPORA.items():
        mine = [j for j in judgments if j["corpus"] == corpus]
        if not mine:
            continue
        wanted = {j["article_id"] for j in mine}
        texts = {}
        subset = Path("/tmp") / f"speaker-judgments-{corpus}.jsonl"
        with subset.open("w", encoding="utf-8") as out:
            for line in require(NEWS / name).open(encoding="utf-8"):
                article = json.loads(line)
                if article["id"] in wanted:
                    texts[article["id"]] = article[field]
                    out.write(line)
        found = rows_of(checkout, subset, field)
        for j in mine:
            right += _judged_right(j, texts[j["article_id"]], found[j["article_id"]]["rows"])
    return right, len(judgments)


def _judged_right(judgment: dict, text: str, rows: list) -> bool:
    quote = next(
        (
            r
            for r in rows
            if r[0] == "quote" and r[1] < judgment["end"] and judgment["start"] < r[2]
        ),
        None,
    )
    if quote is None:
        return False
    if judgment["speaker"] is None:
        return quote[3] is None
    start, end = judgment["speaker"]
    return speaker_right(quote[3], [text[start:end]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, help="checkout of the old code")
    parser.add_argument("--split", default="dev", choices=("dev", "train"))
    args = parser.parse_args()
    path = require(POLNEAR / f"{args.split}.jsonl")
    articles = [json.loads(line) for line in path.open(encoding="utf-8")]
    print(f"Machine: {machine()}")
    print(f"Before: {load_average()}")
    print(f"PolNeAR {args.split}: {len(articles)} articles")
    versions = {"baseline": args.baseline.resolve(), "today": REPO_ROOT}
    found = {name: rows_of(checkout, path) for name, checkout in versions.items()}
    scores = {name: score(articles, rows) for name, rows in found.items()}
    shares = {name: s.shares() for name, s in scores.items()}
    tallies = {name: counts(s) for name, s in scores.items()}
    print(f"\n  {'figure':<30} {'baseline':>19} {'today':>19}   goal")
    for figure, (target, lower) in GOALS.items():
        cells = [f"{shares[n][figure]:.4f} ({tallies[n][figure]})" for n in versions]
        met = shares["today"][figure] <= target if lower else shares["today"][figure] >= target
        sign = "<=" if lower else ">="
        print(
            f"  {figure:<30} {cells[0]:>18} {cells[1]:>18}   {sign} {target} "
            f"{'met' if met else 'MISSED'}"
        )
    print("  (pronoun/description: only rows whose speaker_names is not empty)")
    for name in versions:
        cpu = [a["cpu"] for a in found[name].values()]
        print(f"  processor time per article, {name:<9} {1000 * sum(cpu) / len(cpu):7.2f} ms")
    if JUDGMENTS.exists():
        print("\nBBC/CNN quotes outside politics, speakers judged by a reader:")
        for name, checkout in versions.items():
            right, total = judged(checkout)
            print(f"  {name:<9} {right}/{total} speakers right ({right / total:.2f})")
    print(f"After: {load_average()}")


if __name__ == "__main__":
    main()
