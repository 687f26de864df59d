"""The Review page and a stored decision on a large workspace, beside a near-empty one.

    .venv/bin/python bench/review.py [--claims-total 100000] [--article-claims 1000] [--repeat 3]

Two workspaces are built in a temporary folder (removed at the end) through the store's public
API, from a seeded random generator: news-like articles whose claims are spans of their own
text (percentages, money, counts, dates, ordinals, comparisons, quotes inside attributions),
sources with passages, and one to five matches per claim, each citing a passage with the
matching words marked. No extractor and no index are run: `Store.add_article` takes the claim
table, `Store.add_source` the passages and `Store.replace_matches` the matches.

- large: articles of --article-claims claims each up to --claims-total claims in all;
- baseline: one article of --baseline-claims claims, otherwise empty.

Measured, with both workspaces in the same run:
1. The Review page under `streamlit.testing.v1.AppTest` (server side, the whole app script):
   the article chosen in the picker, a claim selected in the claim table so that its evidence,
   decision form and history are drawn, then `AppTest.run()` timed, best of --repeat after a
   warm-up run, the two workspaces' pages in turn so that both see the same load. The first
   run after choosing the article (its highlighted HTML not cached yet) is shown too.
   Goal: the large workspace's page in at most 3x the baseline's.
2. A decision stored through `workbench.review.decide`, the call the decision form makes:
   --decisions decisions on different claims of the large workspace (verified citing a
   passage, false citing a URL, unverifiable with a note, in turn), median and p95; as the
   baseline, as many on the baseline's claims over and over, one of each workspace in turn.
   Goal: the large workspace's median under 20 ms.

A missed goal is followed by a cProfile of what missed it (--profile profiles both anyway).

With `--against REV` the same measurements are made of the code of commit REV too (checked out
in a temporary git worktree and imported in a subprocess of this script), each twice, in turns
with today's, and the two are printed side by side; the decision's goal is then also to stay within
1.5x of REV's median.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import logging
import os
import platform
import pstats
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.local_script_runner import LocalScriptRunner

import workbench
from claims.evidence.sources import passages_frame
from claims.extract import claim_id as make_claim_id
from claims.schema import AGREEMENTS, MATCH_COLUMNS, claims_frame
from workbench import review
from workbench.pipeline import ENV_VAR, Workspace
from workbench.records import Article, SourceRecord
from workbench.ui import state

ROOT = Path(__file__).resolve().parents[1]
# The app of the workbench imported (with --against, the other commit's in its subprocess).
APP = Path(workbench.__file__).resolve().parent / "ui" / "app.py"
RENDER_GOAL = 3.0  # large page / baseline page
DECISION_GOAL_MS = 20.0  # median
REVIEWER = "Bench Reviewer"
# AppTest's own calls from the main thread log this once per widget set; it says nothing here.
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
    lambda record: "missing ScriptRunContext" not in record.getMessage()
)

PLACES = tuple(
    "Leeds Cardiff Glasgow Belfast Norwich Bristol Aberdeen Swansea Lagos Nairobi Lisbon Porto "
    "Toronto Osaka Lyon Gdansk Valencia".split()
)
ORGS = tuple(
    "the Office for National Statistics|the health ministry|the central bank|the city council|"
    "the Institute for Fiscal Studies|the transport authority|the National Audit Office|"
    "the teachers' union|the housing charity Shelter".split("|")
)
PEOPLE = tuple(
    "Maria Santos|James Okafor|Priya Raman|Tomasz Nowak|Helen Carter|Kenji Watanabe|Aisha Bello|"
    "David Moreau|Sarah Lindqvist|Rui Almeida".split("|")
)
ROLES = ("chief executive", "director", "spokeswoman", "spokesman", "chair", "minister")
TOPICS = tuple(
    "unemployment|inflation|hospital waiting times|rents|bus fares|school absences|energy bills|"
    "house prices|crime|childcare costs".split("|")
)
MONTHS = tuple(
    "January February March April May June July August September October November December".split()
)
ORDINALS = ("second", "third", "fourth", "fifth", "sixth")
THINGS = ("port", "airport", "university", "employer", "hospital trust", "city")
QUOTES = (
    "We have never seen demand like this before",
    "The figures speak for themselves and the trend is clear",
    "Families are paying more for less, and they know it",
    "This is the biggest investment the region has had in a generation",
    "Nobody should have to wait that long for treatment",
    "We expect the numbers to improve by the end of the year",
)
FILLER = (
    "The report was published on the council's website.",
    "Critics said the plan did not go far enough.",
    "The announcement came after months of talks.",
    "Local businesses welcomed the decision.",
    "Opposition members called for an independent review.",
)


# --- a generated workspace ---------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A stretch of a sentence; a claim when `kind` is set (value, unit, qualifier, speaker)."""

    text: str
    kind: str | None = None
    value: Any = None
    unit: str | None = None
    qualifier: str | None = None
    speaker: str | None = None


