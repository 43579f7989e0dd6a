"""Residents' surveys: results loaded from a CSV (answers or free-text themes), bad files named
by line with nothing saved, and the public-concern score a linked answer suggests."""

import pytest

from saferplan.assessment.models import CandidateIssue, ConcernLink, Score, Survey, SurveyResult
from saferplan.assessment.surveys import FROM_SURVEY, SCORE_RULE, suggested_value
from tests.conftest import files_under

from .conftest import csv_upload

NEW = "/p/thanet/assessment/surveys/new/"
PAGE = "/p/thanet/assessment/surveys/"
ANSWERS = """Question,Answer,Count
What worries you most?,Burglary,340
What worries you most?,Anti-social behaviour,410
What worries you most?,Drug dealing,120
Do you feel safe after dark?,Yes,600
"""
THEMES = "theme,count\nSpeeding,88\nLitter and fly-tipping,65\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def post(client, world, text, **fields):
    client.force_login(world.coordinator)
    data = {
        "title": "Residents' survey 2014",
        "carried_out": "September 2014, by the council",
        "respondents": "1000",
        "caveats": "Online only.",
        "file": csv_upload(text),
        **fields,
    }
    return client.post(NEW, data)


def test_answers_are_saved_and_shown_as_charts_with_their_tables(client, places, media):
    response = post(client, places, ANSWERS)
    survey = Survey.objects.get()
    assert response.status_code == 302 and response.url == survey.get_absolute_url()
    assert [(r.question, r.answer, r.count, r.line) for r in survey.results.all()] == [
        ("What worries you most?", "Burglary", 340, 2),
        ("What worries you most?", "Anti-social behaviour", 410, 3),
        ("What worries you most?", "Drug dealing", 120, 4),
        ("Do you feel safe after dark?", "Yes", 600, 5),
    ]
    assert files_under(media) == [survey.source_file.name]
    page = client.get(PAGE)
    worries, safe = page.context["surveys"][0][1]
    assert worries["chart"].rows == [
        ["Burglary", 340, "34.0%"],
        ["Anti-social behaviour", 410, "41.0%"],
        ["Drug dealing", 120, "12.0%"],
    ]
    assert "<svg" in worries["chart"].svg
    assert safe["chart"] is None and safe["rows"] == [["Yes", 600, "60.0%"]]
    assert SCORE_RULE in page.content.decode().replace("&#x27;", "'")


def test_free_text_themes_have_no_question(client, places, media):
    post(client, places, THEMES)
    assert list(SurveyResult.objects.values_list("question", "answer", "count")) == [
        ("", "Speeding", 88),
        ("", "Litter and fly-tipping", 65),
    ]
    groups = client.get(PAGE).context["surveys"][0][1]
    assert groups[0]["headers"][0] == "Theme"


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        (
            "question,answer,count\nQ,,3\n,A,x\nQ,B,1001\nQ,C,-1\n",
            [
                "line 2, column 'answer': is empty",
                "line 3, column 'question': is empty",
                "line 3, column 'count': 'x' is not a whole number of 0 or more",
                "line 4, column 'count': 1,001 is more than the 1,000 people who answered",
                "line 5, column 'count': '-1' is not a whole number of 0 or more",
            ],
        ),
        ("theme,count\nSpeeding,3\nspeeding,4\n", ["line 3: 'speeding' is counted on line 2"]),
        ("what,count\nSpeeding,3\n", ["the columns must be question, answer, count", "theme"]),
    ],
)
def test_a_bad_file_names_its_lines_and_saves_nothing(client, places, media, text, problems):
    response = post(client, places, text)
    assert response.status_code == 200
    page = response.content.decode().replace("&#x27;", "'")
    for problem in problems:
        assert problem in page
    assert not Survey.objects.exists() and not SurveyResult.objects.exists()
    assert files_under(media) == []


@pytest.mark.parametrize(
    ("count", "score"),
    [(0, 1), (99, 1), (100, 2), (199, 2), (200, 3), (300, 4), (399, 4), (400, 5), (1000, 5)],
)
def test_the_score_rule_at_the_edges_of_its_bands(count, score):
    assert suggested_value(count, 1000) == score


def test_a_linked_answer_suggests_the_public_concern_score_beside_the_partners(
    client, places, media
):
    post(client, places, ANSWERS)
    burglary = SurveyResult.objects.get(answer="Burglary")
    issue = CandidateIssue.objects.create(partnership=places.thanet, name="Burglary")
    url = f"/p/thanet/assessment/issues/{issue.pk}/"
    assert client.post(url + "concern/", {"result": burglary.pk}).url == url
    assert ConcernLink.objects.get().result == burglary

    page = client.get(url).content.decode().replace("&#x27;", "'")
    assert f"Suggested {FROM_SURVEY}" in page
    assert "34.0% of the 1,000 people who answered Residents' survey 2014" in page

    # The score form offers it; it counts once a partner gives it as theirs.
    form = client.get(url + "score/").context["form"]
    assert form.initial["public_concern"] == 4
    assert not Score.objects.exists()

    assert client.post(url + "concern/", {"result": ""}).status_code == 302
    assert not ConcernLink.objects.exists()


@pytest.mark.parametrize("value", ["999999", "x", "-1"])
def test_a_result_of_another_kind_cannot_be_linked(client, places, media, value):
    issue = CandidateIssue.objects.create(partnership=places.thanet, name="Burglary")
    client.force_login(places.coordinator)
    response = client.post(f"/p/thanet/assessment/issues/{issue.pk}/concern/", {"result": value})
    assert response.status_code == 200 and response.context["form"].errors


@pytest.mark.parametrize("respondents", ["0", "-5", "x", "1.5"])
def test_a_bad_number_of_respondents_is_a_form_error(client, places, media, respondents):
    response = post(client, places, THEMES, respondents=respondents)
    assert response.status_code == 200 and "respondents" in response.context["form"].errors
    assert not Survey.objects.exists()
