"""Every real article of the news corpora: no exception, exact spans, unique ids, repeatable."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from claims import extract_claims

CORPORA = {"bbc-dev.jsonl": "text", "cnndm-sample.jsonl": "article"}


@pytest.mark.timeout(900)
@pytest.mark.parametrize("name", sorted(CORPORA))
def test_every_article(news_dir: Path, name: str) -> None:
    field = CORPORA[name]
    articles = [json.loads(line) for line in (news_dir / name).open(encoding="utf-8")]
    assert articles, f"{name} is empty"
    for article in articles:
        text = article[field]
        table = extract_claims(text, article_id=str(article["id"]))
        bad = [r.text for r in table.itertuples() if text[r.start : r.end] != r.text]
        assert not bad, (article["id"], bad)
        assert table["claim_id"].is_unique, article["id"]
        pd.testing.assert_frame_equal(table, extract_claims(text, article_id=str(article["id"])))
