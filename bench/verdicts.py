"""Planted slips on real news: how often the verdict is the one a careful checker would give.

    .venv/bin/python bench/verdicts.py [--bbc 400] [--baseline REF] [--examples FILE]

For every figure and date of a sampled article (BBC `news/bbc-dev.jsonl`, evenly spaced over the
corpus, and every CNN article of `news/cnndm-sample.jsonl`), the claim row as `extract_claims`
gives it is matched (`match_claims`, rank 1) against a passage index holding its own article
only, in these cases:

- `changed`: a point figure or date (no qualifier, or `approx`) with its value changed the way a
  copy editor could, beyond the claim's precision and qualifier: a percentage by at least 1.5
  points and 5% of its value, a count, an amount or a quantity by at least 10%, a year by 1 to
  3, a day by 1 to 10, an ordinal by 1; the claim's text, sentence and value are changed
  alike. Expected `conflicts`.
- `unchanged`: the same claim as extracted. Expected `agrees`.
- `bound kept` / `bound broken`: a point figure made a bound ("more than", "less than") that
  the source's figure satisfies (expected `consistent`) or breaks (expected `conflicts`).
- `range kept` / `range broken`: a point figure made a range that holds the source's figure
  (`consistent`) or lies beside it (`conflicts`).
- `bound/range as written`: a claim that is a bound or a range in the article, unchanged:
  the source states that very figure (`agrees`).
- `unrelated`: the unchanged claim against every other article of its BBC category (CNN: every
  other CNN article), in one index; a rank-1 `agrees`, `consistent` or `conflicts` there is a
  false verdict. Other versions of the claim's story are left out of its control: the BBC
  corpus holds some stories twice, rewritten, and a figure that agrees there is right. An
  article is one when it shares a run of SHINGLE words with the claim's article.

Spelled numbers ("three counts") and dates written without digits ("Thursday") are not
changed (a copy editor's slip is a digit); they count in `unchanged` and `unrelated`.

The measurement runs twice in the same run, in subprocesses on the same sample: today's code,
and the code of `--baseline` (a commit, checked out in a temporary `git worktree`); each line
prints both shares. Goals: `changed` point figures >= 0.95 `conflicts`, `unchanged` >= 0.95
`agrees`, false verdicts on `unrelated` articles <= 0.02.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from common import EVAL, REPO_ROOT, goal, load_average, machine, require

BBC = EVAL / "news" / "bbc-dev.jsonl"
CNN = EVAL / "news" / "cnndm-sample.jsonl"
BASELINE = "16fbd0d"
RESULT = "RESULT "
POINT_KINDS = ("percent", "count", "money", "quantity", "date", "ordinal")
NUMBER_KINDS = ("percent", "count", "money", "quantity")
EXPECTED = {
    "changed": "conflicts",
    "unchanged": "agrees",
    "bound kept": "consistent",
    "bound broken": "conflicts",
    "range kept": "consistent",
    "range broken": "conflicts",
    "bound/range as written": "agrees",
}
FALSE_VERDICTS = frozenset({"agrees", "consistent", "conflicts"})
_NUMERAL = re.compile(r"(?<![\d.,])\d[\d,]*(?:\.\d+)?(?![\d])")
SHINGLE = 8
_ORDINAL_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh".split()
_ORDINAL_WORD = re.compile(r"\b(" + "|".join(_ORDINAL_WORDS) + r")\b", re.IGNORECASE)
_ORDINAL_DIGITS = re.compile(r"\b(\d+)(st|nd|rd|th)\b")


# --- the corpora -------------------------------------------------------------------------------


def articles(bbc_sample: int) -> list[dict[str, str]]:
    """{id, corpus, group, text}: the BBC sample (group: its category) and every CNN article."""
    bbc = [json.loads(line) for line in require(BBC).open(encoding="utf-8")]
    cnn = [json.loads(line) for line in require(CNN).open(encoding="utf-8")]
    rows = [
        {"id": a["id"], "corpus": "BBC", "group": a["category"], "text": a["text"]} for a in bbc
    ]
    rows += [{"id": a["id"], "corpus": "CNN", "group": "cnn", "text": a["article"]} for a in cnn]
    return rows


def sampled(rows: list[dict[str, str]], bbc_sample: int) -> list[dict[str, str]]:
    bbc = [r for r in rows if r["corpus"] == "BBC"]
    step = max(1, len(bbc) // max(1, bbc_sample))
    return bbc[::step][:bbc_sample] + [r for r in rows if r["corpus"] == "CNN"]


# --- planted slips -----------------------------------------------------------------------------


def _pick(key: str, low: int, high: int) -> int:
    """A deterministic choice in [low, high] for this claim: the same slip in both runs."""
    digest = int(hashlib.sha256(key.encode()).hexdigest()[:8], 16)
    return low + digest % (high - low + 1)


def _written(text: str) -> tuple[re.Match[str], float, int] | None:
    m = _NUMERAL.search(text)
    if m is None:
        return None
    digits = m.group().replace(",", "")
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return m, float(digits), decimals


def _format(number: float, decimals: int, like: str) -> str:
    text = f"{number:,.{decimals}f}" if "," in like else f"{number:.{decimals}f}"
    return text


def _up(number: float, decimals: int) -> float:
    step = 10.0**-decimals
    return math.ceil(number / step - 1e-9) * step


def _down(number: float, decimals: int) -> float:
    step = 10.0**-decimals
    return math.floor(number / step + 1e-9) * step


def _scaled(claim: dict[str, Any], new: float) -> tuple[str, float] | None:
    """The claim's text and value with its written number replaced by `new`."""
    found = _written(claim["text"])
    if found is None or found[1] == 0:
        return None
    m, written, decimals = found
    text = claim["text"][: m.start()] + _format(new, decimals, m.group()) + claim["text"][m.end() :]
    return text, float(claim["value"]) * new / written


