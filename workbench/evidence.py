"""Sources on disk -> passages, and matches joined back to their claims for people to read."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from claims.evidence.sources import load_source, source_passages
from claims.reading.text import DEFAULT_MAX_BYTES
from claims.schema import PASSAGE_COLUMNS

# Files a folder of sources may hold; anything else in it (a README, an image) is skipped.
SOURCE_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".csv"})


def source_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the source files inside the folders named, in a stable order.

    A link inside a folder is followed only to a file inside that same folder: a folder of
    sources holding a link to /etc/passwd or to another project's files indexes neither."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES and p.name != "README.md"
                and p.resolve().is_relative_to(root)
            )  # fmt: skip
        else:
            files.append(path)
    return files


def read_sources(files: Iterable[Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> pd.DataFrame:
    """The passages of every file; a bad file stops the run with its own clear error."""
    frames = [source_passages(load_source(path, max_bytes=max_bytes)) for path in files]
    if not frames:
        return pd.DataFrame(columns=list(PASSAGE_COLUMNS))
    return pd.concat(frames, ignore_index=True)


def evidence_table(
    claims: pd.DataFrame, matches: pd.DataFrame, passages: pd.DataFrame
) -> pd.DataFrame:
    """Claims with their ranked evidence: one row a claim and rank, with the source's title."""
    titles = passages.drop_duplicates("source_id").set_index("source_id")["title"]
    joined = claims.merge(matches, on="claim_id", how="inner")
    joined["title"] = joined["source_id"].map(titles)
    joined["evidence"] = [
        text[int(start) : int(end)]
        for text, start, end in zip(
            joined["passage_text"], joined["evidence_start"], joined["evidence_end"], strict=True
        )
    ]
    return joined.sort_values(["start", "claim_id", "rank"], kind="stable").reset_index(drop=True)
