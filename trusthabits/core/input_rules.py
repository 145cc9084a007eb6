"""What input from a browser may look like at all, before any use case sees it.

Every event handler and public route is hostile input: a crafted websocket message can send any
JSON. These rules say which values are plain enough to hand on: text without lone surrogates
(which cannot be stored as UTF-8) or control characters (other than line breaks and tabs in
multi-line text), whole numbers that fit a 64-bit database column, and forms that are a flat
mapping of field names to text. Use cases still check meaning (a valid email, a note of at most
280 characters); these rules keep the shapes they receive sane. Problems are catalogue keys.

What leaves the app is held to rules here too: `csv_cell` makes any text safe to write into a
CSV cell that a spreadsheet will open.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
MAX_TEXT_LENGTH = 20_000  # far above any field's own limit; beyond it nobody is typing
MAX_FORM_FIELDS = 50
MAX_FIELD_NAME_LENGTH = 100
# Control characters (C0, DEL, C1) and surrogates; the multi-line form spares tab, LF and CR.
_NOT_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_NOT_MULTILINE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

PROBLEM = "error.bad_input"


def text_problem(value: object, *, multiline: bool = False, max_length: int = MAX_TEXT_LENGTH) -> str | None:
    """None when `value` is text a person could have typed into a field; else the message key."""
    if not isinstance(value, str) or len(value) > max_length:
        return PROBLEM
    return PROBLEM if (_NOT_MULTILINE_TEXT if multiline else _NOT_TEXT).search(value) else None


def int_problem(value: object, *, minimum: int = INT64_MIN, maximum: int = INT64_MAX) -> str | None:
    """None for a whole number (not a bool) within the bounds; else the message key."""
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        return PROBLEM
    return None


def form_problem(value: object) -> str | None:
    """None for a flat form: at most MAX_FORM_FIELDS text fields with plain names; else the key.
    Field values may span lines (text areas)."""
    if not isinstance(value, Mapping) or len(value) > MAX_FORM_FIELDS:
        return PROBLEM
    for name, field in value.items():
        if text_problem(name, max_length=MAX_FIELD_NAME_LENGTH) or text_problem(field, multiline=True):
            return PROBLEM
    return None


# A spreadsheet reads a cell that starts with one of these as a formula (or, for tab and CR, may
# drop the character and read what follows as one): "=HYPERLINK(...)" in a note must stay text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """`value` as the text of a CSV cell a spreadsheet shows as text, never runs as a formula:
    a cell starting with = + - @ tab or CR gets a leading apostrophe. None is the empty cell.
    Every CSV export writes each cell through this."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
