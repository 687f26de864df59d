"""The workspace export: golden files of the demo, neutralized formulas, the same rows everywhere.

The golden files in tests/golden/ are compared byte for byte. After a deliberate change to the
extractor, the matcher or the export, rewrite them with UPDATE_GOLDEN=1 and review the diff.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pandas as pd
import pytest
from workspaces import claim_by_text

from workbench import pipeline, review
from workbench.errors import PublisherNotSet, SettingError, UnknownArticle
from workbench.export import (
    EXPORT_COLUMNS,
    export_bytes,
    export_file_name,
    export_rows,
    neutralize,
    to_csv,
)
from workbench.pipeline import Workspace, add_article
from workbench.publisher import set_publisher

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
SEED_ID = "000_c76c75e25c87b28b"


def review_the_demo(ws: Workspace) -> None:
    """A fixed set of decisions, a sign-off, a bulk mark, a correction and an added claim."""
    store = ws.store
    share = str(claim_by_text(ws, "about 97%").claim_id)
    table = str(store.matches(claim_id=share).iloc[0]["passage_id"])
    r = review.decide(store, share, "verified", reviewer="Ann Editor", expected_version=0,
                      passage_id=table, note="The 2023 trade table says 96.7%.")  # fmt: skip
    review.sign_off(store, share, reviewer="Ben Desk", expected_version=r.version)
    quote = claim_by_text(ws, "I loved it. Remember when I walked across the line and everyone "
                          "went crazy.")  # fmt: skip
    transcript = str(store.matches(claim_id=quote.claim_id).iloc[0]["passage_id"])
    review.decide(store, str(quote.claim_id), "misleading", reviewer="Ben Desk",
                  expected_version=0, passage_id=transcript,
                  note="The transcript says “everybody”.")  # fmt: skip
    leaders = str(claim_by_text(ws, "26 foreign leaders").claim_id)
    review.decide(store, leaders, "verified", reviewer="Ann Editor", expected_version=0,
                  url="https://example.org/xinhua-parade")  # fmt: skip
    late = str(claim_by_text(ws, "in late 2011").claim_id)
    review.decide(store, late, "unverifiable", reviewer="Ann Editor", expected_version=0,
                  note="No source gives the month.")  # fmt: skip
    observers = str(claim_by_text(ws, "many observers say").claim_id)
    review.bulk_mark(store, [observers], "not_a_claim", reviewer="Ben Desk")
    russia = str(claim_by_text(ws, "1.2%").claim_id)
    pipeline.correct_claim(ws, russia, {"subject": "North Korea’s external trade with Russia"},
                           reviewer="Ann Editor", expected_version=0)  # fmt: skip
    pipeline.add_missed_claim(ws, SEED_ID, "China has long been North Korea’s biggest trading "
                              "partner", kind="statement", reviewer="Ann Editor")  # fmt: skip


def check_golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_bytes(data)
    assert path.is_file(), f"{path} is missing: write it with UPDATE_GOLDEN=1"
    assert data == path.read_bytes(), f"{name} differs from {path}; see the module docstring"


def test_demo_csv_matches_the_golden_file(demo_ws: Workspace) -> None:
    review_the_demo(demo_ws)
    check_golden("demo-export.csv", export_bytes(demo_ws, "csv"))


def revise_the_demo(ws: Workspace) -> None:
    """A second draft of the reviewed seed article: a figure changed, one sentence with a slip
    the self-checks flag (the figures make a rise of about 77%, not 50%), a quote shortened."""
    text = ws.store.article(SEED_ID).text
    for old, new in (
        ("about 97% of North Korea", "about 95% of North Korea"),
        ("while 1.2% was with Russia.", "while 1.2% was with Russia. Trade rose 50% to $1.13bn "
         "from $639m."),
        ("“I loved it. Remember when I walked across the line and everyone went crazy.”",
         "“I loved it.”"),
    ):  # fmt: skip
        text = text.replace(old, new)
    pipeline.add_article(ws, text, added_by="Ben Desk", version_of=SEED_ID)


def test_revised_demo_csv_matches_the_golden_file(demo_ws: Workspace) -> None:
    review_the_demo(demo_ws)
    revise_the_demo(demo_ws)
    check_golden("demo-export-revised.csv", export_bytes(demo_ws, "csv"))
    rows = export_rows(demo_ws)
    second = rows[rows["article_version"] == 2].set_index("text")
    assert second.loc["26 foreign leaders", "status"] == "verified"
    assert second.loc["about 95%", "revision"] == "changed"
    assert second.loc["50%", "flags"].startswith("arithmetic: ")


PUBLISHER = {
    "name": "Example Fact Check",
    "site_url": "https://factcheck.example.org",
    "review_url": "https://factcheck.example.org/checks/{claim_id}",
}


def test_claimreview_is_refused_until_the_publisher_is_set(demo_ws: Workspace) -> None:
    review_the_demo(demo_ws)
    with pytest.raises(PublisherNotSet, match=r"name \(--name\).*workbench publisher"):
        export_bytes(demo_ws, "claimreview")
    set_publisher(demo_ws.store, name="Example Fact Check", who="Ann Editor")
    with pytest.raises(PublisherNotSet) as refused:
        export_bytes(demo_ws, "claimreview")
    assert len(refused.value.missing) == 2 and "--site-url" in str(refused.value)
    with pytest.raises(SettingError, match="claim_id"):
        set_publisher(demo_ws.store, review_url="https://factcheck.example.org/checks")
    with pytest.raises(SettingError, match="not a web address"):
        set_publisher(demo_ws.store, site_url="javascript:alert(1)")


def test_demo_claimreview_matches_the_golden_file(demo_ws: Workspace) -> None:
    review_the_demo(demo_ws)
    set_publisher(demo_ws.store, **PUBLISHER, who="Ann Editor")
    data = export_bytes(demo_ws, "claimreview", article_id=SEED_ID)
    check_golden("demo-claimreview.json", data)
    reviews = json.loads(data)
    assert {r["reviewRating"]["alternateName"] for r in reviews} == {
        "True", "Misleading", "Unverifiable"}  # fmt: skip
    claims = demo_ws.store.claims(SEED_ID).set_index("claim_id")
    for review_ in reviews:  # what Google's fact-check markup reads, on every review
        claim = claims.loc[review_["identifier"]]
        assert review_["url"] == f"https://factcheck.example.org/checks/{review_['identifier']}"
        assert review_["claimReviewed"] == claim["sentence"]
        assert review_["datePublished"] == str(claim["decided_at"])[:10]
        assert review_["author"] == {"@type": "Organization", "name": "Example Fact Check",
                                     "url": "https://factcheck.example.org"}  # fmt: skip
        assert review_["creator"] == {"@type": "Person", "name": claim["reviewer"]}
        rating = review_["reviewRating"]
        assert (rating["bestRating"], rating["worstRating"]) == (5, 1)
        assert 1 <= rating["ratingValue"] <= 5
        item = review_["itemReviewed"]
        assert item["@type"] == "Claim" and item["datePublished"] == "2025-08-28"
        said_by = claim["speaker"] or "The Associated Press"
        assert item["author"]["name"] == said_by
        assert item["author"]["@type"] == ("Person" if claim["speaker"] else "Organization")
        assert item["appearance"]["headline"].startswith("Kim Jong Un")
    unverifiable = next(r for r in reviews if r["reviewRating"]["alternateName"] == "Unverifiable")
    assert unverifiable["reviewRating"]["ratingValue"] == 3


def test_rows_carry_reviews_evidence_sign_off_and_corrections(demo_ws: Workspace) -> None:
    review_the_demo(demo_ws)
    rows = export_rows(demo_ws, SEED_ID)
    assert tuple(rows.columns) == EXPORT_COLUMNS
    assert rows["start"].tolist() == sorted(rows["start"])  # ordered as in the article
    share = rows[rows["text"] == "about 97%"].iloc[0]
    assert (share["status"], share["reviewer"], share["signed_off_by"]) == (
        "verified", "Ann Editor", "Ben Desk")  # fmt: skip
    assert share["agreement"] == "agrees" and "96.7" in share["cited_passage"]
    assert share["cited_source_title"] and share["history_entries"] == 2
    russia = rows[rows["text"] == "1.2%"].iloc[0]
    assert russia["corrections"].startswith("subject: ")
    added = rows[rows["kind"] == "statement"].iloc[0]
    assert added["corrections"] == "added by Ann Editor" and added["status"] == "unreviewed"


def test_jsonl_and_csv_hold_the_same_rows(demo_ws: Workspace) -> None:
    review_the_demo(demo_ws)
    lines = export_bytes(demo_ws, "jsonl").decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    table = list(csv.DictReader(io.StringIO(export_bytes(demo_ws, "csv").decode("utf-8"))))
    assert [r["claim_id"] for r in records] == [r["claim_id"] for r in table]
    share = next(r for r in records if r["text"] == "about 97%")
    assert share["value"] == 0.97 and share["history_entries"] == 2


def test_bom_file_names_and_unknown_articles(demo_ws: Workspace) -> None:
    assert export_bytes(demo_ws, "csv", bom=True).startswith(b"\xef\xbb\xbfarticle_title,")
    assert export_file_name("csv", SEED_ID) == f"claims-{SEED_ID}.csv"
    assert export_file_name("claimreview") == "claims.claimreview.json"
    with pytest.raises(UnknownArticle, match="workbench status"):
        export_bytes(demo_ws, "csv", article_id="nope")
    with pytest.raises(ValueError, match="csv, jsonl, claimreview"):
        export_bytes(demo_ws, "xlsx")


def test_a_formula_in_an_article_is_inert_text_in_the_csv(tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "ws")
    text = 'The minister said "=HYPERLINK(1)" cost 5% more. Sales fell 3% in May.\n'
    article = add_article(ws, text, title="=cmd|' /C calc'!A0", published="2025-06-01")
    claim = str(claim_by_text(ws, "3%").claim_id)
    review.decide(ws.store, claim, "unverifiable", reviewer="@admin", expected_version=0,
                  note="+1 call back")  # fmt: skip
    pipeline.correct_claim(ws, claim, {"value": -0.03}, reviewer="Ann", expected_version=1)
    rows = list(csv.reader(io.StringIO(export_bytes(ws, "csv", article_id=article.article_id)
                                       .decode("utf-8"))))  # fmt: skip
    cells = [cell for row in rows[1:] for cell in row]
    assert "'=HYPERLINK(1)" in cells and "'=cmd|' /C calc'!A0" in cells
    assert "'@admin" in cells and "'+1 call back" in cells
    assert "-0.03" in cells  # a plain number stays a number
    dangerous = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r") and c != "-0.03"]
    assert not dangerous


@pytest.mark.parametrize(
    "cell",
    ["=1+1", "＝1+1", "＋A1", "－A1", "＠SUM(A1)", " =HYPERLINK(\"x\")", "\n=A1", "\u00a0=A1",
     "\u200b=A1", "\ufeff@SUM(A1)", "\u2060+A1", "\t=A1", "\r=A1", "@cmd", "-A1+1"],
)  # fmt: skip
def test_every_formula_start_is_neutralized(cell: str) -> None:
    assert neutralize(cell) == "'" + cell
    data = to_csv(pd.DataFrame({"quote": [cell]})).decode("utf-8")
    assert next(csv.reader(io.StringIO(data.split("\r\n", 1)[1])))[0] == "'" + cell


@pytest.mark.parametrize("cell", ["-3.5", "+12", "1e6", " -3", "97%", "hello", "", "a=b"])
def test_plain_numbers_and_text_are_left_as_they_are(cell: str) -> None:
    assert neutralize(cell) == cell
