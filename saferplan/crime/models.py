"""Police.uk crime and anti-social behaviour data, and the geography that places it.

Geography is loaded once from ONS files: every LSOA (2011 or 2021 codes) with its ward and district,
population by LSOA, and ward or LSOA polygons. Police rows are kept one by one in `Crime`, and
`MonthlyCount` (by month, LSOA and category) is what ward figures read; `OutcomeCount` (the same
rows by month, district, category and last outcome) is what totals by month and category, the
latest month, the forces and the outcomes table read.
A force's month is imported as a whole (`PoliceMonth`): importing it again replaces it.
Police data is site-wide: a data manager loads it for every partnership, while a partnership's
own upload holds only its own districts' rows (`PoliceMonth.partnership`). `PoliceLoad` logs
every load.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Area(models.Model):
    """One LSOA, in either vintage, with the ward and district it falls in."""

    class Vintage(models.IntegerChoices):
        LSOA_2011 = 2011, "2011 LSOA"
        LSOA_2021 = 2021, "2021 LSOA"

    code = models.CharField("LSOA code", max_length=9, unique=True)
    name = models.CharField("LSOA name", max_length=100, blank=True)
    vintage = models.PositiveSmallIntegerField(choices=Vintage.choices)
    ward_code = models.CharField(max_length=9, blank=True, db_index=True)
    ward_name = models.CharField(max_length=100, blank=True)
    district_code = models.CharField(max_length=9, db_index=True)
    district_name = models.CharField(max_length=100, blank=True)
    # Mid-year population; loaded for 2021 LSOAs, whose populations ONS publishes.
    population = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}".strip()


class Boundary(models.Model):
    """A ward's or an LSOA's polygon, GeoJSON geometry in longitude/latitude (CRS84)."""

    class Kind(models.TextChoices):
        WARD = "ward", "Ward"
        LSOA = "lsoa", "LSOA"

    kind = models.CharField(max_length=4, choices=Kind.choices)
    code = models.CharField(max_length=9)
    name = models.CharField(max_length=100, blank=True)
    district_code = models.CharField(max_length=9, blank=True, db_index=True)
    geometry = models.JSONField()

    class Meta:
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="unique_boundary"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.code} {self.name}".strip()


class PoliceMonth(models.Model):
    """One force's month of one kind of police.uk file, as imported, with what was left out."""

    class Kind(models.TextChoices):
        STREET = "street", "Street-level crime and ASB"
        OUTCOMES = "outcomes", "Outcomes"

    force = models.CharField(max_length=100, help_text="As police.uk names it: “Kent Police”.")
    month = models.DateField(help_text="The first day of the month.")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    # Blank for the site's own data; else uploaded by this partnership, holding only rows of its
    # own districts (the site month's rows there are replaced by these).
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="police_months",
    )
    source = models.CharField(max_length=300, help_text="The file it came from.")
    rows_read = models.PositiveIntegerField(default=0)
    rows_kept = models.PositiveIntegerField(default=0)
    # Rows left out, by reason: {"other districts": 17004, "no location": 320, ...}
    left_out = models.JSONField(default=dict)
    # The force-wide rows no partnership can be given, quoted in every data-quality note.
    no_location = models.PositiveIntegerField(default=0)
    unknown_lsoa = models.PositiveIntegerField(default=0)
    # Rows identical to an earlier row of the file: kept (ASB rows often are), but a file
    # imported with its rows twice shows here.
    identical_rows = models.PositiveIntegerField(default=0)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["force", "month", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["force", "month", "kind"],
                condition=Q(partnership=None),
                name="unique_police_month",
            ),
            models.UniqueConstraint(
                fields=["force", "month", "kind", "partnership"],
                condition=Q(partnership__isnull=False),
                name="unique_partnership_police_month",
            ),
        ]

    def __str__(self):
        return f"{self.force} {self.month:%Y-%m} {self.kind}"


