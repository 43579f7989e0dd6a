"""Reading the ONS and police.uk files: their headers, found by column name, and what is wrong."""

import csv
import re


class BadFile(ValueError):
    """A file that cannot be imported; the message names the file (and the line) and the problem.

    The message quotes the file's own text (column names, values, its name), so characters that
    cannot be shown are written as escapes: it stays one line for the log and the page, and holds
    no NUL, which PostgreSQL refuses in the load log's text.
    """

    def __init__(self, message):
        super().__init__("".join(shown(character) for character in message))


def shown(character):
    return character if character.isprintable() else repr(character)[1:-1]


def open_csv(path):
    """A text reader of a CSV file that drops a byte-order mark if there is one."""
    return open(path, encoding="utf-8-sig", newline="")


def read_header(reader, name):
    """The first row of a csv.reader, stripped; an empty file is a BadFile."""
    try:
        header = next(reader)
    except StopIteration:
        raise BadFile(f"{name}: the file is empty") from None
    except (csv.Error, UnicodeDecodeError) as error:
        raise BadFile(f"{name}: line 1: {error}") from None
    return [column.strip().lstrip("\ufeff") for column in header]


def find_column(header, pattern):
    """The position and name of the first column whose name matches pattern, or (None, None)."""
    for position, column in enumerate(header):
        if re.fullmatch(pattern, column, re.IGNORECASE):
            return position, column
    return None, None
