"""Funding pages read in a bounded number of queries, however long the plan they link to."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferplan.funding.models import FundedProject, Grant
from saferplan.partnerships.models import Person
from saferplan.plans.models import CaseStudy


@pytest.mark.django_db
def test_the_funded_project_form_reads_its_actions_in_one_query(client):
    """Under load it served a tenth of what other forms do: two queries per action listed."""
    call_command("demo", "--no-serve", stdout=StringIO())
    grant = Grant.objects.get(partnership__slug="thanet", year=2014)
    client.force_login(Person.objects.get(email="coordinator@thanet.example"))
    path = f"/p/thanet/funding/grants/{grant.pk}/projects/new/"
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path)
    assert page.status_code == 200 and "1.1.1" in page.content.decode()
    assert len(queries) <= 20, len(queries)


def test_the_grant_page_reads_each_figure_once(client, world, grant):
    """Its projects and spend are added up once, and a project's case study is linked without
    reading its partnership again."""
    allocation = grant.allocations.get(name="Small grants")
    for n in range(3):
        study = CaseStudy.objects.create(
            partnership=world.thanet, title=f"Story {n}", summary="It worked.", outcome="Safer."
        )
        FundedProject.objects.create(
            allocation=allocation,
            organisation=f"Group {n}",
            title=f"Project {n}",
            amount_awarded=Decimal("100"),
            case_study=study,
        )
    client.force_login(world.coordinator)
    path = f"/p/thanet/funding/grants/{grant.pk}/"
    client.get(path)  # the chart is drawn and kept
    with CaptureQueriesContext(connection) as queries:
        page = client.get(path)
    assert page.content.decode().count(">case study</a>") == 3
    # The session, the person, their authenticator app, the role, the grant, the spend added up
    # (by allocation and project, at once), the projects, the allocations, the chart, the
    # applications, the return dates and the spend listed.
    assert len(queries) == 12, [query["sql"][:70] for query in queries]
