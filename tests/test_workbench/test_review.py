"""The review rules: evidence for verdicts, names, the two-person rule, bulk marks, corrections."""

from __future__ import annotations

import pytest
from workspaces import claim_by_text

from workbench import pipeline, review
from workbench.errors import (
    CorrectionError,
    EvidenceRequired,
    InvalidTransition,
    ReviewerRequired,
    SignOffError,
    UnknownPassage,
)
from workbench.pipeline import Workspace


def first_passage(ws: Workspace, claim_id: str) -> str:
    return str(ws.store.matches(claim_id=claim_id).iloc[0]["passage_id"])


@pytest.mark.parametrize("status", ["verified", "false", "misleading"])
def test_verdicts_need_a_passage_or_a_url_not_a_note(ws: Workspace, status: str) -> None:
    cid = str(claim_by_text(ws, "12%").claim_id)
    with pytest.raises(EvidenceRequired, match="a note alone is not evidence"):
        review.decide(ws.store, cid, status, reviewer="Ann", expected_version=0,
                      note="I am sure of it")  # fmt: skip
    with pytest.raises(EvidenceRequired, match="not a web address"):
        review.decide(ws.store, cid, status, reviewer="Ann", expected_version=0, url="see notes")
    r = review.decide(ws.store, cid, status, reviewer="Ann", expected_version=0,
                      url="https://example.org/stats")  # fmt: skip
    assert (r.status, r.cited_url, r.cited_passage_id) == (status, "https://example.org/stats",
                                                           None)  # fmt: skip
    assert len(ws.store.history(cid)) == 1  # the refused attempts wrote nothing


@pytest.mark.parametrize("status", ["in_progress", "unverifiable", "not_a_claim"])
def test_other_statuses_need_no_evidence(ws: Workspace, status: str) -> None:
    cid = str(claim_by_text(ws, "12%").claim_id)
    assert review.decide(ws.store, cid, status, reviewer="Ann", expected_version=0).status == status


def test_a_cited_passage_is_copied_with_its_source(ws: Workspace) -> None:
    cid = str(claim_by_text(ws, "12%").claim_id)
    passage = first_passage(ws, cid)
    r = review.decide(ws.store, cid, "verified", reviewer="Ann", expected_version=0,
                      passage_id=passage)  # fmt: skip
    assert r.cited_passage_id == passage and "12 per cent" in (r.cited_text or "")
    assert r.cited_source_title == ws.store.passage(passage)["title"]  # type: ignore[index]
    with pytest.raises(UnknownPassage, match="cite another passage or a URL"):
        review.decide(ws.store, cid, "false", reviewer="Ann", expected_version=r.version,
                      passage_id="gone:0-1:00")  # fmt: skip


@pytest.mark.parametrize("name", [None, "", "   "])
def test_every_change_needs_a_reviewer(ws: Workspace, name: str | None) -> None:
    cid = str(claim_by_text(ws, "12%").claim_id)
    with pytest.raises(ReviewerRequired, match="sidebar"):
        review.decide(ws.store, cid, "in_progress", reviewer=name, expected_version=0)


def test_reviewer_names_are_tidied(ws: Workspace) -> None:
    cid = str(claim_by_text(ws, "12%").claim_id)
    r = review.decide(ws.store, cid, "in_progress", reviewer="  Ann   Lee ", expected_version=0)
    assert r.reviewer == "Ann Lee"


def test_sign_off_needs_a_second_person_and_a_decision(ws: Workspace) -> None:
    store = ws.store
    cid = str(claim_by_text(ws, "12%").claim_id)
    with pytest.raises(SignOffError, match="no decision to sign off"):
        review.sign_off(store, cid, reviewer="Ben", expected_version=0)
    r = review.decide(store, cid, "verified", reviewer="Ann", expected_version=0,
                      passage_id=first_passage(ws, cid))  # fmt: skip
    with pytest.raises(SignOffError, match="two-person rule"):
        review.sign_off(store, cid, reviewer=" ann ", expected_version=r.version)
    r = review.sign_off(store, cid, reviewer="Ben", expected_version=r.version, note="agreed")
    assert (r.status, r.reviewer, r.signed_off_by) == ("verified", "Ann", "Ben")
    assert r.signed_off_at is not None
    with pytest.raises(SignOffError, match="already signed off by Ben"):
        review.sign_off(store, cid, reviewer="Cat", expected_version=r.version)


def test_a_new_decision_clears_the_sign_off_and_history_keeps_both(ws: Workspace) -> None:
    store = ws.store
    cid = str(claim_by_text(ws, "12%").claim_id)
    r = review.decide(store, cid, "verified", reviewer="Ann", expected_version=0,
                      passage_id=first_passage(ws, cid))  # fmt: skip
    r = review.sign_off(store, cid, reviewer="Ben", expected_version=r.version)
    r = review.decide(store, cid, "misleading", reviewer="Ann", expected_version=r.version,
                      passage_id=first_passage(ws, cid), note="the base year differs")  # fmt: skip
    assert r.signed_off_by is None and r.signed_off_at is None
    history = store.history(cid)
    assert history["action"].tolist() == ["decided", "signed_off", "decided"]
    assert history.iloc[2]["detail"] == {"cleared_sign_off": "Ben"}
    r = review.sign_off(store, cid, reviewer="Ben", expected_version=r.version)
    assert r.signed_off_by == "Ben"


