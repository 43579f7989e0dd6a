"""From the ranking into next year's draft: each chosen issue becomes a priority, or an emerging
issue under one, that links to its candidate issue and keeps the reason it was chosen, in the
figures of the evidence at that moment; the plan, its consultation page and the cover report say
it. An adopted plan is refused."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from saferplan.assessment import choosing, selectors
from saferplan.assessment.models import CandidateIssue, Dimension, HarmWeights
from saferplan.crime import selectors as crime
from saferplan.crime import statistics
from saferplan.plans.models import EmergingIssue, Plan, Priority
from saferplan.reports import kinds, render
from saferplan.reports.models import Report
from tests.crime.factory import counts
from tests.reports.conftest import docx_text

FREQUENCY, TREND = Dimension.FREQUENCY.value, Dimension.TREND.value
HOSTILE = '<script>alert("x")</script> & {{ plan }} $\\x$'


@pytest.fixture
def assessed(places):
    """Police counts of Jan 2017 to Dec 2018, every month loaded; Burglary 8 then 10, Drugs 1
    then 12; illustrative harm weights; three candidate issues, two of them scored."""
    for month in range(1, 13):
        for year in (2017, 2018):
            counts(f"{year}-{month:02d}", "E01999003", {"Bicycle theft": 1})
    counts("2017-03", "E01999001", {"Burglary": 8, "Drugs": 1})
    counts("2018-01", "E01999001", {"Burglary": 6, "Drugs": 2})
    counts("2018-12", "E01999002", {"Burglary": 4, "Drugs": 10})
    weights = HarmWeights.objects.create(partnership=places.thanet, illustrative=True)
    weights.rows.create(category="Burglary", weight=10, source="Made up")
    weights.rows.create(category="Drugs", weight=1, source="Made up")
    issues = {
        name: CandidateIssue.objects.create(partnership=places.thanet, name=name, category=cat)
        for name, cat in [("Burglary at home", "Burglary"), ("Drug dealing", "Drugs")]
    }
    issues["Street drinking"] = CandidateIssue.objects.create(
        partnership=places.thanet, name="Street drinking", about="Cliftonville"
    )
    issues["Burglary at home"].scores.create(
        dimension=FREQUENCY, scorer=places.coordinator, value=4
    )
    issues["Burglary at home"].scores.create(dimension=TREND, scorer=places.coordinator, value=5)
    issues["Drug dealing"].scores.create(dimension=TREND, scorer=places.police_officer, value=3)
    places.issues = issues
    places.draft = Plan.objects.create(partnership=places.thanet, year=2019)
    return places


def choose(client, world, issues, plan, under=""):
    client.force_login(world.coordinator)
    return client.post(
        "/p/thanet/assessment/issues/choose/",
        {"issues": [issue.pk for issue in issues], "plan": plan, "under": under},
    )


BURGLARY_REASON = (
    "Ranked 1 of 3 candidate issues (weighted total 9 of 30). Police.uk, Jan 2018 to Dec 2018: "
    # 10 against 8: p = 0.8145 (R: poisson.test(c(10, 8))); Burglary 10 x 10 of the harm 100 + 12.
    "10 Burglary; harm share 89.3% (illustrative weights); +25.0% on Jan 2017 to Dec 2017 (8), "
    "no change beyond chance (p = 0.81)."
)


def test_chosen_issues_become_priorities_that_keep_their_link_and_reason(client, assessed):
    response = choose(client, assessed, assessed.issues.values(), assessed.draft.pk)
    assert response.status_code == 302 and response.url == "/p/thanet/plan/2019/"
    priorities = list(assessed.draft.priorities.all())
    # In the order of the ranking, numbered from 1; each keeps its issue's place or group.
    assert [(p.number, p.title, p.candidate_issue.name) for p in priorities] == [
        (1, "Burglary at home", "Burglary at home"),
        (2, "Drug dealing", "Drug dealing"),
        (3, "Street drinking", "Street drinking"),
    ]
    assert priorities[2].description == "Cliftonville"
    assert priorities[0].chosen_because == BURGLARY_REASON
    # An issue of no category is ranked, with no police figures.
    assert priorities[2].chosen_because == (
        "Ranked 3 of 3 candidate issues (weighted total 0 of 30)."
    )
    # Drugs 12 against 1: binom.test(12, 13) gives p = 0.003418.
    assert priorities[1].chosen_because.endswith(
        "+1100.0% on Jan 2017 to Dec 2017 (1), a rise beyond chance (p = 0.0034)."
    )


def test_the_reasons_figures_are_the_evidences(client, assessed):
    """Every figure of the sentence is read again here from the crime selectors and the harm
    weights, not from the assessment's evidence."""
    choose(client, assessed, [assessed.issues["Drug dealing"]], assessed.draft.pk)
    reason = assessed.draft.priorities.get().chosen_because
    comparison = crime.compare_periods(assessed.thanet)
    drugs = next(row for row in comparison.rows if row.category == "Drugs")
    change = statistics.compare_counts(
        drugs.current, drugs.previous, now_length=12, before_length=12
    )
    harm = selectors.police_harm(assessed.thanet)
    share = next(row.harm for row in harm.rows if row.category == "Drugs") * 100 / harm.harm
    ranked = [row.issue.name for row in selectors.ranking(assessed.thanet).issues]
    assert reason == (
        f"Ranked {ranked.index('Drug dealing') + 1} of {len(ranked)} candidate issues "
        f"(weighted total 3 of 30). Police.uk, {comparison.current}: {drugs.current:,} Drugs; "
        f"harm share {share:.1f}% (illustrative weights); +{change.percent}% on "
        f"{comparison.previous} ({drugs.previous:,}), a rise beyond chance ({change.p_text})."
    )
    # The same figures as the issue's page shows beside its scores.
    evidence = selectors.Evidence.of(assessed.thanet).on("Drugs")
    assert f"{drugs.current:,} in {comparison.current}" == evidence[FREQUENCY].split(" (")[0]
    assert evidence[TREND].startswith(f"+{change.percent}% on {comparison.previous}")


