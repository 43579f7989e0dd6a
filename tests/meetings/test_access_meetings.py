"""Access matrix rows for meetings: coordinators edit; members and officers read (and see their own
attendance); the public pages show only unrestricted items of published, public meetings; the
calendar feed answers to its secret address; other partnerships get 404."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from saferplan.meetings.models import (
    AgendaItem,
    Attendance,
    CalendarFeed,
    Committee,
    CommitteeMember,
    Meeting,
    Recommendation,
    TermsOfReference,
    Topic,
)
from saferplan.plans.models import Comment
from tests.access_matrix import LOGIN, PERSONAS, check_action, check_page, sign_in_as

READ = [200, 200, 200, 200, 404, LOGIN]
EDIT = [200, 403, 403, 403, 404, LOGIN]
NOBODY = [
    404,
    404,
    404,
    404,
    404,
    LOGIN,
]  # another partnership's object, or a partnership not theirs
CANTERBURY = [404, 404, 404, 404, 200, LOGIN]
PUBLIC = [200, 200, 200, 200, 200, 200]
OPENS = [302, 302, 302, 302, 404, LOGIN]
NOT_PUBLIC = [404, 404, 404, 404, 404, 404]

M = "/p/thanet/meetings"

# path, then the expected response per persona in PERSONAS order:
# coordinator, police_officer, council_officer, councillor, outsider, anon
PAGES = [
    (f"{M}/", READ),
    ("/p/canterbury/meetings/", CANTERBURY),
    ("/p/nowhere/meetings/", NOBODY),
    (f"{M}/committees/new/", EDIT),
    (f"{M}/committees/{{committee}}/", READ),
    (f"{M}/committees/{{canterbury_committee}}/", NOBODY),
    (f"{M}/committees/{{committee}}/edit/", EDIT),
    (f"{M}/committees/{{committee}}/members/new/", EDIT),
    (f"{M}/committees/{{committee}}/terms/new/", EDIT),
    (f"{M}/terms/{{terms}}/", READ),
    (f"{M}/terms/{{terms}}/edit/", EDIT),
    (f"{M}/terms/{{terms}}/topics/new/", EDIT),
    (f"{M}/topics/{{topic}}/edit/", EDIT),
    (f"{M}/new/", EDIT),
    (f"{M}/{{meeting}}/", READ),
    (f"{M}/{{private_meeting}}/", READ),
    (f"{M}/{{canterbury_meeting}}/", NOBODY),
    ("/p/canterbury/meetings/{meeting}/", NOBODY),
    (f"{M}/{{meeting}}/edit/", EDIT),
    (f"{M}/{{meeting}}/attendance/", EDIT),
    (f"{M}/{{meeting}}/items/new/", EDIT),
    (f"{M}/items/{{item}}/edit/", EDIT),
    (f"{M}/items/{{canterbury_item}}/edit/", [404, 403, 403, 403, 404, LOGIN]),
    (f"{M}/items/{{item}}/papers/new/", EDIT),
    (f"{M}/items/{{item}}/papers/link/", EDIT),
    (f"{M}/items/{{canterbury_item}}/papers/link/", [404, 403, 403, 403, 404, LOGIN]),
    (f"{M}/items/{{item}}/recommendations/new/", EDIT),
    (f"{M}/papers/{{paper}}/", READ),
    (f"{M}/papers/{{restricted_paper}}/", READ),
    (f"{M}/papers/{{canterbury_paper}}/", NOBODY),
    # A plan paper opens the plan's page; an issued report's, its PDF in the reports app.
    (f"{M}/papers/{{plan_paper}}/", OPENS),
    (f"{M}/papers/{{issued_paper}}/", OPENS),
    (f"{M}/papers/{{canterbury_issued_paper}}/", NOBODY),
    (f"{M}/recommendations/", READ),
    (f"{M}/recommendations/?status=outstanding&overdue=on", READ),
    (f"{M}/recommendations/{{recommendation}}/", READ),
    (f"{M}/attendance/", READ),
    (f"{M}/calendar/", READ),
    # The feed answers to its secret address, whoever asks; the address is the councillor's.
    (f"{M}/calendar/{{token}}.ics", PUBLIC),
    ("/p/canterbury/meetings/calendar/{token}.ics", NOT_PUBLIC),
    (f"{M}/calendar/not-a-token.ics", NOT_PUBLIC),
    (f"{M}/public/", PUBLIC),
    ("/p/nowhere/meetings/public/", NOT_PUBLIC),
    (f"{M}/public/{{meeting}}/", PUBLIC),
    (f"{M}/public/{{private_meeting}}/", NOT_PUBLIC),
    (f"{M}/public/{{canterbury_meeting}}/", NOT_PUBLIC),
    (f"{M}/public/papers/{{paper}}/", PUBLIC),
    (f"{M}/public/papers/{{restricted_paper}}/", NOT_PUBLIC),
    (f"{M}/public/papers/{{canterbury_paper}}/", NOT_PUBLIC),
    (f"{M}/public/papers/{{plan_paper}}/", PUBLIC),
    (f"{M}/public/papers/{{draft_plan_paper}}/", NOT_PUBLIC),
    (f"{M}/public/papers/{{issued_paper}}/", PUBLIC),
    (f"{M}/public/papers/{{restricted_issued_paper}}/", NOT_PUBLIC),
    (f"{M}/public/papers/{{canterbury_issued_paper}}/", NOT_PUBLIC),
]

DONE = [302, 403, 403, 403, 404, LOGIN]
REFUSED = [200, 403, 403, 403, 404, LOGIN]  # the coordinator's form says what is wrong

# path, data, expected per persona, and what is true once the action has been done
ACTIONS = [
    (
        f"{M}/committees/new/",
        {"name": "Partnership Board", "kind": "board"},
        DONE,
        lambda w, m: Committee.objects.filter(name="Partnership Board").exists(),
    ),
    (
        f"{M}/committees/{{committee}}/edit/",
        {"name": "Working Party", "kind": "working_party", "meets_in_public": "on"},
        DONE,
        lambda w, m: Committee.objects.filter(name="Working Party").exists(),
    ),
    (
        f"{M}/committees/{{committee}}/members/new/",
        {"person": "{police_officer}", "capacity": "officer"},
        DONE,
        lambda w, m: m.committee.members.filter(person=w.police_officer).exists(),
    ),
    (
        f"{M}/committees/{{committee}}/members/{{member}}/remove/",
        {},
        DONE,
        lambda w, m: not CommitteeMember.objects.filter(pk=m.member.pk).exists(),
    ),
    (
        f"{M}/committees/{{committee}}/members/{{member}}/chair/",
        {},
        DONE,
        None,
    ),
    (
        f"{M}/committees/{{committee}}/terms/new/",
        {"year": "2015", "text": "Oversee the 2015-16 plan."},
        DONE,
        lambda w, m: TermsOfReference.objects.filter(year=2015).exists(),
    ),
    (
        f"{M}/terms/{{terms}}/edit/",
        {"year": "2014", "text": "Changed text."},
        DONE,
        lambda w, m: TermsOfReference.objects.get(pk=m.terms.pk).text == "Changed text.",
    ),
    (
        f"{M}/terms/{{terms}}/topics/new/",
        {"title": "Road safety"},
        DONE,
        lambda w, m: Topic.objects.filter(title="Road safety").exists(),
    ),
    (
        f"{M}/topics/{{topic}}/edit/",
        {"title": "Renamed topic"},
        DONE,
        lambda w, m: Topic.objects.filter(title="Renamed topic").exists(),
    ),
    (
        f"{M}/new/",
        {
            "committee": "{committee}",
            "date": "2015-06-16",
            "starts": "19:00",
            "place": "Margate",
            "status": "scheduled",
            "agenda_status": "draft",
        },
        DONE,
        lambda w, m: Meeting.objects.filter(date="2015-06-16").exists(),
    ),
    (
        f"{M}/{{meeting}}/edit/",
        {
            "committee": "{committee}",
            "date": "2015-03-04",
            "starts": "19:00",
            "place": "Margate",
            "status": "held",
            "agenda_status": "published",
        },
        DONE,
        lambda w, m: Meeting.objects.filter(date="2015-03-04").exists(),
    ),
    (
        f"{M}/{{meeting}}/attendance/",
        {"also_present": "{police_officer}"},
        DONE,
        lambda w, m: Attendance.objects.filter(person=w.police_officer).exists(),
    ),
    (
        f"{M}/{{meeting}}/items/new/",
        {
            "position": "3",
            "title": "Any other business",
            "purpose": "information",
            "classification": "unrestricted",
        },
        DONE,
        lambda w, m: AgendaItem.objects.filter(title="Any other business").exists(),
    ),
    (
        f"{M}/items/{{item}}/edit/",
        {
            "position": "1",
            "title": "Draft plan",
            "purpose": "decision",
            "classification": "unrestricted",
            "notes": "Changed.",
        },
        DONE,
        lambda w, m: AgendaItem.objects.get(pk=m.item.pk).notes == "Changed.",
    ),
    (
        f"{M}/items/{{item}}/recommendations/new/",
        {"kind": "decision", "text": "To note the updates."},
        DONE,
        lambda w, m: Recommendation.objects.filter(text="To note the updates.").exists(),
    ),
    (
        f"{M}/recommendations/{{recommendation}}/",
        {"status": "accepted", "response": "Agreed."},
        DONE,
        lambda w, m: Recommendation.objects.get(pk=m.recommendation.pk).status == "accepted",
    ),
    (
        f"{M}/items/{{item}}/recommendations/new/",
        {"kind": "plan", "text": "To amend the plan.", "made_to": "partnership", "plan": "{plan}"},
        DONE,
        lambda w, m: Comment.objects.filter(body="To amend the plan.").exists(),
    ),
    (
        f"{M}/items/{{item}}/recommendations/new/",
        {
            "kind": "plan",
            "text": "To amend their plan.",
            "made_to": "partnership",
            "plan": "{canterbury_plan}",
        },
        REFUSED,
        lambda w, m: Recommendation.objects.filter(text="To amend their plan.").exists(),
    ),
    (
        f"{M}/items/{{restricted_item}}/papers/link/",
        {"plan": "{draft_plan}"},
        DONE,
        lambda w, m: m.restricted_item.papers.filter(plan__year=2016).exists(),
    ),
    (
        f"{M}/items/{{restricted_item}}/papers/link/",
        {"issued_report": "{canterbury_issued}"},
        REFUSED,
        lambda w, m: m.restricted_item.papers.filter(issued_report__isnull=False).exists(),
    ),
    (
        f"{M}/items/{{canterbury_item}}/recommendations/new/",
        {"kind": "decision", "text": "Across partnerships."},
        [404, 403, 403, 403, 404, LOGIN],
        lambda w, m: Recommendation.objects.filter(text="Across partnerships.").exists(),
    ),
    (
        f"{M}/calendar/address/",
        {},
        [302, 302, 302, 302, 404, LOGIN],
        None,
    ),
    (
        "/p/canterbury/meetings/calendar/address/",
        {},
        [404, 404, 404, 404, 302, LOGIN],
        None,
    ),
]


def ids_of(world, meetings, links):
    token = CalendarFeed.objects.get_or_create(person=world.councillor)[0].token
    return {
        "committee": meetings.committee.pk,
        "canterbury_committee": meetings.canterbury_meeting.committee_id,
        "member": meetings.member.pk,
        "terms": meetings.terms.pk,
        "topic": meetings.topic.pk,
        "meeting": meetings.meeting.pk,
        "private_meeting": meetings.private_meeting.pk,
        "canterbury_meeting": meetings.canterbury_meeting.pk,
        "item": meetings.item.pk,
        "canterbury_item": meetings.canterbury_item.pk,
        "paper": meetings.paper.pk,
        "restricted_paper": meetings.restricted_paper.pk,
        "canterbury_paper": meetings.canterbury_paper.pk,
        "recommendation": meetings.recommendation.pk,
        "police_officer": world.police_officer.pk,
        "token": token,
        "restricted_item": meetings.restricted_item.pk,
        "plan": links.consultation.pk,
        "draft_plan": links.draft.pk,
        "canterbury_plan": links.canterbury_plan.pk,
        "canterbury_issued": links.canterbury_issued.pk,
        "plan_paper": links.consultation_paper.pk,
        "draft_plan_paper": links.draft_paper.pk,
        "issued_paper": links.issued_paper.pk,
        "restricted_issued_paper": links.restricted_issued_paper.pk,
        "canterbury_issued_paper": links.canterbury_issued_paper.pk,
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("path", "expected"), PAGES, ids=[row[0] for row in PAGES])
def test_page(client, world, meetings, links, persona, path, expected):
    check_page(client, world, persona, path, expected, ids_of(world, meetings, links))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("path", "data", "expected", "changed"), ACTIONS, ids=[row[0] for row in ACTIONS]
)
def test_action(client, world, meetings, links, persona, path, data, expected, changed):
    check = None if changed is None else (lambda w: changed(w, meetings))
    ids = ids_of(world, meetings, links)
    check_action(client, world, persona, path, data, expected, ids, check)


@pytest.mark.parametrize(
    ("persona", "expected"), list(zip(PERSONAS, DONE, strict=True)), ids=PERSONAS
)
def test_upload_paper(client, world, meetings, persona, expected):
    sign_in_as(client, world, persona)
    upload = SimpleUploadedFile("slides.pdf", b"%PDF-1.4 sample", "application/pdf")
    response = client.post(
        f"{M}/items/{meetings.item.pk}/papers/new/",
        {"title": "Slides", "kind": "presentation", "file": upload},
    )
    if expected == LOGIN:
        assert response.status_code == 302 and "/account/sign-in/" in response.url
    else:
        assert response.status_code == expected
    uploaded = meetings.item.papers.filter(title="Slides").exists()
    assert uploaded == (expected == 302 and persona != "anon")
