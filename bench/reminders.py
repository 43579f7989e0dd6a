"""Benchmark: the reminder run for a county and the deadline page for a large plan, against a
trivial page.

A county of 13 partnerships is built in a fresh SQLite database in a temporary folder (or in
the database DATABASE_URL names: give it an empty one). The first has a plan of 10 priorities x
10 emerging issues x 20 actions (2,000 actions, 3 updates each), the other 12 a plan of 150
actions each (3,800 actions in all), over 6 agencies seated in every partnership, with 3
officers each; each partnership has a Working Party that met on 18 November 2014 and meets on 3
March 2015. With the clock at the reminder day (10 February 2015, 09:00) it measures, each as
the median of --runs: the deadline page of the large plan and the reminders page (the anchor, a
page of the same app that reads little), first fetch and warm; a schedule run with nothing left
to write (what every 15 minutes costs); and once: the run that writes every reminder of the
county and the delivery of them (to Django's in-memory mail backend), with their query counts.

    uv run python bench/reminders.py [--runs 15]
"""

import argparse
import datetime
import statistics
import time

from benchdb import bench_partnership, start_django

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


def timed(function, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    folder = start_django()
    import time_machine
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from saferplan.meetings.models import Committee, Meeting
    from saferplan.partnerships.models import Partnership, PartnershipAgency, Person, Role
    from saferplan.plans.models import Action
    from saferplan.plans.synthetic import build_large_plan
    from saferplan.reminders import outbox, services
    from saferplan.reminders.models import Email

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DEBUG = False  # as in production: no log of every query, no template debugging
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

    now = timezone.make_aware(datetime.datetime(2015, 2, 10, 9))
    with time_machine.travel(now, tick=False):
        reverse("home")  # the URLconf imports every app's views once per process: not measured
        with Counted(connection) as writing:
            start = time.perf_counter()
            written = services.send_due(now)
            write_time = time.perf_counter() - start
        with Counted(connection) as delivering:
            start = time.perf_counter()
            sent, failed = outbox.deliver_due(now)
            deliver_time = time.perf_counter() - start
        with Counted(connection) as idle:
            services.send_due(now)
        idle_time = timed(lambda: services.send_due(now), runs)

        client = Client()
        client.force_login(coordinator)
        pages = {
            "reminders page (anchor)": "/p/bench/reminders/",
            "deadline page": f"/p/bench/reminders/deadlines/{large_meeting.pk}/",
        }
        results = {}
        for name, path in pages.items():
            with Counted(connection) as captured:
                start = time.perf_counter()
                assert client.get(path).status_code == 200
                first = time.perf_counter() - start
            median = timed(lambda path=path: client.get(path), runs)
            results[name] = (first, median, captured.count)

    reminders = Email.objects.filter(kind=Email.Kind.REMINDER).count()
    print(
        f"{PARTNERSHIPS} partnerships, {Action.objects.count():,} actions, 18 officers "
        f"({connection.vendor}): {reminders} reminder emails written ({written}), {sent} sent, "
        f"{failed} failed"
    )
    print(f"\n{'step (' + str(PARTNERSHIPS) + ' partnerships)':<36}{'ms':>10}{'queries':>9}")
    print(f"{'write every reminder (once)':<36}{write_time * 1000:>10.1f}{writing.count:>9}")
    print(f"{'deliver them (once)':<36}{deliver_time * 1000:>10.1f}{delivering.count:>9}")
    print(f"{'a run with nothing to write (median)':<36}{idle_time * 1000:>10.1f}{idle.count:>9}")
    anchor = results["reminders page (anchor)"][1]
    header = f"{'first ms':>10}{'median ms':>10}{'queries':>9}{'x anchor':>10}"
    print(f"\n{'page (2,000 actions)':<28}{header}")
    for name, (first, median, queries) in results.items():
        print(
            f"{name:<28}{first * 1000:>10.1f}{median * 1000:>10.1f}{queries:>9}"
            f"{median / anchor:>10.1f}"
        )
    folder.cleanup()


if __name__ == "__main__":
    main()