def test_the_reason_is_kept_when_the_data_changes_later(client, assessed):
    choose(client, assessed, [assessed.issues["Burglary at home"]], assessed.draft.pk)
    counts("2019-01", "E01999001", {"Burglary": 50})
    assessed.issues["Burglary at home"].scores.all().delete()
    priority = assessed.draft.priorities.get()
    assert priority.chosen_because == BURGLARY_REASON
    client.force_login(assessed.councillor)
    page = client.get("/p/thanet/plan/2019/").content.decode()
    assert BURGLARY_REASON in page
    issue_page = client.get(assessed.issues["Burglary at home"].get_absolute_url()).content
    assert "In the plan" in issue_page.decode() and "Priority 1: Burglary at home" in (
        issue_page.decode()
    )


def test_emerging_issues_go_under_a_priority_of_the_plan(client, assessed):
    priority = Priority.objects.create(plan=assessed.draft, number=1, title="Safer streets")
    EmergingIssue.objects.create(priority=priority, number=1, title="Already there")
    response = choose(
        client,
        assessed,
        [assessed.issues["Street drinking"], assessed.issues["Drug dealing"]],
        assessed.draft.pk,
        priority.pk,
    )
    assert response.status_code == 302
    made = list(priority.issues.exclude(title="Already there"))
    assert [(i.code, i.title, i.candidate_issue.name) for i in made] == [
        ("1.2", "Drug dealing", "Drug dealing"),
        ("1.3", "Street drinking", "Street drinking"),
    ]
    assert made[0].chosen_because.startswith("Ranked 2 of 3 candidate issues")
    client.force_login(assessed.councillor)
    page = client.get("/p/thanet/plan/2019/").content.decode()
    assert made[1].chosen_because in page


def test_a_new_draft_for_the_year_after_the_latest_plan(client, assessed):
    response = choose(client, assessed, [assessed.issues["Burglary at home"]], "new")
    new = Plan.objects.get(partnership=assessed.thanet, year=2020)
    assert response.url == "/p/thanet/plan/2020/"
    assert new.status == Plan.Stage.DRAFT
    assert new.priorities.get().chosen_because == BURGLARY_REASON
    client.force_login(assessed.coordinator)
    page = client.get("/p/thanet/assessment/issues/").content.decode()
    assert "A new draft: Community Safety Plan 2021-22" in page


def test_the_consultation_page_and_the_cover_report_say_why(client, assessed):
    choose(client, assessed, [assessed.issues["Burglary at home"]], assessed.draft.pk)
    assessed.draft.put_out_for_consultation(on=datetime.date(2019, 3, 1))
    frozen = assessed.draft.versions.get().content["priorities"][0]
    assert frozen["chosen_because"] == BURGLARY_REASON
    client.force_login(assessed.councillor)
    page = client.get("/p/thanet/plan/2019/consultation/").content.decode()
    assert "<h2>Why these priorities</h2>" in page and BURGLARY_REASON in page

    cover = Report.objects.create(
        partnership=assessed.thanet, kind=Report.Kind.COVER, year=2018, title="T", author="A"
    )
    topics = next(s for s in kinds.build(cover).sections if s.heading == "Meeting topics")
    why = topics.subsections[0]
    assert why.heading == "Why the draft 2019-20 plan's priorities were chosen"
    assert why.blocks[0].text == f"Priority 1: Burglary at home. {BURGLARY_REASON}"
    assert (why.number, why.blocks[0].number) == ("2.1", "2.1.1")