def _sentence(rng: random.Random) -> tuple[list[Piece], str | None]:
    """One news sentence as pieces, and the kind of a claim spanning all of it (if any)."""
    pick = rng.random()
    if pick < 0.22:
        now, before = round(rng.uniform(1, 20), 1), round(rng.uniform(1, 20), 1)
        org = rng.choice(ORGS)
        return [
            Piece(f"{org[0].upper()}{org[1:]} said {rng.choice(TOPICS)} rose to "),
            Piece(f"{now}%", "percent", now / 100),
            Piece(f" in {rng.choice(MONTHS)}, up from "),
            Piece(f"{before}%", "percent", before / 100),
            Piece(" a year earlier."),
        ], None
    if pick < 0.40:
        money, year = round(rng.uniform(1, 900), 1), rng.randint(2025, 2035)
        return [
            Piece(f"The {rng.choice(PLACES)} council will spend "),
            Piece(f"£{money} million", "money", money * 1e6, "GBP"),
            Piece(f" on {rng.choice(TOPICS)} "),
            Piece(f"by {year}", "date", str(year), None, "before"),
            Piece("."),
        ], None
    if pick < 0.56:
        count = rng.randint(100, 90_000)
        return [
            Piece("Police said "),
            Piece(f"about {count:,} people", "count", count, "people", "approx"),
            Piece(f" marched through {rng.choice(PLACES)} on "),
            Piece(f"{rng.randint(1, 28)} {rng.choice(MONTHS)}", "date", None),
            Piece("."),
        ], None
    if pick < 0.72:
        person = rng.choice(PEOPLE)
        return [
            Piece(f"{person}, the {rng.choice(ROLES)} of {rng.choice(ORGS)}, said: “"),
            Piece(rng.choice(QUOTES), "quote", None, None, None, person),
            Piece(".”"),
        ], "attribution"
    if pick < 0.86:
        return [
            Piece(f"{rng.choice(PLACES)} is now the "),
            Piece(rng.choice(ORDINALS), "ordinal", rng.randint(2, 6)),
            Piece(f" largest {rng.choice(THINGS)} in the country, with "),
            Piece(f"twice as many {rng.choice(TOPICS)} complaints as in 2019", "comparison"),
            Piece("."),
        ], None
    return [Piece(rng.choice(FILLER))], ("statement" if rng.random() < 0.3 else None)


