"""Committees, meetings and their agendas: items, papers, attendance and notes."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from saferplan.meetings.models import AgendaItem, Attendance, CommitteeMember, Meeting, Paper

from .conftest import make_meeting

M = "/p/thanet/meetings"


def item_data(item, **changes):
    data = {
        "position": item.position,
        "title": item.title,
        "presenter": item.presenter,
        "purpose": item.purpose,
        "classification": item.classification,
        "restriction_reason": item.restriction_reason,
        "notes": item.notes,
        "papers": [paper.pk for paper in item.papers.all()],
    }
    return {**data, **changes}


def test_an_item_cannot_link_a_paper_of_another_partnership(client, world, meetings):
    client.force_login(world.coordinator)
    item = meetings.item
    data = item_data(
        item, title="Changed title", papers=[meetings.paper.pk, meetings.canterbury_paper.pk]
    )
    response = client.post(f"{M}/items/{item.pk}/edit/", data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert f"Paper {meetings.canterbury_paper.pk} is not a paper of this partnership" in page
    # Nothing of the other partnership's paper is shown, and nothing is saved.
    assert "Canterbury statistics paper" not in page
    item.refresh_from_db()
    assert item.title == "Draft Community Safety Plan 2015-16"
    assert list(item.papers.all()) == [meetings.paper]


def test_link_papers_refuses_a_foreign_paper_whoever_calls_it(meetings):
    with pytest.raises(ValidationError, match="not a paper of this partnership"):
        meetings.item.link_papers([meetings.paper, meetings.canterbury_paper])
    assert list(meetings.item.papers.all()) == [meetings.paper]


def test_items_link_papers_already_uploaded_and_history_records_it(client, world, meetings):
    client.force_login(world.coordinator)
    item = meetings.item
    data = item_data(item, papers=[meetings.paper.pk, meetings.restricted_paper.pk])
    assert client.post(f"{M}/items/{item.pk}/edit/", data).status_code == 302
    assert set(item.papers.all()) == {meetings.paper, meetings.restricted_paper}
    latest = item.history.latest()
    assert {p.paper_id for p in latest.papers.all()} == {
        meetings.paper.pk,
        meetings.restricted_paper.pk,
    }


def test_a_restricted_item_must_say_why_and_keeps_what_was_typed(client, world, meetings):
    client.force_login(world.coordinator)
    data = {
        "position": 3,
        "title": "Named offender review",
        "purpose": "decision",
        "classification": "restricted",
        "restriction_reason": "",
        "notes": "Typed notes",
    }
    response = client.post(f"{M}/{meetings.meeting.pk}/items/new/", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Say why the item is restricted" in page
    assert 'value="Named offender review"' in page and "Typed notes" in page
    assert not AgendaItem.objects.filter(title="Named offender review").exists()


def test_an_item_number_is_used_once_per_agenda(client, world, meetings):
    client.force_login(world.coordinator)
    data = {"position": 1, "title": "Again", "purpose": "information"}
    data["classification"] = "unrestricted"
    response = client.post(f"{M}/{meetings.meeting.pk}/items/new/", data)
    assert "Item 1 already exists on this agenda." in response.content.decode()
    # The next free number is offered.
    form = client.get(f"{M}/{meetings.meeting.pk}/items/new/").context["form"]
    assert form.initial["position"] == 3


def test_an_item_takes_only_a_topic_of_its_committee_and_year(client, world, meetings):
    client.force_login(world.coordinator)
    later = make_meeting(meetings.committee, date(2015, 6, 16))
    data = {"position": 1, "title": "Plan", "purpose": "information", "topic": meetings.topic.pk}
    data["classification"] = "unrestricted"
    response = client.post(f"{M}/{later.pk}/items/new/", data)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not later.items.exists()


def upload(client, item, name, content, **data):
    data = {"title": "Slides", "kind": "presentation", **data}
    data["file"] = SimpleUploadedFile(name, content)
    return client.post(f"{M}/items/{item.pk}/papers/new/", data)


def test_an_uploaded_paper_is_put_on_the_item_and_downloaded_whole(client, world, meetings):
    client.force_login(world.coordinator)
    content = b"%PDF-1.4 the draft plan slides"
    assert upload(client, meetings.item, "slides.pdf", content).status_code == 302
    paper = meetings.item.papers.get(title="Slides")
    assert (paper.partnership, paper.uploaded_by) == (world.thanet, world.coordinator)
    client.force_login(world.councillor)
    response = client.get(f"{M}/papers/{paper.pk}/")
    assert b"".join(response.streaming_content) == content
    assert 'filename="slides.pdf"' in response["Content-Disposition"]


def test_two_uploads_of_one_name_do_not_share_an_address(world, meetings):
    first = Paper.objects.create(
        partnership=world.thanet, title="A", kind="report", file=SimpleUploadedFile("x.pdf", b"1")
    )
    second = Paper.objects.create(
        partnership=world.thanet, title="B", kind="report", file=SimpleUploadedFile("x.pdf", b"2")
    )
    assert first.file.name != second.file.name
    assert first.filename == second.filename == "x.pdf"


@pytest.mark.parametrize(
    ("name", "size", "error"),
    [
        ("run.exe", 10, "File extension “exe” is not allowed"),
        ("big.pdf", 20 * 1024 * 1024 + 1, "The file is larger than 20 MB."),
    ],
)
def test_a_bad_upload_is_refused(client, world, meetings, name, size, error):
    client.force_login(world.coordinator)
    response = upload(client, meetings.item, name, b"0" * size)
    assert response.status_code == 200 and error in response.content.decode()
    assert not Paper.objects.filter(title="Slides").exists()


def test_a_paper_far_too_large_is_refused_before_it_is_read(client, world, meetings):
    client.force_login(world.coordinator)
    response = upload(client, meetings.item, "huge.pdf", b"0" * 30 * 1024 * 1024)
    assert response.status_code == 413
    assert "This page takes files of up to 20 MB in all." in response.content.decode()
    assert not Paper.objects.filter(title="Slides").exists()


def meeting_data(meeting, **changes):
    data = {
        "committee": meeting.committee_id,
        "date": meeting.date.isoformat(),
        "starts": "19:00",
        "ends": "21:00",
        "place": meeting.place,
        "status": meeting.status,
        "agenda_status": meeting.agenda_status,
    }
    return {**data, **changes}


def test_a_meeting_in_the_past_with_a_draft_agenda_is_fine(client, world, meetings, time_machine):
    time_machine.move_to(date(2015, 7, 1))
    client.force_login(world.coordinator)
    data = meeting_data(meetings.meeting, date="2015-01-20", agenda_status="draft")
    data["status"] = "scheduled"
    response = client.post(f"{M}/new/", data)
    assert response.status_code == 302
    assert Meeting.objects.filter(date="2015-01-20", agenda_status="draft").exists()


def test_a_meeting_ends_after_it_starts(client, world, meetings):
    client.force_login(world.coordinator)
    response = client.post(
        f"{M}/{meetings.meeting.pk}/edit/",
        meeting_data(meetings.meeting, ends="18:00", place="Typed place"),
    )
    page = response.content.decode()
    assert "The end time must be after the start time." in page and "Typed place" in page
    meetings.meeting.refresh_from_db()
    assert meetings.meeting.place == "Council Chamber, Margate"


def test_a_meeting_of_another_partnerships_committee_is_refused(client, world, meetings):
    client.force_login(world.coordinator)
    data = meeting_data(meetings.meeting, committee=meetings.canterbury_meeting.committee_id)
    data["date"] = "2015-05-05"
    response = client.post(f"{M}/new/", data)
    assert "Select a valid choice" in response.content.decode()
    assert not Meeting.objects.filter(date="2015-05-05").exists()


def test_attendance_is_recorded_and_each_person_sees_their_own(client, world, meetings):
    client.force_login(world.coordinator)
    councillor = f"person_{world.councillor.pk}"
    data = {councillor: "apologies", "also_present": world.police_officer.pk}
    assert client.post(f"{M}/{meetings.meeting.pk}/attendance/", data).status_code == 302
    recorded = dict(meetings.meeting.attendance.values_list("person__name", "status"))
    assert recorded == {"Cllr Dee": "apologies", "Bob Police": "present"}
    # Setting someone back to "not recorded" removes their row.
    data = {councillor: "", f"person_{world.police_officer.pk}": "present"}
    client.post(f"{M}/{meetings.meeting.pk}/attendance/", data)
    assert list(meetings.meeting.attendance.values_list("person__name", flat=True)) == [
        "Bob Police"
    ]
    client.force_login(world.police_officer)
    page = client.get(f"{M}/{meetings.meeting.pk}/").content.decode()
    assert "Your attendance" in page and "Bob Police (you)" in page
    mine = client.get(f"{M}/attendance/")
    assert [a.person for a in mine.context["records"]] == [world.police_officer]
    assert "Present at <strong>1 of 1</strong>" in mine.content.decode()


def test_own_attendance_lists_only_this_partnership(client, world, meetings):
    Attendance.objects.create(meeting=meetings.meeting, person=world.councillor, status="present")
    Attendance.objects.create(
        meeting=meetings.canterbury_meeting, person=world.councillor, status="absent"
    )
    client.force_login(world.councillor)
    records = client.get(f"{M}/attendance/").context["records"]
    assert [r.meeting for r in records] == [meetings.meeting]


def test_a_committee_has_one_chair(client, world, meetings):
    client.force_login(world.coordinator)
    data = {"person": world.council_officer.pk, "capacity": "officer", "is_chair": "on"}
    response = client.post(f"{M}/committees/{meetings.committee.pk}/members/new/", data)
    assert response.status_code == 302
    chairs = CommitteeMember.objects.filter(committee=meetings.committee, is_chair=True)
    assert [m.person for m in chairs] == [world.council_officer]
    client.post(f"{M}/committees/{meetings.committee.pk}/members/{meetings.member.pk}/chair/")
    assert [m.person for m in chairs.all()] == [world.councillor]


def test_only_people_of_the_partnership_can_be_members(client, world, meetings):
    client.force_login(world.coordinator)
    data = {"person": world.outsider.pk, "capacity": "officer"}
    response = client.post(f"{M}/committees/{meetings.committee.pk}/members/new/", data)
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not meetings.committee.members.filter(person=world.outsider).exists()


def test_committee_names_are_unique_in_a_partnership(client, world, meetings):
    client.force_login(world.coordinator)
    data = {"name": "community safety working party", "kind": "other"}
    response = client.post(f"{M}/committees/new/", data)
    assert "already has a committee of this name" in response.content.decode()
