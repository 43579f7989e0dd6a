"""A report being written (Report) and each version of it sent to a committee (IssuedReport).

An issued report keeps the content it quoted as JSON and the files rendered from it, so it never
changes afterwards, whatever happens to the data; issuing again makes a new version.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from saferplan.partnerships.models import Partnership, Person

PARAGRAPHS_HINT = (
    "Leave a blank line between paragraphs. Start a paragraph with RESTRICTED: to keep it out of "
    "any version classified Unrestricted."
)
LINES_HINT = "One per line."


class Report(models.Model):
    class Kind(models.TextChoices):
        COVER = "cover", "Committee cover report"
        PROGRESS = "progress", "Progress update for the Working Party"
        END_OF_YEAR = "end-of-year", "End-of-year report"
        SCRUTINY = "scrutiny", "Overview and Scrutiny summary"

    class Classification(models.TextChoices):
        UNRESTRICTED = "unrestricted", "Unrestricted"
        RESTRICTED = "restricted", "Restricted"

    class Purpose(models.TextChoices):
        INFORMATION = "information", "For Information"
        DECISION = "decision", "For Decision"

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="reports")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(
        "plan year", help_text="The year the plan starts: 2014 for April 2014 to March 2015."
    )
    title = models.CharField(max_length=200)
    committee = models.CharField(
        "to (committee)", max_length=200, default="Community Safety Working Party"
    )
    meeting_date = models.DateField(null=True, blank=True)
    author = models.CharField("by (author)", max_length=150)
    author_post = models.CharField("author's post", max_length=150, blank=True)
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.UNRESTRICTED
    )
    ward = models.CharField(max_length=200, default="All wards")
    summary = models.TextField()
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.INFORMATION)
    introduction = models.TextField(
        "introduction, added after the standard paragraphs", blank=True, help_text=PARAGRAPHS_HINT
    )
    topics = models.TextField("meeting topics", blank=True, help_text=PARAGRAPHS_HINT)
    options = models.TextField("options and actions", blank=True, help_text=LINES_HINT)
    financial = models.TextField(
        "financial implications, besides the grant", blank=True, help_text=PARAGRAPHS_HINT
    )
    recommendations = models.TextField(blank=True, help_text=LINES_HINT)
    contact_officer = models.CharField(max_length=200, blank=True)
    contact_phone = models.CharField(
        "contact officer's phone or extension", max_length=40, blank=True
    )
    reporting_to = models.CharField(max_length=200, blank=True)
    reporting_to_phone = models.CharField(
        "reporting to: phone or extension", max_length=40, blank=True
    )
    created_by = models.ForeignKey(Person, models.SET_NULL, null=True, related_name="+")
    updated = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-updated"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reports:report", args=[self.partnership.slug, self.pk])

    @property
    def is_restricted(self):
        return self.classification == self.Classification.RESTRICTED


def issued_file_path(issued, filename):
    report = issued.report
    return f"reports/{report.partnership.slug}/{report.pk}/v{issued.version}/{filename}"


class IssuedReport(models.Model):
    report = models.ForeignKey(Report, models.PROTECT, related_name="issues")
    version = models.PositiveIntegerField()
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(Person, models.SET_NULL, null=True, related_name="+")
    content = models.JSONField(help_text="The document as issued, figures and all.")
    html = models.TextField()
    docx = models.FileField(upload_to=issued_file_path)
    pdf = models.FileField(upload_to=issued_file_path)

    class Meta:
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["report", "version"], name="one_issue_per_version")
        ]

    def __str__(self):
        return f"{self.report}, version {self.version}"
