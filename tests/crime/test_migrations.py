"""Migrations keep what was imported: crimes imported before outcome counts existed are counted,
and crimes imported before partitioning (PostgreSQL) keep their ids, each in its month's
partition."""

import datetime

import pytest
from django.db import connection

from tests.migrations import migrate

BEFORE = [("crime", "0004_one_crime_index")]
AFTER = [("crime", "0005_outcome_counts")]


@pytest.mark.django_db(transaction=True)
def test_crimes_imported_before_outcome_counts_are_counted_by_outcome(back_to_the_latest):
    apps = migrate(BEFORE)
    PoliceMonth, Crime = apps.get_model("crime", "PoliceMonth"), apps.get_model("crime", "Crime")
    month = datetime.date(2018, 10, 1)
    police_month = PoliceMonth.objects.create(
        force="Kent Police", month=month, kind="street", source="2018-10-kent-street.csv"
    )
    rows = [
        ("E07000114", "Burglary", "Under investigation"),
        ("E07000114", "Burglary", "Under investigation"),
        ("E07000114", "Burglary", "Local resolution"),
        ("E07000106", "Anti-social behaviour", ""),
    ]
    Crime.objects.bulk_create(
        Crime(
            police_month=police_month,
            month=month,
            force="Kent Police",
            category=category,
            lsoa_code="E01024000",
            district_code=district,
            last_outcome=outcome,
        )
        for district, category, outcome in rows
    )
    apps = migrate(AFTER)
    counts = apps.get_model("crime", "OutcomeCount").objects.all()
    assert {
        (c.police_month_id, c.month, c.district_code, c.category, c.last_outcome, c.count)
        for c in counts
    } == {
        (police_month.pk, month, "E07000114", "Burglary", "Under investigation", 2),
        (police_month.pk, month, "E07000114", "Burglary", "Local resolution", 1),
        (police_month.pk, month, "E07000106", "Anti-social behaviour", "", 1),
    }


@pytest.mark.django_db(transaction=True)
def test_crimes_imported_before_partitioning_stay_each_in_their_months_partition(
    back_to_the_latest,
):
    apps = migrate([("crime", "0007_crime_pages_outcome_police_month")])
    PoliceMonth, Crime = apps.get_model("crime", "PoliceMonth"), apps.get_model("crime", "Crime")
    months = [
        PoliceMonth.objects.create(
            force="Kent Police", month=datetime.date(2018, number, 1), kind="street", source="x"
        )
        for number in (10, 11)
    ]
    for police_month, rows in zip(months, [3, 2], strict=True):
        Crime.objects.bulk_create(
            Crime(police_month=police_month, month=police_month.month, category="Burglary")
            for _ in range(rows)
        )
    before = set(Crime.objects.values_list("id", "police_month_id"))
    apps = migrate([("crime", "0008_partition_crime_by_police_month")])
    Crime = apps.get_model("crime", "Crime")
    assert set(Crime.objects.values_list("id", "police_month_id")) == before
    added = Crime.objects.create(police_month_id=months[0].pk, month=months[0].month)
    assert added.id > max(id for id, _ in before)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Each month's rows are its own partition's, the one added too.
            for police_month, rows in zip(months, [4, 2], strict=True):
                cursor.execute(f"SELECT COUNT(*) FROM crime_crime_p{police_month.pk}")
                assert cursor.fetchone()[0] == rows
    apps = migrate([("crime", "0007_crime_pages_outcome_police_month")])
    Crime = apps.get_model("crime", "Crime")
    assert Crime.objects.count() == len(before) + 1
