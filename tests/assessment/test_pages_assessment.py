"""The assessment's pages without a browser: the navigation link, headings, labelled fields and
the error summary that links each problem to the file field."""

import re

import pytest

from saferplan.assessment.models import CandidateIssue

from .conftest import csv_upload


def test_the_partnership_navigation_links_the_assessment(client, places):
    client.force_login(places.councillor)
    page = client.get("/p/thanet/crime/").content.decode()
    assert '<a class="sp-service-nav__link" href="/p/thanet/assessment/">Assessment</a>' in page
    page = client.get("/p/thanet/assessment/").content.decode()
    assert 'href="/p/thanet/assessment/" aria-current="page">Assessment</a>' in page
    assert "<h1>Strategic assessment</h1>" in page
    # A councillor may not add datasets, so is not offered to.
    assert "Add a dataset" not in page


FORMS = ["datasets/new/", "harm/load/", "issues/new/", "issues/weights/", "issues/{issue}/score/"]


@pytest.mark.parametrize("path", FORMS)
def test_forms_label_every_field(client, places, path):
    issue = CandidateIssue.objects.create(partnership=places.thanet, name="Burglary")
    client.force_login(places.coordinator)
    page = client.get(f"/p/thanet/assessment/{path.format(issue=issue.pk)}").content.decode()
    inputs = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', page)
    assert inputs
    for field_id in inputs:
        assert f'<label class="sp-label" for="{field_id}">' in page, field_id
    assert page.count("<h1>") == 1


def test_a_refused_file_lists_its_problems_in_the_error_summary(client, places, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(places.coordinator)
    response = client.post(
        "/p/thanet/assessment/harm/load/",
        {"file": csv_upload("category,weight,source\nNothing,1,Index\n")},
    )
    page = response.content.decode()
    assert "<title>Error: Load harm weights" in page
    start = page.index('class="sp-error-summary"')
    summary = page[start : page.index("</div>", start)]
    assert '<a href="#id_file">1 problem: nothing was saved.</a>' in summary
    assert "line 2, column &#x27;category&#x27;: &#x27;Nothing&#x27; is not a category" in summary
    assert 'aria-describedby="id_file_helptext id_file_error"' in page