def test_bulk_marking_is_for_statuses_without_evidence(ws: Workspace) -> None:
    claims = ws.store.claims()
    ids = claims["claim_id"].tolist()
    with pytest.raises(InvalidTransition, match="needs a decision of its own"):
        review.bulk_mark(ws.store, ids, "verified", reviewer="Ann")
    verdict = ids[0]
    review.decide(ws.store, verdict, "false", reviewer="Ann", expected_version=0,
                  url="https://example.org")  # fmt: skip
    stale = ids[1]
    review.decide(ws.store, stale, "in_progress", reviewer="Ben", expected_version=0)
    loaded = dict(zip(claims["claim_id"], claims["version"], strict=True))
    result = review.bulk_mark(ws.store, ids, "not_a_claim", reviewer="Ann", versions=loaded)
    assert verdict in result.skipped  # a verdict is never overridden in bulk
    assert [c.current.claim_id for c in result.conflicts] == [stale]
    assert {r.claim_id for r in result.applied} == set(ids) - {verdict, stale}
    assert all(ws.store.history(r.claim_id).iloc[-1]["detail"] == {"bulk": True}
               for r in result.applied)  # fmt: skip
    again = review.bulk_mark(ws.store, ids, "not_a_claim", reviewer="Ann")
    assert [r.claim_id for r in again.applied] == [stale]  # loaded now: no conflict


def test_a_reviewer_adds_a_missed_claim(ws: Workspace) -> None:
    r = pipeline.add_missed_claim(ws, ws.store.articles()[0].article_id, "Exports rose 12%",
                                  kind="statement", reviewer="Ann", occurrence=2,
                                  fields={"subject": "exports"}, note="missed")  # fmt: skip
    claim = ws.store.claim(r.claim_id)
    article = ws.store.articles()[0]
    assert article.text[claim["start"] : claim["end"]] == "Exports rose 12%"
    assert claim["start"] == article.text.index("Exports rose 12% again")
    assert claim["origin"] == "reviewer" and claim["subject"] == "exports"
    assert claim["sentence"] == "Exports rose 12% again in 2025."
    assert r.status == "unreviewed" and r.version == 0
    entry = ws.store.history(r.claim_id).iloc[0]
    assert (entry["action"], entry["who"], entry["note"]) == ("added", "Ann", "missed")
    assert not ws.store.matches(claim_id=r.claim_id).empty  # matched at once


def test_an_added_figure_takes_the_extractors_reading(ws: Workspace) -> None:
    article_id = ws.store.articles()[0].article_id
    r = review.add_claim(ws.store, article_id, "3,000 firms", kind="count", reviewer="Ann")
    claim = ws.store.claim(r.claim_id)
    assert claim["value"] == 3000


@pytest.mark.parametrize(
    ("words", "kind", "occurrence", "message"),
    [
        ("exports fell", "statement", 1, "not in the article"),
        ("Exports rose 12%", "statement", 3, "appears 2 time"),
        ("Exports rose 12%", "rumour", 1, "unknown kind"),
        ("   ", "statement", 1, "needs its words"),
    ],
)
def test_an_added_claim_must_fit_the_article(
    ws: Workspace, words: str, kind: str, occurrence: int, message: str
) -> None:
    article_id = ws.store.articles()[0].article_id
    with pytest.raises(CorrectionError, match=message):
        review.add_claim(ws.store, article_id, words, kind=kind, reviewer="Ann",
                         occurrence=occurrence)  # fmt: skip


def test_an_extracted_claim_cannot_be_added_twice(ws: Workspace) -> None:
    claim = claim_by_text(ws, "12%")
    with pytest.raises(CorrectionError, match="correct that claim instead"):
        review.add_claim(ws.store, str(claim.article_id), "12%", kind=str(claim.kind),
                         reviewer="Ann")  # fmt: skip


def test_corrections_change_the_claim_and_are_in_the_history(ws: Workspace) -> None:
    claim = claim_by_text(ws, "12%")
    cid = str(claim.claim_id)
    r = pipeline.correct_claim(ws, cid, {"value": 0.13, "subject": "exports of goods"},
                               reviewer="Ann", expected_version=0, note="typo")  # fmt: skip
    assert r.version == 1 and r.status == "unreviewed"
    corrected = ws.store.claim(cid)
    assert corrected["value"] == 0.13 and corrected["subject"] == "exports of goods"
    entry = ws.store.history(cid).iloc[0]
    assert entry["action"] == "corrected"
    assert entry["detail"]["changes"]["value"] == [claim["value"], 0.13]
    with pytest.raises(CorrectionError, match="nothing to correct"):
        review.correct_claim(ws.store, cid, {"value": 0.13}, reviewer="Ann", expected_version=1)
    with pytest.raises(CorrectionError, match="cannot correct start"):
        review.correct_claim(ws.store, cid, {"start": 0}, reviewer="Ann", expected_version=1)
    with pytest.raises(CorrectionError, match="unknown qualifier"):
        review.correct_claim(ws.store, cid, {"qualifier": "ish"}, reviewer="Ann",
                             expected_version=1)  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "value"),
    [("0.97", 0.97), ("26", 26), ("[18, 24]", [18, 24]), ("2025-W36", "2025-W36"), ("", None),
     ("true", "true"), ("Hong Lei", "Hong Lei")],
)  # fmt: skip
def test_values_typed_by_a_reviewer(typed: str, value: object) -> None:
    assert review.parse_value(typed) == value
