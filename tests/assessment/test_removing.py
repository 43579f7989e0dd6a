"""Changing and deleting a candidate issue or a dataset: a confirmation page says what goes with
it, and nothing is left pointing at nothing."""

import datetime
import os

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile

from saferplan.assessment.models import (
    CandidateIssue,
    Dataset,
    DatasetCount,
    Dimension,
    HarmWeight,
    HarmWeights,
    Score,
)
from saferplan.plans.models import EmergingIssue, Plan, Priority
from tests.crime.factory import THANET, counts

FREQUENCY = Dimension.FREQUENCY.value


@pytest.fixture
def issue(places):
    found = CandidateIssue.objects.create(
        partnership=places.thanet, name="Burglary", category="Burglary"
    )
    found.scores.create(dimension=FREQUENCY, scorer=places.coordinator, value=4)
    return found


def chosen_as_priority(issue, year, status=Plan.Stage.DRAFT):
    plan = Plan.objects.create(partnership=issue.partnership, year=year, status=status)
    return Priority.objects.create(
        plan=plan, number=1, title=issue.name, candidate_issue=issue, chosen_because="Ranked 1."
    )


def test_a_coordinator_changes_an_issue_and_keeps_its_scores(client, places, issue):
    client.force_login(places.coordinator)
    page = client.get(f"/p/thanet/assessment/issues/{issue.pk}/edit/").content.decode()
    # The category is offered though no police data of it is loaded.
    assert '<option value="Burglary" selected>Burglary</option>' in page
    response = client.post(
        f"/p/thanet/assessment/issues/{issue.pk}/edit/",
        {"name": "Burglary of homes", "category": "Burglary", "about": "Older residents"},
    )
    assert response.url == f"/p/thanet/assessment/issues/{issue.pk}/"
    issue.refresh_from_db()
    assert (issue.name, issue.about, issue.scores.count()) == (
        "Burglary of homes",
        "Older residents",
        1,
    )


def test_a_changed_issue_may_not_take_anothers_name(client, places, issue):
    CandidateIssue.objects.create(partnership=places.thanet, name="Drugs")
    client.force_login(places.coordinator)
    response = client.post(
        f"/p/thanet/assessment/issues/{issue.pk}/edit/", {"name": "drugs", "category": ""}
    )
    assert "already has a candidate issue of this name" in response.content.decode()
    issue.refresh_from_db()
    assert issue.name == "Burglary"


def test_deleting_an_issue_asks_first_and_the_priority_keeps_its_reason(client, places, issue):
    priority = chosen_as_priority(issue, 2019)
    client.force_login(places.coordinator)
    page = client.get(f"/p/thanet/assessment/issues/{issue.pk}/delete/").content.decode()
    assert "<h1>Delete Burglary</h1>" in page
    assert "Its 1 score goes with it." in page
    assert "Priority 1: Burglary</a> of Community Safety Plan 2019-20: Ranked 1." in page
    assert CandidateIssue.objects.filter(pk=issue.pk).exists(), "a GET deleted it"

    response = client.post(f"/p/thanet/assessment/issues/{issue.pk}/delete/")
    assert response.url == "/p/thanet/assessment/issues/"
    assert not CandidateIssue.objects.exists() and not Score.objects.exists()
    priority.refresh_from_db()
    assert priority.candidate_issue is None and priority.chosen_because == "Ranked 1."
    page = client.get("/p/thanet/plan/2019/").content.decode()
    assert "Why it was chosen:</strong> Ranked 1." in page
    assert "Its evidence in the strategic assessment" not in page


def test_an_issue_an_adopted_plan_was_chosen_from_is_kept(client, places, issue):
    chosen_as_priority(issue, 2018, status=Plan.Stage.ADOPTED)
    client.force_login(places.coordinator)
    page = client.get(f"/p/thanet/assessment/issues/{issue.pk}/delete/").content.decode()
    assert "It cannot be deleted" in page and "Delete the issue</button>" not in page
    response = client.post(f"/p/thanet/assessment/issues/{issue.pk}/delete/")
    assert response.status_code == 200
    assert "an adopted plan is not changed" in response.content.decode()
    assert CandidateIssue.objects.filter(pk=issue.pk).exists() and Score.objects.exists()


def test_an_emerging_issue_chosen_from_a_deleted_issue_keeps_its_reason(client, places, issue):
    priority = chosen_as_priority(
        CandidateIssue.objects.create(partnership=places.thanet, name="X"), 2019
    )
    emerging = EmergingIssue.objects.create(
        priority=priority, number=1, title="B", candidate_issue=issue, chosen_because="Ranked 2."
    )
    client.force_login(places.coordinator)
    client.post(f"/p/thanet/assessment/issues/{issue.pk}/delete/")
    emerging.refresh_from_db()
    assert emerging.candidate_issue is None and emerging.chosen_because == "Ranked 2."


@pytest.fixture
def fires(places, settings, tmp_path):
    """A dataset of fires, loaded from a file, whose "Fires" category nothing else has; its
    "Burglary" category police.uk has too."""
    settings.MEDIA_ROOT = tmp_path
    counts("2019-01", "E01999001", {"Burglary": 2})
    dataset = Dataset.objects.create(
        partnership=places.thanet,
        name="Fires",
        owner=places.county,
        counts="Fires",
        licence="OGL",
    )
    dataset.source_file.save("fires.csv", ContentFile(b"month,area code,category,count\n"))
    for category in ("Fires", "Burglary"):
        dataset.rows.create(
            month=datetime.date(2019, 1, 1),
            area_code="E01999001",
            level="lsoa",
            district_code=THANET,
            category=category,
            count=3,
        )
    weights = HarmWeights.objects.create(partnership=places.thanet)
    weights.rows.create(category="Fires", weight=2, source="Made up")
    weights.rows.create(category="Burglary", weight=10, source="Made up")
    CandidateIssue.objects.create(partnership=places.thanet, name="Arson", category="Fires")
    CandidateIssue.objects.create(partnership=places.thanet, name="Burglary", category="Burglary")
    return dataset


def test_deleting_a_dataset_asks_first_and_leaves_nothing_dangling(
    client, places, fires, django_capture_on_commit_callbacks
):
    client.force_login(places.coordinator)
    page = client.get(f"/p/thanet/assessment/datasets/{fires.pk}/delete/").content.decode()
    assert "Its 2 counts and the file they were loaded from go with it." in page
    assert "No other source of the partnership has this category: Fires." in page
    assert "1 harm weight of it goes too: Fires: 2.0000." in page
    assert "no longer name a category: Arson." in page
    path = fires.source_file.path

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/p/thanet/assessment/datasets/{fires.pk}/delete/")
    assert response.url == "/p/thanet/assessment/"
    assert not Dataset.objects.exists() and not DatasetCount.objects.exists()
    assert list(HarmWeight.objects.values_list("category", flat=True)) == ["Burglary"]
    assert dict(CandidateIssue.objects.values_list("name", "category")) == {
        "Arson": "",
        "Burglary": "Burglary",
    }
    assert not os.path.exists(path), "the dataset's file was left behind"


def test_another_partners_restricted_dataset_is_not_found_to_delete(client, places, fires):
    fires.restricted = True
    fires.save()
    places.police_officer.user_permissions.add(
        Permission.objects.get(codename="load_police_data", content_type__app_label="crime")
    )
    client.force_login(places.police_officer)
    assert client.post(f"/p/thanet/assessment/datasets/{fires.pk}/delete/").status_code == 404
    assert Dataset.objects.exists()
