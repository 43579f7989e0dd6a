from django.core.management.base import BaseCommand, CommandError

from saferplan.commands import check_form
from saferplan.partnerships.forms import InviteForm
from saferplan.partnerships.invitations import InvitationNotSent, invitation_link, invite
from saferplan.partnerships.models import Agency, Partnership, Role


class Command(BaseCommand):
    help = (
        "Invite a person into a partnership with an agency and a role; prints their one-time link "
        "to choose a password and, unless --no-email, emails it to them."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", required=True, help="their full name")
        parser.add_argument("--partnership", required=True, metavar="SLUG")
        parser.add_argument("--agency", required=True, help="the agency's name, as added")
        parser.add_argument("--role", required=True, choices=Role.Kind.values)
        parser.add_argument("--job-title", default="")
        parser.add_argument("--no-email", action="store_true", help="only print the link")

    def handle(self, *args, email, name, partnership, agency, role, job_title, **options):
        try:
            partnership = Partnership.objects.get(slug=partnership)
        except Partnership.DoesNotExist:
            raise CommandError(f"partnership: there is no partnership {partnership!r}") from None
        seated = Agency.objects.filter(partnerships=partnership, name__iexact=agency).first()
        if seated is None:
            raise CommandError(f"agency: {agency!r} does not sit in {partnership}")
        form = InviteForm(
            {
                "email": email,
                "name": name,
                "job_title": job_title,
                "agency": seated.pk,
                "role": role,
            },
            partnership=partnership,
        )
        check_form(form)
        if options["no_email"]:
            person = form.save()
            link = invitation_link(person)
        else:
            try:
                person, link = invite(form)
            except InvitationNotSent as error:
                raise CommandError(str(error)) from None
            self.stdout.write(f"Emailed an invitation to {person.email}")
        self.stdout.write(f"Invited {person} as {role} of {partnership} for {seated}")
        self.stdout.write(f"One-time link to choose a password: {link}")
