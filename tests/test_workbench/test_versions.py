"""Revised drafts on real workspaces: decisions carried over, changed claims reset and explained,
removed and new claims listed, the version in the export and on the command line."""

from __future__ import annotations

import io
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from workbench import pipeline, review
from workbench.cli import cli
from workbench.errors import NotLatestVersion
from workbench.export import export_bytes, export_rows
from workbench.pipeline import Workspace
from workbench.seeds import seed_article

SEED_ID = "000_c76c75e25c87b28b"
URL = "https://example.org/evidence"


def edited_seed() -> str:
    """The seed article after a copy edit: a number changed, a sentence inserted before the
    claims, a quote shortened, a sentence deleted and a new figure added."""
    text = seed_article().text
    edits = [
        ("about 97% of North Korea", "about 95% of North Korea"),
        ("China will hold the parade", "Preparations began months ago. China will hold the parade"),
        ("“I loved it. Remember when I walked across the line and everyone went crazy.”",
         "“I loved it.”"),
        ("If Kim's trip is realized, it would be his first trip to China since 2019. ", ""),
        ("No leaders from the United States", "The parade will feature 12,000 troops. No leaders "
         "from the United States"),
    ]  # fmt: skip
    for old, new in edits:
        assert old in text
        text = text.replace(old, new)
    return text


def claim(ws: Workspace, article_id: str, text: str, kind: str | None = None) -> pd.Series:
    claims = ws.store.claims(article_id)
    found = claims[(claims["text"] == text) & ((claims["kind"] == kind) if kind else True)]
    assert len(found) == 1, f"{text!r}: {found[['kind', 'text']].values.tolist()}"
    return found.iloc[0]


def decide(ws: Workspace, article_id: str, text: str, status: str, kind: str | None = None) -> str:
    row = claim(ws, article_id, text, kind)
    review.decide(ws.store, str(row.claim_id), status, reviewer="Ann", url=URL,
                  note=f"{status} by Ann", expected_version=int(row.version))  # fmt: skip
    return str(row.claim_id)


@pytest.fixture
def revised(demo_ws: Workspace) -> Workspace:
    """The demo workspace with decisions on the seed article, then its edited second draft."""
    decide(demo_ws, SEED_ID, "26 foreign leaders", "verified")
    decide(demo_ws, SEED_ID, "about 97%", "false")
    decide(demo_ws, SEED_ID, "his first trip", "verified")
    quote = demo_ws.store.claims(SEED_ID)
    quote = quote[(quote["kind"] == "quote") & quote["text"].str.startswith("I loved it")]
    review.decide(demo_ws.store, str(quote.iloc[0].claim_id), "verified", reviewer="Ann",
                  url=URL, expected_version=0)  # fmt: skip
    pipeline.add_article(demo_ws, edited_seed(), added_by="Bo", version_of=SEED_ID)
    return demo_ws


def second(ws: Workspace) -> str:
    return ws.store.versions(SEED_ID)[-1].article_id


def test_the_new_draft_is_version_two_with_the_first_ones_details(revised: Workspace) -> None:
    chain = revised.store.versions(SEED_ID)
    assert [a.version for a in chain] == [1, 2]
    first, new = chain
    assert new.version_of == first.article_id and new.title == first.title
    assert (new.outlet, new.published) == (first.outlet, first.published)
    assert revised.store.versions(new.article_id) == chain


def test_unchanged_claims_keep_their_decisions(revised: Workspace) -> None:
    kept = claim(revised, second(revised), "26 foreign leaders")
    assert (kept.status, kept.reviewer, kept.note, kept.cited_url) == (
        "verified", "Ann", "verified by Ann", URL)  # fmt: skip
    last = revised.store.history(str(kept.claim_id)).iloc[-1]
    assert last["action"] == "carried" and last["note"] == "carried over from version 1"
    assert last["who"] == "Bo"


def test_a_changed_number_is_reset_and_says_what_changed(revised: Workspace) -> None:
    changed = claim(revised, second(revised), "about 95%")
    assert changed.status == "unreviewed" and changed.reviewer is None
    row = revised.store.revisions(second(revised)).set_index("new_claim_id").loc[changed.claim_id]
    assert row["status"] == "changed" and "97%" in row["changes"] and "95%" in row["changes"]
    last = revised.store.history(str(changed.claim_id)).iloc[-1]
    assert last["action"] == "reset" and last["from_status"] == "false"
    assert "it was false by Ann there" in last["note"]
    assert last["detail"]["previous_decision"]["note"] == "false by Ann"
    # the first draft keeps its decision untouched
    assert claim(revised, SEED_ID, "about 97%").status == "false"


def test_a_shortened_quote_is_reset(revised: Workspace) -> None:
    rows = revised.store.revisions(second(revised))
    quote = claim(revised, second(revised), "I loved it.", "quote")
    row = rows.set_index("new_claim_id").loc[quote.claim_id]
    assert row["status"] == "changed" and "shortened" in row["changes"]
    assert quote.status == "unreviewed"