def article_rows(
    rng: random.Random, number: int, claims: int
) -> tuple[str, str, list[dict[str, Any]]]:
    """An article's id, text and claim rows: `claims` spans of its text."""
    article_id = f"bench-{number:05d}"
    parts: list[str] = []
    rows: list[dict[str, Any]] = []
    offset = sentence_index = 0
    while len(rows) < claims:
        pieces, whole = _sentence(rng)
        sentence = "".join(p.text for p in pieces)
        sep = "" if not parts else ("\n\n" if sentence_index % 5 == 0 else " ")
        parts.append(sep + sentence)
        offset += len(sep)
        found = []
        if whole:
            speaker = next((p.speaker for p in pieces if p.speaker), None)
            found.append((0, len(sentence), Piece(sentence, whole, speaker=speaker)))
        at = 0
        for piece in pieces:
            if piece.kind:
                found.append((at, at + len(piece.text), piece))
            at += len(piece.text)
        for start, end, piece in found[: claims - len(rows)]:
            kind = str(piece.kind)
            rows.append(
                {
                    "claim_id": make_claim_id(article_id, kind, piece.text, len(rows)),
                    "article_id": article_id,
                    "kind": kind,
                    "text": piece.text,
                    "start": offset + start,
                    "end": offset + end,
                    "sentence_index": sentence_index,
                    "sentence": sentence,
                    "value": piece.value,
                    "unit": piece.unit,
                    "qualifier": piece.qualifier,
                    "speaker": piece.speaker,
                    "subject": None,
                }
            )
        offset += len(sentence)
        sentence_index += 1
    text = "".join(parts)
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)
    return article_id, text, rows


def add_sources(ws: Workspace, rng: random.Random, sources: int, per_source: int) -> list[dict]:
    """Sources with generated passages; the passage rows."""
    everything: list[dict[str, Any]] = []
    for number in range(sources):
        source_id = f"src-{number:03d}"
        record = SourceRecord(
            source_id,
            f"{rng.choice(PLACES)} {rng.choice(TOPICS)} bulletin {number}",
            "Statistics office",
            f"https://stats.example.org/{source_id}",
            "2024-05-01",
            f"{source_id}.html",
            "html",
        )
        rows, at = [], 0
        for index in range(per_source):
            text = " ".join("".join(p.text for p in _sentence(rng)[0]) for _ in range(2))
            rows.append(
                {
                    "passage_id": f"{source_id}:{index:04d}",
                    "source_id": source_id,
                    "start": at,
                    "end": at + len(text),
                    "text": text,
                    "title": record.title,
                    "publisher": record.publisher,
                    "url": record.url,
                    "date": record.date,
                    "file_name": record.file_name,
                    "values": [],
                }
            )
            at += len(text) + 1
        ws.store.add_source(record, passages_frame(rows))
        everything.extend(rows)
    return everything


