"""The review store on a real SQLite file: schema revisions, transitions, history, conflicts."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
import sqlalchemy.exc
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from legacy_schema import LEGACY_STEPS
from workspaces import claim_by_text, ticking_clock

from workbench import review
from workbench.errors import ConflictError, InvalidTransition, SchemaVersionError, UnknownClaim
from workbench.pipeline import Workspace
from workbench.store import Store
from workbench.store.schema import head, upgrade
from workbench.store.tables import metadata

TABLES = {
    "articles", "claims", "sources", "passages", "matches", "reviews", "history", "revisions",
    "flags",
}  # fmt: skip


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def differences(store: Store) -> list[object]:
    """What Alembic's comparison finds between the database and `workbench.store.tables`."""
    with store.engine.connect() as conn:
        return list(compare_metadata(MigrationContext.configure(conn), metadata))


def legacy_differences(store: Store) -> list[object]:
    """`differences` less what SQLite's reflection reads differently in the DDL of the
    hand-written migrations though it means the same: a primary key declared without NOT NULL
    (SQLite enforces it for the rowid-backed keys and the store never writes a NULL key), REAL
    for Float, and a column's inline REFERENCES ... ON DELETE CASCADE, whose cascade SQLite's
    own foreign key list shows (checked here)."""
    with raw(store.path) as conn:
        for table, column in (("passages", "source_id"), ("matches", "passage_id")):
            keys = conn.execute(f"PRAGMA foreign_key_list({table})").fetchall()
            assert [k[6] for k in keys if k[3] == column] == ["CASCADE"], (table, column)
    left = []
    for diff in differences(store):
        if isinstance(diff, list):
            kind, _, table, column = diff[0][:4]
            primary = metadata.tables[table].c[column].primary_key
            if (kind == "modify_nullable" and primary) or (kind, column) == (
                "modify_type",
                "score",
            ):
                continue
        elif isinstance(diff, tuple) and diff[0] in ("add_fk", "remove_fk"):
            continue
        left.append(diff)
    return left


def test_the_revisions_build_every_table_from_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "workbench.sqlite3"
    path.touch()
    store = Store(path)
    assert store.schema_version == head()
    with raw(path) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert names >= TABLES | {"alembic_version"}
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert not conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'").fetchall()
    assert differences(store) == []


def test_reopening_keeps_the_data_and_applies_nothing_twice(ws: Workspace) -> None:
    before = ws.store.claims()
    again = Workspace.open(ws.folder, database=ws.store.database)
    assert again.store.schema_version == head() == upgrade(ws.store.engine)
    assert again.store.claims()["claim_id"].tolist() == before["claim_id"].tolist()
    assert differences(again.store) == []
    if ws.store.path is None:
        return  # on a server: the file's bytes below are SQLite's
    with raw(ws.store.path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = digest(ws.store.path)
    assert upgrade(ws.store.engine) == head()
    assert digest(ws.store.path) == stamp
    with raw(ws.store.path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head(),)]


@pytest.mark.parametrize("legacy", [1, 2, 3])
def test_a_database_of_the_hand_written_migrations_is_brought_up_to_date(
    tmp_path: Path, legacy: int
) -> None:
    path = tmp_path / "workbench.sqlite3"
    with raw(path) as conn:
        for step in LEGACY_STEPS[:legacy]:
            for statement in step:
                conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {legacy}")
        conn.execute("INSERT INTO articles (id, title, text, added_at) VALUES ('a', 'A', 'x', 't')")
    store = Store(path)
    assert store.schema_version == head()
    assert [(a.article_id, a.version) for a in store.articles()] == [("a", 1)]
    with raw(path) as conn:
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"claims_by_article_id", "reviews_status_by_claim", "flags_by_claim"} <= indexes
    assert legacy_differences(store) == []


