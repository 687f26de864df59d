"""Bytes of a text file as a string, in the encodings newsroom files actually come in.

UTF-8 (with or without a BOM); UTF-16 with a BOM, or without one when the NUL bytes say which
half of each code unit is empty (an ASCII-range text saved as UTF-16 has a NUL in every other
byte: in the odd bytes for little-endian, the even ones for big-endian); failing those,
Windows-1252, the encoding of text saved by older Windows tools. Almost any byte sequence
decodes as Windows-1252, so that fallback is taken only when the result reads as text (no
control characters besides tab, newline, carriage return and form feed); otherwise the user is
told to re-save the file as UTF-8 rather than handed mojibake. Any other NUL byte means a binary
file (a PDF, an image, a spreadsheet) with a text extension.

A file that is UTF-8 but for a few stray bytes (one `\\xff` pasted in) is read as UTF-8 with
each stray byte replaced by U+FFFD, and a `DecodingWarning` says where: read as Windows-1252
instead, every accented letter of the rest of it would be garbled ("CafÃ©"). A file is taken for
UTF-8 when its valid multi-byte characters outnumber its stray bytes; Windows-1252 text has no
valid multi-byte UTF-8 sequences in practice.
"""

from __future__ import annotations

import re
import warnings

from claims.errors import BinaryInputError, DecodingWarning, EncodingError

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_UTF8_BOM = b"\xef\xbb\xbf"
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# Bytes that are not UTF-8, as "surrogateescape" decodes them, and the characters that are
# UTF-8 beyond ASCII.
_STRAY = re.compile(r"[\udc80-\udcff]")
_MULTIBYTE = re.compile(r"[^\x00-\x7f\udc80-\udcff]")
# In UTF-16 without a BOM, the share of code units whose one half is NUL that marks the text as
# mostly ASCII-range, and the share of NULs in the other half that a text never has.
UTF16_NUL_HALF = 0.5
UTF16_NUL_OTHER_HALF = 0.01


def decode_text(data: bytes, *, name: str) -> str:
    """Bytes of a text file as a string: UTF-8, UTF-16, or Windows-1252 that reads as text. A
    leading BOM is removed; stray bytes in UTF-8 become U+FFFD with a `DecodingWarning`;
    nothing else is changed."""
    if data.startswith(_UTF16_BOMS):
        return _checked(_decode_or_none(data, "utf-16"), name)
    if b"\x00" in data:
        encoding = utf16_without_bom(data)
        if encoding is None:
            raise BinaryInputError(
                f"{name} looks like a binary file, not text; export it as .txt, .html or .docx"
            )
        return _checked(_decode_or_none(data, encoding), name)
    if data.startswith(_UTF8_BOM):
        data = data[len(_UTF8_BOM) :]
        return _checked(_decode_or_none(data, "utf-8") or _mostly_utf8(data, name), name)
    text = _decode_or_none(data, "utf-8")
    if text is not None:
        return text
    return _checked(_mostly_utf8(data, name) or _decode_or_none(data, "cp1252"), name)


def utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when the NUL bytes fall in one half of the code units."""
    units = len(data) // 2
    if units == 0 or len(data) % 2:
        return None
    odd, even = data[1::2].count(0) / units, data[0::2].count(0) / units
    if odd >= UTF16_NUL_HALF and even <= UTF16_NUL_OTHER_HALF:
        return "utf-16-le"
    if even >= UTF16_NUL_HALF and odd <= UTF16_NUL_OTHER_HALF:
        return "utf-16-be"
    return None


def _mostly_utf8(data: bytes, name: str) -> str | None:
    """UTF-8 with its stray bytes replaced, and a warning, when the rest of it is UTF-8."""
    text = data.decode("utf-8", "surrogateescape")
    strays = [match.start() for match in _STRAY.finditer(text)]
    multibyte = sum(1 for _ in _MULTIBYTE.finditer(text))
    if not strays or multibyte <= len(strays):
        return None
    first = strays[0]
    line = text.count("\n", 0, first) + 1
    column = first - (text.rfind("\n", 0, first) + 1) + 1
    warnings.warn(
        DecodingWarning(
            f"{name}: {_bytes_not_utf8(len(strays))} (the first at line {line}, column {column}) "
            "replaced with \ufffd; the rest of the "
            "file is read as UTF-8; to keep those characters, open the file in a text editor, "
            "correct them and save it again as UTF-8"
        ),
        stacklevel=4,
    )
    return _STRAY.sub("\ufffd", text)


def _bytes_not_utf8(count: int) -> str:
    return "1 byte that is not UTF-8" if count == 1 else f"{count:,} bytes that are not UTF-8"


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _checked(text: str | None, name: str) -> str:
    """`text` if it decoded and reads as text; otherwise an `EncodingError` for the user."""
    if text is not None and _NOT_TEXT.search(text) is None:
        return text
    raise EncodingError(
        f"{name} is not UTF-8, UTF-16 or Windows-1252 text; open it in a text editor and "
        "save it again as UTF-8"
    )
