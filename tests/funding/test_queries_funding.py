"""Funding pages read in a bounded number of queries, however long the plan they link to."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferplan.funding.models import Grant
from saferplan.partnerships.models import Person


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
