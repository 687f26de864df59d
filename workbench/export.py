"""Claim tables -> the bytes editors and scripts get: CSV and JSON lines.

A CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula
by Excel and its kin; article text is untrusted, so every such cell that is not a plain number
gets a leading apostrophe. Values that are not one number or string (ranges) are written as JSON.
"""

from __future__ import annotations

import io
import json
import math
import re
from typing import Any

import pandas as pd

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutralize(cell: str) -> str:
    """The cell as inert text when a spreadsheet would read it as a formula."""
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


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
