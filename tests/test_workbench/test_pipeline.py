"""Use cases on real workspaces: articles, sources, matching again, the demo workspace."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from workspaces import ARTICLE, SOURCE, claim_by_text, ticking_clock

from claims.errors import DateError, EmptyInputError
from workbench import pipeline, review
from workbench.errors import DuplicateArticle, UnknownSource, WorkspaceError
from workbench.pipeline import DEMO_MARKER, Workspace, add_article, add_sources, build_demo


@dataclass
class FakeUpload:
    """What Streamlit's file uploader hands over: a name and the bytes."""

    name: str
    data: bytes

    def getvalue(self) -> bytes:
        return self.data


def test_the_workspace_folder_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(pipeline.ENV_VAR, raising=False)
    assert Workspace.open().folder == Path("workspace")
    assert (tmp_path / "workspace" / "workbench.sqlite3").is_file()
    monkeypatch.setenv(pipeline.ENV_VAR, str(tmp_path / "elsewhere"))
    assert Workspace.open().folder == tmp_path / "elsewhere"
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(WorkspaceError, match="choose a folder"):
        Workspace.open(tmp_path / "a-file")


def test_an_article_is_stored_with_its_claims_and_matches(ws: Workspace) -> None:
    article = ws.store.articles()[0]
    assert (article.title, article.outlet, article.published, article.added_by) == (
        "Exports", "The Daily", "2025-01-15", "Ann")  # fmt: skip
    assert article.text == ARTICLE and article.added_at.endswith("Z")
    claims = ws.store.claims(article.article_id)
    assert all(article.text[s:e] == t for s, e, t in zip(claims.start, claims.end, claims.text,
                                                         strict=True))  # fmt: skip
    share = claim_by_text(ws, "12%")
    best = ws.store.matches(claim_id=share.claim_id).iloc[0]
    assert best["agreement"] == "agrees" and best["title"] == "ministry"


def test_article_errors_say_how_to_fix_them(ws: Workspace) -> None:
    with pytest.raises(DuplicateArticle, match="already in the workspace as 'Exports'"):
        add_article(ws, ARTICLE, title="Again")
    with pytest.raises(EmptyInputError, match="paste its text"):
        add_article(ws, "  \n", title="Nothing")
    with pytest.raises(DateError, match="YYYY-MM-DD"):
        add_article(ws, "Prices rose 5% in May.", title="Prices", published="last May")