def changed_number(claim: dict[str, Any]) -> tuple[str, Any] | None:
    found = _written(claim["text"])
    if found is None or found[1] == 0:
        return None
    _, written, decimals = found
    if claim["kind"] == "percent":
        new = _up(written + max(1.5, 0.05 * written), decimals)
    else:
        new = _up(written * 1.1, decimals)
        new = new if new > written else written + 10.0**-decimals
    return _scaled(claim, new)


def changed_date(claim: dict[str, Any]) -> tuple[str, Any] | None:
    value, text = claim["value"], claim["text"]
    m = re.fullmatch(r"(\d{4})(-\d\d)?(-(\d\d))?", str(value))
    if m is None:
        return None
    year, day = m.group(1), m.group(4)
    if day is not None:
        day_in_text = re.search(rf"(?<!\d)0?{int(day)}(?:st|nd|rd|th)?(?!\d)", text)
        if day_in_text is None or day_in_text.group().startswith(year):
            return None
        shift = _pick(claim["claim_id"], 1, 10)
        new_day = int(day) + shift if int(day) + shift <= 28 else int(day) - shift
        if new_day < 1:
            return None
        digits = re.match(r"0?\d+", day_in_text.group())
        assert digits is not None
        at = day_in_text.start()
        text = text[:at] + str(new_day) + text[at + len(digits.group()) :]
        return text, f"{value[:8]}{new_day:02d}"
    if year not in text:
        return None
    new_year = str(int(year) + _pick(claim["claim_id"], 1, 3))
    return text.replace(year, new_year, 1), new_year + str(value)[4:]


def changed_ordinal(claim: dict[str, Any]) -> tuple[str, Any] | None:
    text = claim["text"]
    m = _ORDINAL_DIGITS.search(text)
    if m is not None:
        new = int(m.group(1)) + 1
        suffix = "th" if 10 <= new % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(new % 10, "th")
        return text[: m.start()] + f"{new}{suffix}" + text[m.end() :], new
    m = _ORDINAL_WORD.search(text)
    if m is None or m.group(1).lower() == _ORDINAL_WORDS[-1]:
        return None
    word = _ORDINAL_WORDS[_ORDINAL_WORDS.index(m.group(1).lower()) + 1]
    word = word.capitalize() if m.group(1)[0].isupper() else word
    return text[: m.start()] + word + text[m.end() :], int(claim["value"]) + 1


