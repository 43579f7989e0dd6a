"""Papers that are a plan or an issued report: put on an agenda by the coordinator, opened with
the usual access checks, and on the public pages only when the plan is out for consultation or
adopted, or the report was issued Unrestricted."""

import html
import re
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import IntegrityError, transaction

from saferplan.meetings.models import Paper
from saferplan.plans.models import Action, Plan
from saferplan.reports.models import Report

from .conftest import make_linked_paper, make_plan

M = "/p/thanet/meetings"


def text(response):
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def words(response):
    """What the page says, without its markup."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html.unescape(response.content.decode())))


def put_on(client, item, **data):
    return client.post(f"{M}/items/{item.pk}/papers/link/", data, follow=True)


def test_the_coordinator_puts_the_plan_on_an_item_and_it_opens_the_plan(
    client, world, meetings, links
):
    client.force_login(world.coordinator)
    item = meetings.restricted_item
    page = words(put_on(client, item, plan=links.consultation.pk))
    assert "“Community Safety Plan 2015-16” put on item 2." in page
    assert "Community Safety Plan 2015-16 (the plan, out for consultation)" in page
    # It is the paper the plan already is, now on two items.
    paper = item.papers.get(plan=links.consultation)
    assert paper == links.consultation_paper and paper.items.count() == 2
    assert Paper.objects.filter(plan=links.consultation).count() == 1
    client.force_login(world.police_officer)
    response = client.get(f"{M}/papers/{paper.pk}/")
    assert response.status_code == 302 and response.url == "/p/thanet/plan/2015/"


def test_an_issued_report_paper_downloads_its_pdf_after_the_reports_access_check(
    client, world, meetings, links
):
    links.issued_paper.delete()
    client.force_login(world.coordinator)
    put_on(client, meetings.item, issued_report=links.issued.pk)
    paper = meetings.item.papers.get(issued_report=links.issued)
    assert (paper.kind, paper.title) == ("report", str(links.issued))
    client.force_login(world.councillor)
    meeting = words(client.get(f"{M}/{meetings.meeting.pk}/"))
    assert f"{links.issued} (issued report, version 1, PDF)" in meeting
    response = client.get(f"{M}/papers/{paper.pk}/")
    assert response.url == f"/p/thanet/reports/issued/{links.issued.pk}/report.pdf"
    pdf = client.get(response.url)
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-1.4")


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"plan": "", "issued_report": ""}, "Choose a plan or an issued report: one of the two."),
        ("both", "Choose a plan or an issued report: one of the two."),
        ("canterbury_issued", "Choose a report issued by this partnership."),
        ("canterbury_plan", "Choose a plan of this partnership."),
    ],
)
def test_a_bad_choice_is_refused_and_nothing_saved(client, world, meetings, links, data, error):
    if data == "both":
        data = {"plan": links.draft.pk, "issued_report": links.issued.pk}
    elif data == "canterbury_issued":
        data = {"issued_report": links.canterbury_issued.pk}
    elif data == "canterbury_plan":
        data = {"plan": links.canterbury_plan.pk}
    before = (Paper.objects.count(), list(meetings.restricted_item.papers.all()))
    client.force_login(world.coordinator)
    response = put_on(client, meetings.restricted_item, **data)
    page = text(response)
    assert response.status_code == 200 and "There is a problem" in page
    assert error in page
    assert (Paper.objects.count(), list(meetings.restricted_item.papers.all())) == before


def test_the_form_offers_only_this_partnerships_plans_and_reports(client, world, meetings, links):
    client.force_login(world.coordinator)
    page = text(client.get(f"{M}/items/{meetings.item.pk}/papers/link/"))
    assert "Community Safety Plan 2014-15 (adopted)" in page
    assert f"{links.restricted_issued}, issued" in page and "(Restricted)" in page
    assert "Canterbury" not in page


def test_a_paper_of_another_partnerships_report_is_refused_wherever_it_is_linked(
    client, world, meetings, links
):
    # Made in code, past every form: Thanet's paper, Canterbury's report.
    stray = make_linked_paper(links.canterbury_issued, Paper.Kind.REPORT, world.thanet)
    with pytest.raises(ValidationError, match="not a paper of this partnership"):
        meetings.item.link_papers([meetings.paper, stray])
    with pytest.raises(ValidationError, match="Choose a report issued by this partnership"):
        stray.full_clean()
    client.force_login(world.coordinator)
    data = {
        "position": 1,
        "title": "Draft plan",
        "purpose": "decision",
        "classification": "unrestricted",
        "papers": [meetings.paper.pk, stray.pk],
    }
    page = text(client.post(f"{M}/items/{meetings.item.pk}/edit/", data))
    assert f"Paper {stray.pk} is not a paper of this partnership" in page
    assert stray not in meetings.item.papers.all()
    assert client.get(f"{M}/papers/{stray.pk}/").status_code == 404


@pytest.mark.parametrize(
    "sources",
    [{}, {"file": "papers/x.pdf", "plan": "consultation"}, {"plan": "draft", "issued": True}],
)
def test_a_paper_is_exactly_one_thing_in_the_database(world, links, sources):
    paper = Paper(partnership=world.thanet, title="Odd", kind="other", file=sources.get("file", ""))
    if "plan" in sources:
        paper.plan = getattr(links, sources["plan"])
    if sources.get("issued"):
        paper.issued_report = links.issued
    with pytest.raises(ValidationError, match="A paper is one thing"):
        paper.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        paper.save()


# The public pages


def public_papers(client, meetings):
    """The addresses of the papers on the public page of the meeting."""
    page = text(client.get(f"{M}/public/{meetings.meeting.pk}/"))
    return {int(pk) for pk in re.findall(rf'href="{M}/public/papers/(\d+)/"', page)}


def test_the_public_sees_a_plan_only_out_for_consultation_or_adopted(client, meetings, links):
    papers = public_papers(client, meetings)
    assert {links.consultation_paper.pk, links.adopted_paper.pk} <= papers
    assert links.draft_paper.pk not in papers
    assert client.get(f"{M}/public/papers/{links.draft_paper.pk}/").status_code == 404


def test_the_public_plan_is_the_version_put_out_for_consultation(client, meetings, links):
    # Amended during the consultation: the public still reads the draft that went out.
    Action.objects.filter(pk=links.action.pk).update(title="Volunteer mentors for young adults")
    page = words(client.get(f"{M}/public/papers/{links.consultation_paper.pk}/"))
    assert "The draft as it was put out for consultation on 3 March 2016" in page
    assert "1.1.1 Mentors for young adults" in page and "Volunteer" not in page
    assert "Kent Police" in page and "31 Mar 2016" in page and "Fewer young adults" in page
    adopted = words(client.get(f"{M}/public/papers/{links.adopted_paper.pk}/"))
    assert "The plan as adopted by Cabinet on 31 March 2015" in adopted


def test_the_public_sees_a_report_only_issued_unrestricted(client, meetings, links):
    papers = public_papers(client, meetings)
    assert links.issued_paper.pk in papers and links.restricted_issued_paper.pk not in papers
    response = client.get(f"{M}/public/papers/{links.issued_paper.pk}/")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="thanet-cover-2014-v1.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    restricted = f"{M}/public/papers/{links.restricted_issued_paper.pk}/"
    assert client.get(restricted).status_code == 404


def test_a_report_reclassified_restricted_after_issue_leaves_the_public_pages(
    client, meetings, links
):
    Report.objects.filter(pk=links.issued.report_id).update(classification="restricted")
    assert links.issued_paper.pk not in public_papers(client, meetings)
    assert client.get(f"{M}/public/papers/{links.issued_paper.pk}/").status_code == 404


def test_nothing_of_a_restricted_item_is_public_whatever_the_paper(client, meetings, links):
    moved = [links.issued_paper, links.consultation_paper]
    meetings.item.papers.remove(*moved)
    meetings.restricted_item.papers.add(*moved)
    assert not {paper.pk for paper in moved} & public_papers(client, meetings)
    for paper in moved:
        assert client.get(f"{M}/public/papers/{paper.pk}/").status_code == 404


def test_a_plan_imported_as_adopted_is_public_as_imported_not_as_edited(
    client, world, meetings, tmp_path
):
    path = tmp_path / "plan.csv"
    path.write_text(
        "Priority,Emerging issue,Action,Lead agency\n"
        "Road Safety,Young drivers,Speed checks,Kent Police\n",
        encoding="utf-8",
    )
    call_command(
        "import_plan", str(path), "--partnership", "thanet", "--year", "2017", stdout=StringIO()
    )
    imported = Plan.objects.get(partnership=world.thanet, year=2017)
    assert imported.status == Plan.Stage.ADOPTED
    paper = make_linked_paper(imported, Paper.Kind.PLAN)
    meetings.item.papers.add(paper)
    # Edited after it was adopted: the public still reads the plan as it was adopted.
    Action.objects.of_plan(imported).update(title="Speed checks outside every school")
    assert paper.pk in public_papers(client, meetings)
    page = words(client.get(f"{M}/public/papers/{paper.pk}/"))
    assert "1.1.1 Speed checks" in page and "outside every school" not in page


def test_an_adopted_plan_never_frozen_is_not_public(client, world, meetings):
    plan = make_plan(world.thanet, 2018, world.police)
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Stage.ADOPTED)
    paper = make_linked_paper(plan, Paper.Kind.PLAN)
    meetings.item.papers.add(paper)
    assert paper.pk not in public_papers(client, meetings)
    assert client.get(f"{M}/public/papers/{paper.pk}/").status_code == 404
