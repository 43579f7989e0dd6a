"""The run the worker makes every 15 minutes costs the same few queries for one partnership as
for a county, whatever it has already written."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from saferplan.meetings.models import Committee, Meeting
from saferplan.partnerships.models import Role
from saferplan.plans.synthetic import build_large_plan
from saferplan.reminders import services
from saferplan.reminders.models import Email
from tests.conftest import make_partnership, make_person
from tests.plans.conftest import at

# A Tuesday a week before the reminder day of a meeting on 3 March 2015: the weekly digests
# went on Monday; no deadline is near.
QUIET = timezone.make_aware(datetime.datetime(2015, 2, 3, 9))


def add_district(number, world):
    """A partnership of the county with its plan, coordinator, officers and Working Party."""
    agencies = [world.police, world.council, world.county]
    district = make_partnership(f"district-{number}", f"District {number}", "E07000114", agencies)
    make_person(
        f"coordinator{number}@district.test",
        f"Coordinator {number}",
        world.council,
        [(district, Role.Kind.COORDINATOR)],
    )
    for agency in agencies:
        make_person(
            f"officer{number}.{agency.pk}@district.test",
            f"Officer {number}.{agency.pk}",
            agency,
            [(district, Role.Kind.OFFICER)],
        )
    build_large_plan(district, agencies, year=2014, priorities=2, issues=2, actions=5, updates=2)
    committee = Committee.objects.create(
        partnership=district, name="Working Party", kind=Committee.Kind.WORKING_PARTY
    )
    for day in [datetime.date(2014, 11, 18), datetime.date(2015, 3, 3)]:
        Meeting.objects.create(
            committee=committee, date=day, starts=datetime.time(19), place="Chamber"
        )


@time_machine.travel(QUIET, tick=False)
def quiet_run_queries(most):
    services.send_due()  # writes the week's digests
    with most, CaptureQueriesContext(connection) as captured:
        assert services.send_due() == {}
    return len(captured)


def test_a_quiet_run_costs_the_same_for_one_partnership_as_for_a_county(
    world, django_assert_max_num_queries
):
    add_district(1, world)
    one = quiet_run_queries(django_assert_max_num_queries(6))
    for number in range(2, 6):
        add_district(number, world)
    assert quiet_run_queries(django_assert_max_num_queries(6)) == one
    assert Email.objects.filter(kind=Email.Kind.WEEKLY_DIGEST).count() == 5


def monday_run_queries(most):
    """The queries of the first run of a Monday, which writes the week's digests of the
    partnerships that have not had them yet."""
    with (
        time_machine.travel(at(2015, 2, 2, 9), tick=False),
        most,
        CaptureQueriesContext(connection) as captured,
    ):
        written = services.send_due()
    return len(captured), written


def test_the_weekly_digests_cost_the_same_for_one_partnership_as_for_a_county(
    world, django_assert_max_num_queries
):
    add_district(1, world)
    one, written = monday_run_queries(django_assert_max_num_queries(11))
    assert written == {Email.Kind.WEEKLY_DIGEST: 1}
    for number in range(2, 6):
        add_district(number, world)
    county, written = monday_run_queries(django_assert_max_num_queries(11))
    assert written == {Email.Kind.WEEKLY_DIGEST: 4}
    assert county == one


def run_queries(day, most):
    """The queries of the run at 09:00 on `day`, after the Monday's run wrote the week's
    digests: what writing that day's reminders or deadline digests costs."""
    monday = day - datetime.timedelta(days=day.weekday())
    with time_machine.travel(at(monday.year, monday.month, monday.day, 9), tick=False):
        services.send_due()
    with (
        time_machine.travel(at(day.year, day.month, day.day, 9), tick=False),
        most,
        CaptureQueriesContext(connection) as captured,
    ):
        written = services.send_due()
    return len(captured), written


@pytest.mark.parametrize(
    "day, kind",
    [
        (datetime.date(2015, 2, 10), Email.Kind.REMINDER),
        (datetime.date(2015, 2, 17), Email.Kind.DEADLINE_DIGEST),
    ],
)
def test_a_run_that_writes_costs_the_same_for_one_partnership_as_for_a_county(
    world, django_assert_max_num_queries, day, kind
):
    add_district(1, world)
    one, written = run_queries(day, django_assert_max_num_queries(22))
    assert written == {kind: 3 if kind == Email.Kind.REMINDER else 1}
    for number in range(2, 6):
        add_district(number, world)
    county, written = run_queries(day, django_assert_max_num_queries(22))
    assert written == {kind: 12 if kind == Email.Kind.REMINDER else 4}
    assert county == one


@time_machine.travel(timezone.make_aware(datetime.datetime(2015, 2, 10, 9)), tick=False)
def test_a_long_deadline_page_shows_a_lead_agency_at_a_time(
    client, world, django_assert_max_num_queries
):
    add_district(1, world)  # 20 actions
    client.force_login(
        Role.objects.get(kind=Role.Kind.COORDINATOR, partnership__slug="district-1").person
    )
    meeting = Meeting.objects.get(committee__partnership__slug="district-1", date__year=2015)
    path = f"/p/district-1/reminders/deadlines/{meeting.pk}/"
    with django_assert_max_num_queries(16):
        short = client.get(path)
    assert not short.context["long_list"]
    shown = [agency for agency, _, _ in short.context["shown"]]
    assert shown == [row.agency for row in short.context["counts"]]
    district = meeting.committee.partnership
    agencies = [world.police, world.council, world.county]
    district.plans.get(year=2014).delete()
    build_large_plan(district, agencies, year=2014, priorities=4, issues=5, actions=20, updates=1)
    services.send_due()
    with django_assert_max_num_queries(16):
        long = client.get(path)
    assert long.context["long_list"] and long.context["needing"] > 300
    # Only the actions shown are built: those of the first lead agency.
    first = long.context["counts"][0]
    assert len(long.context["deadline"].actions) == first.updated + first.not_updated < 300
    assert [agency for agency, _, _ in long.context["shown"]] == [first.agency]
    page = long.content.decode()
    for other in agencies:
        assert f"?agency={other.pk}#agency-{other.pk}" in page
    county = client.get(f"{path}?agency={world.county.pk}")
    assert county.context["shown"][0][0] == world.county
    assert client.get(f"{path}?agency=nonsense").status_code == 404