def slipped(claim: dict[str, Any], case: str, text: str, value: Any, qualifier: Any) -> dict:
    """The claim row with its text (in its sentence too), value and qualifier replaced."""
    row = dict(claim)
    sentence = str(claim["sentence"])
    at = sentence.find(claim["text"])
    if at >= 0:
        row["sentence"] = sentence[:at] + text + sentence[at + len(claim["text"]) :]
    row.update(text=text, value=value, qualifier=qualifier, claim_id=f"{claim['claim_id']}|{case}")
    return row


def bounded(claim: dict[str, Any], *, kept: bool) -> dict[str, Any] | None:
    """The figure made a bound: "more than" a lower figure (kept) or a higher one (broken), or
    "less than" the other way round, by turns."""
    found = _written(claim["text"])
    if found is None or found[1] == 0:
        return None
    _, written, decimals = found
    below, above = _down(written * 0.6, decimals), _up(written * 1.5, decimals)
    if below <= 0 or below >= written:
        return None
    upward = _pick(claim["claim_id"], 0, 1) == 1
    qualifier = "more_than" if upward else "less_than"
    new = (below if upward else above) if kept else (above if upward else below)
    scaled = _scaled(claim, new)
    if scaled is None:
        return None
    words = "more than " if upward else "less than "
    case = "bound kept" if kept else "bound broken"
    return slipped(claim, case, words + scaled[0], scaled[1], qualifier)


def ranged(claim: dict[str, Any], *, kept: bool) -> dict[str, Any] | None:
    """The figure made a range "A to B" that holds it (kept) or lies above it (broken)."""
    found = _written(claim["text"])
    if found is None or found[1] == 0:
        return None
    m, written, decimals = found
    low, high = (0.6, 1.5) if kept else (1.2, 1.5)
    a, b = _down(written * low, decimals), _up(written * high, decimals)
    if a <= 0 or (kept and a >= written) or (not kept and a <= written):
        return None
    span = f"{_format(a, decimals, m.group())} to {_format(b, decimals, m.group())}"
    text = claim["text"][: m.start()] + span + claim["text"][m.end() :]
    scale = float(claim["value"]) / written
    case = "range kept" if kept else "range broken"
    return slipped(claim, case, text, [a * scale, b * scale], "range")


