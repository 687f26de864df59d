"""claims: the headless library. Article text in, pandas tables out (CLAIM-SCHEMA.md).

>>> from claims import extract_claims, load_text
>>> table = extract_claims(load_text("story.txt"), published="2025-08-28")

The stages, each a folder, lower ones never importing higher ones: `reading` (files and text),
`figures`, `dates`, `quotes` (the finders), `extract` (the claim table), `evidence` (sources,
the passage index, matching, agreement), `checks` (an article against itself) and `drafts`
(two versions of an article). What a user needs is imported here.
"""

from __future__ import annotations

from claims.checks import self_check
from claims.drafts import align_claims
from claims.errors import (
    BinaryInputError,
    ClaimsError,
    DateError,
    EmptyInputError,
    EncodingError,
    EncryptedPdfError,
    InputError,
    MalformedCsvError,
    PassageIndexError,
    ScannedPdfError,
    TooLargeError,
    UnsupportedFormatError,
)
from claims.evidence import PassageIndex, load_source, match_claims, source_passages
from claims.extract import extract_claims
from claims.reading import load_text

__all__ = [
    "BinaryInputError",
    "ClaimsError",
    "DateError",
    "EmptyInputError",
    "EncodingError",
    "EncryptedPdfError",
    "InputError",
    "MalformedCsvError",
    "PassageIndex",
    "PassageIndexError",
    "ScannedPdfError",
    "TooLargeError",
    "UnsupportedFormatError",
    "align_claims",
    "extract_claims",
    "load_source",
    "load_text",
    "match_claims",
    "self_check",
    "source_passages",
]
