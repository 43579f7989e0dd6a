"""The author classifies each paragraph of a report on the form, the summary included; the form
works without JavaScript (a box to add a paragraph, empty a box to remove one)."""

import re

import pytest

from saferplan.reports.models import Paragraph, Report
from tests.reports.conftest import REPORT_FIELDS

U, R = "unrestricted", "restricted"


@pytest.fixture
def report(world):
    report = Report.objects.create(
        partnership=world.thanet, kind="cover", year=2014, title="Update", author="Alice"
    )
    for part, position, text, classification in [
        ("summary", 1, "What this report is.", U),
        ("topics", 1, "Members will hear a presentation.", U),
        ("topics", 2, "The two households of the case review.", R),
        ("topics", 3, "Statistics from Kent Police.", U),
    ]:
        report.paragraphs.create(
            part=part, position=position, text=text, classification=classification
        )
    return report


def edit_url(report):
    return f"/p/thanet/reports/{report.pk}/edit/"


def posted(report, changes=None, new=None, **fields):
    """The form as the browser sends it: every saved paragraph as it is unless `changes`
    {(part, position): (text, classification)} says otherwise, and the empty box of each part
    filled from `new` {part: (text, classification)}."""
    data = {**REPORT_FIELDS, "title": report.title, **fields}
    changes, new = changes or {}, new or {}
    for part in Paragraph.Part:
        saved = list(report.paragraphs.filter(part=part)) if report.pk else []
        data |= {f"{part}-TOTAL_FORMS": len(saved) + 1, f"{part}-INITIAL_FORMS": len(saved)}
        for n, paragraph in enumerate(saved):
            text, classification = changes.get(
                (part.value, paragraph.position), (paragraph.text, paragraph.classification)
            )
            data |= {
                f"{part}-{n}-id": paragraph.pk,
                f"{part}-{n}-text": text,
                f"{part}-{n}-classification": classification,
            }
        text, classification = new.get(part.value, ("", ""))
        data |= {f"{part}-{len(saved)}-text": text}
        if classification:
            data[f"{part}-{len(saved)}-classification"] = classification
    return data


def texts(report, part):
    return [(p.classification, p.text) for p in report.paragraphs.filter(part=part)]


def preview(client, report):
    return client.get(f"/p/thanet/reports/{report.pk}/").content.decode()


def test_each_paragraph_has_a_labelled_box_and_classification(client, world, report):
    client.force_login(world.coordinator)
    page = client.get(edit_url(report)).content.decode()
    assert '<legend class="sp-paragraphs__legend">Meeting topics</legend>' in page
    assert '<label class="sp-label" for="id_topics-1-text">Meeting topics, paragraph 2' in page
    assert "Classification of meeting topics, paragraph 2" in page
    assert re.search(r'name="topics-1-classification" value="restricted"[^>]*checked', page)
    assert re.search(r'name="topics-0-classification" value="unrestricted"[^>]*checked', page)
    assert '<label class="sp-label" for="id_summary-1-text">Summary, new paragraph' in page


def test_the_author_adds_restricted_paragraphs_that_only_a_restricted_version_prints(
    client, world, report
):
    client.force_login(world.coordinator)
    new = {"summary": ("Names the victim.", R), "topics": ("A further public topic.", U)}
    response = client.post(edit_url(report), posted(report, new=new))
    assert response.status_code == 302 and response.url == f"/p/thanet/reports/{report.pk}/"
    assert texts(report, "summary") == [(U, "What this report is."), (R, "Names the victim.")]
    page = preview(client, report)
    assert "What this report is." in page and "A further public topic." in page
    assert "Names the victim" not in page and "two households" not in page
    Report.objects.filter(pk=report.pk).update(classification=R)
    page = preview(client, report)
    assert "Names the victim" in page and "two households" in page


@pytest.mark.parametrize(
    "typed", ["RESTRICTED : Names", "Restricted - Names", "  restricted:Names", "[RESTRICTED] It"]
)
def test_a_paragraph_typed_with_the_old_marker_cannot_be_unrestricted(client, world, report, typed):
    client.force_login(world.coordinator)
    response = client.post(edit_url(report), posted(report, new={"topics": (typed, U)}))
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert (
        '<a href="#id_topics-3-classification_0">Meeting topics, new paragraph starts with '
        "&#x27;Restricted&#x27; but is classified Unrestricted" in page
    )
    assert report.paragraphs.count() == 4
    response = client.post(edit_url(report), posted(report, new={"topics": (typed, R)}))
    assert response.status_code == 302
    assert texts(report, "topics")[-1] == (R, typed.strip())


