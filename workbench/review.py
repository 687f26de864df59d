"""The review workflow: statuses, allowed transitions, and the rules every change must meet.

- Every change needs a reviewer's name (trusted on one machine; logins come with team mode).
- `verified`, `false` and `misleading` are verdicts: they need cited evidence, a passage of the
  workspace or an http(s) URL. A note alone is not evidence. The cited passage's text and
  source title are copied into the review and its history row, so a decision survives its
  source being replaced or deleted.
- A decision can be signed off by a second reviewer under another name (the two-person rule);
  deciding again clears the sign-off, and both stay in the history.
- Once decided, a claim is reopened as `in_progress`, never silently back to `unreviewed`.
- Bulk marking is only for the statuses that need no evidence, and never overrides a verdict.
- Reviewers correct the extractor: they add a claim it missed, or correct a claim's kind, value,
  unit, qualifier, speaker or subject. Corrections are history rows, so misses can be counted.

Every change names the review version the reviewer loaded (`expected_version`); a stale one
raises `ConflictError` with the current state. The store makes each change atomic.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from claims.extract import claim_id as make_claim_id
from claims.extract import extract_claims
from claims.reading.sentences import sentence_index_of, sentence_spans
from claims.schema import CLAIM_COLUMNS, KINDS, QUALIFIERS
from workbench.errors import (
    ConflictError,
    CorrectionError,
    EvidenceRequired,
    InvalidTransition,
    ReviewerRequired,
    SignOffError,
    UnknownPassage,
)
from workbench.store import Article, Citation, Review, Store

STATUSES: tuple[str, ...] = (
    "unreviewed",
    "in_progress",
    "verified",
    "false",
    "misleading",
    "unverifiable",
    "not_a_claim",
)
OPEN_STATUSES = frozenset({"unreviewed", "in_progress"})
VERDICTS = frozenset({"verified", "false", "misleading"})
NEEDS_EVIDENCE = VERDICTS
DECIDED_STATUSES = frozenset(STATUSES) - OPEN_STATUSES
BULK_STATUSES: tuple[str, ...] = ("in_progress", "unverifiable", "not_a_claim")
# A decided claim may change to any decided status (a revised verdict, or the same one with new
# evidence or note) or be reopened as in_progress; `unreviewed` is only for untouched claims.
TRANSITIONS: dict[str, frozenset[str]] = {
    "unreviewed": frozenset(STATUSES) - {"unreviewed"},
    "in_progress": frozenset(STATUSES) - {"in_progress"},
    **{status: frozenset(STATUSES) - {"unreviewed"} for status in DECIDED_STATUSES},
}
CORRECTABLE: tuple[str, ...] = ("kind", "value", "unit", "qualifier", "speaker", "subject")


@dataclass(frozen=True)
class BulkResult:
    """What a bulk marking did: the reviews changed, the claims left alone, the lost races."""

    applied: list[Review] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    conflicts: list[ConflictError] = field(default_factory=list)


def allowed_statuses(current: str) -> tuple[str, ...]:
    """The statuses a claim in `current` may move to, in the order of STATUSES."""
    allowed = TRANSITIONS.get(current, frozenset())
    return tuple(status for status in STATUSES if status in allowed)


def reviewer_name(name: str | None) -> str:
    """The reviewer's name with white space tidied; `ReviewerRequired` when there is none."""
    clean = " ".join((name or "").split())
    if not clean:
        raise ReviewerRequired(
            "every change needs a reviewer's name: enter yours in the sidebar "
            "(--reviewer NAME on the command line)"
        )
    return clean


def decide(
    store: Store,
    claim_id: str,
    status: str,
    *,
    reviewer: str | None,
    expected_version: int,
    note: str | None = None,
    passage_id: str | None = None,
    url: str | None = None,
) -> Review:
    """Set a claim's status, with a note and the cited passage or URL; the new review."""
    name = reviewer_name(reviewer)
    check_status(status)
    citation = citation_for(store, passage_id=passage_id, url=url)
    if status in NEEDS_EVIDENCE and citation is None:
        raise EvidenceRequired(
            f"marking a claim {status} needs evidence: cite one of its passages or give the "
            "URL of a source that shows it (a note alone is not evidence)"
        )
    # The transition is checked on the state the write lock holds: one connection, no race.
    return store.record_decision(
        claim_id, status, expected_version=expected_version, reviewer=name, note=_text(note),
        citation=citation, check=lambda current: check_transition(current.status, status),
    )  # fmt: skip


def sign_off(
    store: Store,
    claim_id: str,
    *,
    reviewer: str | None,
    expected_version: int,
    note: str | None = None,
) -> Review:
    """A second reviewer confirms the current decision (two-person rule); the new review."""
    name = reviewer_name(reviewer)
    return store.record_sign_off(claim_id, expected_version=expected_version, reviewer=name,
                                 note=_text(note),
                                 check=lambda current: _check_sign_off(current, name))  # fmt: skip


