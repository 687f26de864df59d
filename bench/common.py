"""What the benchmarks share: where the evaluation data lives, the machine line, timing.

The data is read from `../shared/eval` beside the checkout and never copied into the repository.
Timings are the best of several passes (the one least disturbed by other load on the machine).
"""

from __future__ import annotations

import os
import platform
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
EVAL = SHARED / "eval"


def require(path: Path) -> Path:
    """`path`, or exit with a message saying where the data is expected."""
    if not path.exists():
        raise SystemExit(
            f"{path} is missing: the benchmarks read the evaluation data from ../shared/eval "
            f"beside the repository ({REPO_ROOT}); put the shared folder there and run again."
        )
    return path


def machine() -> str:
    mem_gib = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {mem_gib:.0f} GiB, Python {platform.python_version()}"


def load_average() -> str:
    """The load average: other work on the machine slows every timing down."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores"


def best_of(run: Callable[[], object], repeat: int) -> float:
    """Best wall time in seconds of `repeat` calls of `run`."""
    best = float("inf")
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MB (ru_maxrss: KiB on Linux, B on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6


def percentile(values: Sequence[float], share: float) -> float:
    """The `share` (0..1) percentile of `values`, by the nearest rank."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[rank]


def recall_at(ranked: Sequence[Sequence[str]], relevant: Sequence[set[str]], k: int) -> float:
    """Share of queries with any relevant id among the first `k` of their ranking."""
    if not ranked:
        return float("nan")
    found = sum(1 for ids, wanted in zip(ranked, relevant, strict=True) if wanted & set(ids[:k]))
    return found / len(ranked)


def goal(ok: bool) -> str:
    return "met" if ok else "MISSED"