def test_a_paragraph_needs_a_classification(client, world, report):
    client.force_login(world.coordinator)
    response = client.post(edit_url(report), posted(report, new={"options": ("To note.", "")}))
    assert "Choose Unrestricted or Restricted for options and actions, new paragraph." in (
        response.content.decode()
    )
    assert not report.paragraphs.filter(part="options").exists()


def test_emptying_a_box_removes_its_paragraph_and_the_others_close_up(client, world, report):
    client.force_login(world.coordinator)
    data = posted(report, changes={("topics", 2): ("", R)}, new={"topics": ("Last.", U)})
    assert client.post(edit_url(report), data).status_code == 302
    assert [(p.position, p.text) for p in report.paragraphs.filter(part="topics")] == [
        (1, "Members will hear a presentation."),
        (2, "Statistics from Kent Police."),
        (3, "Last."),
    ]
    changed = report.paragraphs.get(part="topics", position=2).history.count()
    assert changed == 2, "the paragraph moved up: one more line in its history"
    assert report.paragraphs.get(part="topics", position=1).history.count() == 1


def test_the_summary_is_required_and_readable_by_all_in_an_unrestricted_report(
    client, world, report
):
    client.force_login(world.coordinator)
    emptied = posted(report, changes={("summary", 1): ("", U)})
    page = client.post(edit_url(report), emptied).content.decode()
    assert "Write the summary: at least one paragraph." in page
    restricted_only = posted(report, changes={("summary", 1): ("What this report is.", R)})
    page = client.post(edit_url(report), restricted_only).content.decode()
    assert "An Unrestricted report needs a summary paragraph classified Unrestricted." in page
    assert texts(report, "summary") == [(U, "What this report is.")]
    restricted_report = posted(
        report, changes={("summary", 1): ("What this report is.", R)}, classification=R
    )
    assert client.post(edit_url(report), restricted_report).status_code == 302


def test_a_control_character_is_a_form_error_not_a_failure(client, world, report):
    client.force_login(world.coordinator)
    data = posted(report, new={"topics": ("Bell \x07 and escape \x1b.", U)})
    response = client.post(edit_url(report), data)
    assert response.status_code == 200
    assert "holds a control character, which cannot be printed" in response.content.decode()


def test_a_paragraph_of_another_report_cannot_be_changed_through_this_one(client, world, report):
    other = Report.objects.create(
        partnership=world.thanet, kind="cover", year=2015, title="Other", author="Alice"
    )
    theirs = other.paragraphs.create(part="topics", position=1, text="Theirs.", classification=R)
    client.force_login(world.coordinator)
    data = posted(report)
    data["topics-0-id"] = theirs.pk
    data["topics-0-classification"] = U
    response = client.post(edit_url(report), data)
    assert "Meeting topics: a paragraph on this page has been removed" in response.content.decode()
    assert texts(report, "topics")[0] == (U, "Members will hear a presentation.")
    theirs.refresh_from_db()
    assert (theirs.report, theirs.classification) == (other, R)


def test_a_tampered_form_is_a_form_error_not_a_failure(client, world, report):
    client.force_login(world.coordinator)
    data = posted(report)
    del data["topics-TOTAL_FORMS"]
    response = client.post(edit_url(report), data)
    assert response.status_code == 200 and "There is a problem" in response.content.decode()


def test_a_new_report_suggests_its_summary_and_save_and_add_more_comes_back(client, world):
    client.force_login(world.coordinator)
    url = "/p/thanet/reports/new/?kind=progress&year=2014"
    page = client.get(url).content.decode()
    suggested = "How many of the plan&#x27;s actions are completed"
    assert suggested in page
    data = posted(Report(pk=None), title="Progress", kind="progress")
    data |= {
        "summary-TOTAL_FORMS": 1,
        "summary-0-text": "How many of the plan's actions are completed.",
        "summary-0-classification": U,
        "add_paragraphs": "",
    }
    response = client.post(url, data)
    report = Report.objects.get(title="Progress")
    assert response.url == f"/p/thanet/reports/{report.pk}/edit/"
    assert texts(report, "summary") == [(U, "How many of the plan's actions are completed.")]
