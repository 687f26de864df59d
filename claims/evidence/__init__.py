"""Evidence: the newsroom's sources as passages, the passage index, matching and agreement.

`sources` cuts source documents into passages and `passage_values` finds their figures and dates
once (`value_scan` does it on worker processes for large batches); `index` is the tantivy BM25
index of passages; `match` ranks the passages for each claim by weighted signals; `agreement`
says whether a passage agrees with, conflicts with or says nothing of the claim's value, by the
value comparisons of `values`.
"""

from __future__ import annotations

from claims.evidence.agreement import agreement
from claims.evidence.index import PassageIndex
from claims.evidence.match import match_claims
from claims.evidence.sources import Source, load_source, source_from_bytes, source_passages

__all__ = [
    "PassageIndex",
    "Source",
    "agreement",
    "load_source",
    "match_claims",
    "source_from_bytes",
    "source_passages",
]
