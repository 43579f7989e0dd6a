"""A candidate issue takes its evidence from a dataset's category as it does from a police.uk
one: the 12 months' count, the change on the 12 before with the exact test, and the harm share
where the category has a weight; none from a restricted dataset the person may not read."""

import datetime

import pytest

from saferplan.assessment.forms import CandidateIssueForm
from saferplan.assessment.models import CandidateIssue, Dataset, Dimension, HarmWeights
from saferplan.assessment.selectors import ranking
from saferplan.crime import statistics
from saferplan.crime.selectors import add_months
from saferplan.partnerships import access as rules
from tests.crime.factory import THANET, counts

HARM_INDIVIDUALS, HARM_COMMUNITY, FREQUENCY, TREND, CONCERN, CAPACITY = Dimension.values
LAST = datetime.date(2018, 12, 1)


@pytest.fixture
def fires(places):
    """Deliberate fires of the county, 2017 and 2018: 5 fires a month in 2017, 8 in 2018
    (96 against 60); rubbish fires 1 a month in 2018."""
    dataset = Dataset.objects.create(
        partnership=places.thanet,
        name="Fire service incidents",
        owner=places.county,
        counts="Incidents attended",
        licence="For partners only",
        restricted=True,
    )
    for n in range(24):
        month = add_months(LAST, -n)
        dataset.rows.create(
            month=month,
            area_code="E01999001",
            level="lsoa",
            district_code=THANET,
            category="Deliberate fires",
            count=8 if month.year == 2018 else 5,
        )
        if month.year == 2018:
            dataset.rows.create(
                month=month,
                area_code=THANET,
                level="district",
                district_code=THANET,
                category="Rubbish fires",
                count=1,
            )
    weights = HarmWeights.objects.create(partnership=places.thanet)
    weights.rows.create(category="Deliberate fires", weight=3, source="Made up")
    weights.rows.create(category="Rubbish fires", weight=2, source="Made up")
    return dataset


def test_an_issue_about_a_dataset_category_has_its_figures(places, fires, client):
    issue = CandidateIssue.objects.create(
        partnership=places.thanet, name="Arson", category="Deliberate fires", dataset=fires
    )
    # A police.uk category of the same name is not read for an issue of the dataset.
    counts("2018-12", "E01999001", {"Deliberate fires": 50})
    p_text = statistics.compare_counts(96, 60).p_text
    expected = {
        FREQUENCY: "96 in Jan 2018 to Dec 2018 (Fire service incidents)",
        TREND: f"+60.0% on Jan 2017 to Dec 2017 (60): rise, {p_text}",
        # 96 x 3 of the harm 288 + 12 x 2.
        HARM_INDIVIDUALS: "92.3% of the harm-weighted total of Fire service incidents",
    }
    client.force_login(places.coordinator)
    coordinator = rules.Access(places.coordinator, places.thanet, rules.COORDINATOR)
    ranked = ranking(places.thanet, access=coordinator)
    assert ranked.issues[0].evidence == expected
    page = client.get(f"/p/thanet/assessment/issues/{issue.pk}/").content.decode()
    assert f"Evidence: {expected[TREND]}" in page
    assert '<a href="/p/thanet/assessment/datasets/' in page


def test_a_restricted_datasets_evidence_is_shown_only_to_those_who_read_it(places, fires, client):
    issue = CandidateIssue.objects.create(
        partnership=places.thanet, name="Arson", category="Deliberate fires", dataset=fires
    )
    # With no person (a paper for anyone), a restricted dataset gives no evidence.
    assert ranking(places.thanet).issues[0].evidence == {}
    client.force_login(places.council_officer)
    for path in ("", f"{issue.pk}/", f"{issue.pk}/score/"):
        page = client.get(f"/p/thanet/assessment/issues/{path}").content.decode()
        assert "Fire service incidents" not in page
        assert "96 in" not in page
    page = client.get(f"/p/thanet/assessment/issues/{issue.pk}/").content.decode()
    assert "A dataset you may not see" in page
    client.force_login(places.coordinator)
    page = client.get("/p/thanet/assessment/issues/").content.decode()
    assert "96 in Jan 2018 to Dec 2018 (Fire service incidents)" in page


def test_an_issue_is_added_with_a_dataset_and_one_of_its_categories(places, fires, client):
    client.force_login(places.coordinator)
    wrong = client.post(
        "/p/thanet/assessment/issues/new/",
        {"name": "Arson", "dataset": fires.pk, "category": "Burglary"},
    )
    assert wrong.status_code == 200
    assert not CandidateIssue.objects.exists()
    response = client.post(
        "/p/thanet/assessment/issues/new/",
        {"name": "Arson", "dataset": fires.pk, "category": "Deliberate fires"},
    )
    assert response.status_code == 302
    assert CandidateIssue.objects.get().dataset == fires


@pytest.mark.parametrize("value", ["abc", "-1", "999999", "1.5"])
def test_a_hostile_dataset_is_a_form_error(places, fires, client, value):
    client.force_login(places.coordinator)
    response = client.post(
        "/p/thanet/assessment/issues/new/",
        {"name": "Arson", "dataset": value, "category": "Deliberate fires"},
    )
    assert response.status_code == 200
    assert not CandidateIssue.objects.exists()


def test_an_officer_may_not_choose_a_restricted_dataset_they_do_not_read(places, fires):
    # Only coordinators add issues; the form's choices are the datasets the person reads.
    officer = rules.Access(places.council_officer, places.thanet, rules.OFFICER)
    form = CandidateIssueForm(access=officer, categories=[])
    assert fires not in form.fields["dataset"].queryset
