"""The demo's assessment: an illustrative set of harm weights, labelled as such wherever shown,
and a sample partner's dataset."""

from io import StringIO

import pytest
from django.core.management import call_command

from saferplan.assessment import demo
from saferplan.assessment.models import Dataset, DatasetCount, HarmWeights
from saferplan.partnerships.models import Person


@pytest.mark.django_db
def test_demo_weights_are_illustrative_and_say_so(client):
    call_command("demo", "--no-serve", stdout=StringIO())
    weights = HarmWeights.objects.get(partnership__slug="thanet")
    assert weights.illustrative and weights.rows.count() == len(demo.WEIGHTS)
    assert all("not an official index" in row.source for row in weights.rows.all())

    client.force_login(Person.objects.get(email="councillor.one@thanet.example"))
    response = client.get("/p/thanet/assessment/harm/")
    page = response.content.decode()
    assert "Illustrative" in page and "They are not an official index" in page
    assert response.context["harm_table"].title.endswith(
        "(illustrative weights, not an official index)"
    )
    # Every police.uk category of the sample data has a weight.
    assert response.context["harm"].unweighted == []
    assert "Illustrative" in client.get("/p/thanet/assessment/").content.decode()

    fires = Dataset.objects.get(name=demo.FIRES)
    page = client.get(fires.get_absolute_url()).content.decode()
    assert "Sample data" in page and "Deliberate secondary fire" in page

    rows = DatasetCount.objects.count()
    call_command("demo", "--no-serve", stdout=StringIO())
    assert DatasetCount.objects.count() == rows, "a second build changed the sample"