def match_rows(
    rng: random.Random, claim_ids: list[str], passages: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """One to five matches per claim, best first, the evidence words inside the passage."""
    rows = []
    for claim in claim_ids:
        score = rng.uniform(0.6, 0.95)
        for rank in range(1, rng.randint(1, 5) + 1):
            passage = rng.choice(passages)
            start = rng.randrange(0, max(1, len(passage["text"]) - 40))
            rows.append(
                {
                    "claim_id": claim,
                    "rank": rank,
                    "passage_id": passage["passage_id"],
                    "source_id": passage["source_id"],
                    "score": round(score, 4),
                    "agreement": rng.choice(AGREEMENTS),
                    "evidence_start": start,
                    "evidence_end": start + rng.randint(5, 40),
                    "source_value": rng.choice([None, "4.1%", "£12 million", "3,400"]),
                    "passage_text": passage["text"],
                }
            )
            score *= rng.uniform(0.7, 0.98)
    return rows


def build(
    folder: Path,
    *,
    total: int,
    per_article: int,
    chosen: int,
    seed: int,
    sources: int,
    per_source: int,
) -> tuple[Workspace, str]:
    """A workspace of `total` claims in articles of `per_article`; the id of article `chosen`."""
    rng = random.Random(seed)
    ws = Workspace.open(folder)
    passages = add_sources(ws, rng, sources, per_source)
    chosen_id = ""
    for number in range(-(-total // per_article)):
        count = min(per_article, total - number * per_article)
        article_id, text, rows = article_rows(rng, number, count)
        title = f"{rng.choice(PLACES)}: {rng.choice(TOPICS)} in figures ({number})"
        ws.store.add_article(
            Article(article_id, title, "The Bench Herald", "2024-06-01", text, "bench", ""),
            claims_frame(rows),
        )
        ids = [r["claim_id"] for r in rows]
        ws.store.replace_matches(
            ids, pd.DataFrame(match_rows(rng, ids, passages), columns=list(MATCH_COLUMNS))
        )
        if number == chosen:
            chosen_id = article_id
    return ws, chosen_id


# --- the Review page ---------------------------------------------------------------------------


@contextlib.contextmanager
def pointed_at(folder: Path) -> Iterator[None]:
    """The app's workspace, through WORKBENCH_WORKSPACE, for the time of the block."""
    before = os.environ.get(ENV_VAR)
    os.environ[ENV_VAR] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = before


def _checked(at: AppTest) -> AppTest:
    if at.exception:
        raise SystemExit(f"the Review page failed: {[e.value for e in at.exception]}")
    return at


@dataclass
class Page:
    """One app session on the Review page of one workspace, and its timings in seconds."""

    ws: Workspace
    at: AppTest
    first: float  # the run right after choosing the article: no claim open, HTML not cached
    runs: list[float]

    def run(self) -> float:
        with pointed_at(self.ws.folder):
            start = time.perf_counter()
            _checked(self.at.run())
            return time.perf_counter() - start

    @property
    def best(self) -> float:
        return min(self.runs)

    def claims_shown(self) -> int:
        tables = [d for d in self.at.dataframe if str(d.key).startswith("claim_table_")]
        return len(tables[0].value) if tables else 0

    def marks(self) -> int:
        """Highlights in the article's HTML."""
        return sum(m.value.count("<mark") for m in self.at.markdown if "line-height" in m.value)


def open_review(ws: Workspace, article_id: str) -> Page:
    """The app on the Review page with `article_id` chosen and its first claim selected."""
    with pointed_at(ws.folder):
        at = _checked(AppTest.from_file(str(APP), default_timeout=600).run())
        at.selectbox(key=state.widget_key(state.ARTICLE)).select(article_id)
        start = time.perf_counter()
        _checked(at.run())
        first = time.perf_counter() - start
        key = state.table_key_for(int(at.session_state.get(state.TABLE_GENERATION, 0)))
        at.session_state[key] = {"selection": {"rows": [0], "columns": []}}
        _checked(at.run())
    if not at.session_state[state.SELECTED_CLAIM] or not at.subheader:
        raise SystemExit("no claim opened on the Review page: its evidence panel is not drawn")
    return Page(ws, at, first, [])


def render(pages: list[Page], repeat: int) -> None:
    """A warm-up run of each page, then `repeat` timed runs of each, taken in turn, so that
    both see the same load from the rest of the machine."""
    for page in pages:
        page.run()
    for _ in range(max(1, repeat)):
        for page in pages:
            page.runs.append(page.run())


# --- decisions ---------------------------------------------------------------------------------

Step = tuple[str, str, dict[str, Any]]  # a decision: claim id, status, note and evidence
CORRECTION = {"url": "https://example.org/correction", "note": "The source gives another figure."}


def decision_plan(ws: Workspace, claim_ids: list[str], count: int) -> list[Step]:
    """`count` decisions on the claims in turn: (claim id, status, what it cites)."""
    plan = []
    for n in range(count):
        claim = claim_ids[n % len(claim_ids)]
        turn = n % 3
        if turn == 0:
            passage = str(ws.store.matches(claim_id=claim)["passage_id"].iloc[0])
            plan.append((claim, "verified", {"passage_id": passage, "note": "Table 2 says so."}))
        elif turn == 1:
            plan.append((claim, "false", CORRECTION))
        else:
            plan.append((claim, "unverifiable", {"note": "No primary source found."}))
    return plan


def loaded_versions(ws: Workspace, plan: list[Step]) -> dict[str, int]:
    """The review versions a reviewer would have loaded, as the claim table shows them."""
    return {claim: ws.store.review(claim).version for claim, _, _ in plan}


def decide_all(ws: Workspace, plan: list[Step], versions: dict[str, int]) -> list[float]:
    """Each decision's wall time in ms, through `review.decide` as the decision form calls it."""
    return [decide_one(ws, step, versions) for step in plan]


def decide_one(ws: Workspace, step: Step, versions: dict[str, int]) -> float:
    claim, status, cited = step
    start = time.perf_counter()
    saved = review.decide(
        ws.store, claim, status, reviewer=REVIEWER, expected_version=versions[claim], **cited
    )
    elapsed = (time.perf_counter() - start) * 1000
    versions[claim] = saved.version
    return elapsed


def decide_in_turn(
    jobs: list[tuple[Workspace, list[Step]]],
) -> list[list[float]]:
    """The decisions of several workspaces taken in turn (one of each, and again), so that all
    see the same load from the rest of the machine; each one's times in ms."""
    versions = [loaded_versions(ws, plan) for ws, plan in jobs]
    times: list[list[float]] = [[] for _ in jobs]
    for n in range(max(len(plan) for _, plan in jobs)):
        for (ws, plan), seen, out in zip(jobs, versions, times, strict=True):
            if n < len(plan):
                out.append(decide_one(ws, plan[n], seen))
    return times


# --- profiles ----------------------------------------------------------------------------------


@contextlib.contextmanager
def profiled_script_runs(profile: cProfile.Profile) -> Iterator[None]:
    """Profile the app script, which AppTest runs in a thread of its own."""
    original = LocalScriptRunner._run_script_thread

    def run_profiled(runner: LocalScriptRunner) -> None:
        profile.enable()
        try:
            original(runner)
        finally:
            profile.disable()

    LocalScriptRunner._run_script_thread = run_profiled  # type: ignore[method-assign]
    try:
        yield
    finally:
        LocalScriptRunner._run_script_thread = original  # type: ignore[method-assign]


Where = tuple[str, str, str]  # label, part of the file name, part of the function name
RENDER_PARTS: tuple[Where, ...] = (
    ("the whole app script (app.py)", "workbench/ui/app.py", "<module>"),
    ("claims_view.claim_table (st.dataframe)", "claims_view.py", "claim_table"),
    ("  Streamlit marshalling a pandas Styler", "pandas_styler_utils.py", "marshall_styler"),
    ("  DataFrame to Arrow", "dataframe_util.py", "convert_pandas_df_to_arrow_bytes"),
    ("claims_view.show_article", "claims_view.py", "show_article"),
    ("  st.cache_data hashing the arguments (every run)", "cache_utils.py", "_make_value_key"),
    ("  article_html's body (on a cache miss only)", "claims_view.py", "article_html"),
    ("Store.claims(article_id)", "workbench/store/store.py", "claims"),
    ("  rows -> claim table (records.claim_table)", "workbench/records.py", "claim_table"),
    ("Store.articles()", "workbench/store/store.py", "articles"),
    ("claims_view.filters", "claims_view.py", "filters"),
    ("claims_view.bulk_marking", "claims_view.py", "bulk_marking"),
    ("evidence_view.passages (highlighted passages)", "evidence_view.py", "passages"),
    ("evidence_view.decision_form", "evidence_view.py", "decision_form"),
    ("corrections_view.correction_form", "corrections_view.py", "correction_form"),
    ("evidence_view.history", "evidence_view.py", "history"),
    ("SQLAlchemy executing statements", "sqlalchemy/engine/base.py", "_execute_context"),
    ("all sqlite3 calls (execute, fetchall, close...)", "~", "sqlite3.C"),
)
DECISION_PARTS: tuple[Where, ...] = (
    ("review.decide", "workbench/review.py", "decide"),
    ("  review.citation_for -> Store.passage", "workbench/review.py", "citation_for"),
    ("  Store.record_decision", "workbench/store/store.py", "record_decision"),
    ("SQLAlchemy executing statements", "sqlalchemy/engine/base.py", "_execute_context"),
    ("sqlite3 connect", "~", "_sqlite3.connect"),
    ("sqlite3 execute (incl. BEGIN IMMEDIATE, COMMIT)", "~", "'execute' of 'sqlite3.Connection"),
    ("sqlite3 close (last connection: WAL checkpoint)", "~", "'close' of 'sqlite3.Connection"),
)


def parts_table(stats: pstats.Stats, parts: tuple[Where, ...], total: float) -> list[str]:
    """Cumulative time of the named functions (summed over matching entries), with shares."""
    table = stats.stats  # type: ignore[attr-defined]
    lines = []
    for label, file_part, func_part in parts:
        found = [
            (calls, cumulative)
            for (file, _, func), (_, calls, _, cumulative, _) in table.items()
            if file_part in file
            and (func == func_part if not file_part.startswith("~") else func_part in func)
        ]
        if not found:
            continue
        calls = sum(c for c, _ in found)
        seconds = sum(t for _, t in found)
        lines.append(
            f"  {label:<52} {seconds * 1000:8.1f} ms  {seconds / total:6.1%}  ({calls} calls)"
        )
    return lines


def print_profile(
    profile: cProfile.Profile, title: str, parts: tuple[Where, ...], lines: int = 24
) -> None:
    stats = pstats.Stats(profile, stream=io.StringIO())
    total = max(stats.total_tt, 1e-9)  # type: ignore[attr-defined]
    print(f"\n{title} (under cProfile, so slower than timed above; {total:.2f} s profiled)")
    print("\n".join(parts_table(stats, parts, total)))
    out = io.StringIO()
    stats.stream = out  # type: ignore[attr-defined]
    stats.sort_stats("tottime").print_stats(lines)
    body = out.getvalue()
    body = body[body.find("   ncalls") :] if "   ncalls" in body else body
    print("  by own time:")
    for line in body.splitlines():
        if line.strip():
            print("  " + line.replace(str(ROOT) + "/", "").replace(sys.prefix + "/", ""))


def profile_render(page: Page) -> None:
    profile = cProfile.Profile()
    with profiled_script_runs(profile):
        page.run()
    print_profile(profile, "Profile of one Review page run, large workspace", RENDER_PARTS)


def profile_decisions(ws: Workspace, plan: list[Step], held: list[Step]) -> None:
    versions = loaded_versions(ws, plan)
    profile = cProfile.Profile()
    profile.enable()
    decide_all(ws, plan, versions)
    profile.disable()
    print_profile(profile, f"Profile of {len(plan)} decisions, large workspace", DECISION_PARTS)
    # The store opens and closes a connection per call; closing the last connection to a WAL
    # database checkpoints it and deletes the -wal file. Another connection held open keeps
    # the WAL, which shows what that costs.
    versions = loaded_versions(ws, held)
    keeper = sqlite3.connect(ws.store.path)
    try:
        keeper.execute("SELECT COUNT(*) FROM reviews").fetchone()
        kept = decide_all(ws, held, versions)
    finally:
        keeper.close()
    print(
        f"\n  {len(held)} more decisions with another connection held open (no checkpoint "
        f"when the store closes its own): median {statistics.median(kept):.2f} ms, "
        f"p95 {percentile(kept, 0.95):.2f} ms"
    )


# --- report ------------------------------------------------------------------------------------


def machine() -> str:
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {mem_gib:.0f} GiB, Python {platform.python_version()}"


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def goal(ok: bool) -> str:
    return "met" if ok else "MISSED"


def timed_build(label: str, make: Callable[[], tuple[Workspace, str]]) -> tuple[Workspace, str]:
    start = time.perf_counter()
    ws, article_id = make()
    claims = sum(ws.store.status_counts()["claims"])
    print(
        f"  {label:<9} {len(ws.store.articles()):4d} articles, {claims:7,d} claims, "
        f"built in {time.perf_counter() - start:5.1f} s"
    )
    return ws, article_id


def main() -> None:
    args = parse_args()
    if args.against is None:
        figures = measure(args)
        if args.json:
            print(json.dumps(figures))
        return
    compare(args)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--claims-total", type=int, default=100_000, help="claims in the large workspace"
    )
    parser.add_argument(
        "--article-claims", type=int, default=1000, help="claims per article in the large workspace"
    )
    parser.add_argument(
        "--baseline-claims", type=int, default=10, help="claims of the baseline's only article"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed page runs; the best is kept")
    parser.add_argument("--decisions", type=int, default=300, help="decisions timed")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--profile", action="store_true", help="profile even if goals are met")
    parser.add_argument(
        "--against", metavar="REV", help="also measure the code of this commit, in a subprocess"
    )
    parser.add_argument("--json", action="store_true", help="end with the figures as JSON")
    args = parser.parse_args()
    if args.article_claims > args.claims_total:
        parser.error("--article-claims cannot exceed --claims-total")
    return args


def measure(args: argparse.Namespace) -> dict[str, float]:
    """Build both workspaces, time the page and the decisions, print them; the figures."""
    one, five, _ = os.getloadavg()
    print(f"Machine: {machine()}; load average {one:.1f} (1 min), {five:.1f} (5 min)")
    with tempfile.TemporaryDirectory(prefix="bench-review-") as tmp:
        print(f"Workspaces (SQLite, WAL) in {tmp}, removed at the end:")
        articles = -(-args.claims_total // args.article_claims)
        large, big_id = timed_build(
            "large",
            lambda: build(
                Path(tmp) / "large",
                total=args.claims_total,
                per_article=args.article_claims,
                chosen=articles // 2,
                seed=args.seed,
                sources=20,
                per_source=100,
            ),
        )
        small, small_id = timed_build(
            "baseline",
            lambda: build(
                Path(tmp) / "baseline",
                total=args.baseline_claims,
                per_article=args.baseline_claims,
                chosen=0,
                seed=args.seed + 1,
                sources=1,
                per_source=20,
            ),
        )

        print(
            f"\n1. Review page, AppTest run (server side), best of {args.repeat} after a "
            "warm-up, the two pages in turn; a claim selected, its evidence shown:"
        )
        base, big = open_review(small, small_id), open_review(large, big_id)
        render([base, big], args.repeat)
        for label, page in (("baseline", base), ("large", big)):
            runs = ", ".join(f"{t * 1000:.0f}" for t in page.runs)
            print(
                f"  {label:<9} {page.claims_shown():5d} claims in the table, {page.marks():5d} "
                f"marks: {page.best * 1000:7.1f} ms  (runs {runs} ms; first run after "
                f"choosing the article, no claim open yet: {page.first * 1000:.0f} ms)"
            )
        ratio = big.best / base.best
        render_ok = ratio <= RENDER_GOAL
        print(f"  large / baseline: {ratio:.2f}x   (goal <= {RENDER_GOAL:g}x: {goal(render_ok)})")
        if args.profile or not render_ok:
            profile_render(big)

        print(
            f"\n2. A decision stored (workbench.review.decide), {args.decisions} decisions in "
            "each workspace, taken in turn:"
        )
        rng = random.Random(args.seed)
        every = large.store.claims()["claim_id"].tolist()
        picked = rng.sample(every, min(args.decisions, len(every)))
        plan = decision_plan(large, picked, args.decisions)
        small_ids = small.store.claims()["claim_id"].tolist()
        small_plan = decision_plan(small, small_ids, args.decisions)
        base_ms, big_ms = decide_in_turn([(small, small_plan), (large, plan)])
        for label, ms, claims in (
            ("baseline", base_ms, len(small_ids)),
            ("large", big_ms, len(set(picked))),
        ):
            print(
                f"  {label:<9} on {claims:3d} different claims: median "
                f"{statistics.median(ms):6.2f} ms, p95 {percentile(ms, 0.95):6.2f} ms, "
                f"max {max(ms):6.2f} ms"
            )
        median = statistics.median(big_ms)
        decide_ok = median < DECISION_GOAL_MS
        print(
            f"  large median / baseline median: {median / statistics.median(base_ms):.2f}x   "
            f"(goal: large median < {DECISION_GOAL_MS:g} ms: {goal(decide_ok)})"
        )

        if args.profile or not decide_ok:
            taken = set(picked)
            rest = [c for c in every if c not in taken]
            profile_decisions(
                large,
                decision_plan(large, rest[:100], 100),
                decision_plan(large, rest[100:200], 100),
            )
        one, five, _ = os.getloadavg()
        print(f"\nLoad average at the end: {one:.1f} (1 min), {five:.1f} (5 min)")
        return {
            "page_ms": big.best * 1000,
            "baseline_page_ms": base.best * 1000,
            "page_ratio": ratio,
            "decision_ms": median,
            "decision_p95_ms": percentile(big_ms, 0.95),
            "baseline_decision_ms": statistics.median(base_ms),
        }


def compare(args: argparse.Namespace) -> None:
    """REV's figures and today's, each measured twice, in turns (load changes weigh on both)."""
    passed = [a for a in sys.argv[1:] if a not in ("--json",)]
    at = passed.index("--against")
    child_args = [*passed[:at], *passed[at + 2 :], "--json"]
    with tempfile.TemporaryDirectory(prefix="bench-review-rev-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(tree),
                        args.against], check=True, capture_output=True)  # fmt: skip
        try:
            runs: dict[str, list[dict[str, float]]] = {"rev": [], "today": []}
            for label in ("rev", "today", "rev", "today"):
                print(f"\n=== {args.against if label == 'rev' else 'today'} ===", flush=True)
                env = {**os.environ, "PYTHONPATH": str(tree) if label == "rev" else str(ROOT)}
                out = subprocess.run([sys.executable, __file__, *child_args], env=env,
                                     check=True, capture_output=True, text=True)  # fmt: skip
                lines = out.stdout.rstrip().splitlines()
                print("\n".join(lines[:-1]), flush=True)
                runs[label].append(json.loads(lines[-1]))
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)],
                           check=False, capture_output=True)  # fmt: skip
    print_comparison(args.against, runs)


