"""Issuing freezes a report: what it quoted never changes; issuing again makes a new version.
It asks first, then the worker makes the version while its page shows how far it has got."""

import io
import sys
from decimal import Decimal

from django.core.management import call_command

from saferplan.funding.models import Grant
from saferplan.jobs import runner
from saferplan.jobs.models import Job
from saferplan.reports import render
from saferplan.reports.models import IssuedReport
from tests.reminders.conftest import run_worker
from tests.reports.conftest import confirm_issue, docx_text, issued_link, pdf_pages


def issue(client, world_person, cover):
    """Confirm the issue, let the worker make it; the job's page, which the person follows."""
    client.force_login(world_person)
    response = confirm_issue(client, cover)
    run_worker()
    return client.get(response.url)


def coordinator():
    from saferplan.partnerships.models import Person

    return Person.objects.get(email="coordinator@thanet.example")


def test_an_issued_report_keeps_its_figures_when_the_data_changes(client, cover):
    page = issue(client, coordinator(), cover).content.decode()
    first = IssuedReport.objects.get(report=cover)
    assert issued_link(page) == f"/p/thanet/reports/issued/{first.pk}/"
    assert "£34,317" in first.html

    Grant.objects.filter(partnership=cover.partnership).update(amount=Decimal("40000"))
    page = client.get(f"/p/thanet/reports/issued/{first.pk}/").content.decode()
    assert "£34,317" in page and "£40,000" not in page
    word = client.get(f"/p/thanet/reports/issued/{first.pk}/report.docx")
    assert "£34,317" in docx_text(b"".join(word.streaming_content))
    pdf = client.get(f"/p/thanet/reports/issued/{first.pk}/report.pdf")
    assert "£34,317" in " ".join(pdf_pages(b"".join(pdf.streaming_content)))

    issue(client, coordinator(), cover)
    second = IssuedReport.objects.get(report=cover, version=2)
    assert "£40,000" in second.html
    first.refresh_from_db()
    assert "£34,317" in first.html


def test_the_list_shows_each_issue_with_date_meeting_author_and_version(client, cover):
    client.force_login(coordinator())
    listed_before = client.get("/p/thanet/reports/").content.decode().count("/report.docx")
    issue(client, coordinator(), cover)
    issue(client, coordinator(), cover)
    page = client.get("/p/thanet/reports/").content.decode()
    assert page.count("/report.docx") == listed_before + 2
    assert "Community Safety Working Party – 3 March 2015" in page  # its To line, as issued
    assert "<td>2</td>" in page and "<td>1</td>" in page


def test_nothing_is_stored_when_the_pdf_cannot_be_made(client, cover, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    message = issue(client, coordinator(), cover).content.decode()
    assert not cover.issues.exists()
    assert "Stopped with a problem" in message
    assert "Nothing was issued" in message and "libpango" in message
    assert "See the result" not in message


def test_command_writes_each_format(cover, tmp_path):
    for file_format in ["html", "docx", "pdf"]:
        out = tmp_path / f"cover.{file_format}"
        call_command(
            "report",
            "cover",
            "--partnership",
            "thanet",
            "--year",
            "2014",
            "--format",
            file_format,
            "--out",
            str(out),
            stdout=io.StringIO(),
        )
        assert out.stat().st_size > 1000
    assert "£34,317" in docx_text((tmp_path / "cover.docx").read_bytes())


def test_issuing_asks_first_then_shows_the_version_being_made_until_it_is(client, cover):
    client.force_login(coordinator())
    report_page = client.get(f"/p/thanet/reports/{cover.pk}/").content.decode()
    issue_url = f"/p/thanet/reports/{cover.pk}/issue/"
    assert f'<a class="sp-button" href="{issue_url}">Issue version 1</a>' in report_page
    asking = client.get(issue_url).content.decode()
    assert "Issuing cannot be undone." in asking and "never change afterwards" in asking
    assert "Issue version 1</button>" in asking
    assert not cover.issues.exists(), "asking issues nothing"

    response = client.post(issue_url, {"version": "1"})
    job = Job.objects.get()
    assert response.url == f"/p/thanet/jobs/{job.pk}/?follow=on"
    waiting = client.get(response.url).content.decode()
    assert "Waiting to start" in waiting
    assert f"Issue {cover.title}, version 1" in waiting
    assert '<meta http-equiv="refresh" content="5">' in waiting, "it updates by itself"
    assert not cover.issues.exists()

    run_worker()
    done = client.get(response.url).content.decode()
    issued = cover.issues.get()
    assert "Finished" in done and "http-equiv" not in done
    assert f"Issued {issued}. It will not change, whatever happens to the data." in done
    assert issued_link(done) == f"/p/thanet/reports/issued/{issued.pk}/"
    assert "5 of 5 steps (100%)" in done
    assert issued.issued_by == coordinator()


def test_a_running_issue_says_which_step_it_is_at(client, cover, monkeypatch):
    """What the page reads while the worker writes the PDF: the step and how far."""
    seen = []

    def to_pdf_while_looking(document):
        job = Job.objects.get()
        seen.append((job.status, job.done, job.total, job.message))
        return b"%PDF-1.4"

    monkeypatch.setattr(render, "to_pdf", to_pdf_while_looking)
    monkeypatch.setattr(runner, "PROGRESS_EVERY_SECONDS", 0)
    client.force_login(coordinator())
    confirm_issue(client, cover)
    run_worker()
    assert seen == [(Job.Status.RUNNING, 3, 5, "Writing the PDF…")]


def test_a_double_click_issues_one_version(client, cover):
    """Both presses confirm version 1: the second job finds it made and issues nothing."""
    client.force_login(coordinator())
    first = client.post(f"/p/thanet/reports/{cover.pk}/issue/", {"version": "1"})
    second = client.post(f"/p/thanet/reports/{cover.pk}/issue/", {"version": "1"})
    run_worker()
    assert [issued.version for issued in cover.issues.all()] == [1]
    assert "Finished" in client.get(first.url).content.decode()
    refused = client.get(second.url).content.decode()
    assert "Stopped with a problem" in refused
    assert f"Nothing was issued. Version 1 of {cover.title} has been issued already." in refused


def test_confirming_a_version_issued_since_makes_nothing(client, cover):
    """The confirmation page was read before a colleague issued: pressing it later is refused."""
    issue(client, coordinator(), cover)
    response = client.post(f"/p/thanet/reports/{cover.pk}/issue/", {"version": "1"}, follow=True)
    page = response.content.decode()
    assert "The report was issued again since you asked: version 2 would be next." in page
    assert cover.issues.count() == 1 and Job.objects.count() == 1
