"""The home page: what needs each person, in each partnership, by their role there.

Thanet's Working Party cycle (tests/reminders/conftest.py): it met on 18 November 2014 and meets
on 3 March 2015, with its update deadline on 17 February. The day is 12 February 2015.
"""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferplan.funding.models import Grant, ReturnDate
from saferplan.jobs.models import Job
from saferplan.meetings.models import AgendaItem, Recommendation
from saferplan.partnerships.models import Partnership, PartnershipDistrict, Role
from saferplan.plans.models import Comment, Plan
from tests.meetings.conftest import make_meeting, make_paper
from tests.plans.conftest import at
from tests.reminders.conftest import cycle  # noqa: F401 (a fixture)

TODAY = at(2015, 2, 12, 10)


def text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def page_of(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def section(html, heading):
    """The words of a part of the home page, from its heading to the next heading."""
    rest = html[html.index(f">{heading}</h") :]
    return text(rest[: rest.index("<h", 1)] if "<h" in rest[1:] else rest)


@pytest.fixture
def waiting(world, cycle):  # noqa: F811
    """What waits for Thanet's coordinator and councillor besides the cycle's updates."""
    draft = Plan.objects.create(partnership=world.thanet, year=2015, status=Plan.Stage.CONSULTATION)
    Comment.objects.create(
        plan=draft, about="The plan", author=world.councillor, body="Add more on fly-tipping."
    )
    Comment.objects.create(
        plan=draft,
        about="The plan",
        author=world.police_officer,
        body="Answered already.",
        response=Comment.Response.NOTED,
    )
    grant = Grant.objects.create(
        partnership=world.thanet,
        funder="Kent Police and Crime Commissioner",
        year=2014,
        amount=Decimal("34317.00"),
    )
    ReturnDate.objects.create(
        grant=grant, period=ReturnDate.Period.Q3, due=datetime.date(2015, 2, 28)
    )
    ReturnDate.objects.create(
        grant=grant, period=ReturnDate.Period.YEAR, due=datetime.date(2015, 4, 30)
    )
    item = AgendaItem.objects.create(
        meeting=cycle.last_meeting, position=1, title="Street drinking", purpose="decision"
    )
    Recommendation.objects.create(
        item=item,
        number="4.1",
        kind=Recommendation.Kind.RECOMMENDATION,
        text="That the council extends the order to Ramsgate.",
        made_to=Recommendation.MadeTo.AGENCY,
        to_agency=world.council,
        due=datetime.date(2015, 2, 1),
    )
    Recommendation.objects.create(
        item=item,
        number="4.2",
        kind=Recommendation.Kind.RECOMMENDATION,
        text="That the partnership reports on CCTV in a year.",
        made_to=Recommendation.MadeTo.PARTNERSHIP,
        due=datetime.date(2015, 12, 1),
    )
    Job.objects.create(
        partnership=world.thanet,
        title="Import of thanet-plan.xlsx",
        status=Job.Status.FAILED,
    )
    papers = AgendaItem.objects.create(
        meeting=cycle.meeting, position=1, title="Progress", purpose="information"
    )
    papers.papers.add(make_paper(world.thanet, "Progress update"))
    return draft


@time_machine.travel(TODAY, tick=False)
def test_an_officer_sees_the_actions_to_update_before_the_deadline(client, world, cycle):  # noqa: F811
    client.force_login(world.police_officer)
    html = page_of(client)
    page = text(html)
    mine = section(html, "Your actions to update")
    assert "Update by Tuesday 17 February 2015" in mine
    assert "Community Safety Working Party on 3 March 2015" in mine
    assert "1.1.1 Joint patrols" in mine  # their own, as lead officer
    assert "1.1.3 CCTV review" in mine  # Kent Police's, with no lead officer's account
    assert "Designated public place order" not in mine  # the council's
    assert "Summer sports" not in mine  # the county's
    link = f'href="/p/thanet/plan/actions/{cycle.patrols.pk}/#record-progress"'
    assert link in html
    assert "Comments waiting" not in page and "Next meeting" not in page


@time_machine.travel(TODAY, tick=False)
def test_an_officer_who_has_updated_is_told_nothing_needs_them(client, world, cycle):  # noqa: F811
    client.force_login(world.council_officer)
    mine = section(page_of(client), "Your actions to update")
    assert "Nothing needs your update before this meeting." in mine


@time_machine.travel(TODAY, tick=False)
def test_a_coordinator_sees_what_waits_for_them(client, world, cycle, waiting):  # noqa: F811
    client.force_login(world.coordinator)
    html = page_of(client)
    page = text(html)
    comments = section(html, "Comments waiting for your answer")
    assert "Answer Cllr Dee's comment on The plan" in comments
    assert "Bob Police" not in comments  # answered
    updates = section(html, "Updates for the next meeting")
    assert "Kent Police: 2 actions" in updates and "Kent County Council: 1 action" in updates
    assert "Thanet District Council" not in updates  # updated since the last meeting
    assert f'href="/p/thanet/reminders/deadlines/{cycle.meeting.pk}/"' in html
    chase = section(html, "Chase list")
    assert "1 overdue, 3 with no update for over 90 days" in chase
    assert 'href="/p/thanet/plan/2014/chase/"' in html
    due = section(html, "Falling due")
    assert "Quarter 3 (October to December), due 28 February 2015" in due
    assert "The whole year" not in due  # not for 77 days
    assert "Recommendation 4.1" in due and "Overdue" in due
    assert "Recommendation 4.2" not in due
    assert "Import of thanet-plan.xlsx" in section(html, "Imports that failed")
    assert "Your actions to update" in page  # a coordinator can be a lead officer too


@time_machine.travel(TODAY, tick=False)
def test_a_councillor_sees_the_next_meeting_with_its_papers(client, world, cycle, waiting):  # noqa: F811
    client.force_login(world.councillor)
    html = page_of(client)
    page = text(html)
    meeting = section(html, "Next meeting")
    assert "Community Safety Working Party on Tuesday 3 March 2015" in meeting
    assert "Paper: Progress update" in meeting
    paper = cycle.meeting.items.get().papers.get()
    assert f'href="/p/thanet/meetings/papers/{paper.pk}/"' in html
    due_back = section(html, "Recommendations due back")
    assert "Recommendation 4.1" in due_back and "Overdue" in due_back
    assert "Your actions to update" not in page and "Chase list" not in page


@time_machine.travel(TODAY, tick=False)
def test_each_partnership_shows_only_the_parts_of_the_role_held_there(client, world, cycle):  # noqa: F811
    Role.objects.create(
        person=world.police_officer, partnership=world.canterbury, kind=Role.Kind.MEMBER
    )
    client.force_login(world.police_officer)
    page = text(page_of(client))
    # By name: Canterbury, then Thanet.
    canterbury, thanet = page.split("Thanet Community Safety Partnership", 1)
    assert "Next meeting No meeting is planned." in canterbury
    assert "Your actions to update" not in canterbury
    assert "Your actions to update" in thanet and "Joint patrols" in thanet


@time_machine.travel(TODAY, tick=False)
def test_nothing_of_another_partnership_is_shown(client, world, cycle, waiting):  # noqa: F811
    client.force_login(world.outsider)
    page = text(page_of(client))
    assert "Canterbury Community Safety Partnership" in page
    for thanet in ["Thanet", "Joint patrols", "fly-tipping", "thanet-plan", "4.1", "Progress"]:
        assert thanet not in page
    assert "Nothing needs you: every comment has its answer." in page


def test_a_person_with_no_role_is_told_to_ask(client, world):
    Role.objects.filter(person=world.councillor).delete()
    client.force_login(world.councillor)
    assert "You do not have a role in any partnership yet" in text(page_of(client))


def add_partnership(world, number):
    """Another partnership coordinated by Thanet's coordinator, with the same kinds of work."""
    partnership = Partnership.objects.create(slug=f"other-{number}", name=f"Other {number}")
    PartnershipDistrict.objects.create(partnership=partnership, code=f"E0700090{number}")
    Role.objects.create(
        person=world.coordinator, partnership=partnership, kind=Role.Kind.COORDINATOR
    )
    Role.objects.create(person=world.councillor, partnership=partnership, kind=Role.Kind.MEMBER)
    plan = Plan.objects.create(partnership=partnership, year=2014, status=Plan.Stage.ADOPTED)
    draft = Plan.objects.create(partnership=partnership, year=2015, status=Plan.Stage.CONSULTATION)
    Comment.objects.create(plan=draft, about="The plan", author=world.councillor, body="More.")
    committee = partnership.committees.create(name="Board", kind="board")
    make_meeting(committee, datetime.date(2014, 11, 1))
    meeting = make_meeting(committee, datetime.date(2015, 3, 10), status="scheduled")
    item = AgendaItem.objects.create(meeting=meeting, position=1, title="Plan", purpose="decision")
    item.papers.add(make_paper(partnership, f"Paper {number}"))
    Job.objects.create(partnership=partnership, title="Import", status=Job.Status.FAILED)
    return plan


def home_queries(client, person):
    client.force_login(person)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    return len(queries)


@time_machine.travel(TODAY, tick=False)
def test_the_home_costs_the_same_queries_for_one_partnership_or_several(
    client,
    world,
    cycle,  # noqa: F811
    waiting,
    django_assert_max_num_queries,
):
    one = {person: home_queries(client, person) for person in (world.coordinator, world.councillor)}
    for number in range(1, 4):
        add_partnership(world, number)
    for person, queries in one.items():
        assert home_queries(client, person) == queries, person
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(30):
        page = text(page_of(client))
    assert page.count("Chase list of") == 4
    assert page.count("Answer Cllr Dee's comment") == 4
