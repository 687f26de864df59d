"""Runs of spaces and tabs: the same claims as with single spaces, spans exact in the text given."""

from __future__ import annotations

import json
import re
from pathlib import Path

from claims.extract import extract_claims
from claims.reading.spacing import single_spaced

COMPARED = ["claim_id", "kind", "value", "unit", "qualifier", "speaker", "subject"]


def spaced_out(text: str) -> str:
    """Every space between words doubled, and one a tab: a careless copy edit."""
    return re.sub(r"(?<=\S) (?=\S)", "  ", text).replace("  ", "\t", 1)


def same_claims(text: str, published: str | None = None) -> None:
    plain = extract_claims(text, published=published, article_id="a")
    spaced_text = spaced_out(text)
    spaced = extract_claims(spaced_text, published=published, article_id="a")
    assert all(spaced_text[r.start : r.end] == r.text for r in spaced.itertuples())
    assert plain[COMPARED].to_dict("records") == spaced[COMPARED].to_dict("records")


def test_offsets_map_back_to_the_text_given() -> None:
    text = "ab  cd\t\tef g"
    spacing = single_spaced(text)
    assert spacing is not None and spacing.text == "ab cd ef g"
    for word in ("ab", "cd", "ef", "g"):
        at = spacing.text.index(word)
        start, end = spacing.start(at), spacing.end(at + len(word))
        assert text[start:end] == word
    assert single_spaced("one space only") is None


def test_a_spaced_out_sentence_keeps_its_claims() -> None:
    same_claims(
        "The firm, one of the biggest investors in Google, said sales rose 2% to $11.1bn from "
        '$10.9bn. "We are pleased," said Richard Parsons.'
    )


def test_the_seed_article_spaced_out_keeps_its_claims() -> None:
    seed = Path(__file__).resolve().parents[3] / "seeds" / "000_c76c75e25c87b28b.txt"
    meta = json.loads(seed.with_suffix(".json").read_text(encoding="utf-8"))
    same_claims(seed.read_text(encoding="utf-8"), meta.get("published"))


def test_news_articles_spaced_out_keep_their_claims(news_dir: Path) -> None:
    lines = (news_dir / "bbc-dev.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines[:60]:
        same_claims(json.loads(line)["text"])