def cases(claim: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(case, claim row) for every case this claim gives."""
    kind, qualifier, value = claim["kind"], claim["qualifier"], claim["value"]
    if kind not in POINT_KINDS or value is None:
        return
    if isinstance(value, list) or qualifier not in (None, "approx"):
        if kind in NUMBER_KINDS:
            yield "bound/range as written", claim
        return
    if kind == "quantity" and not isinstance(value, int | float):
        return  # a score, as written
    yield "unchanged", claim
    change = {"date": changed_date, "ordinal": changed_ordinal}.get(kind, changed_number)(claim)
    if change is not None:
        yield "changed", slipped(claim, "changed", change[0], change[1], qualifier)
    if kind in NUMBER_KINDS and qualifier is None:
        for make in (bounded, ranged):
            for kept in (True, False):
                row = make(claim, kept=kept)
                if row is not None:
                    yield str(row["claim_id"]).split("|")[1], row


# --- one measurement, in the code on the path ---------------------------------------------------


class Without:
    """An index searched without one article's passages (the claim's own)."""

    def __init__(self, index: Any, hidden: frozenset[str], extra: int) -> None:
        self.index, self.hidden, self.extra = index, hidden, extra

    def search_hits(self, query: str, *, limit: int = 100) -> list[Any]:
        hits = self.index.search_hits(query, limit=limit + self.extra)
        return [h for h in hits if h.passage["source_id"] not in self.hidden][:limit]


def _plain_rows(table: Any) -> list[dict[str, Any]]:
    rows = table.astype(object).where(table.notna(), None).to_dict("records")
    for row in rows:
        value = row.get("value")
        if hasattr(value, "tolist"):
            row["value"] = value.tolist()
    return rows


def measure(bbc_sample: int, examples: str | None) -> dict[str, Any]:
    import pandas as pd

    from claims import PassageIndex, extract_claims, match_claims, source_passages
    from claims.evidence.sources import Source

    everything = articles(bbc_sample)
    chosen = sampled(everything, bbc_sample)
    wanted = {a["id"] for a in chosen}
    groups: dict[str, Any] = {}
    passages_of: dict[str, Any] = {}
    for article in everything:
        source = Source(article["id"], article["text"], article["id"], None, None, None,
                        f"{article['id']}.txt", "text")  # fmt: skip
        passages = source_passages(source)
        if article["id"] in wanted:
            passages_of[article["id"]] = passages
        groups.setdefault(article["group"], []).append((article, passages))
    shingles = {a["id"]: _shingles(a["text"]) for a in everything}
    controls = {}
    for group, members in groups.items():
        index = PassageIndex.open()
        index.add(pd.concat([p for _, p in members], ignore_index=True))
        controls[group] = (index, members)
    tally: dict[str, Counter[str]] = defaultdict(Counter)
    shown: list[dict[str, Any]] = []
    claims_seen = 0
    started = time.process_time()
    for article in chosen:
        own = PassageIndex.open()
        own.add(passages_of[article["id"]])
        claims = _plain_rows(extract_claims(article["text"]))
        rows = [(case, row) for claim in claims for case, row in cases(claim)]
        claims_seen += len(claims)
        if not rows:
            continue
        table = pd.DataFrame([row for _, row in rows])
        found = match_claims(table, own, limit=1)
        verdicts = dict(zip(found["claim_id"], found["agreement"], strict=True))
        reasons = dict(zip(found["claim_id"], _reasons(found), strict=True))
        for case, row in rows:
            verdict = verdicts.get(row["claim_id"], "none")
            key = f"{article['corpus']}|{case}|{row['kind']}"
            tally[key][verdict] += 1
            if verdict != EXPECTED[case]:
                shown.append(_example(key, row, verdict, reasons.get(row["claim_id"])))
        index, members = controls[article["group"]]
        mine = shingles[article["id"]]
        twins = frozenset(a["id"] for a, _ in members if mine & shingles[a["id"]])
        _controls(rows, (index, members, twins), match_claims, tally, shown, article["corpus"])
    if examples:
        Path(examples).write_text(json.dumps(shown, indent=1, default=str), encoding="utf-8")
    return {
        "tally": {k: dict(v) for k, v in tally.items()},
        "articles": len(chosen),
        "claims": claims_seen,
        "cpu": time.process_time() - started,
    }


def _reasons(found: Any) -> list[Any]:
    return list(found["reason"]) if "reason" in found else [None] * len(found)


def _example(key: str, row: dict[str, Any], verdict: str, reason: Any) -> dict[str, Any]:
    return {"case": key, "text": row["text"], "value": row["value"], "verdict": verdict,
            "reason": reason, "sentence": row["sentence"]}  # fmt: skip


def _shingles(text: str) -> set[int]:
    words = re.findall(r"\w+", text.lower())
    return {hash(tuple(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def _controls(rows, control, match_claims, tally, shown, corpus) -> None:  # type: ignore[no-untyped-def]
    """The unchanged claims against the other articles of the group, their story's versions
    (`twins`, the claim's own article among them) left out."""
    import pandas as pd

    index, members, twins = control
    unchanged = [row for case, row in rows if case in ("unchanged", "bound/range as written")]
    if not unchanged:
        return
    extra = sum(len(p) for a, p in members if a["id"] in twins)
    search = Without(index, twins, extra)
    for row in unchanged:
        found = match_claims(pd.DataFrame([row]), search, limit=1)
        verdict = found["agreement"].iloc[0] if len(found) else "none"
        key = f"{corpus}|unrelated|{row['kind']}"
        tally[key][verdict] += 1
        if verdict in FALSE_VERDICTS:
            reason = _reasons(found)[0]
            shown.append(
                _example(key, row, verdict, reason) | {"passage": found["passage_text"].iloc[0]}
            )


# --- the report --------------------------------------------------------------------------------


def run_child(code: Path, bbc_sample: int, examples: str | None) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(code))
    args = [sys.executable, __file__, "--child", "--bbc", str(bbc_sample)]
    if examples:
        args += ["--examples", examples]
    return subprocess.Popen(args, env=env, stdout=subprocess.PIPE, text=True, cwd=code)