def test_articles_from_files_and_uploads(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws")
    path = tmp_path / "story.md"
    path.write_text("# Prices\n\nPrices rose 5% in May.\n", encoding="utf-8")
    assert pipeline.add_article_file(ws, path).title == "story"
    upload = FakeUpload("other.txt", b"Rents rose 7% in June.\n")
    article = pipeline.add_article_file(ws, upload, title="Rents", published="2025-07-01")
    assert article.title == "Rents" and ws.store.claims(article.article_id)["text"].tolist()


def test_new_sources_match_every_article_again_and_keep_decisions(
    tmp_path: Path, ws: Workspace
) -> None:
    add_article(ws, "Imports fell 4% in 2024, customs said.\n", title="Imports")
    share = claim_by_text(ws, "12%")
    cited = str(ws.store.matches(claim_id=share.claim_id).iloc[0]["passage_id"])
    decided = review.decide(ws.store, str(share.claim_id), "verified", reviewer="Ann",
                            expected_version=0, passage_id=cited, note="ok")  # fmt: skip
    customs = tmp_path / "customs.txt"
    customs.write_text("Customs data show imports fell 4 per cent in 2024.\n", encoding="utf-8")
    added = add_sources(ws, [customs])
    assert added.claims_matched == len(ws.store.claims())  # both articles, all their claims
    imports = claim_by_text(ws, "4%")
    best = ws.store.matches(claim_id=imports.claim_id).iloc[0]
    assert best["title"] == "customs" and best["agreement"] == "agrees"
    assert ws.store.review(str(share.claim_id)) == decided  # untouched by matching again
    assert ws.store.passage(cited) is not None  # its cited passage kept its id


def test_removing_a_source_keeps_the_decisions_copy(ws: Workspace) -> None:
    share = claim_by_text(ws, "12%")
    cid = str(share.claim_id)
    match = ws.store.matches(claim_id=cid).iloc[0]
    review.decide(ws.store, cid, "verified", reviewer="Ann", expected_version=0,
                  passage_id=str(match["passage_id"]))  # fmt: skip
    assert pipeline.remove_source(ws, str(match["source_id"])) > 0
    assert ws.store.passage(str(match["passage_id"])) is None
    assert ws.store.matches().empty and len(ws.index()) == 0
    kept = ws.store.review(cid)
    assert kept.status == "verified" and kept.cited_text == match["passage_text"]
    assert kept.cited_source_title == "ministry"
    entry = ws.store.history(cid).iloc[0]
    assert entry["cited_text"] == match["passage_text"]
    assert entry["cited_source_title"] == "ministry"
    with pytest.raises(UnknownSource, match="list of sources"):
        pipeline.remove_source(ws, str(match["source_id"]))


def test_replacing_a_source_keeps_the_decisions_copy(tmp_path: Path, ws: Workspace) -> None:
    cid = str(claim_by_text(ws, "12%").claim_id)
    old = ws.store.matches(claim_id=cid).iloc[0]
    review.decide(ws.store, cid, "verified", reviewer="Ann", expected_version=0,
                  passage_id=str(old["passage_id"]))  # fmt: skip
    upload = FakeUpload("ministry.txt", SOURCE.replace("12 per cent", "13 per cent").encode())
    added = pipeline.replace_source(ws, str(old["source_id"]), upload)
    assert [s.source_id for s in ws.store.sources().itertuples()] == [added.sources[0].source_id]
    assert ws.store.matches(claim_id=cid).iloc[0]["agreement"] == "conflicts"
    assert ws.store.review(cid).cited_text == old["passage_text"]  # what the reviewer saw


def test_the_index_is_rebuilt_from_the_store_with_the_same_ids(ws: Workspace) -> None:
    before = sorted(ws.store.passages()["passage_id"])
    assert pipeline.rebuild_index(ws) == len(before)
    assert sorted(ws.index().get(before)["passage_id"]) == before
    hits = pipeline.search_passages(ws, "companies survey")
    assert "3,000 companies" in hits.iloc[0]["text"]


def test_status_counts_claims_by_status(ws: Workspace) -> None:
    cid = str(claim_by_text(ws, "12%").claim_id)
    review.decide(ws.store, cid, "in_progress", reviewer="Ann", expected_version=0)
    table = pipeline.status(ws)
    row = table.iloc[0]
    assert row["title"] == "Exports" and row["in_progress"] == 1
    assert row["claims"] == row[list(review.STATUSES)].sum()


def test_the_demo_is_built_from_the_seeds(demo_ws: Workspace) -> None:
    article = demo_ws.store.articles()[0]
    assert article.article_id == "000_c76c75e25c87b28b"
    assert article.outlet == "The Associated Press" and article.published == "2025-08-28"
    assert len(demo_ws.store.sources()) == 7
    share = claim_by_text(demo_ws, "about 97%")
    assert demo_ws.store.matches(claim_id=share.claim_id).iloc[0]["agreement"] == "agrees"


def test_the_demo_is_rebuilt_and_never_touches_another_folder(tmp_path: Path) -> None:
    other = tmp_path / "notes"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    with pytest.raises(WorkspaceError, match="not a demo workspace"):
        build_demo(other)
    assert (other / "keep.txt").read_text() == "mine" and len(list(other.iterdir())) == 1
    demo = tmp_path / "demo-workspace"
    ws = build_demo(demo, clock=ticking_clock())
    cid = str(claim_by_text(ws, "about 97%").claim_id)
    review.decide(ws.store, cid, "in_progress", reviewer="Ann", expected_version=0)
    again = build_demo(demo, clock=ticking_clock())
    assert (demo / DEMO_MARKER).is_file()
    assert again.store.review(cid).status == "unreviewed" and again.store.history().empty


def test_links_in_a_source_folder_are_not_followed_out_of_it(tmp_path: Path) -> None:
    from workbench.evidence import source_files

    folder = tmp_path / "sources"
    (folder / "inner").mkdir(parents=True)
    (folder / "release.txt").write_text("Exports rose 12% in 2024.\n", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "inner" / "again.txt").symlink_to(folder / "release.txt")
    (folder / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    found = [p.relative_to(folder).as_posix() for p in source_files([folder])]
    assert found == ["inner/again.txt", "release.txt"]


def test_a_source_keeps_only_web_and_mail_addresses(tmp_path: Path) -> None:
    from claims.evidence.sources import load_source

    for href, kept in (
        ("javascript:alert(1)", None),
        ("data:text/html,<script>x</script>", None),
        ("https://example.org/release", "https://example.org/release"),
        ("mailto:press@example.org", "mailto:press@example.org"),
        ("http://", None),
    ):
        page = tmp_path / "page.html"
        page.write_text(
            f'<html><head><title>T</title><link rel="canonical" href="{href}"></head>'
            "<body><p>Exports rose 12% in 2024.</p></body></html>",
            encoding="utf-8",
        )
        assert load_source(page).url == kept, href
