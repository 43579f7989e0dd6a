"""Two loads of the same force's month at once: the one that loses is told in one line, saves
nothing and prints no traceback.

The race is made certain: another connection has created the month's record and not yet
committed, so `saferplan import_police` (a real process) reads its file and then waits on the
database's unique constraint; the other commits, and the import must say what happened. It runs
on PostgreSQL, where the test database is shared with the process and the transactions overlap
(SQLite lets one writer in at a time: the second load waits, then replaces the first).
"""

import datetime

import pytest
from django.db import connection

from saferplan.crime.models import PoliceMonth
from tests.races import held_uncommitted, start_blocked

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a real race needs PostgreSQL: DATABASE_URL"
    ),
]

STREET = (
    "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,"
    "Crime type,Last outcome category,Context\n"
    ",2018-10,Kent Police,Kent Police,1.41,51.38,On or near High Street,E01024000,Thanet 001A,"
    "Anti-social behaviour,,\n"
)


def other_import():
    PoliceMonth.objects.create(
        force="Kent Police",
        month=datetime.date(2018, 10, 1),
        kind=PoliceMonth.Kind.STREET,
        source="the other import",
    )


def test_an_import_that_loses_the_race_for_its_month_says_so_in_a_line(tmp_path):
    path = tmp_path / "2018-10-kent-street.csv"
    path.write_text(STREET)
    with held_uncommitted(other_import):
        process = start_blocked("import_police", str(path), DEBUG="true")
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err.strip().splitlines() == [
        f"CommandError: {path}: another import of Kent Police 2018-10 was saved while this one "
        "ran; import this file again to replace it (nothing from this file was saved)"
    ]
    assert list(PoliceMonth.objects.values_list("source", flat=True)) == ["the other import"]
