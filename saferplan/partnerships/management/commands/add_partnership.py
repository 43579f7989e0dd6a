from django.core.management.base import BaseCommand

from saferplan.commands import check_form
from saferplan.partnerships.forms import PartnershipForm


class Command(BaseCommand):
    help = "Add a Community Safety Partnership covering one or more local authority districts."

    def add_arguments(self, parser):
        parser.add_argument("name", help='e.g. "Thanet Community Safety Partnership"')
        parser.add_argument("--slug", required=True, help="short name for web addresses: thanet")
        parser.add_argument(
            "--district",
            action="append",
            required=True,
            metavar="LADCODE",
            help="ONS district code, e.g. E07000114; repeat for several",
        )

    def handle(self, *args, name, slug, district, **options):
        form = PartnershipForm({"name": name, "slug": slug, "districts": ",".join(district)})
        check_form(form)
        partnership = form.save()
        codes = ", ".join(partnership.district_codes)
        self.stdout.write(
            f"Added partnership {partnership} ({partnership.slug}): districts {codes}"
        )
