"""Benchmark: the reminder run for a county and the deadline page for a large plan, each against
a baseline measured in the same run.

A county of 13 partnerships is built in a fresh SQLite database in a temporary folder (or in
the database DATABASE_URL names: give it an empty one). The first has a plan of 10 priorities x
10 emerging issues x 20 actions (2,000 actions, 3 updates each), the other 12 a plan of 150
actions each (3,800 actions in all), over 6 agencies seated in every partnership, with 3
officers each; each partnership has a Working Party that met on 18 November 2014 and meets on 3
March 2015. With the clock at the reminder day (10 February 2015, 09:00) it measures, as the
median of --runs, taken in turn:

- the run that writes every reminder of the county, whole, from no reminder written (the
  week's digests were, by the first run), against its floor: inserting the same emails and
  reminder rows, already rendered, in one transaction;
- a schedule run with everything already written (what every 15 minutes costs until the
  deadline);
- the deadline page of the large plan (first and warm) against the reminders page (a page of
  the same app that reads little);

and once: the first run of the day, which also writes the week's digests, and the delivery of
the emails (to Django's in-memory mail backend). Query counts beside.

    uv run python bench/reminders.py [--runs 9]
"""

import argparse
import datetime
import statistics
import time

from benchdb import bench_partnership, signed_in_client, start_django

PARTNERSHIPS = 13  # a county's districts


class Counted:
    """Counts the queries run inside it (Django's own log stops at 9,000)."""

    def __init__(self, connection):
        self.connection, self.count = connection, 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __enter__(self):
        self.wrapper = self.connection.execute_wrapper(self)
        self.wrapper.__enter__()
        return self

    def __exit__(self, *exc_info):
        self.wrapper.__exit__(*exc_info)


def clock(function):
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def build_county():
    """The county; returns its coordinator and the large plan's next meeting."""
    from saferplan.meetings.models import Committee, Meeting
    from saferplan.partnerships.models import Partnership, PartnershipAgency, Person, Role
    from saferplan.plans.synthetic import build_large_plan

    partnership, agencies = bench_partnership()
    county = [partnership]
    for number in range(1, PARTNERSHIPS):
        other = Partnership.objects.create(slug=f"district-{number}", name=f"District {number}")
        for agency in agencies:
            PartnershipAgency.objects.create(partnership=other, agency=agency)
        county.append(other)
    officers = []
    for number, agency in enumerate(agencies):
        for officer in range(3):
            person = Person.objects.create_user(
                f"officer{officer}@agency{number}.test", None, name=f"Officer {number}.{officer}"
            )
            person.agency = agency
            person.save()
            officers.append(person)
    coordinator = Person.objects.create_user(
        "bench@example.test", None, name="Bench", agency=agencies[0]
    )
    for member in county:
        Role.objects.create(person=coordinator, partnership=member, kind=Role.Kind.COORDINATOR)
        Role.objects.bulk_create(
            Role(person=person, partnership=member, kind=Role.Kind.OFFICER) for person in officers
        )
        large = member == partnership
        build_large_plan(
            member,
            agencies,
            year=2014,
            priorities=10 if large else 3,
            issues=10 if large else 5,
            actions=20 if large else 10,
            updates=3,
        )
        committee = Committee.objects.create(
            partnership=member, name="Working Party", kind=Committee.Kind.WORKING_PARTY
        )
        for day in [datetime.date(2014, 11, 18), datetime.date(2015, 3, 3)]:
            meeting = Meeting.objects.create(
                committee=committee, date=day, starts=datetime.time(19), place="Chamber"
            )
            if large:
                large_meeting = meeting
    return coordinator, large_meeting


def forget_reminders():
    """Back to no reminder written (the week's digests stay): no reminder email, reminder row or
    recorded deadline."""
    from saferplan.reminders.models import Deadline, Email

    Email.objects.filter(kind=Email.Kind.REMINDER).delete()  # and their reminder rows
    Deadline.objects.all().delete()


