"""Errors the library raises for a user's mistake. Each message says how to fix the problem."""

from __future__ import annotations


class ClaimsError(Exception):
    """Base class of every error the `claims` library raises on purpose."""


class InputError(ClaimsError):
    """A file or text that cannot be read as an article or a source."""


class EmptyInputError(InputError):
    """The file or text holds nothing but white space."""


class BinaryInputError(InputError):
    """The file is not text (or is a format we do not read)."""


class EncodingError(InputError):
    """The bytes decode as none of the encodings we accept."""


class TooLargeError(InputError):
    """The file is over the size limit."""


class UnsupportedFormatError(InputError):
    """The file's extension names a format we do not read."""


class DateError(ClaimsError):
    """A publication date that is not an ISO date."""


class ScannedPdfError(InputError):
    """A PDF whose pages carry no text layer: a scan that needs OCR before it can be read."""


class EncryptedPdfError(InputError):
    """A PDF locked with a password."""


class MalformedCsvError(InputError):
    """A CSV file that cannot be parsed into a header and rows."""


class PassageIndexError(ClaimsError):
    """A passage index folder that cannot be opened or written."""


class DecodingWarning(UserWarning):
    """A file read with some of its bytes replaced: the message says where and how to fix it.

    Issued with `warnings.warn`, so that a caller shows it (the command line prints it, the app
    shows it beside the file) or turns it into an error with a warnings filter."""
