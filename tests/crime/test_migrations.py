"""Migrations keep what was imported: crimes imported before outcome counts existed are counted."""

import datetime

import pytest

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
