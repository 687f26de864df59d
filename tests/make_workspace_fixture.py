"""Make `tests/fixtures/workspace-v3/workbench.sqlite3`: a small workspace's database as the
store wrote it before it moved to SQLAlchemy and Alembic (schema version 3 of the hand-written
migrations), so that a test can open it with today's store and find every row again.

It was made once, with the code of that time, and committed; running it again with today's
code would make a database of today's schema instead, which is not what the fixture is for.

    .venv/bin/python tests/make_workspace_fixture.py

The workspace is the demo (seed article, demo sources, their matches) with a reviewer's work
on it: decisions with citations, a sign-off, a correction, a claim a reviewer added, and a
second draft of the article (revisions and self-check flags).
"""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
import sqlite3
import tempfile
from pathlib import Path

from workbench import review
from workbench.pipeline import add_article, build_demo

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "workspace-v3" / "workbench.sqlite3"
START = dt.datetime(2025, 9, 1, 9, 0, tzinfo=dt.UTC)


def main() -> None:
    ticks = itertools.count()
    clock = lambda: START + next(ticks) * dt.timedelta(minutes=1)  # noqa: E731
    with tempfile.TemporaryDirectory() as tmp:
        ws = build_demo(Path(tmp) / "demo", clock=clock)
        store = ws.store
        article = store.articles()[0]
        claims = store.claims(article.article_id)
        by_text = {str(t): c for t, c in zip(claims["text"], claims["claim_id"], strict=False)}
        matches = store.matches(article.article_id)
        first = matches[matches["rank"] == 1].set_index("claim_id")["passage_id"]
        percent = by_text["about 97%"]
        done = review.decide(store, percent, "verified", reviewer="Ann", expected_version=0,
                             note="the trade table", passage_id=str(first[percent]))  # fmt: skip
        review.sign_off(store, percent, reviewer="Ben", expected_version=done.version)
        quote = claims[claims["kind"] == "quote"]["claim_id"].iloc[0]
        review.decide(store, str(quote), "unverifiable", reviewer="Ann", expected_version=0,
                      note="no transcript")  # fmt: skip
        count = claims[claims["kind"] == "count"]["claim_id"].iloc[0]
        review.correct_claim(store, str(count), {"qualifier": "approx"}, reviewer="Ann",
                             expected_version=0, note="the source rounds")  # fmt: skip
        review.add_claim(store, article.article_id, "a group of world leaders", kind="statement",
                         reviewer="Ann", note="who are they?")  # fmt: skip
        # The second draft changes a figure and adds a sentence whose arithmetic fails (a flag).
        slip = "\nIts exports jumped 50% to $150m from $120m last year."
        draft = article.text.replace("about 97%", "about 95%") + slip
        add_article(ws, draft, added_by="Ann", version_of=article.article_id)
        FIXTURE.parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(store.path) as conn:  # fold the WAL into the file first
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copyfile(store.path, FIXTURE)
    print(f"wrote {FIXTURE} ({FIXTURE.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
