"""The Review page under AppTest: the article, the claim table, the evidence and the decisions."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from uitest import button, claim_table, no_exception, select_claim, sign_in

from workbench import review
from workbench.pipeline import Workspace
from workbench.ui import claims_view, evidence_view, state

CLAIM = "about 97%"


def decide_in_form(at: AppTest, claim_id: str, status: str, note: str, passage_id: str) -> None:
    """Fill in the decision form and submit it."""
    at.selectbox(key=state.claim_key(state.DECISION_STATUS, claim_id)).select(status)
    at.text_area(key=state.claim_key(state.DECISION_NOTE, claim_id)).input(note)
    at.radio(key=state.claim_key(state.DECISION_CITE, claim_id)).set_value(passage_id)
    button(at, evidence_view.SAVE_LABEL).click()
    at.run()
    no_exception(at)


def test_landing_page_shows_the_article_with_its_claims_highlighted(
    app: AppTest, demo: Workspace
) -> None:
    no_exception(app)
    assert app.title[0].value == "Review"
    article = demo.store.articles()[0]
    bodies = [m.value for m in app.markdown]
    assert any("North Korean leader Kim Jong Un" in b and "<mark" in b for b in bodies)
    assert any("Unreviewed" in b and "Verified" in b for b in bodies), "the colour legend"
    _, rows = claim_table(app)
    assert len(rows) == len(demo.store.claims(article.article_id))
    assert CLAIM in rows["text"].tolist()
    assert app.info[-1].value.startswith("Select a claim")


def test_selecting_a_claim_opens_its_evidence(app: AppTest, demo: Workspace) -> None:
    claim_id = select_claim(app, CLAIM)
    assert app.subheader[0].value == f"“{CLAIM}”"
    bodies = [m.value for m in app.markdown]
    assert any(":green-badge[agrees]" in b for b in bodies), "the agreement badge"
    assert any(b.startswith("The source says:") for b in bodies)
    best = demo.store.matches(claim_id=claim_id).iloc[0]
    evidence = best["passage_text"][int(best["evidence_start"]) : int(best["evidence_end"])]
    assert any(f'title="matching words">{evidence}</mark>' in b for b in bodies)
    assert button(app, evidence_view.SAVE_LABEL).disabled, (
        "no decision before the reviewer gives a name"
    )


def test_a_decision_through_the_form_is_stored_with_its_history(
    app: AppTest, demo: Workspace
) -> None:
    sign_in(app, "Ana")
    claim_id = select_claim(app, CLAIM)
    first = str(demo.store.matches(claim_id=claim_id)["passage_id"].iloc[0])
    decide_in_form(app, claim_id, "verified", "The trade table says 96.7%.", first)

    assert [s.value for s in app.success] == ["Saved: marked verified."]
    saved = demo.store.review(claim_id)
    assert (saved.status, saved.reviewer, saved.cited_passage_id) == ("verified", "Ana", first)
    assert saved.note == "The trade table says 96.7%."
    history = demo.store.history(claim_id)
    assert history[["who", "action", "from_status", "to_status"]].values.tolist() == [
        ["Ana", "decided", "unreviewed", "verified"]
    ]
    assert history["cited_text"].iloc[0]
    _, rows = claim_table(app)
    assert [list(cell) for cell in rows.loc[rows["text"] == CLAIM, "status"]] == [["verified"]]


def test_a_decision_on_a_claim_changed_meanwhile_is_refused_as_a_conflict(
    app: AppTest, demo: Workspace
) -> None:
    sign_in(app, "Ana")
    claim_id = select_claim(app, CLAIM)
    loaded = demo.store.review(claim_id).version
    review.decide(demo.store, claim_id, "unverifiable", reviewer="Ben", expected_version=loaded,
                  note="No primary source.")  # fmt: skip
    first = str(demo.store.matches(claim_id=claim_id)["passage_id"].iloc[0])
    decide_in_form(app, claim_id, "verified", "Looks right.", first)

    warnings = [w.value for w in app.warning]
    assert len(warnings) == 1 and "changed since you loaded it" in warnings[0]
    assert "unverifiable" in warnings[0] and "Ben" in warnings[0]
    kept = demo.store.review(claim_id)
    assert (kept.status, kept.reviewer, kept.note) == ("unverifiable", "Ben", "No primary source.")
    assert demo.store.history(claim_id)["who"].tolist() == ["Ben"]
    assert not app.success


def test_a_second_reviewer_signs_off(app: AppTest, demo: Workspace) -> None:
    sign_in(app, "Ana")
    claim_id = select_claim(app, CLAIM)
    first = str(demo.store.matches(claim_id=claim_id)["passage_id"].iloc[0])
    decide_in_form(app, claim_id, "verified", "", first)
    sign_off = app.button(key=state.claim_key(state.SIGN_OFF, claim_id))
    assert sign_off.disabled, "the reviewer who decided cannot sign off"
    sign_in(app, "Ben")
    app.button(key=state.claim_key(state.SIGN_OFF, claim_id)).click()
    app.run()
    no_exception(app)
    assert demo.store.review(claim_id).signed_off_by == "Ben"
    assert demo.store.history(claim_id)["action"].tolist() == ["decided", "signed_off"]


def test_bulk_marking_marks_the_filtered_claims(app: AppTest, demo: Workspace) -> None:
    sign_in(app, "Ana")
    app.multiselect(key=state.widget_key(state.FILTER_KINDS)).set_value(["date"])
    app.run()
    _, rows = claim_table(app)
    assert set(rows["kind"]) == {"date"}
    app.selectbox(key=state.BULK_STATUS).select("not_a_claim")
    app.button(key=state.BULK_BUTTON).click()
    app.run()
    no_exception(app)
    claims = demo.store.claims()
    dates = claims[claims["kind"] == "date"]
    assert set(dates["status"]) == {"not_a_claim"}
    assert set(claims.loc[claims["kind"] != "date", "status"]) == {"unreviewed"}


def test_next_claim_to_check_goes_down_the_unreviewed_claims(app: AppTest, demo: Workspace) -> None:
    """From the open claim to the next unreviewed one in the article's order, skipping the ones
    decided, round to the top; disabled when none is left."""
    sign_in(app, "Ana")
    _, rows = claim_table(app)
    texts = rows["text"].tolist()
    ids = demo.store.claims(demo.store.articles()[0].article_id)["claim_id"].tolist()
    # Decide the second claim in the table: the button must skip it.
    second = select_claim(app, texts[1])
    passage = str(demo.store.matches(claim_id=second)["passage_id"].iloc[0])
    decide_in_form(app, second, "verified", "Checked.", passage)
    first = select_claim(app, texts[0])
    button(app, claims_view.NEXT_LABEL).click()
    app.run()
    no_exception(app)
    assert app.session_state[state.SELECTED_CLAIM] == ids[2]
    assert app.subheader[0].value == f"“{texts[2]}”"
    _, rows = claim_table(app)
    assert len(rows) == len(texts), "the table keeps every claim"
    # From the last claim it goes round to the first unreviewed one.
    select_claim(app, texts[-1])
    button(app, claims_view.NEXT_LABEL).click()
    app.run()
    assert app.session_state[state.SELECTED_CLAIM] == first
    # Nothing left to check among the claims shown: the button says so.
    app.multiselect(key=state.widget_key(state.FILTER_STATUSES)).set_value(["verified"])
    app.run()
    assert button(app, claims_view.NEXT_LABEL).disabled


def test_a_reviewer_corrects_a_claim_and_adds_a_missed_one(app: AppTest, demo: Workspace) -> None:
    sign_in(app, "Ana")
    claim_id = select_claim(app, CLAIM)
    app.text_input(key=state.claim_key(state.FIX_SUBJECT, claim_id)).input("North Korea's trade")
    button(app, "Save correction").click()
    app.run()
    no_exception(app)
    assert demo.store.claim(claim_id)["subject"] == "North Korea's trade"

    app.text_input(key=state.ADD_WORDS).input("military parade")
    app.selectbox(key=state.ADD_KIND).select("statement")
    button(app, "Add claim").click()
    app.run()
    no_exception(app)
    claims = demo.store.claims()
    added = claims[claims["text"] == "military parade"]
    assert added["origin"].tolist() == ["reviewer"]
    assert demo.store.history(str(added["claim_id"].iloc[0]))["action"].tolist() == ["added"]
