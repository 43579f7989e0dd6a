from django.core.management.base import BaseCommand

from saferplan.commands import check_form
from saferplan.partnerships.forms import AgencyForm
from saferplan.partnerships.models import Agency


class Command(BaseCommand):
    help = "Add an agency (a partner organisation) and seat it in partnerships."

    def add_arguments(self, parser):
        parser.add_argument("name", help='e.g. "Kent Police"')
        parser.add_argument("--kind", required=True, choices=Agency.Kind.values)
        parser.add_argument(
            "--not-responsible-authority",
            action="store_true",
            help="a partner that is not a statutory responsible authority (e.g. a charity)",
        )
        parser.add_argument(
            "--partnership", action="append", default=[], metavar="SLUG", help="repeat for several"
        )

    def handle(self, *args, name, kind, not_responsible_authority, partnership, **options):
        data = {"name": name, "kind": kind, "partnerships": partnership}
        if not not_responsible_authority:
            data["is_responsible_authority"] = "on"
        form = AgencyForm(data)
        check_form(form)
        agency = form.save()
        seats = ", ".join(p.slug for p in form.cleaned_data["partnerships"]) or "no partnership yet"
        self.stdout.write(f"Added agency {agency} ({agency.get_kind_display()}): sits in {seats}")
