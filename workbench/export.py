"""Claim tables -> the bytes editors and scripts get: CSV, JSON lines and ClaimReview JSON-LD.

A CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula
by Excel and its kin; article text is untrusted, so every such cell that is not a plain number
gets a leading apostrophe. Values that are not one number or string (ranges) are written as JSON.

The workspace export (`export_rows`, `export_bytes`) is one row per claim: the article's title,
every column of the claim table, then its review, the cited evidence (copied at decision time, so
it outlives its source), the agreement of the cited passage (else of the best match) and its
one-line reason, the sign-off, the reviewers' corrections and the number of history entries.
The command line and the UI both call `export_bytes`, so an editor gets the same bytes from
either.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from claims.schema import CLAIM_COLUMNS
from workbench.publisher import Publisher, publisher

if TYPE_CHECKING:  # the pipeline needs no export; keep the import one way at run time
    from workbench.pipeline import Workspace
    from workbench.store import Article


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A table's rows as dicts keyed by column name."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")]


# What a spreadsheet may take as the start of a formula, in ASCII and full-width forms
# (Excel and LibreOffice fold ＝ ＋ － ＠ to = + - @), and a tab or carriage return (a cell
# that starts with one may be read as the next cell's formula).
_FORMULA_START = frozenset("=+-@\t\r＝＋－＠")
# What a spreadsheet skips before the first character it reads: white space (line breaks and
# no-break spaces too), a BOM, zero-width characters.
_INVISIBLE = re.compile(r"[\s\ufeff\u200b\u200c\u200d\u2060\u180e]*")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralize(cell: str) -> str:
    """The cell as inert text when a spreadsheet would read it as a formula: its first visible
    character is a formula character. A plain number ("-3.5") stays a number."""
    first = _INVISIBLE.match(cell).end()  # type: ignore[union-attr]
    if cell[:1] not in ("\t", "\r") and (first == len(cell) or cell[first] not in _FORMULA_START):
        return cell
    if first == len(cell):
        return "'" + cell
    return cell if _PLAIN_NUMBER.fullmatch(cell[first:].rstrip()) else "'" + cell


def cell_text(value: Any) -> str:
    """One value as CSV cell text: missing is empty, lists and dicts are JSON."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    return str(value)