def test_a_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "workbench.sqlite3"
    Store(path)
    with raw(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stamp = digest(path)
    with pytest.raises(SchemaVersionError, match=r"newer than this workbench knows.*upgrade"):
        Store(path)
    assert digest(path) == stamp


def test_a_database_of_a_newer_hand_written_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "workbench.sqlite3"
    with raw(path) as conn:
        conn.execute("PRAGMA user_version = 4")
    with pytest.raises(SchemaVersionError, match="upgrade"):
        Store(path)
    with raw(path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master").fetchall() == []


def test_two_processes_opening_a_new_workspace_apply_each_revision_once(tmp_path: Path) -> None:
    path, opened, failed = tmp_path / "workbench.sqlite3", [], []

    def open_it() -> None:
        try:
            opened.append(Store(path).schema_version)
        except Exception as error:
            failed.append(error)

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failed and opened == [head()] * 4
    with raw(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(head(),)]


def test_foreign_keys_are_on_in_every_connection(ws: Workspace) -> None:
    with pytest.raises(sqlalchemy.exc.IntegrityError):
        ws.store.replace_matches(["no-such-claim"], ws.store.matches().assign(claim_id="nope"))


def test_new_claims_start_unreviewed_at_version_zero(ws: Workspace) -> None:
    claims = ws.store.claims()
    assert len(claims) >= 3
    assert set(claims["status"]) == {"unreviewed"} and set(claims["version"]) == {0}
    assert set(claims["origin"]) == {"extractor"}
    assert ws.store.history().empty  # extraction is not a reviewer's change


def test_transitions(ws: Workspace) -> None:
    claim = claim_by_text(ws, "12%")
    store, cid = ws.store, str(claim.claim_id)
    r = review.decide(store, cid, "in_progress", reviewer="Ann", expected_version=0)
    r = review.decide(store, cid, "unverifiable", reviewer="Ann", expected_version=r.version)
    with pytest.raises(InvalidTransition, match="in_progress"):
        review.decide(store, cid, "unreviewed", reviewer="Ann", expected_version=r.version)
    with pytest.raises(InvalidTransition, match="unknown status"):
        review.decide(store, cid, "dubious", reviewer="Ann", expected_version=r.version)
    r = review.decide(store, cid, "in_progress", reviewer="Ben", expected_version=r.version)
    assert (r.status, r.reviewer, r.version) == ("in_progress", "Ben", 3)
    assert "unreviewed" not in review.allowed_statuses("verified")
    assert "unreviewed" in review.allowed_statuses("in_progress")


def test_history_is_complete_and_append_only(ws: Workspace) -> None:
    store = ws.store
    claim = claim_by_text(ws, "12%")
    cid = str(claim.claim_id)
    passage = str(store.matches(claim_id=cid).iloc[0]["passage_id"])
    r = review.decide(store, cid, "in_progress", reviewer="Ann", expected_version=0)
    first = store.history(cid).to_dict(orient="records")
    r = review.decide(store, cid, "verified", reviewer="Ann", expected_version=r.version,
                      note="ministry figures", passage_id=passage)  # fmt: skip
    r = review.sign_off(store, cid, reviewer="Ben", expected_version=r.version)
    r = review.decide(store, cid, "false", reviewer="Cat", expected_version=r.version,
                      url="https://example.org/errata")  # fmt: skip
    history = store.history(cid)
    assert history.to_dict(orient="records")[:1] == first  # earlier rows are never rewritten
    assert history["action"].tolist() == ["decided", "decided", "signed_off", "decided"]
    assert history["from_status"].tolist() == ["unreviewed", "in_progress", "verified", "verified"]
    assert history["to_status"].tolist() == ["in_progress", "verified", "verified", "false"]
    assert history["who"].tolist() == ["Ann", "Ann", "Ben", "Cat"]
    assert history["id"].is_monotonic_increasing
    verified = history.iloc[1]
    assert verified["note"] == "ministry figures" and verified["cited_passage_id"] == passage
    assert "12 per cent" in verified["cited_text"] and verified["cited_source_title"]
    assert history.iloc[3]["detail"] == {"cleared_sign_off": "Ben"}
    assert r.version == len(history) == 4


def test_timestamps_come_from_the_clock(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3", clock=ticking_clock())
    assert store.now() == "2025-09-01T09:00:00Z"
    assert store.now() == "2025-09-01T09:01:00Z"


def test_a_stale_version_is_refused_with_the_current_state(ws: Workspace) -> None:
    cid = str(claim_by_text(ws, "12%").claim_id)
    review.decide(ws.store, cid, "in_progress", reviewer="Ann", expected_version=0)
    with pytest.raises(ConflictError, match="changed since you loaded it") as caught:
        review.decide(ws.store, cid, "not_a_claim", reviewer="Ben", expected_version=0)
    assert caught.value.current.status == "in_progress"
    assert caught.value.current.reviewer == "Ann" and caught.value.current.version == 1
    with pytest.raises(ConflictError):  # the store checks too, whatever the caller did
        ws.store.record_decision(cid, "not_a_claim", expected_version=0, reviewer="Ben",
                                 note=None, citation=None)  # fmt: skip
    assert len(ws.store.history(cid)) == 1


def test_unknown_claims_say_so(ws: Workspace) -> None:
    with pytest.raises(UnknownClaim, match="no claim"):
        review.decide(ws.store, "nope", "in_progress", reviewer="Ann", expected_version=0)


def test_status_counts(ws: Workspace) -> None:
    cid = str(claim_by_text(ws, "12%").claim_id)
    review.decide(ws.store, cid, "not_a_claim", reviewer="Ann", expected_version=0)
    counts = ws.store.status_counts()
    by_status = dict(zip(counts["status"], counts["claims"], strict=True))
    assert by_status["not_a_claim"] == 1
    assert sum(by_status.values()) == len(ws.store.claims())


def test_each_match_keeps_its_reason(ws: Workspace) -> None:
    matches = ws.store.matches()
    share = claim_by_text(ws, "12%")
    best = matches[matches["claim_id"] == share.claim_id].iloc[0]
    assert best["agreement"] == "agrees"
    assert best["reason"].startswith("same subject:") and "source 12 per cent" in best["reason"]
    if ws.store.path is None:
        return
    with raw(ws.store.path) as conn:
        stored = conn.execute(
            "SELECT reason FROM matches WHERE claim_id = ? AND rank = 1", (share.claim_id,)
        ).fetchone()[0]
    assert stored == best["reason"]


def test_matches_stored_before_reasons_read_back_without_one(tmp_path: Path) -> None:
    path = tmp_path / "workbench.sqlite3"
    shutil.copyfile(Path(__file__).resolve().parents[1] / "fixtures" / "workspace-v3" /
                    "workbench.sqlite3", path)  # fmt: skip
    with raw(path) as conn:
        assert "reason" not in {r[1] for r in conn.execute("PRAGMA table_info(matches)")}
    matches = Store(path).matches()
    assert len(matches) > 100 and matches["reason"].isna().all()
