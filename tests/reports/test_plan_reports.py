"""The progress update, the end-of-year report and the scrutiny summary: their figures are the
plan's own, as `saferplan progress` prints them, in Word and in PDF."""

import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from docx import Document as WordDocument

from saferplan.funding.figures import grant_figures
from saferplan.funding.models import Grant
from saferplan.plans.models import CaseStudy, Plan
from saferplan.plans.selectors import plan_progress
from saferplan.reports import kinds, render
from saferplan.reports.services import new_report
from tests.reminders.conftest import run_worker
from tests.reports.conftest import confirm_issue, docx_text, pdf_pages

MEETING = date(2015, 3, 3)


def report_of(kind, **fields):
    from saferplan.partnerships.models import Partnership

    report = new_report(
        partnership=Partnership.objects.get(slug="thanet"), kind=kind, year=2014, author=None
    )
    for name, value in fields.items():
        setattr(report, name, value)
    return report


def progress_json(by, as_at):
    out = io.StringIO()
    call_command(
        "progress",
        "--partnership",
        "thanet",
        "--year",
        "2014",
        "--by",
        by,
        "--as-at",
        as_at.isoformat(),
        "--format",
        "json",
        stdout=out,
    )
    return json.loads(out.getvalue())


def word_tables(content):
    """{caption line before the table: [[cell, ...], ...]} for each table in a Word file."""
    return [
        [[cell.text for cell in row.cells] for row in table.rows]
        for table in WordDocument(io.BytesIO(content)).tables
    ]


@pytest.mark.parametrize("by", ["priority", "issue", "agency"])
def test_progress_update_counts_equal_the_progress_command(demo, by):
    report = report_of("progress", meeting_date=MEETING)
    expected = progress_json(by, MEETING)
    content = render.to_docx(kinds.build(report))
    wanted = {
        g["name"]: [str(g["completed"]), str(g["underway"]), str(g["not_started"])]
        for g in expected["groups"]
    }
    tables = [
        t
        for t in word_tables(content)
        if t[0][:4] == [t[0][0], "Completed", "Underway", "Not started"]
    ]
    found = {row[0]: row[1:4] for table in tables for row in table[1:]}
    for name, counts in wanted.items():
        assert found[name] == counts, name
    total = expected["total"]
    sentence = (
        f"Of the plan's {total['total']} actions, {total['completed']} are completed, "
        f"{total['underway']} underway and {total['not_started']} not started."
    )
    assert sentence in docx_text(content)
    assert sentence in " ".join(pdf_pages(render.to_pdf(kinds.build(report))))


def test_progress_update_after_the_year_lists_the_actions_it_ended_with_unfinished(demo):
    report = report_of("progress", meeting_date=date(2015, 4, 15))
    as_at = progress_json("priority", date(2015, 4, 15))
    assert as_at["overdue"] == [], "nothing is overdue once the plan year has ended"
    unfinished = [
        a.code
        for a in plan_progress(Plan.objects.get(year=2014), as_at=date(2015, 4, 15)).actions
        if a.status != "completed"
    ]
    assert unfinished, "the demo should have actions unfinished on 31 March"
    text = docx_text(render.to_docx(kinds.build(report)))
    for code in unfinished:
        assert code in text
    heading = "Actions of the plan year ended 31 March 2015 and not completed"
    assert f"{heading}: {len(unfinished)}." in text
    assert "(due 31 Mar 2015, underway)" in text or "(due 31 Mar 2015, not started)" in text


def test_unpublishable_case_studies_only_in_a_restricted_report(demo):
    hidden = CaseStudy.objects.filter(plan__year=2014, publishable=False).first()
    shown = CaseStudy.objects.filter(plan__year=2014, publishable=True).first()
    unrestricted = docx_text(render.to_docx(kinds.build(report_of("progress"))))
    assert shown.title in unrestricted and hidden.title not in unrestricted
    restricted = report_of("progress", classification="restricted")
    assert hidden.title in docx_text(render.to_docx(kinds.build(restricted)))


def test_end_of_year_gives_each_actions_final_status_and_the_grant_outturn(demo):
    report = report_of("end-of-year")
    document = kinds.build(report)
    text = docx_text(render.to_docx(document))
    plan = Plan.objects.get(partnership__slug="thanet", year=2014)
    headings = [s.heading for s in document.sections]
    for priority in plan.priorities.all():
        assert f"Priority {priority.number}: {priority.title}" in headings
    for action in kinds.selectors.plan_progress(plan, as_at=plan.ends).actions:
        assert action.code in text and (action.last_note or "") in text
    _, total = grant_figures(Grant.objects.get(partnership__slug="thanet", year=2014))
    assert f"£{total.spent:,.2f}" in text and f"£{total.forecast:,.2f}" in text


def test_scrutiny_summary_fits_on_two_pages_and_names_every_agency(demo):
    document = kinds.build(report_of("scrutiny"))
    pages = pdf_pages(render.to_pdf(document))
    assert len(pages) <= 2
    by_agency = progress_json("agency", date(2015, 3, 31))
    text = " ".join(pages)
    for group in by_agency["groups"]:
        if group["total"]:
            assert group["name"] in text


def test_cover_report_names_the_corporate_priorities_the_plan_serves(demo):
    from saferplan.reports.models import Report

    cover = Report.objects.get(partnership__slug="thanet", kind="cover")
    corporate = kinds.build(cover).sections[3].subsections[2]
    assert corporate.number == "4.3" and corporate.heading == "Corporate"
    text = corporate.blocks[0].text
    assert "priority 4 'To make our district a safer place to live'" in text
    assert "priority 10 'To influence the work of other agencies" in text


def test_a_year_with_no_plan_says_what_to_do_and_issues_nothing(demo, client):
    from saferplan.partnerships.models import Person
    from saferplan.reports.models import IssuedReport

    with pytest.raises(CommandError, match="has no plan for 2019-20: record the plan first"):
        call_command(
            "report",
            "progress",
            "--partnership",
            "thanet",
            "--year",
            "2019",
            "--format",
            "pdf",
            "--out",
            "/tmp/never.pdf",
        )
    issued_before = IssuedReport.objects.count()
    report = report_of("progress", year=2019)
    report.save()
    client.force_login(Person.objects.get(email="coordinator@thanet.example"))
    page = client.get(f"/p/thanet/reports/{report.pk}/").content.decode()
    assert "has no plan for 2019-20" in page
    response = confirm_issue(client, report)
    run_worker()
    job = client.get(response.url).content.decode()
    assert "Nothing was issued" in job and "has no plan for 2019-20" in job
    assert IssuedReport.objects.count() == issued_before
