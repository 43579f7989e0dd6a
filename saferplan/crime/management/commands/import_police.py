from django.core.management.base import BaseCommand, CommandError

from saferplan.crime.files import BadFile
from saferplan.crime.police import identical_note, import_police
from saferplan.crime.tasks import draw_crime_charts


class Command(BaseCommand):
    # The system checks import every view; `migrate` and `check` run them. A fifth of the
    # command's start-up, which a month's re-import pays every time.
    requires_system_checks = []
    help = (
        "Import data.police.uk files: monthly street files (YYYY-MM-FORCE-street.csv), outcomes "
        "files (-outcomes.csv), folders of them and the data.police.uk archive zip, for every "
        "partnership: keeps the rows in any partnership's districts and the monthly counts of "
        "every district; importing a force's month again replaces it. Each load is logged on "
        "the Police data page."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")

    def handle(self, *args, paths, **options):
        try:
            result = import_police(paths, progress=self.show_progress)
        except BadFile as error:
            raise CommandError(f"{error} (nothing from this file was saved)") from None
        for month in result.months:
            left_out = ", ".join(f"{n:,} {reason}" for reason, n in month.left_out.items() if n)
            self.stdout.write(
                f"{month.month:%Y-%m} {month.force} {month.kind} ({month.source}): "
                f"{month.rows_read:,} rows read, {month.rows_kept:,} kept"
                + (f"; left out: {left_out}" if left_out else "")
                + (f"; {note}" if (note := identical_note(month)) else "")
            )
        read = sum(month.rows_read for month in result.months)
        kept = sum(month.rows_kept for month in result.months)
        self.stdout.write(
            f"{len(result.months)} files imported: {read:,} rows read, {kept:,} kept, "
            f"{read - kept:,} left out; {result.load.rows_replaced:,} rows loaded before replaced"
        )
        if result.not_used:
            self.stdout.write(f"{len(result.not_used)} stop-and-search files not used")
        # Drawing takes most of a second a partnership: the worker does it, not the import.
        draw_crime_charts.enqueue()

    def show_progress(self, done, total, message):
        self.stderr.write(
            f"{done / max(total, 1):.0%} ({done >> 20:,} of {total >> 20:,} MB) {message}"
        )
