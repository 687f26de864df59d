"""The Articles, Sources, Dashboard and Export pages under AppTest, on the demo workspace."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit.testing.v1.app_test as app_test_module
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from uitest import APP, button, no_exception, open_page

from workbench import pipeline
from workbench.export import export_bytes
from workbench.pipeline import Workspace
from workbench.ui import state

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SCRIPT_ARTICLE = (
    "The council said 45% of residents <script>alert(1)</script> backed the plan on Tuesday.\n"
)


def test_articles_page_lists_the_articles_with_their_progress(app: AppTest) -> None:
    open_page(app, "articles")
    assert app.title[0].value == "Articles"
    table = app.dataframe[0].value
    assert table["title"].tolist() == [
        "Kim Jong Un to visit China for military parade, his first trip there in six years"
    ]
    assert table["progress"].tolist() == [0.0]
    assert int(table["unreviewed"].iloc[0]) == int(table["claims"].iloc[0]) > 0


def test_a_script_in_an_article_is_shown_as_text(app: AppTest, demo: Workspace) -> None:
    open_page(app, "articles")
    app.text_area(key=state.NEW_TEXT).input(SCRIPT_ARTICLE)
    app.text_input(key=state.NEW_TITLE).input("Council vote")
    button(app, "Add article").click()
    app.run()
    no_exception(app)
    assert [a.title for a in demo.store.articles()][-1] == "Council vote"

    open_page(app, "review")
    assert app.selectbox(key=state.widget_key(state.ARTICLE)).value == (
        demo.store.articles()[-1].article_id
    )
    bodies = [m.value for m in app.markdown]
    assert any("&lt;script&gt;alert(" in b and "&lt;/script&gt;" in b for b in bodies)
    assert not any("<script" in b for b in bodies)


def test_a_bad_upload_is_an_error_message_not_a_traceback(app: AppTest, demo: Workspace) -> None:
    open_page(app, "articles")
    app.file_uploader(key=state.NEW_FILE).set_value(
        ("story.docx", b"not a word file", "application/msword")
    )
    button(app, "Add article").click()
    app.run()
    no_exception(app)
    errors = [e.value for e in app.error]
    assert len(errors) == 1 and "not a valid Word .docx file" in errors[0]
    assert len(demo.store.articles()) == 1


def test_sources_page_uploads_several_files_and_searches_passages(
    app: AppTest, demo: Workspace
) -> None:
    open_page(app, "sources")
    assert len(app.dataframe[0].value) == len(demo.store.sources())
    files = [
        ("briefing.txt", b"The ministry said rice exports rose 12 per cent.\n", "text/plain"),
        ("notes.md", b"# Notes\n\nRice farmers counted 3,000 new fields.\n", "text/markdown"),
    ]
    app.file_uploader(key=state.SOURCE_FILES).set_value(files)
    button(app, "Add and match").click()
    app.run()
    no_exception(app)
    assert "Added 2 source(s)" in app.success[0].value
    assert app.get("progress")[0].proto.value == 100
    assert {"briefing", "Notes"} <= set(app.dataframe[0].value["title"])

    app.text_input(key=state.SEARCH_QUERY).input("rice exports")
    app.run()
    no_exception(app)
    captions = [c.value for c in app.caption]
    assert any(c.startswith("briefing · BM25") for c in captions)
    assert any(">rice</mark>" in m.value for m in app.markdown), "the search words marked"


def test_dashboard_shows_conflicts_first_and_the_charts(app: AppTest, demo: Workspace) -> None:
    open_page(app, "dashboard")
    assert [s.value for s in app.subheader][:4] == [
        "Conflicts first", "Best evidence by verdict", "Self-check flags",
        "Claims by status"]  # fmt: skip
    conflicts = app.dataframe[0].value
    matches = demo.store.matches()
    contradicted = matches[matches["agreement"] == "conflicts"]["claim_id"].nunique()
    # The demo's one contradiction: the briefing's "about 95 per cent" for "about 97%".
    assert len(conflicts) == contradicted == 1
    row = conflicts.iloc[0]
    assert (row["claim"], row["source says"]) == ("about 97%", "about 95 per cent")
    assert row["why"].startswith("same subject: North Korea’s external trade, 2023")
    verdicts = app.dataframe[1].value.set_index("verdict")["claims"]
    best = matches[matches["rank"] == 1]["agreement"].value_counts()
    assert verdicts.to_dict() == best.to_dict()
    assert len(app.get("vega_lite_chart")) == 2
    assert app.metric[0].value == str(len(demo.store.claims()))


@pytest.fixture
def served_files(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[MemoryMediaFileStorage]]:
    """The media storages of the app's runs: where a download button's bytes are kept."""
    storages: list[MemoryMediaFileStorage] = []

    class Recording(MemoryMediaFileStorage):
        def __init__(self, media_endpoint: str) -> None:
            super().__init__(media_endpoint)
            storages.append(self)

    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", Recording)
    yield storages


def downloaded(at: AppTest, storages: list[MemoryMediaFileStorage]) -> bytes:
    """The bytes the Export page's download button serves."""
    url = at.get("download_button")[0].proto.url
    return storages[-1].get_file(url.rsplit("/", 1)[-1]).content


@pytest.mark.parametrize(("fmt", "bom"), [("csv", False), ("csv", True), ("jsonl", False)])
def test_export_downloads_the_same_bytes_as_the_command_line(
    app: AppTest, demo: Workspace, served_files: list[MemoryMediaFileStorage], fmt: str, bom: bool
) -> None:
    open_page(app, "export")
    app.radio(key=state.EXPORT_FORMAT).set_value(fmt)
    app.run()
    if bom:
        app.checkbox(key=state.EXPORT_BOM).check()
        app.run()
    no_exception(app)
    assert len(app.dataframe[0].value) == len(demo.store.claims())
    assert downloaded(app, served_files) == export_bytes(demo, fmt, bom=bom)


def test_pages_say_what_to_do_in_an_empty_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(pipeline.ENV_VAR, str(tmp_path / "empty"))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    no_exception(at)
    assert at.info[0].value == "No articles yet: add one on the Articles page."
    for page in ("dashboard", "export"):
        open_page(at, page)
        assert at.info[0].value == "No articles yet: add one on the Articles page."
    open_page(at, "sources")
    assert at.info[0].value.startswith("No sources yet")


def test_a_workspace_left_unfinished_shows_a_banner_that_repairs_it(demo: Workspace) -> None:
    # What a command killed before indexing leaves: the sources stored, the index empty, the
    # journal saying so.
    passages = demo.store.passages()
    demo.index().rebuild(passages.iloc[0:0])
    for source_id in sorted(set(passages["source_id"])):
        demo.store.add_work("index_source", source_id)
    demo.store.add_work("match_all")
    at = AppTest.from_file(str(APP), default_timeout=60)
    open_page(at.run(), "sources")
    assert any("needs repair" in w.value for w in at.warning)
    button(at, "Repair the workspace now").click()
    at.run()
    no_exception(at)
    assert any("Repaired: indexed the" in s.value for s in at.success)
    assert not demo.store.pending_work() and len(demo.index()) == len(passages)
    at.run()
    assert not any("needs repair" in w.value for w in at.warning)
