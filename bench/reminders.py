"""Benchmark: the reminder run and the deadline page for a large plan, against a trivial page.

A plan of 10 priorities x 5 emerging issues x 20 actions (1,000 actions, 3 updates each) over 6
agencies with 3 officers each is built in a fresh SQLite database in a temporary folder (or in
the database DATABASE_URL names: give it an empty one), with a Working Party that met on 18
November 2014 and meets on 3 March 2015. With the clock at the reminder day (10 February 2015,
09:00) it measures, each as the median of --runs: the deadline page and the reminders page (the
baseline, a page of the same app that reads little), a schedule run with nothing left to write
(what every 15 minutes costs), and once: the run that writes every reminder and the delivery of
them (to Django's in-memory mail backend), with their query counts.

    uv run python bench/reminders.py [--runs 15]
"""

import argparse
import datetime
import statistics
import time

from benchdb import bench_partnership, start_django


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
    from saferplan.partnerships.models import Person, Role
    from saferplan.plans.synthetic import build_large_plan
    from saferplan.reminders import outbox, services
    from saferplan.reminders.models import Email

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    partnership, agencies = bench_partnership()
    for number, agency in enumerate(agencies):
        for officer in range(3):
            person = Person.objects.create_user(
                f"officer{officer}@agency{number}.test", None, name=f"Officer {number}.{officer}"
            )
            person.agency = agency
            person.save()
            Role.objects.create(person=person, partnership=partnership, kind=Role.Kind.OFFICER)
    coordinator = Person.objects.create_user(
        "bench@example.test", None, name="Bench", agency=agencies[0]
    )
    Role.objects.create(person=coordinator, partnership=partnership, kind=Role.Kind.COORDINATOR)
    build_large_plan(
        partnership, agencies, year=2014, priorities=10, issues=5, actions=20, updates=3
    )
    committee = Committee.objects.create(
        partnership=partnership, name="Working Party", kind=Committee.Kind.WORKING_PARTY
    )
    for day in [datetime.date(2014, 11, 18), datetime.date(2015, 3, 3)]:
        meeting = Meeting.objects.create(
            committee=committee, date=day, starts=datetime.time(19), place="Chamber"
        )

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
            "reminders page (baseline)": "/p/bench/reminders/",
            "deadline page": f"/p/bench/reminders/deadlines/{meeting.pk}/",
        }
        results = {}
        for name, path in pages.items():
            with Counted(connection) as captured:
                assert client.get(path).status_code == 200
            results[name] = (timed(lambda path=path: client.get(path), runs), captured.count)

    reminders = Email.objects.filter(kind=Email.Kind.REMINDER).count()
    print(
        f"1,000 actions, 18 officers ({connection.vendor}): {reminders} reminder emails written "
        f"({written}), {sent} sent, {failed} failed"
    )
    print(f"\n{'step':<36}{'ms':>10}{'queries':>9}")
    print(f"{'write every reminder (once)':<36}{write_time * 1000:>10.1f}{writing.count:>9}")
    print(f"{'deliver them (once)':<36}{deliver_time * 1000:>10.1f}{delivering.count:>9}")
    print(f"{'a run with nothing to write (median)':<36}{idle_time * 1000:>10.1f}{idle.count:>9}")
    baseline = results["reminders page (baseline)"][0]
    print(f"\n{'page':<28}{'median ms':>10}{'queries':>9}{'x baseline':>12}")
    for name, (median, queries) in results.items():
        print(f"{name:<28}{median * 1000:>10.1f}{queries:>9}{median / baseline:>12.1f}")
    folder.cleanup()


if __name__ == "__main__":
    main()
