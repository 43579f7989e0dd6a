"""Candidate issues: partners score them on MoRiLE's dimensions, each score says who gave it and
when, the means are weighted and ranked, and police.uk figures stand beside the scores."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferplan.assessment.models import (
    CandidateIssue,
    Dimension,
    DimensionWeight,
    HarmWeights,
    Score,
)
from saferplan.assessment.selectors import ranking, ranking_table
from tests.crime.factory import counts

HARM_INDIVIDUALS, HARM_COMMUNITY, FREQUENCY, TREND, CONCERN, CAPACITY = Dimension.values


def issue(world, name, category=""):
    return CandidateIssue.objects.create(partnership=world.thanet, name=name, category=category)


def score(client, person, issue, **values):
    client.force_login(person)
    return client.post(f"/p/thanet/assessment/issues/{issue.pk}/score/", values)


def test_a_coordinator_adds_an_issue_about_a_category(client, places):
    counts("2019-01", "E01999001", {"Burglary": 2})
    client.force_login(places.coordinator)
    response = client.post(
        "/p/thanet/assessment/issues/new/",
        {"name": "Burglary in Cliftonville", "category": "Burglary", "about": "Cliftonville"},
    )
    added = CandidateIssue.objects.get()
    assert response.url == f"/p/thanet/assessment/issues/{added.pk}/"
    assert (added.category, added.about, added.added_by) == (
        "Burglary",
        "Cliftonville",
        places.coordinator,
    )


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"name": "burglary", "category": ""}, "already has a candidate issue of this name"),
        ({"name": "Drugs", "category": "Made up"}, "Select a valid choice"),
        ({"name": "", "category": ""}, "This field is required"),
    ],
)
def test_a_bad_issue_is_a_form_error(client, places, fields, problem):
    issue(places, "Burglary")
    client.force_login(places.coordinator)
    response = client.post("/p/thanet/assessment/issues/new/", fields)
    assert response.status_code == 200 and problem in response.content.decode()
    assert CandidateIssue.objects.count() == 1


def test_the_mean_of_the_partners_scores_weighted_ranks_the_issues(client, places):
    burglary, drugs = issue(places, "Burglary"), issue(places, "Drugs")
    score(client, places.coordinator, burglary, **{FREQUENCY: 5, TREND: 2})
    score(client, places.police_officer, burglary, **{FREQUENCY: 4, TREND: 3})
    score(client, places.council_officer, drugs, **{FREQUENCY: 3, CONCERN: 5, CAPACITY: 4})

    ranked = ranking(places.thanet)
    # Equal weights of 1: Burglary (4.5 + 2.5 = 7) below Drugs (3 + 5 + 4 = 12).
    assert [(row.issue.name, row.total, row.scorers) for row in ranked.issues] == [
        ("Drugs", 12, 1),
        ("Burglary", 7, 2),
    ]
    assert ranked.issues[1].means[FREQUENCY] == Decimal("4.5")
    assert ranked.issues[1].means[HARM_INDIVIDUALS] is None
    assert ranked.highest_possible == 30

    client.force_login(places.coordinator)
    weights = {**dict.fromkeys(Dimension.values, "0"), FREQUENCY: "3", TREND: "1.5"}
    response = client.post("/p/thanet/assessment/issues/weights/", weights)
    assert response.url == "/p/thanet/assessment/issues/"
    ranked = ranking(places.thanet)
    # Frequency x 3, trend x 1.5, the rest x 0: Burglary 13.5 + 3.75, Drugs 9.
    assert [(row.issue.name, row.total) for row in ranked.issues] == [
        ("Burglary", Decimal("17.25")),
        ("Drugs", 9),
    ]
    table = ranking_table(ranked)
    assert table.rows[0] == ["", "Weight", "0", "0", "3", "1.5", "0", "0", "", ""]
    burglary_row = [1, "Burglary", "", "", Decimal("4.5"), Decimal("2.5"), "", ""]
    assert table.rows[1] == [*burglary_row, Decimal("17.25"), 2]

    client.force_login(places.councillor)
    page = client.get("/p/thanet/assessment/issues/").content.decode()
    assert page.index("Burglary</a>") < page.index("Drugs</a>")
    assert '<strong class="sp-tag sp-tag--yellow">Partly scored</strong>' in page
    assert '<rect class="sp-meter__fill" width="77%"' in page  # 17.25 of (3 + 1.5) x 5
    assert "Add a candidate issue" not in page


def test_each_score_says_who_gave_it_and_when_and_scoring_again_replaces_it(client, places):
    burglary = issue(places, "Burglary")
    with time_machine.travel(datetime.datetime(2019, 3, 1, 10, tzinfo=datetime.UTC), tick=False):
        score(client, places.police_officer, burglary, **{FREQUENCY: 2, TREND: 4})
    with time_machine.travel(datetime.datetime(2019, 3, 2, 10, tzinfo=datetime.UTC), tick=False):
        response = score(client, places.police_officer, burglary, **{FREQUENCY: 3, TREND: ""})
    assert response.url == f"/p/thanet/assessment/issues/{burglary.pk}/"
    # "Not scored" takes the officer's trend score back; the frequency score is replaced.
    assert list(Score.objects.values_list("dimension", "value", "scorer")) == [
        (FREQUENCY, 3, places.police_officer.pk)
    ]
    client.force_login(places.councillor)  # signed in afresh: the 2019 session has expired
    page = client.get(f"/p/thanet/assessment/issues/{burglary.pk}/").content.decode()
    assert f'<th scope="row">{places.police_officer}</th><td class="sp-numeric">3</td>' in page
    assert "2 March 2019, 10:00" in page


@pytest.mark.parametrize("value", ["0", "6", "high", "4.5", "-1"])
def test_a_score_outside_1_to_5_is_a_form_error(client, places, value):
    burglary = issue(places, "Burglary")
    response = score(client, places.coordinator, burglary, **{FREQUENCY: value, TREND: "3"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Score.objects.exists()


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("-1", "greater than or equal to 0"),
        ("heavy", "Enter a number"),
        ("NaN", "Enter a number"),
        ("Infinity", "Enter a number"),
        ("1e400", "no more than 6 digits"),
        ("12345678", "no more than 6 digits"),
        ("", "This field is required"),
    ],
)
def test_a_weight_that_is_negative_or_not_a_number_is_a_form_error(client, places, value, problem):
    client.force_login(places.coordinator)
    weights = {**dict.fromkeys(Dimension.values, "1"), TREND: value}
    response = client.post("/p/thanet/assessment/issues/weights/", weights)
    assert response.status_code == 200 and problem in response.content.decode()
    assert not DimensionWeight.objects.exists()


def test_all_weights_zero_is_a_form_error(client, places):
    client.force_login(places.coordinator)
    response = client.post(
        "/p/thanet/assessment/issues/weights/", dict.fromkeys(Dimension.values, "0")
    )
    assert "Give at least one dimension a weight above 0" in response.content.decode()
    assert not DimensionWeight.objects.exists()


def test_police_figures_stand_beside_the_scores_of_an_issue_about_their_category(client, places):
    # The latest 12 months (Jan to Dec 2018) against the 12 before (Jan to Dec 2017), every
    # month loaded (a change is worked out only between whole periods).
    for month in range(1, 13):
        for year in (2017, 2018):
            counts(f"{year}-{month:02d}", "E01999003", {"Bicycle theft": 1})
    counts("2017-03", "E01999001", {"Burglary": 8, "Drugs": 1})
    counts("2018-01", "E01999001", {"Burglary": 6, "Drugs": 2})
    counts("2018-12", "E01999002", {"Burglary": 4, "Drugs": 10})
    weights = HarmWeights.objects.create(partnership=places.thanet, illustrative=True)
    weights.rows.create(category="Burglary", weight=10, source="Made up")
    weights.rows.create(category="Drugs", weight=1, source="Made up")
    burglary = issue(places, "Burglary at home", category="Burglary")
    issue(places, "Street drinking")

    evidence = {row.issue.name: row.evidence for row in ranking(places.thanet).issues}
    assert evidence["Street drinking"] == {}
    assert evidence["Burglary at home"] == {
        FREQUENCY: "10 in Jan 2018 to Dec 2018 (police.uk)",
        # 10 against 8 in periods of equal length: p = 0.8145 (R: poisson.test(c(10, 8))).
        TREND: "+25.0% on Jan 2017 to Dec 2017 (8): no change beyond chance, p = 0.81",
        # Burglary 10 x 10 of the harm 100 + Drugs 12 x 1.
        HARM_INDIVIDUALS: "89.3% of the harm-weighted total (illustrative weights)",
    }
    client.force_login(places.councillor)
    page = client.get("/p/thanet/assessment/issues/").content.decode()
    assert 'Frequency: not scored <span class="sp-secondary">(10 in Jan 2018' in page
    page = client.get(f"/p/thanet/assessment/issues/{burglary.pk}/").content.decode()
    assert "Evidence: +25.0% on Jan 2017 to Dec 2017 (8): no change beyond chance" in page
    # The scorer reads the evidence beside the field it can fill.
    client.force_login(places.police_officer)
    page = client.get(f"/p/thanet/assessment/issues/{burglary.pk}/score/").content.decode()
    assert "89.3% of the harm-weighted total (illustrative weights)" in page


def test_the_ranking_downloads_as_csv(client, places):
    burglary = issue(places, "Burglary")
    score(client, places.coordinator, burglary, **{FREQUENCY: 4})
    response = client.get("/p/thanet/assessment/issues/ranking.csv")
    assert response["Content-Disposition"] == 'attachment; filename="thanet-ranking.csv"'
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("Rank,Issue,Harm to individuals,")
    assert lines[2] == "1,Burglary,,,4.0,,,,4.0,1"


def test_the_ranking_costs_the_same_queries_for_one_issue_or_many(client, places):
    counts("2018-12", "E01999001", {"Burglary": 4, "Drugs": 10})
    issue(places, "Burglary at home", category="Burglary")
    client.force_login(places.coordinator)

    def page_queries():
        client.get("/p/thanet/assessment/issues/")  # the figures are kept
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/p/thanet/assessment/issues/").status_code == 200
        return [query["sql"] for query in queries]

    one = page_queries()
    for name in ["Drugs", "Street drinking", "Shoplifting", "Criminal damage"]:
        issue(places, name, category="Drugs" if name == "Drugs" else "")
    many = page_queries()
    assert len(many) == len(one), many
    assert sum("MAX(imported_at)" in sql for sql in many) == 1, "the crime data's version"
