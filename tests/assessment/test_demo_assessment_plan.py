"""The demo's 2015 assessment: made-up partners' datasets beside the sample police figures,
candidate issues scored by the partners, and the 2015-16 draft's four priorities chosen from
them, each saying why."""

from io import StringIO

import pytest
from django.core.management import call_command

from saferplan.assessment import demo, selectors
from saferplan.assessment.models import CandidateIssue, Dataset, DatasetCount, Score
from saferplan.meetings.models import Meeting
from saferplan.partnerships.models import Partnership, Person
from saferplan.plans.models import EmergingIssue, Plan
from saferplan.reports import kinds
from saferplan.reports.models import Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def thanet():
    call_command("demo", "--no-serve", stdout=StringIO())
    return Partnership.objects.get(slug="thanet")


def test_the_draft_priorities_were_chosen_from_the_2015_assessment(client, thanet):
    draft = Plan.objects.get(partnership=thanet, year=2015)
    priorities = list(draft.priorities.select_related("candidate_issue"))
    assert len(priorities) == 4 and all(p.candidate_issue for p in priorities)
    ranking = selectors.ranking(thanet)
    evidence = selectors.Evidence.of(thanet)
    rows = {row.issue.pk: row for row in ranking.issues}
    assert len(ranking.issues) == len(demo.ISSUES)
    for priority in priorities:
        # The demo's data does not change: the reason kept is the one worked out now.
        row = rows[priority.candidate_issue_id]
        assert priority.chosen_because == selectors.chosen_because(ranking, row, evidence)
        assert row.scorers == len(demo.SCORERS) and row.complete
    safeguarding = priorities[0]
    assert "Police.uk, Feb 2014 to Jan 2015:" in safeguarding.chosen_because
    assert "Violence and sexual offences; harm share" in safeguarding.chosen_because
    linked = EmergingIssue.objects.filter(priority__plan=draft).exclude(candidate_issue=None)
    assert linked.count() == 2
    # Some issues were weighed and not chosen.
    unchosen = CandidateIssue.objects.filter(partnership=thanet, priorities=None)
    assert unchosen.filter(emerging_issues=None).count() == 3

    client.force_login(Person.objects.get(email="councillor.one@thanet.example"))
    page = client.get("/p/thanet/plan/2015/consultation/").content.decode()
    assert "Why these priorities" in page and safeguarding.chosen_because in page
    cover = Report.objects.get(partnership=thanet, kind=Report.Kind.COVER, year=2014)
    topics = next(s for s in kinds.build(cover).sections if s.heading == "Meeting topics")
    assert topics.subsections[0].heading == ("Why the draft 2015-16 plan's priorities were chosen")
    assert len(topics.subsections[0].blocks) == 4
    # The public read the draft as it went out for consultation, reasons and all.
    meeting = Meeting.objects.get(committee__partnership=thanet, date="2015-03-03")
    paper = meeting.items.get(position=1).papers.get(kind="plan")
    assert paper.plan == draft
    client.logout()
    page = client.get(f"/p/thanet/meetings/public/papers/{paper.pk}/").content.decode()
    assert safeguarding.chosen_because in page


def test_the_partners_datasets_are_made_up_and_say_so(thanet):
    datasets = Dataset.objects.filter(partnership=thanet)
    assert datasets.count() == len(demo.DATASETS)
    for dataset in datasets:
        assert "(sample data)" in dataset.name and "Made up for the demo" in dataset.caveats
        assert dataset.rows.exists() and dataset.rows_kept == dataset.rows.count()
    assert list(datasets.filter(restricted=True).values_list("owner__name", flat=True)) == [
        "Thanet Clinical Commissioning Group"
    ]


def test_building_twice_changes_nothing(thanet):
    models = [CandidateIssue, Score, Dataset, DatasetCount]
    before = {m: m.objects.count() for m in models}
    reasons = list(
        Plan.objects.get(partnership=thanet, year=2015).priorities.values_list(
            "chosen_because", flat=True
        )
    )
    call_command("demo", "--no-serve", stdout=StringIO())
    assert {m: m.objects.count() for m in models} == before
    assert (
        list(
            Plan.objects.get(partnership=thanet, year=2015).priorities.values_list(
                "chosen_because", flat=True
            )
        )
        == reasons
    )