def bulk_mark(
    store: Store,
    claim_ids: Iterable[str],
    status: str,
    *,
    reviewer: str | None,
    note: str | None = None,
    versions: Mapping[str, int] | None = None,
) -> BulkResult:
    """Mark many claims with a status that needs no evidence, one transaction each.

    `versions` are the review versions the reviewer loaded (claim id -> version); a claim that
    changed since is left alone and reported in `conflicts`. Claims already in `status`, and
    verdicts (which bulk marking never overrides), are reported in `skipped`.
    """
    name = reviewer_name(reviewer)
    if status not in BULK_STATUSES:
        raise InvalidTransition(
            f"bulk marking is for {', '.join(BULK_STATUSES)}; {status} needs a decision of its "
            "own, with its evidence"
        )
    result = BulkResult()
    for claim_id in claim_ids:
        loaded = versions.get(claim_id) if versions else None
        _mark_one(store, claim_id, status, name, _text(note), loaded, result)
    return result


def _mark_one(
    store: Store, claim_id: str, status: str, name: str, note: str | None,
    loaded: int | None, result: BulkResult,
) -> None:  # fmt: skip
    """One claim of a bulk marking, its outcome added to `result`."""
    current = store.review(claim_id)
    if current.status == status or current.status in VERDICTS:
        result.skipped.append(claim_id)
        return
    expected = current.version if loaded is None else loaded
    try:
        result.applied.append(store.record_decision(
            claim_id, status, expected_version=expected, reviewer=name, note=note,
            citation=None, detail={"bulk": True},
        ))  # fmt: skip
    except ConflictError as conflict:
        result.conflicts.append(conflict)


