"""What input from a browser may look like at all, before any use case sees it.

Every event handler and public route is hostile input: a crafted websocket message can send any
JSON. These rules say which values are plain enough to hand on: text without lone surrogates
(which cannot be stored as UTF-8) or control characters (other than line breaks and tabs in
multi-line text), whole numbers that fit a 64-bit database column, and forms that are a flat
mapping of field names to text. Use cases still check meaning (a valid email, a note of at most
280 characters); these rules keep the shapes they receive sane. Problems are catalogue keys.

Rules of meaning shared by every form, import and handler live here too: days between
EARLIEST_DAY and today (plus the window a field allows), names and notes without control
characters, NUL or bidi overrides (`hidden_characters_error`, a key naming the field), JSON no
deeper than a real export (`json_depth_problem`), ids in URL segments (`path_id`). And what
leaves the app: `csv_cell` makes any text safe to write into a CSV cell a spreadsheet opens.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
MAX_TEXT_LENGTH = 20_000  # far above any field's own limit; beyond it nobody is typing
MAX_FORM_FIELDS = 50
MAX_FIELD_NAME_LENGTH = 100
# Control characters (C0, DEL, C1) and surrogates; the multi-line form spares tab, LF and CR.
_NOT_TEXT = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_NOT_MULTILINE_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

PROBLEM = "error.bad_input"

# No day before this is anyone's log, pause or week: older dates are typos or attacks (a pause
# from 0001-01-01 made every habit computation walk 100,000 weeks).
EARLIEST_DAY = date(2000, 1, 1)
DAY_OUT_OF_RANGE = "error.day_out_of_range"
# Names and notes: control characters (tab and line breaks allowed in notes), lone surrogates,
# and the bidi embeddings, overrides and isolates that make text display in another order than
# it reads (U+202A–U+202E, U+2066–U+2069).
_HIDDEN = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
_HIDDEN_MULTILINE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")
# The fields whose messages exist (`error.<field>_hidden_characters` in the catalogues).
TEXT_FIELDS = frozenset({"name", "team_name", "note", "share_note", "reflection", "comment"})
# An export is 3 levels deep (document → entries → entry); anything far deeper is not one.
MAX_JSON_DEPTH = 20
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_JSON_BRACKET = re.compile(r"[\[\]{}]")


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


def day_problem(day: date, latest: date, earliest: date = EARLIEST_DAY) -> str | None:
    """None for a day from `earliest` (EARLIEST_DAY unless a field allows less) to `latest`
    (today, or today plus the window a field allows); else the message key."""
    return None if earliest <= day <= latest else DAY_OUT_OF_RANGE


def hidden_characters_error(text: str | None, field: str, *, multiline: bool = False) -> str | None:
    """None for text a person can read as it is stored; else `error.<field>_hidden_characters`,
    a message naming the field (control characters, NUL, a lone surrogate, bidi overrides).
    A mail header, a CSV cell or another manager's screen then never shows something else."""
    if field not in TEXT_FIELDS:
        raise ValueError(f"no message for field {field!r}; add error.{field}_hidden_characters")
    pattern = _HIDDEN_MULTILINE if multiline else _HIDDEN
    return f"error.{field}_hidden_characters" if pattern.search(text or "") else None


def json_depth_problem(text: str | bytes, max_depth: int = MAX_JSON_DEPTH) -> str | None:
    """None when no array or object in this JSON text nests deeper than `max_depth`; else the
    key. Checked before parsing: Python's parser raises RecursionError on a deep enough file."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    depth = 0
    for match in _JSON_BRACKET.finditer(_JSON_STRING.sub("", text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > max_depth:
            return PROBLEM
    return None


def path_id(segment: str) -> int | None:
    """The id in a URL segment ("/team/12"), or None: ASCII digits only ("²" and "١٢" are
    digits to Python's isdigit, not to int), and small enough for a 64-bit column."""
    if not segment.isascii() or not segment.isdecimal() or len(segment) > 18:
        return None
    return int(segment)