def test_deleted_claims_are_removed_and_added_ones_new(revised: Workspace) -> None:
    rows = revised.store.revisions(second(revised))
    removed = set(rows[rows["status"] == "removed"]["old_claim_id"])
    assert claim(revised, SEED_ID, "since 2019").claim_id in removed
    assert claim(revised, SEED_ID, "his first trip").claim_id in removed
    new = set(rows[rows["status"] == "new"]["new_claim_id"])
    assert claim(revised, second(revised), "12,000 troops").claim_id in new
    # Moved by an inserted sentence, but the same: paired, not removed and added.
    assert claim(revised, SEED_ID, "Wednesday").claim_id not in removed
    wednesday = claim(revised, second(revised), "Wednesday")
    assert wednesday.start > claim(revised, SEED_ID, "Wednesday").start


def test_every_claim_of_both_drafts_is_accounted_for(revised: Workspace) -> None:
    rows = revised.store.revisions(second(revised))
    old_ids = set(revised.store.claims(SEED_ID)["claim_id"])
    new_ids = set(revised.store.claims(second(revised))["claim_id"])
    assert set(rows["old_claim_id"].dropna()) == old_ids
    assert set(rows["new_claim_id"].dropna()) == new_ids
    assert rows["old_claim_id"].dropna().is_unique and rows["new_claim_id"].dropna().is_unique


def test_only_the_newest_draft_takes_a_new_version(revised: Workspace) -> None:
    with pytest.raises(NotLatestVersion, match="add the new draft as a version of"):
        pipeline.add_article(revised, edited_seed() + "\nMore.", version_of=SEED_ID)


def test_reviewers_claims_and_corrections_carry_over(demo_ws: Workspace) -> None:
    added = review.add_claim(demo_ws.store, SEED_ID, "a group of world leaders",
                             kind="statement", reviewer="Ann")  # fmt: skip
    review.decide(demo_ws.store, added.claim_id, "unverifiable", reviewer="Ann",
                  expected_version=added.version)  # fmt: skip
    leaders = claim(demo_ws, SEED_ID, "26 foreign leaders")
    fixed = review.correct_claim(demo_ws.store, str(leaders.claim_id), {"unit": "heads of state"},
                                 reviewer="Ann", expected_version=0)  # fmt: skip
    review.decide(demo_ws.store, str(leaders.claim_id), "verified", reviewer="Ann", url=URL,
                  expected_version=fixed.version)  # fmt: skip
    new = pipeline.add_article(demo_ws, edited_seed(), version_of=SEED_ID)
    carried = claim(demo_ws, new.article_id, "a group of world leaders")
    assert (carried.origin, carried.status) == ("reviewer", "unverifiable")
    leaders2 = claim(demo_ws, new.article_id, "26 foreign leaders")
    assert (leaders2.unit, leaders2.status) == ("heads of state", "verified")
    note = demo_ws.store.history(str(leaders2.claim_id)).iloc[-1]["note"]
    assert note == "carried over from version 1 with its corrections (unit)"


def test_the_export_carries_the_version_and_the_changes(revised: Workspace) -> None:
    rows = export_rows(revised)
    assert set(rows["article_version"]) == {1, 2}
    v2 = rows[rows["article_version"] == 2].set_index("text")
    assert v2.loc["about 95%", "revision"] == "changed"
    assert "95%" in v2.loc["about 95%", "changes_since_previous"]
    assert v2.loc["26 foreign leaders", "revision"] == "unchanged"
    assert v2.loc["12,000 troops", "revision"] == "new"
    assert rows[rows["article_version"] == 1]["revision"].isna().all()
    table = pd.read_csv(io.BytesIO(export_bytes(revised, "csv", article_id=second(revised))))
    assert set(table["article_version"]) == {2} and "changes_since_previous" in table


def test_the_command_line_adds_a_new_version(demo_ws: Workspace, tmp_path: Path) -> None:
    draft = tmp_path / "draft-2.txt"
    draft.write_text(edited_seed(), encoding="utf-8")
    args = ["add-article", str(draft), "--version-of", SEED_ID, "--workspace", str(demo_ws.folder)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "Version 2:" in result.output and "changed:" in result.output and "95%" in result.output
    again = CliRunner().invoke(cli, args)
    assert again.exit_code != 0 and "already has a newer version" in again.output
    missing = CliRunner().invoke(cli, [*args[:3], "nope", *args[4:]])
    assert missing.exit_code != 0 and "no article 'nope'" in missing.output


def test_two_drafts_of_one_version_added_at_once_never_fork_it(demo_ws: Workspace) -> None:
    drafts = [edited_seed(), edited_seed().replace("12,000 troops", "15,000 troops")]
    start = threading.Barrier(len(drafts))

    def add(text: str) -> str:
        start.wait()
        try:
            return pipeline.add_article(demo_ws, text, version_of=SEED_ID).article_id
        except NotLatestVersion as refused:
            return f"refused: {refused}"

    with ThreadPoolExecutor(len(drafts)) as pool:
        outcomes = list(pool.map(add, drafts))
    refused = [o for o in outcomes if o.startswith("refused")]
    assert len(refused) == 1 and "add the new draft as a version of" in refused[0]
    chain = demo_ws.store.versions(SEED_ID)
    assert [a.version for a in chain] == [1, 2] and chain[1].article_id in outcomes