def check_status(status: str) -> None:
    """`InvalidTransition` for a status that is not one of STATUSES."""
    if status not in STATUSES:
        raise InvalidTransition(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")


def check_transition(current: str, status: str) -> None:
    """`InvalidTransition` unless a claim in `current` may move to `status`."""
    check_status(status)
    if status not in TRANSITIONS.get(current, frozenset()):
        allowed = ", ".join(allowed_statuses(current))
        raise InvalidTransition(
            f"a claim that is {current} cannot be marked {status}; it can be marked {allowed}"
        )


def citation_for(store: Store, *, passage_id: str | None, url: str | None) -> Citation | None:
    """The evidence to copy into a decision: the passage's text and source, or a URL."""
    link = _text(url)
    if link is not None and not _is_web_address(link):
        raise EvidenceRequired(
            f"{link!r} is not a web address; give the full URL, starting with https://"
        )
    if not passage_id:
        return Citation(url=link) if link else None
    passage = store.passage(passage_id)
    if passage is None:
        raise UnknownPassage(
            f"passage {passage_id} is no longer in this workspace (its source was replaced or "
            "removed); cite another passage or a URL"
        )
    return Citation(passage_id=passage_id, url=link or passage.get("url"),
                    text=passage["text"], source_title=passage.get("title"))  # fmt: skip


def parse_value(text: str | None) -> Any:
    """A value typed by a reviewer: a number or a JSON list as such, other text as a string."""
    clean = (text or "").strip()
    if not clean:
        return None
    try:
        value = json.loads(clean)
    except ValueError:
        return clean
    return value if isinstance(value, (int, float, list)) and value is not True else clean


def check_claim_fields(fields: Mapping[str, Any]) -> None:
    """`CorrectionError` for a field, kind or qualifier the claim table does not know."""
    unknown = sorted(set(fields) - set(CORRECTABLE))
    if unknown:
        raise CorrectionError(
            f"cannot correct {', '.join(unknown)}; a reviewer corrects {', '.join(CORRECTABLE)}"
        )
    if "kind" in fields and fields["kind"] not in KINDS:
        raise CorrectionError(f"unknown kind {fields['kind']!r}; use one of {', '.join(KINDS)}")
    qualifier = fields.get("qualifier")
    if qualifier is not None and qualifier not in QUALIFIERS:
        raise CorrectionError(
            f"unknown qualifier {qualifier!r}; use one of {', '.join(sorted(QUALIFIERS))}"
        )


def add_claim(
    store: Store,
    article_id: str,
    words: str,
    *,
    kind: str,
    reviewer: str | None,
    occurrence: int = 1,
    fields: Mapping[str, Any] | None = None,
    note: str | None = None,
) -> Review:
    """Add a claim the extractor missed: its exact words in the article and which occurrence.

    `fields` may set value, unit, qualifier, speaker and subject; what it leaves out is read
    from the words as the extractor would read them, where it can.
    """
    name = reviewer_name(reviewer)
    given = dict(fields or {})
    check_claim_fields({**given, "kind": kind})
    article = store.article(article_id)
    row = _claim_at(article, words, occurrence, kind)
    known = store.claims(article_id)
    same = (known["start"] == row["start"]) & (known["end"] == row["end"])
    if (same & (known["kind"] == kind)).any():
        raise CorrectionError(
            f"{words!r} is already a {kind} claim of this article; correct that claim instead"
        )
    row.update(_read_fields(article, str(row["sentence"]), words, kind), **given)
    return store.add_reviewer_claim(row, who=name, note=_text(note))


def correct_claim(
    store: Store,
    claim_id: str,
    changes: Mapping[str, Any],
    *,
    reviewer: str | None,
    expected_version: int,
    note: str | None = None,
) -> Review:
    """Correct a claim's kind, value, unit, qualifier, speaker or subject; the new review."""
    name = reviewer_name(reviewer)
    check_claim_fields(changes)
    _loaded(store, claim_id, expected_version)
    claim = store.claim(claim_id)
    diff = {col: (claim[col], new) for col, new in changes.items() if claim[col] != new}
    if not diff:
        raise CorrectionError(
            f"nothing to correct: claim {claim_id} already has these values; change a field first"
        )
    return store.record_correction(claim_id, diff, expected_version=expected_version,
                                   reviewer=name, note=_text(note))  # fmt: skip


def _claim_at(article: Article, words: str, occurrence: int, kind: str) -> dict[str, Any]:
    """The claim row of the `occurrence`-th appearance of `words`, before its value is read."""
    start = _occurrence(article.text, words, occurrence)
    end = start + len(words)
    spans = sentence_spans(article.text)
    index = sentence_index_of(spans, start) if spans else 0
    last = sentence_index_of(spans, end - 1) if spans else 0
    sentence = article.text[spans[index][0] : spans[last][1]] if spans else article.text
    return {
        # Its own namespace: a reviewer's claim never takes the id of an extracted one.
        "claim_id": make_claim_id(article.article_id, kind, f"reviewer\x1f{words}", occurrence),
        "article_id": article.article_id, "kind": kind, "text": words, "start": start,
        "end": end, "sentence_index": index, "sentence": sentence,
    }  # fmt: skip


def _occurrence(text: str, words: str, occurrence: int) -> int:
    """The offset of the `occurrence`-th (from 1) appearance of `words` in `text`."""
    if not words.strip():
        raise CorrectionError("a claim needs its words: copy them from the article")
    starts, at = [], text.find(words)
    while at >= 0:
        starts.append(at)
        at = text.find(words, at + 1)
    if not starts:
        raise CorrectionError(
            f"{words!r} is not in the article; copy the exact words, with their punctuation"
        )
    if not 1 <= occurrence <= len(starts):
        raise CorrectionError(
            f"{words!r} appears {len(starts)} time(s) in the article; choose an occurrence "
            f"from 1 to {len(starts)}"
        )
    return starts[occurrence - 1]


def _read_fields(article: Article, sentence: str, words: str, kind: str) -> dict[str, Any]:
    """Value, unit, qualifier, speaker and subject as the extractor reads the words, if it does."""
    found = extract_claims(sentence, published=article.published, article_id="reviewer")
    offset = sentence.find(words)
    for row in found.to_dict(orient="records"):
        if row["kind"] == kind and row["start"] < offset + len(words) and row["end"] > offset:
            return {col: row[col] for col in CLAIM_COLUMNS[8:]}
    return {col: None for col in CLAIM_COLUMNS[8:]}


def _check_sign_off(current: Review, name: str) -> None:
    """`SignOffError` unless `name` may sign off the current decision."""
    if current.status not in DECIDED_STATUSES:
        raise SignOffError(
            f"claim {current.claim_id} is {current.status}: there is no decision to sign off "
            "yet; a reviewer must decide it first"
        )
    if current.signed_off_by:
        raise SignOffError(
            f"claim {current.claim_id} is already signed off by {current.signed_off_by}; a new "
            "decision clears the sign-off and can be signed off again"
        )
    if _same_person(name, current.reviewer):
        raise SignOffError(
            f"{name} made this decision and cannot also sign it off (two-person rule); "
            "ask another reviewer to sign it off"
        )


def _loaded(store: Store, claim_id: str, expected_version: int) -> Review:
    """The current review; refused early when it is not the version the reviewer saw."""
    current = store.review(claim_id)
    if current.version != expected_version:
        raise ConflictError(current, expected_version)
    return current


def _same_person(a: str, b: str | None) -> bool:
    return b is not None and a.casefold() == " ".join(b.split()).casefold()


def _is_web_address(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in url


def _text(value: str | None) -> str | None:
    clean = (value or "").strip()
    return clean or None
