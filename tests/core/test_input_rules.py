"""The shapes input may have at all (core/input_rules.py), and what leaves the app safely."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trusthabits.core.input_rules import csv_cell


@pytest.mark.parametrize(("value", "cell"), [
    ("=HYPERLINK(\"https://evil.example\",\"click\")", "'=HYPERLINK(\"https://evil.example\",\"click\")"),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("asked Bart = good", "asked Bart = good"),
    ("", ""),
    (None, ""),
    (7, "7"),
    ("'=already quoted", "'=already quoted"),
])
def test_a_cell_that_a_spreadsheet_would_run_is_made_text(value, cell):
    assert csv_cell(value) == cell


@given(st.text())
def test_no_cell_starts_like_a_formula_and_the_text_survives(text):
    cell = csv_cell(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert cell in (text, "'" + text)
    out = io.StringIO()
    csv.writer(out).writerow([cell])
    assert next(csv.reader(io.StringIO(out.getvalue(), newline=""))) == [cell]