class Floor:
    """Inserting the emails and reminder rows a run wrote, already rendered, in one transaction:
    what writing them costs at the least."""

    def __init__(self):
        from saferplan.reminders.models import Deadline, Email, Reminder

        self.deadlines = list(Deadline.objects.values("meeting_id", "date"))
        self.emails = list(Email.objects.filter(kind=Email.Kind.REMINDER).values())
        self.reminders = list(Reminder.objects.values("deadline__meeting_id", "person", "action"))

    def write(self):
        from django.db import transaction

        from saferplan.reminders.models import Deadline, Email
        from saferplan.reminders.outbox import insert_claims

        with transaction.atomic():
            deadlines = Deadline.objects.bulk_create(Deadline(**row) for row in self.deadlines)
            emails = Email.objects.bulk_create(Email(**{**row, "id": None}) for row in self.emails)
            by_meeting = {row.meeting_id: row.pk for row in deadlines}
            first = emails[0].pk  # which email each row belongs to does not change the cost
            # The rows as the run writes them, in one statement: the fastest way it has.
            insert_claims(
                (by_meeting[row["deadline__meeting_id"]], row["person"], row["action"], first)
                for row in self.reminders
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    folder = start_django()
    import time_machine
    from django.conf import settings
    from django.db import connection
    from django.urls import reverse
    from django.utils import timezone

    from saferplan.plans.models import Action
    from saferplan.reminders import outbox, services
    from saferplan.reminders.models import Email

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEBUG = False  # as in production: no log of every query, no template debugging
    coordinator, large_meeting = build_county()

    now = timezone.make_aware(datetime.datetime(2015, 2, 10, 9))
    with time_machine.travel(now, tick=False):
        reverse("home")  # the URLconf imports every app's views once per process: not measured
        with Counted(connection) as first_run:
            start = time.perf_counter()
            written = services.send_due(now)
            first_time = time.perf_counter() - start
        floor = Floor()
        forget_reminders()
        with Counted(connection) as writing:
            assert services.send_due(now) == {"reminder": written["reminder"]}
        with Counted(connection) as idle:
            assert services.send_due(now) == {}
        client = signed_in_client(coordinator)
        pages = {
            "reminders page (anchor)": "/p/bench/reminders/",
            "deadline page": f"/p/bench/reminders/deadlines/{large_meeting.pk}/",
        }
        first, queries, size = {}, {}, {}
        for name, path in pages.items():
            with Counted(connection) as captured:
                start = time.perf_counter()
                response = client.get(path)
                first[name] = time.perf_counter() - start
            assert response.status_code == 200, path
            queries[name], size[name] = captured.count, len(response.content)

        times = {name: [] for name in ["write", "write CPU", "floor", "idle", *pages]}
        for _ in range(runs):  # in turn, so that a slow moment of the machine hits every step
            forget_reminders()
            times["floor"].append(clock(floor.write))
            forget_reminders()
            cpu = time.process_time()
            times["write"].append(clock(lambda: services.send_due(now)))
            # This process's CPU time says more than the clock on a busy machine (but for
            # PostgreSQL's own work, which is in its server's processes).
            times["write CPU"].append(time.process_time() - cpu)
            times["idle"].append(clock(lambda: services.send_due(now)))
            for name, path in pages.items():
                times[name].append(clock(lambda path=path: client.get(path)))
        with Counted(connection) as delivering:
            start = time.perf_counter()
            sent, failed = outbox.deliver_due(now)
            deliver_time = time.perf_counter() - start

    median = {name: statistics.median(found) for name, found in times.items()}
    reminders = Email.objects.filter(kind=Email.Kind.REMINDER).count()
    print(
        f"{PARTNERSHIPS} partnerships, {Action.objects.count():,} actions, 18 officers "
        f"({connection.vendor}), median of {runs} runs: {reminders} reminder emails written "
        f"({written}), {sent} sent, {failed} failed"
    )
    print(f"\n{'step (' + str(PARTNERSHIPS) + ' partnerships)':<44}{'ms':>10}{'queries':>9}")
    steps = [
        ("first run: reminders and week's digests", first_time, first_run.count),
        ("write the county's reminders (whole run)", median["write"], writing.count),
        ("  its CPU time in this process", median["write CPU"], None),
        ("  floor: insert the same rows", median["floor"], None),
        ("a run with everything written", median["idle"], idle.count),
        ("deliver the emails (once)", deliver_time, delivering.count),
    ]
    for name, seconds, count in steps:
        print(f"{name:<44}{seconds * 1000:>10.1f}{'' if count is None else count:>9}")
    print(f"writing / its floor: {median['write'] / median['floor']:.1f}x")

    anchor = median["reminders page (anchor)"]
    header = f"{'first ms':>10}{'median ms':>10}{'queries':>9}{'kB':>8}{'x anchor':>10}"
    print(f"\n{'page (2,000 actions)':<28}{header}")
    for name in pages:
        print(
            f"{name:<28}{first[name] * 1000:>10.1f}{median[name] * 1000:>10.1f}"
            f"{queries[name]:>9}{size[name] / 1000:>8.0f}{median[name] / anchor:>10.1f}"
        )
    folder.cleanup()


if __name__ == "__main__":
    main()