def test_an_adopted_plan_is_refused(client, assessed):
    adopted = Plan.objects.create(partnership=assessed.thanet, year=2018, status=Plan.Stage.ADOPTED)
    response = choose(client, assessed, [assessed.issues["Burglary at home"]], adopted.pk)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Priority.objects.exists()
    # Adopted between the form and the save: the service refuses too, and saves nothing.
    with pytest.raises(ValidationError, match="is adopted"):
        choosing.choose_for_plan(plan=adopted, issues=[assessed.issues["Burglary at home"]])
    assert not Priority.objects.exists()


def test_a_plan_adopted_after_the_form_was_read_is_a_form_error(client, assessed, monkeypatch):
    real = choosing.choose_for_plan

    def adopted_meanwhile(*, plan, **kwargs):
        Plan.objects.filter(pk=plan.pk).update(status=Plan.Stage.ADOPTED)
        return real(plan=plan, **kwargs)

    monkeypatch.setattr(choosing, "choose_for_plan", adopted_meanwhile)
    response = choose(client, assessed, [assessed.issues["Burglary at home"]], assessed.draft.pk)
    assert response.status_code == 200
    assert "is adopted: an adopted plan is not changed" in response.content.decode()
    assert not Priority.objects.exists()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"issues": ["abc"], "plan": "new"}, "Select a valid choice"),
        ({"issues": ["99999"], "plan": "new"}, "Select a valid choice"),
        ({"plan": "new"}, "Choose at least one candidate issue"),
        ({"issues": ["{burglary}"], "plan": "1' OR 1=1"}, "Select a valid choice"),
        ({"issues": ["{burglary}"], "plan": "99999"}, "Select a valid choice"),
        ({"issues": ["{burglary}"], "plan": "{canterbury_plan}"}, "Select a valid choice"),
        ({"issues": ["{burglary}"], "plan": "new", "under": "x"}, "Select a valid choice"),
        ({"issues": ["{burglary}"], "plan": "new", "under": "{priority}"}, "not a priority of"),
        ({"issues": ["{burglary}"], "plan": "{other}", "under": "{priority}"}, "not a priority"),
        ({"issues": ["{canterbury_issue}"], "plan": "new"}, "Select a valid choice"),
    ],
)
def test_hostile_choices_are_form_errors(client, assessed, data, problem):
    ids = {
        "burglary": assessed.issues["Burglary at home"].pk,
        "priority": Priority.objects.create(plan=assessed.draft, number=1, title="P").pk,
        "other": Plan.objects.create(partnership=assessed.thanet, year=2020).pk,
        "canterbury_plan": Plan.objects.create(partnership=assessed.canterbury, year=2019).pk,
        "canterbury_issue": CandidateIssue.objects.create(
            partnership=assessed.canterbury, name="Theirs"
        ).pk,
    }
    client.force_login(assessed.coordinator)
    posted = {
        key: [v.format(**ids) for v in value] if isinstance(value, list) else value.format(**ids)
        for key, value in data.items()
    }
    response = client.post("/p/thanet/assessment/issues/choose/", posted)
    assert response.status_code == 200
    assert problem in response.content.decode()
    assert not Priority.objects.exclude(title="P").exists()
    assert not EmergingIssue.objects.exists()
    assert Plan.objects.filter(partnership=assessed.thanet).count() == 2


def test_an_issue_the_plan_holds_already_is_a_form_error(client, assessed):
    choose(client, assessed, [assessed.issues["Burglary at home"]], assessed.draft.pk)
    response = choose(client, assessed, assessed.issues.values(), assessed.draft.pk)
    assert response.status_code == 200
    assert "already holds Burglary at home" in response.content.decode()
    assert assessed.draft.priorities.count() == 1


def test_hostile_names_are_drawn_literally(client, assessed):
    issue = assessed.issues["Street drinking"]
    issue.name, issue.about = HOSTILE, "<b>bold</b>"
    issue.save()
    choose(client, assessed, [issue], assessed.draft.pk)
    client.force_login(assessed.councillor)
    escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; {{ plan }} $\\x$"
    for path in ["/p/thanet/plan/2019/", f"/p/thanet/assessment/issues/{issue.pk}/"]:
        page = client.get(path).content.decode()
        assert escaped in page and "<script>alert" not in page
    client.force_login(assessed.coordinator)
    page = client.get("/p/thanet/assessment/issues/").content.decode()
    assert f"3. {escaped}" in page and "<script>alert" not in page
    cover = Report.objects.create(
        partnership=assessed.thanet, kind=Report.Kind.COVER, year=2019, title="T", author="A"
    )
    assert f"Priority 1: {HOSTILE}." in docx_text(render.to_docx(kinds.build(cover)))


def test_only_the_coordinator_is_offered_the_choice(client, assessed):
    client.force_login(assessed.police_officer)
    assert "Into the plan" not in client.get("/p/thanet/assessment/issues/").content.decode()
    client.force_login(assessed.coordinator)
    page = client.get("/p/thanet/assessment/issues/").content.decode()
    assert '<h2 id="into-the-plan">Into the plan</h2>' in page
    assert "Community Safety Plan 2019-20 (draft)" in page
