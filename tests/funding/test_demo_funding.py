"""The demo's PCC grant: the seed document's £34,317, fully allocated across its three uses."""

from io import StringIO

import pytest
from django.core.management import call_command

from saferplan.funding.figures import grant_figures
from saferplan.funding.models import Application, Grant


@pytest.mark.django_db
def test_demo_grant_matches_the_working_party_report():
    call_command("demo", "--no-serve", stdout=StringIO())
    grant = Grant.objects.get(partnership__slug="thanet", year=2014)
    assert grant.amount == 34317
    rows, total = grant_figures(grant)
    assert sum(row.budget for row in rows) == grant.amount
    assert {row.allocation.kind for row in rows} == {"commissioning", "small_grants", "publicity"}
    assert 0 < total.spent < total.committed <= grant.amount
    stages = set(Application.objects.values_list("stage", flat=True))
    assert {"received", "assessed", "approved", "declined", "paid"} <= stages
    call_command("demo", "--no-serve", stdout=StringIO())
    assert Grant.objects.count() == 1 and grant_figures(grant)[1].spent == total.spent