class Crime(models.Model):
    """One row of a police.uk street file that falls in a partnership's district."""

    # No database constraint nor index but the primary key: the import replaces a force's month
    # whole, in one transaction, so the service keeps the link; pages read the counts, never
    # these rows, and every index would be kept up by every row of a national import.
    police_month = models.ForeignKey(
        PoliceMonth, models.CASCADE, related_name="crimes", db_constraint=False, db_index=False
    )
    month = models.DateField()
    force = models.CharField(max_length=100)
    category = models.CharField(max_length=60, help_text="The police.uk “Crime type”.")
    lsoa_code = models.CharField(max_length=9)
    district_code = models.CharField(max_length=9)
    location = models.CharField(max_length=200, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    # Blank for every ASB row, and not unique: police.uk repeats a few.
    crime_id = models.CharField("police Crime ID", max_length=64, blank=True)
    last_outcome = models.CharField(max_length=120, blank=True)
    context = models.TextField(blank=True)

    def __str__(self):
        return f"{self.month:%Y-%m} {self.category} {self.lsoa_code}"


class Outcome(models.Model):
    """One row of a police.uk outcomes file: a later outcome of a crime, by its Crime ID."""

    police_month = models.ForeignKey(
        PoliceMonth, models.CASCADE, related_name="outcomes", db_constraint=False
    )
    month = models.DateField(help_text="The month of the outcome, not of the crime.")
    crime_id = models.CharField("police Crime ID", max_length=64, db_index=True)
    lsoa_code = models.CharField(max_length=9)
    district_code = models.CharField(max_length=9)
    category = models.CharField("outcome", max_length=120)

    def __str__(self):
        return f"{self.month:%Y-%m} {self.crime_id[:8]} {self.category}"


class MonthlyCount(models.Model):
    """How many street rows of a category fell in an LSOA in a month: what ward figures read.
    Kept for every district in the files loaded, not only partnerships' (comparisons read them)."""

    police_month = models.ForeignKey(
        PoliceMonth, models.CASCADE, related_name="counts", db_constraint=False
    )
    month = models.DateField()
    district_code = models.CharField(max_length=9)
    lsoa_code = models.CharField(max_length=9)
    category = models.CharField(max_length=60)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [
            # Every sum a page reads (by month and category, by LSOA, by force's month) is
            # answered from this index alone, without visiting the table's rows; it is the only
            # one, as every index is kept up by every import.
            models.Index(
                fields=["district_code", "month", "category", "lsoa_code", "police_month", "count"],
                name="count_district_covering",
            ),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.lsoa_code} {self.category}: {self.count}"


class OutcomeCount(models.Model):
    """How many street rows of a category in a district in a month had a last outcome. Summed
    over outcomes, the district's counts by month and category: the same rows as
    `MonthlyCount`'s, an LSOA's of a month and category being one row there and not here.
    Kept only for the districts whose crimes are kept (those partnerships cover)."""

    police_month = models.ForeignKey(
        PoliceMonth, models.CASCADE, related_name="outcome_counts", db_constraint=False
    )
    month = models.DateField()
    district_code = models.CharField(max_length=9)
    category = models.CharField(max_length=60)
    last_outcome = models.CharField(max_length=120, blank=True)
    count = models.PositiveIntegerField()

    class Meta:
        indexes = [
            # Totals, outcomes and forces are summed by districts and months from the index alone.
            models.Index(
                fields=[
                    *["district_code", "month", "category", "last_outcome", "police_month"],
                    "count",
                ],
                name="outcome_count_month_covering",
            ),
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.district_code} {self.category}: {self.last_outcome}"


class PoliceLoad(models.Model):
    """One import of police.uk files: who, when, which files, for the site or one partnership,
    and each force's month it saved with the rows kept and replaced."""

    class Status(models.TextChoices):
        RUNNING = "running", "Running"
        DONE = "done", "Imported"
        FAILED = "failed", "Stopped with a problem"

    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Blank: a site-wide load by a data manager (or the command line).
    partnership = models.ForeignKey(
        "partnerships.Partnership",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="police_loads",
    )
    files = models.CharField(max_length=300, help_text="The names of the files loaded.")
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.RUNNING)
    problem = models.CharField(max_length=500, blank=True)
    # [{"force": "Kent Police", "month": "2018-10", "kind": "street", "kept": 2014,
    #   "replaced": 2014, "identical": 61}, ...], one per file saved.
    months = models.JSONField(default=list)
    rows_kept = models.PositiveIntegerField(default=0)
    rows_replaced = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]
        permissions = [("load_police_data", "Can load police.uk data for every partnership")]

    def __str__(self):
        return f"{self.files} at {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def scope(self):
        return str(self.partnership) if self.partnership_id else "Every partnership (site)"

    def record(self, police_month, *, replaced):
        """Log a force's month saved, in the transaction that saves it."""
        self.months.append(
            {
                "force": police_month.force,
                "month": f"{police_month.month:%Y-%m}",
                "kind": police_month.kind,
                "kept": police_month.rows_kept,
                "replaced": replaced,
                "identical": police_month.identical_rows,
            }
        )
        self.rows_kept += police_month.rows_kept
        self.rows_replaced += replaced
        self.save(update_fields=["months", "rows_kept", "rows_replaced"])

    def finish(self, *, problem=""):
        self.status = self.Status.FAILED if problem else self.Status.DONE
        self.problem, self.finished_at = problem[:500], timezone.now()
        self.save(update_fields=["status", "problem", "finished_at"])
