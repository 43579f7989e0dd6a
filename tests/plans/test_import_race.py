"""Two imports of the same plan year at once: the second is told in one line that the year has a
plan, and exits non-zero; it saves nothing and prints no traceback.

The race is made certain: another connection has created the year's plan and not yet committed,
so `saferplan import_plan` (a real process) finds no plan, reads its file and then waits on the
database's unique constraint; the other commits, and the import must say what happened. It runs on
PostgreSQL, where the test database is shared with the process and the transactions overlap.
"""

import pytest
from django.db import connection

from saferplan.plans.models import Action, Plan
from tests.races import held_uncommitted, start_blocked

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="a real race needs PostgreSQL: DATABASE_URL"
    ),
]


def test_an_import_that_loses_the_race_for_its_year_says_so_in_a_line(world, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(
        "Priority,Emerging issue,Action,Lead agency\n"
        + "".join(f"ASB,Street drinking,Patrols {n},Kent Police\n" for n in range(200))
    )
    with held_uncommitted(lambda: Plan.objects.create(partnership=world.thanet, year=2016)):
        process = start_blocked(
            "import_plan",
            str(path),
            "--partnership",
            "thanet",
            "--year",
            "2016",
            DEBUG="false",
            SECRET_KEY="test",
            ALLOWED_HOSTS="localhost",
        )
    _, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert err.strip().splitlines() == [
        f"CommandError: {path}: 1 problem, nothing was imported (first: Thanet Community "
        "Safety Partnership already has a plan for 2016-17)"
    ]
    assert Plan.objects.filter(year=2016).count() == 1
    assert not Action.objects.exists()
