"""Revised drafts and self-checks in the app: a new version added on the Articles page, the
version switcher and the changes on the Review page, flags beside the claims."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from uitest import button, claim_table, no_exception, open_page, select_claim, sign_in

from workbench import pipeline, review
from workbench.pipeline import Workspace
from workbench.ui import state

SEED_ID = "000_c76c75e25c87b28b"
URL = "https://example.org/trade"
# Two checkable slips: a rise the figures do not make, and a weekday that is not the date's.
SLIPS = (
    "Profits jumped 50% to $1.13bn from $639m, the company said on Wednesday, Sept. 4, 2025, "
    "in a statement.\n"
    "It hired 300 people.\n"
)


def second_draft(demo: Workspace) -> str:
    text = demo.store.article(SEED_ID).text
    return text.replace("about 97% of North Korea", "about 95% of North Korea")


def test_a_new_version_is_added_on_the_articles_page(app: AppTest, demo: Workspace) -> None:
    sign_in(app, "Ana")
    claims = demo.store.claims(SEED_ID)
    leaders = claims[claims["text"] == "26 foreign leaders"].iloc[0]
    review.decide(demo.store, str(leaders.claim_id), "verified", reviewer="Ana", url=URL,
                  expected_version=0)  # fmt: skip
    open_page(app, "articles")
    app.selectbox(key=state.NEW_VERSION_OF).select(SEED_ID)
    app.text_area(key=state.NEW_TEXT).input(second_draft(demo))
    button(app, "Add article").click()
    app.run()
    no_exception(app)
    chain = demo.store.versions(SEED_ID)
    assert [a.version for a in chain] == [1, 2]
    assert any("1 changed (to check again)" in i.value for i in app.info)
    table = app.dataframe[0].value
    assert table["version"].tolist() == [1, 2]

    open_page(app, "review")
    # One entry per article in the picker; the newest version open, the older one a click away.
    assert app.selectbox(key=state.widget_key(state.ARTICLE)).options == [chain[1].title]
    switcher = app.button_group(key=state.widget_key(state.VERSION))
    assert switcher.value == chain[1].article_id
    assert any("What changed since version 1: 1 changed claim" in e.label for e in app.expander)
    changes = [d.value for d in app.dataframe if "what changed" in d.value.columns]
    assert changes and changes[0].iloc[0]["change"] == "changed"
    assert changes[0].iloc[0]["before"] == "about 97%" and changes[0].iloc[0]["now"] == "about 95%"
    _, rows = claim_table(app)
    shown = rows.set_index("text")
    assert shown.loc["about 95%", "revision"] == "changed"
    assert list(shown.loc["26 foreign leaders", "status"]) == ["verified"]

    switcher.set_value(chain[0].article_id).run()
    no_exception(app)
    _, rows = claim_table(app)
    assert "about 97%" in rows["text"].tolist()
    assert not any("What changed" in e.label for e in app.expander)


def test_flags_show_beside_the_claims(app: AppTest, demo: Workspace) -> None:
    article = pipeline.add_article(demo, SLIPS, title="Slips", published="2025-09-05")
    flags = demo.store.flags(article.article_id)
    assert {"arithmetic", "weekday"} <= set(flags["check"])
    app.run()
    app.selectbox(key=state.widget_key(state.ARTICLE)).select(article.article_id).run()
    no_exception(app)
    _, rows = claim_table(app)
    shown = rows.set_index("text")
    assert "arithmetic" in shown.loc["50%", "flags"]
    assert shown.loc["300 people", "flags"] == ""
    assert any("2 flagged by the self\\-checks" in c.value for c in app.caption)
    select_claim(app, "50%")
    warnings = [w.value for w in app.warning]
    assert any("Self-check (arithmetic)" in w and "639" in w for w in warnings), warnings


def test_the_dashboard_lists_the_flags_open_ones_first(app: AppTest, demo: Workspace) -> None:
    article = pipeline.add_article(demo, SLIPS, title="Slips", published="2025-09-05")
    open_page(app, "dashboard")
    assert any(s.value == "Self-check flags" for s in app.subheader)
    tables = [d.value for d in app.dataframe if "message" in d.value.columns]
    assert len(tables) == 1
    flags = tables[0]
    assert set(flags["check"]) == {"arithmetic", "weekday"}
    assert set(flags["article"]) == {"Slips"} and "50%" in set(flags["claim"])
    weekday = demo.store.flags(article.article_id)
    decided = str(weekday[weekday["check"] == "weekday"].iloc[0]["claim_id"])
    review.decide(demo.store, decided, "false", reviewer="Ana", url=URL, expected_version=0)
    app.run()
    flags = next(d.value for d in app.dataframe if "message" in d.value.columns)
    assert flags["check"].tolist() == ["arithmetic", "weekday"]
    assert [list(s) for s in flags["status"]] == [["unreviewed"], ["false"]]
