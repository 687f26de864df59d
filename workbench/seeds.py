"""The seed article and its metadata, from the project's `seeds/` folder."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from claims.reading.text import load_text

SEEDS_DIR = Path(__file__).resolve().parents[1] / "seeds"
SEED_ID = "000_c76c75e25c87b28b"


@dataclass(frozen=True)
class SeedArticle:
    id: str
    title: str
    outlet: str
    byline: str
    published: str
    text: str


def seed_article(seeds_dir: Path = SEEDS_DIR) -> SeedArticle:
    """The seed article: its text exactly as in the file, and the metadata beside it."""
    meta = json.loads((seeds_dir / f"{SEED_ID}.json").read_text(encoding="utf-8"))
    return SeedArticle(
        id=meta["article_id"],
        title=meta["title"],
        outlet=meta["outlet"],
        byline=meta["byline"],
        published=meta["published"],
        text=load_text(seeds_dir / meta["file"]),
    )
