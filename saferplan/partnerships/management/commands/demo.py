from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from saferplan.assessment import demo as assessment_demo
from saferplan.crime import demo as crime_demo
from saferplan.funding import demo as funding_demo
from saferplan.meetings import demo as meetings_demo
from saferplan.partnerships import demo
from saferplan.plans import demo as plans_demo
from saferplan.registers import demo as registers_demo
from saferplan.reminders import demo as reminders_demo
from saferplan.reports import demo as reports_demo


class Command(BaseCommand):
    help = (
        "Build a database of sample data (SQLite under ./var/ unless DATABASE_URL is set), print "
        "the demo logins and serve the site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-serve", action="store_true", help="build the data and exit")
        parser.add_argument("--port", type=int, default=8000)

    def handle(self, *args, no_serve, port, **options):
        call_command("migrate", interactive=False, verbosity=0)
        with transaction.atomic():
            logins = demo.build()
            plans_demo.build()
            meetings_demo.build()
            registers_demo.build()
            funding_demo.build()
            reminders_demo.build()
            crime_demo.build()
            assessment_demo.build()
            reports_demo.build()  # issues reports that quote the figures of all the others
        self.stdout.write(f"Demo database ready: {describe_database()}")
        self.stdout.write("SAMPLE DATA: the partnerships and people are made up for demonstration.")
        self.stdout.write(f"\nDemo logins (every password: {demo.PASSWORD})")
        for email, name, roles in logins:
            where = ", ".join(f"{kind} of {slug}" for slug, kind in roles.items())
            self.stdout.write(f"  {email:<36} {name:<20} {where}")
        if no_serve:
            return
        self.stdout.write(
            "\nEmails (reminders, digests) are sent by the worker: run "
            "`DEBUG=true saferplan worker` in another terminal to see them printed there."
        )
        self.stdout.write(f"\nOpen http://127.0.0.1:{port}/ and sign in (Ctrl-C stops the server).")
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False)


def describe_database():
    if connection.vendor == "sqlite":
        return f"SQLite at {settings.DATABASES['default']['NAME']}"
    return f"{connection.vendor} database {connection.settings_dict['NAME']}"