def result_of(child: subprocess.Popen[str]) -> dict[str, Any]:
    out, _ = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"a measurement failed (exit {child.returncode})")
    line = next(line for line in out.splitlines() if line.startswith(RESULT))
    return dict(json.loads(line[len(RESULT) :]))


def share(
    tally: dict[str, dict[str, int]], keys: list[str], verdicts: frozenset[str]
) -> tuple[float, int]:
    total = sum(sum(tally.get(k, {}).values()) for k in keys)
    hits = sum(n for k in keys for v, n in tally.get(k, {}).items() if v in verdicts)
    return (hits / total if total else float("nan")), total


GOALS = (
    ("changed", "changed point figures: conflicts", lambda share: share >= 0.95, ">= 0.95"),
    ("unchanged", "unchanged: agrees", lambda share: share >= 0.95, ">= 0.95"),
    ("unrelated", "false verdicts on unrelated articles", lambda share: share <= 0.02, "<= 0.02"),
)


def report(ours: dict[str, Any], base: dict[str, Any]) -> None:
    """The share of the expected verdict per case, corpus and kind: today, then the baseline."""
    print(f"{'case':<24}{'corpus kind':<16}{'expected':<12}{'n':>6}{'today':>8}{'baseline':>10}")
    for case in [*EXPECTED, "unrelated"]:
        wanted = FALSE_VERDICTS if case == "unrelated" else frozenset({EXPECTED[case]})
        label = "false" if case == "unrelated" else EXPECTED[case]
        for corpus, kind in _lines():
            keys = _keys(case, corpus, kind)
            mine, n = share(ours["tally"], keys, wanted)
            if n:
                theirs, _ = share(base["tally"], keys, wanted)
                where = f"{corpus} {kind}"
                print(f"{case:<24}{where:<16}{label:<12}{n:>6}{mine:>8.3f}{theirs:>10.3f}")
        print()
    for case, what, met, bound in GOALS:
        keys = _keys(case, "all", "all")
        verdicts = FALSE_VERDICTS if case == "unrelated" else frozenset({EXPECTED[case]})
        mine, _ = share(ours["tally"], keys, verdicts)
        theirs, _ = share(base["tally"], keys, verdicts)
        line = f"Goal {what} {bound}: {mine:.3f} (baseline {theirs:.3f})"
        print(f"{line} {goal(met(mine))}")


def _lines() -> list[tuple[str, str]]:
    per_kind = [(c, k) for c in ("BBC", "CNN") for k in (*POINT_KINDS, "all")]
    return [*per_kind, ("all", "all")]


def _keys(case: str, corpus: str, kind: str) -> list[str]:
    corpora = ("BBC", "CNN") if corpus == "all" else (corpus,)
    kinds = POINT_KINDS if kind == "all" else (kind,)
    return [f"{c}|{case}|{k}" for c in corpora for k in kinds]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bbc", type=int, default=400, help="BBC articles, evenly spaced")
    parser.add_argument("--baseline", default=BASELINE, help="the commit to compare with")
    parser.add_argument("--examples", help="write the cases of today's code that missed here")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(RESULT + json.dumps(measure(args.bbc, args.examples)))
        return
    print(f"Machine: {machine()}")
    print(f"Before: {load_average()}")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "baseline"
        subprocess.run(["git", "-C", str(REPO_ROOT), "worktree", "add", "--detach", "-q",
                        str(base), args.baseline], check=True)  # fmt: skip
        try:
            children = (run_child(REPO_ROOT, args.bbc, args.examples),
                        run_child(base, args.bbc, None))  # fmt: skip
            ours, theirs = result_of(children[0]), result_of(children[1])
        finally:
            subprocess.run(["git", "-C", str(REPO_ROOT), "worktree", "remove", "--force",
                            str(base)], check=False)  # fmt: skip
    print(f"Sample: {ours['articles']} articles ({args.bbc} BBC, evenly spaced, and all CNN), "
          f"{ours['claims']} claims; baseline: commit {args.baseline}, same sample")  # fmt: skip
    print(f"Processor time: today {ours['cpu']:.0f} s, baseline {theirs['cpu']:.0f} s\n")
    report(ours, theirs)
    print(f"After: {load_average()}")


if __name__ == "__main__":
    main()
