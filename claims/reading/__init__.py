"""Reading: files and text before any claim is looked for.

Article and source files become text (`text`: plain, Markdown, HTML, Word; `formats`: PDF, CSV
and every format's metadata), with specific errors for empty, binary, undecodable and oversized
input. Over the text: paragraph and sentence spans (`sentences`), runs of spaces read as one
(`spacing`), bylines and page furniture that are never claims (`boilerplate`), and the fast word
scans the finders share (`patterns`, `wordstarts`).
"""

from __future__ import annotations

from claims.reading.sentences import Span, paragraph_spans, sentence_index_of, sentence_spans
from claims.reading.text import DEFAULT_MAX_BYTES, decode_text, load_text, text_from_bytes

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Span",
    "decode_text",
    "load_text",
    "paragraph_spans",
    "sentence_index_of",
    "sentence_spans",
    "text_from_bytes",
]
