from axes.utils import reset
from django.core.management.base import BaseCommand, CommandError

from saferplan.accounts import lockout
from saferplan.partnerships.models import Person


class Command(BaseCommand):
    help = "Let people sign in again at once after too many wrong passwords, by email or address."

    def add_arguments(self, parser):
        parser.add_argument("emails", nargs="*", metavar="EMAIL")
        parser.add_argument("--address", action="append", default=[], help="an IP address")

    def handle(self, *args, emails, address, **options):
        if not emails and not address:
            raise CommandError("give at least one EMAIL or --address")
        people = []
        for email in emails:
            person = Person.objects.filter(email__iexact=email.strip()).first()
            if person is None:
                raise CommandError(f"no account has the email address {email!r}")
            people.append(person)
        for person in people:
            count = lockout.unlock(person)
            self.stdout.write(f"{person.email}: {count} wrong-password records removed")
        for ip in address:
            self.stdout.write(f"{ip}: {reset(ip=ip)} wrong-password records removed")
