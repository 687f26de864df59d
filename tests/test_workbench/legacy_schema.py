"""The schema of the store's hand-written migrations (SQLite's `PRAGMA user_version` 1 to 3),
as they stood before the store moved to Alembic: the tests build databases of those versions to
open with today's store. Kept verbatim; never edited.
"""

from __future__ import annotations

_INITIAL = (
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        outlet TEXT,
        published TEXT,
        text TEXT NOT NULL,
        added_by TEXT,
        added_at TEXT NOT NULL,
        version_of TEXT REFERENCES articles(id)
    )""",
    """CREATE TABLE claims (
        claim_id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles(id),
        kind TEXT NOT NULL,
        text TEXT NOT NULL,
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        sentence_index INTEGER NOT NULL,
        sentence TEXT NOT NULL,
        value TEXT,
        unit TEXT,
        qualifier TEXT,
        speaker TEXT,
        subject TEXT,
        origin TEXT NOT NULL CHECK (origin IN ('extractor', 'reviewer'))
    )""",
    'CREATE INDEX claims_by_article ON claims (article_id, "start")',
    """CREATE TABLE sources (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        publisher TEXT,
        url TEXT,
        "date" TEXT,
        file_name TEXT,
        format TEXT,
        added_at TEXT NOT NULL
    )""",
    """CREATE TABLE passages (
        passage_id TEXT PRIMARY KEY,
        source_id TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        "start" INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        title TEXT,
        publisher TEXT,
        url TEXT,
        "date" TEXT,
        file_name TEXT,
        "values" TEXT NOT NULL DEFAULT '[]'
    )""",
    'CREATE INDEX passages_by_source ON passages (source_id, "start")',
    """CREATE TABLE matches (
        claim_id TEXT NOT NULL REFERENCES claims(claim_id),
        rank INTEGER NOT NULL,
        passage_id TEXT NOT NULL REFERENCES passages(passage_id) ON DELETE CASCADE,
        source_id TEXT NOT NULL,
        score REAL NOT NULL,
        agreement TEXT NOT NULL,
        evidence_start INTEGER NOT NULL,
        evidence_end INTEGER NOT NULL,
        source_value TEXT,
        passage_text TEXT NOT NULL,
        PRIMARY KEY (claim_id, rank)
    )""",
    "CREATE INDEX matches_by_passage ON matches (passage_id)",
    """CREATE TABLE reviews (
        claim_id TEXT PRIMARY KEY REFERENCES claims(claim_id),
        status TEXT NOT NULL,
        reviewer TEXT,
        decided_at TEXT,
        note TEXT,
        cited_passage_id TEXT,
        cited_url TEXT,
        cited_text TEXT,
        cited_source_title TEXT,
        version INTEGER NOT NULL DEFAULT 0,
        signed_off_by TEXT,
        signed_off_at TEXT
    )""",
    "CREATE INDEX reviews_by_status ON reviews (status)",
    """CREATE TABLE history (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        claim_id TEXT NOT NULL REFERENCES claims(claim_id),
        at TEXT NOT NULL,
        who TEXT NOT NULL,
        action TEXT NOT NULL,
        from_status TEXT,
        to_status TEXT,
        note TEXT,
        cited_passage_id TEXT,
        cited_url TEXT,
        cited_text TEXT,
        cited_source_title TEXT,
        detail TEXT NOT NULL DEFAULT '{}'
    )""",
    "CREATE INDEX history_by_claim ON history (claim_id, id)",
)

# Counting claims by article and status reads only these two indexes, never the claim rows
# (with their sentences): 5x faster over 100,000 claims.
_STATUS_INDEXES = (
    "CREATE INDEX claims_by_article_id ON claims (article_id, claim_id)",
    "CREATE INDEX reviews_status_by_claim ON reviews (claim_id, status)",
)

# Drafts: each article knows its number in the chain of versions it belongs to; `revisions`
# pairs every claim of a version with the previous version's (or says it is new or removed);
# `flags` holds what the self-checks found in each claim.
_VERSIONS_AND_FLAGS = (
    "ALTER TABLE articles ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
    "CREATE INDEX articles_by_version_of ON articles (version_of)",
    """CREATE TABLE revisions (
        article_id TEXT NOT NULL REFERENCES articles(id),
        old_claim_id TEXT REFERENCES claims(claim_id),
        new_claim_id TEXT REFERENCES claims(claim_id),
        status TEXT NOT NULL CHECK (status IN ('unchanged', 'changed', 'removed', 'new')),
        changes TEXT,
        score REAL
    )""",
    "CREATE INDEX revisions_by_article ON revisions (article_id)",
    """CREATE TABLE flags (
        claim_id TEXT NOT NULL REFERENCES claims(claim_id),
        "check" TEXT NOT NULL,
        message TEXT NOT NULL
    )""",
    "CREATE INDEX flags_by_claim ON flags (claim_id)",
)

LEGACY_STEPS: tuple[tuple[str, ...], ...] = (_INITIAL, _STATUS_INDEXES, _VERSIONS_AND_FLAGS)