def print_comparison(rev: str, runs: dict[str, list[dict[str, float]]]) -> None:
    def best(label: str, key: str) -> float:
        return min(run[key] for run in runs[label])

    print("\nSide by side (the best of two runs each, taken in turns):")
    print(f"  {'':34} {rev[:12]:>12} {'today':>10}")
    for key, name in (("page_ms", "Review page, large (ms)"),
                      ("baseline_page_ms", "Review page, baseline (ms)"),
                      ("decision_ms", "decision, large, median (ms)"),
                      ("decision_p95_ms", "decision, large, p95 (ms)")):  # fmt: skip
        print(f"  {name:34} {best('rev', key):12.2f} {best('today', key):10.2f}")
    page = best("today", "page_ms") / best("today", "baseline_page_ms")
    decision = best("today", "decision_ms")
    slower = decision / best("rev", "decision_ms")
    print(f"  page large / baseline today: {page:.2f}x (goal <= {RENDER_GOAL:g}x: "
          f"{goal(page <= RENDER_GOAL)})")  # fmt: skip
    print(f"  decision median today: {decision:.2f} ms (goal < {DECISION_GOAL_MS:g} ms: "
          f"{goal(decision < DECISION_GOAL_MS)}), {slower:.2f}x of {rev[:12]} "
          f"(goal <= 1.5x: {goal(slower <= 1.5)})")  # fmt: skip


if __name__ == "__main__":
    main()
