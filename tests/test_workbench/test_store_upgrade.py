"""A workspace made before the store moved to SQLAlchemy and Alembic opens with today's store,
upgraded in place, with every row it held.

The fixture `tests/fixtures/workspace-v3/workbench.sqlite3` was made by
`tests/make_workspace_fixture.py` with the code of that time: the demo with decisions, a
sign-off, a correction, a reviewer's claim and a second draft. It is read here twice: as the
file says (sqlite3, before the upgrade) and through the store (after it).
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from workbench import review
from workbench.store import Store
from workbench.store.schema import head

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "workspace-v3" / "workbench.sqlite3"


def table(path: Path, name: str, order: str) -> list[dict[str, Any]]:
    with sqlite3.connect(path) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(f'SELECT * FROM "{name}" ORDER BY {order}')]


@pytest.fixture
def upgraded(tmp_path: Path) -> tuple[dict[str, list[dict[str, Any]]], Store]:
    path = tmp_path / "workbench.sqlite3"
    shutil.copyfile(FIXTURE, path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (3,)
    before = {
        "articles": table(path, "articles", "id"),
        "claims": table(path, "claims", "claim_id"),
        "reviews": table(path, "reviews", "claim_id"),
        "history": table(path, "history", "id"),
        "sources": table(path, "sources", "id"),
        "passages": table(path, "passages", "passage_id"),
        "matches": table(path, "matches", "claim_id, rank"),
        "revisions": table(path, "revisions", "rowid"),
        "flags": table(path, "flags", "rowid"),
    }
    return before, Store(path)


def test_the_fixture_holds_a_reviewers_work() -> None:
    with sqlite3.connect(FIXTURE) as conn:
        counts = {
            name: conn.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0]
            for name in ("articles", "claims", "history", "matches", "revisions", "flags")
        }
        statuses = {r[0] for r in conn.execute("SELECT status FROM reviews")}
    assert counts["articles"] == 2 and counts["history"] > 30 and counts["matches"] > 100
    assert counts["revisions"] > 0 and counts["flags"] > 0
    assert {"verified", "unverifiable", "unreviewed"} <= statuses


def test_every_row_is_there_after_the_upgrade(upgraded: tuple[dict[str, Any], Store]) -> None:
    before, store = upgraded
    assert store.schema_version == head()
    articles = sorted(store.articles(), key=lambda a: a.article_id)
    assert [(a.article_id, a.title, a.text, a.version, a.version_of) for a in articles] == [
        (r["id"], r["title"], r["text"], r["version"], r["version_of"]) for r in before["articles"]
    ]
    claims = store.claims().sort_values("claim_id")
    reviews = {r["claim_id"]: r for r in before["reviews"]}
    assert claims["claim_id"].tolist() == [r["claim_id"] for r in before["claims"]]
    for row, old in zip(claims.to_dict(orient="records"), before["claims"], strict=True):
        value = json.loads(old["value"]) if old["value"] is not None else None
        assert (row["text"], row["start"], row["end"], row["kind"]) == (
            old["text"], old["start"], old["end"], old["kind"],
        )  # fmt: skip
        assert row["value"] == value or (row["value"] is None and value is None)
        assert (row["qualifier"], row["speaker"], row["origin"]) == (
            old["qualifier"], old["speaker"], old["origin"],
        )  # fmt: skip
        old_review = reviews[row["claim_id"]]
        for col in ("status", "reviewer", "note", "version", "signed_off_by", "cited_text"):
            assert row[col] == old_review[col], (row["claim_id"], col)


def test_history_sources_passages_and_matches_are_whole(
    upgraded: tuple[dict[str, Any], Store],
) -> None:
    before, store = upgraded
    history = store.history()
    assert history["id"].tolist() == [r["id"] for r in before["history"]]
    for row, old in zip(history.to_dict(orient="records"), before["history"], strict=True):
        assert row["detail"] == json.loads(old["detail"])
        for col in ("claim_id", "at", "who", "action", "from_status", "to_status", "note",
                    "cited_passage_id", "cited_text"):  # fmt: skip
            assert row[col] == old[col]
    sources = store.sources().sort_values("source_id")
    assert sources["source_id"].tolist() == [r["id"] for r in before["sources"]]
    passages = store.passages().sort_values("passage_id")
    assert passages["passage_id"].tolist() == [r["passage_id"] for r in before["passages"]]
    assert passages["values"].tolist() == [json.loads(r["values"]) for r in before["passages"]]
    matches = store.matches().sort_values(["claim_id", "rank"])
    assert list(zip(matches["claim_id"], matches["rank"], matches["passage_id"],
                    matches["agreement"], strict=True)) == [
        (r["claim_id"], r["rank"], r["passage_id"], r["agreement"]) for r in before["matches"]
    ]  # fmt: skip


def test_revisions_and_flags_keep_their_order(upgraded: tuple[dict[str, Any], Store]) -> None:
    before, store = upgraded
    revisions = store.revisions()
    assert list(zip(revisions["old_claim_id"], revisions["new_claim_id"], revisions["status"],
                    strict=True)) == [
        (r["old_claim_id"], r["new_claim_id"], r["status"]) for r in before["revisions"]
    ]  # fmt: skip
    assert store.flags()["message"].tolist() == [r["message"] for r in before["flags"]]


def test_the_upgraded_workspace_takes_new_decisions(
    upgraded: tuple[dict[str, Any], Store],
) -> None:
    before, store = upgraded
    claims = store.claims()
    open_claim = claims[claims["status"] == "unreviewed"].iloc[0]
    claim_id, version = str(open_claim["claim_id"]), int(open_claim["version"])
    done = review.decide(store, claim_id, "unverifiable", reviewer="Cy", expected_version=version)
    assert done.status == "unverifiable"
    newest = store.history().iloc[-1]
    assert newest["id"] > before["history"][-1]["id"] and newest["who"] == "Cy"
    assert store.last_change() == newest["id"]