def to_csv(frame: pd.DataFrame, *, bom: bool = False) -> bytes:
    """UTF-8 CSV (with a BOM for Excel when asked), every cell neutralized."""
    safe = pd.DataFrame(
        {col: [neutralize(cell_text(v)) for v in frame[col]] for col in frame.columns},
        columns=list(frame.columns),
    )
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\r\n")
    data = buffer.getvalue().encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def to_jsonl(frame: pd.DataFrame) -> bytes:
    """One JSON object a row; missing values are null."""
    lines = []
    for record in frame.to_dict(orient="records"):
        clean = {k: _json_value(v) for k, v in record.items()}
        lines.append(json.dumps(clean, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def _json_value(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item") and not isinstance(value, (list, dict, str)):
        return value.item()
    return value


# --- the workspace's export: one row per claim, the same bytes for the CLI and the UI ----------

EXPORT_FORMATS: tuple[str, ...] = ("csv", "jsonl", "claimreview")
MIME_TYPES = {"csv": "text/csv", "jsonl": "application/jsonl", "claimreview": "application/ld+json"}
FILE_SUFFIXES = {"csv": ".csv", "jsonl": ".jsonl", "claimreview": ".claimreview.json"}
REVIEW_EXPORT_COLUMNS: tuple[str, ...] = (
    "status", "reviewer", "decided_at", "note", "cited_source_title", "cited_url",
    "cited_passage", "agreement", "reason", "signed_off_by", "corrections", "history_entries",
)  # fmt: skip
# Drafts and self-checks: which version of its article a claim belongs to, whether it is
# unchanged, changed or new since the previous version (and what changed), and the flags.
CHECK_EXPORT_COLUMNS: tuple[str, ...] = ("revision", "changes_since_previous", "flags")
EXPORT_COLUMNS: tuple[str, ...] = (
    "article_title", "article_version", *CLAIM_COLUMNS, *REVIEW_EXPORT_COLUMNS,
    *CHECK_EXPORT_COLUMNS,
)  # fmt: skip
# ClaimReview's rating: the status in words is the alternateName, and every status has its
# place on one scale from 1 (false) to 5 (verified); unverifiable sits in the middle, neither.
_RATINGS = {"verified": 5, "misleading": 2, "false": 1, "unverifiable": 3}
_RATING_WORDS = {"verified": "True", "misleading": "Misleading", "false": "False",
                 "unverifiable": "Unverifiable"}  # fmt: skip
REVIEWED_STATUSES = ("verified", "false", "misleading", "unverifiable")


def export_rows(ws: Workspace, article_id: str | None = None) -> pd.DataFrame:
    """One row per claim (of one article or all), ordered as in the articles: EXPORT_COLUMNS."""
    store = ws.store
    articles = {a.article_id: a for a in store.articles(with_text=False)}
    if article_id is not None:
        store.article(article_id)  # an unknown id is an error, not an empty file
    claims = store.claims(article_id)
    # Grouped once: a workspace of 100,000 claims must not filter its tables once per claim.
    matches = _by_claim(records(store.matches(article_id)))
    history = _by_claim(records(store.history(article_id=article_id)))
    flags = _by_claim(records(store.flags(article_id)))
    revised = {r["new_claim_id"]: r for r in records(store.revisions(article_id))}
    rows = [
        {**_export_row(claim, articles, matches.get(claim["claim_id"], []),
                       history.get(claim["claim_id"], [])),
         **_check_cells(revised.get(claim["claim_id"]), flags.get(claim["claim_id"], []))}
        for claim in records(claims)
    ]  # fmt: skip
    # Object columns: pandas would read a column of text and None as strings with NaN.
    return pd.DataFrame(rows, columns=list(EXPORT_COLUMNS), dtype=object)


def export_bytes(
    ws: Workspace, fmt: str, *, article_id: str | None = None, bom: bool = False
) -> bytes:
    """The export file in `fmt` (csv, jsonl or claimreview): what the CLI writes, the UI serves."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    rows = export_rows(ws, article_id)
    if fmt == "csv":
        return to_csv(rows, bom=bom)
    if fmt == "jsonl":
        return to_jsonl(rows)
    articles = {a.article_id: a for a in ws.store.articles(with_text=False)}
    return to_claimreview(rows, articles, publisher(ws.store))


def export_file_name(fmt: str, article_id: str | None = None) -> str:
    """A file name for a download: claims-ARTICLE.csv, or claims.csv for the whole workspace."""
    stem = f"claims-{article_id}" if article_id else "claims"
    return stem + FILE_SUFFIXES[fmt]


def to_claimreview(rows: pd.DataFrame, articles: Mapping[str, Article], by: Publisher) -> bytes:
    """schema.org ClaimReview JSON-LD (a list) for the claims with a reviewed status, as
    Google's fact-check markup reads it."""
    reviews = [
        claim_review(row, articles[row["article_id"]], by)
        for row in records(rows)
        if row["status"] in REVIEWED_STATUSES
    ]
    return (json.dumps(reviews, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def claim_review(row: Mapping[str, Any], article: Article, by: Publisher) -> dict[str, Any]:
    """One ClaimReview: the claim's sentence reviewed, who said it where and when, who rated
    it how, and where the review is published."""
    status = row["status"]
    rating = {"@type": "Rating", "alternateName": _RATING_WORDS[status],
              "ratingValue": _RATINGS[status], "bestRating": 5, "worstRating": 1}  # fmt: skip
    appearance = {"@type": "NewsArticle", "identifier": article.article_id,
                  "headline": article.title, "datePublished": article.published,
                  "publisher": _organization(article.outlet)}  # fmt: skip
    said_by = (
        {"@type": "Person", "name": row["speaker"]}
        if _present(row.get("speaker"))
        else _organization(article.outlet)
    )
    claim = {"@type": "Claim", "author": said_by, "datePublished": article.published,
             "appearance": _compact(appearance)}  # fmt: skip
    organization = {"@type": "Organization", "name": by.name, "url": by.site_url}
    creator = {"@type": "Person", "name": row["reviewer"]} if _present(row["reviewer"]) else None
    review = {
        "@context": "https://schema.org", "@type": "ClaimReview", "identifier": row["claim_id"],
        "url": by.url_of(str(row["claim_id"])), "claimReviewed": row["sentence"],
        "itemReviewed": _compact(claim), "reviewRating": rating, "author": organization,
        "creator": creator, "datePublished": str(row["decided_at"])[:10],
        "reviewBody": row["note"], "citation": _citation(row),
    }  # fmt: skip
    return _compact(review)


def _by_claim(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Rows grouped by their claim id, each group in its original order."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        groups.setdefault(row["claim_id"], []).append(row)
    return groups


def _export_row(
    claim: Mapping[str, Any],
    articles: Mapping[str, Article],
    matches: list[dict[str, Any]],
    history: list[dict[str, Any]],
) -> dict[str, Any]:
    article = articles[claim["article_id"]]
    return {
        "article_title": article.title,
        "article_version": article.version,
        **{col: claim[col] for col in CLAIM_COLUMNS},
        **{col: claim[col] for col in ("status", "reviewer", "decided_at", "note")},
        "cited_source_title": claim["cited_source_title"],
        "cited_url": claim["cited_url"],
        "cited_passage": claim["cited_text"],
        **_agreement(claim, matches),
        "signed_off_by": claim["signed_off_by"],
        "corrections": corrections_text(history),
        "history_entries": len(history),
    }


def _check_cells(revision: Mapping[str, Any] | None, flags: list[dict[str, Any]]) -> dict[str, Any]:
    """The revision (empty for a first version), what changed, and the flags, one a line."""
    return {
        "revision": revision["status"] if revision else None,
        "changes_since_previous": revision["changes"] if revision else None,
        "flags": "\n".join(f"{f['check']}: {f['message']}" for f in flags) or None,
    }


def _agreement(claim: Mapping[str, Any], matches: list[dict[str, Any]]) -> dict[str, Any]:
    """The agreement and its reason, of the cited passage when it is among the matches, else
    of the best one."""
    cited = [m for m in matches if m["passage_id"] == claim["cited_passage_id"]]
    chosen = cited or matches  # matches come ranked: the first is the best
    if not chosen:
        return {"agreement": None, "reason": None}
    reason = chosen[0].get("reason")
    return {"agreement": str(chosen[0]["agreement"]), "reason": reason if reason else None}


def corrections_text(history: list[dict[str, Any]]) -> str:
    """A claim's corrections, oldest first: 'added by NAME', 'kind: count → percent'."""
    parts = []
    for entry in history:
        if entry["action"] == "added":
            parts.append(f"added by {entry['who']}")
        elif entry["action"] == "corrected":
            changes = entry["detail"].get("changes", {})
            parts.extend(
                f"{col}: {cell_text(old) or '∅'} → {cell_text(new) or '∅'}"
                for col, (old, new) in changes.items()
            )
    return "; ".join(parts)


def _organization(name: str | None) -> dict[str, Any] | None:
    return {"@type": "Organization", "name": name} if name else None


def _citation(row: Mapping[str, Any]) -> dict[str, Any] | None:
    if not _present(row.get("cited_url")) and not _present(row.get("cited_source_title")):
        return None
    return _compact({"@type": "CreativeWork", "name": row.get("cited_source_title"),
                     "url": row.get("cited_url"), "text": row.get("cited_passage")})  # fmt: skip


def _compact(obj: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty properties: JSON-LD has no use for nulls."""
    return {k: v for k, v in obj.items() if _present(v)}


def _present(value: Any) -> bool:
    if isinstance(value, (dict, list)):
        return True
    return not (value is None or value == "" or bool(pd.isna(value)))
