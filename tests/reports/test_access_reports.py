"""Access matrix rows for reports: coordinators write and issue; the partnership reads, but a
member (a councillor) reads only issued reports, never a draft."""

import pytest
from django.core.files.base import ContentFile

from saferplan.jobs.models import Job
from saferplan.reports import kinds
from saferplan.reports.models import IssuedReport, Report
from tests.access_matrix import LOGIN, PERSONAS, check_action, check_page
from tests.reports.conftest import form_data

R = "/p/thanet/reports/"
READ = [200, 200, 200, 200, 404, LOGIN]
WRITE = [200, 403, 403, 403, 404, LOGIN]
# A draft is not for members: a councillor reads a report once it is issued.
DRAFT = [200, 200, 200, 404, 404, LOGIN]

# coordinator, police_officer, council_officer, councillor, outsider, anon
PAGES = [
    (R, READ),
    (R + "new/", WRITE),
    (R + "new/?kind=cover&year=2014", WRITE),
    (R + "{report}/", DRAFT),
    (R + "{report}/edit/", WRITE),
    (R + "{report}/issue/", WRITE),  # asks first
    (R + "{report}/draft.docx", DRAFT),
    (R + "{report}/draft.pdf", DRAFT),
    (R + "issued/{issued}/", READ),
    (R + "issued/{issued}/report.docx", READ),
    (R + "issued/{issued}/report.pdf", READ),
    ("/p/canterbury/reports/{report}/", [404, 404, 404, 404, 404, LOGIN]),
]

ACTIONS = [
    (
        R + "{report}/issue/",
        {"version": "2"},
        [302, 403, 403, 403, 404, LOGIN],
        # The worker makes the version: the job that will is queued.
        lambda world: Job.objects.filter(title="Issue Update, version 2").exists(),
    ),
    (
        R + "{report}/edit/",
        form_data(title="Changed"),
        [302, 403, 403, 403, 404, LOGIN],
        lambda world: Report.objects.filter(title="Changed").exists(),
    ),
]


@pytest.fixture
def ids(world):
    report = Report.objects.create(
        partnership=world.thanet,
        kind="cover",
        year=2014,
        title="Update",
        author="Alice",
    )
    content = kinds.build(report).as_json()
    issued = IssuedReport(report=report, version=1, content=content, html="<p>Issued</p>")
    issued.docx.save("report.docx", ContentFile(b"docx"), save=False)
    issued.pdf.save("report.pdf", ContentFile(b"pdf"), save=False)
    issued.save()
    return {"report": report.pk, "issued": issued.pk}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("path", "expected"), PAGES, ids=[row[0] for row in PAGES])
def test_page(client, world, ids, persona, path, expected):
    check_page(client, world, persona, path, expected, ids)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("path", "data", "expected", "changed"), ACTIONS, ids=[row[0] for row in ACTIONS]
)
def test_action(client, world, ids, persona, path, data, expected, changed):
    check_action(client, world, persona, path, data, expected, ids, changed)


def test_a_councillor_reads_issued_reports_but_no_draft_anywhere(client, world, ids):
    Report.objects.create(
        partnership=world.thanet, kind="progress", year=2014, title="Not issued yet", author="A"
    )
    client.force_login(world.councillor)
    listed = client.get(R).content.decode()
    assert f'href="{R}issued/{ids["issued"]}/"' in listed
    assert "Not issued yet" not in listed and "Drafts" not in listed
    assert f'href="{R}{ids["report"]}/"' not in listed
    issued = client.get(f"{R}issued/{ids['issued']}/").content.decode()
    assert "Issued" in issued and "The draft it came from" not in issued

    client.force_login(world.council_officer)
    listed = client.get(R).content.decode()
    assert "Not issued yet" in listed
    assert "The draft it came from" in client.get(f"{R}issued/{ids['issued']}/").content.decode()


def test_a_councillor_reads_an_issued_version_as_issued_not_the_next_draft(client, world, ids):
    """The draft of the next version is being written on the same report: its new title, meeting
    and author are the draft's, not yet issued."""
    Report.objects.filter(pk=ids["report"]).update(
        title="Operation Nightjar in Cliftonville",
        committee="Cabinet",
        author="Bob Police",
        classification=Report.Classification.RESTRICTED,
    )
    client.force_login(world.councillor)
    listed = client.get(R).content.decode()
    issued = client.get(f"{R}issued/{ids['issued']}/").content.decode()
    for page in [listed, issued]:
        assert "Nightjar" not in page and "Cabinet" not in page and "Bob Police" not in page
    assert ">Update</a>" in listed and "Unrestricted" in listed and "Restricted" not in listed
    assert "<title>Update, version 1" in issued
