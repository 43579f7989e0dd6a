"""The council's financial year, April to March, which plans, grants and meetings all run by.

A year is named by the calendar year it starts in: 2014 is 1 April 2014 to 31 March 2015,
written "2014-15".
"""

import datetime


def label(year):
    """2014 -> "2014-15"."""
    return f"{year}-{(year + 1) % 100:02d}"


def starts(year):
    return datetime.date(year, 4, 1)


def ends(year):
    """31 March: partners have until then to finish, and grants to be spent."""
    return datetime.date(year + 1, 3, 31)


def of(day):
    """The financial year a day falls in: 2014 for any day from 1 April 2014 to 31 March 2015."""
    return day.year if day.month >= 4 else day.year - 1
