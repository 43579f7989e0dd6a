"""A report being written (Report) and each version of it sent to a committee (IssuedReport).

An issued report keeps the content it quoted as JSON and the files rendered from it, so it never
changes afterwards, whatever happens to the data; issuing again makes a new version.
"""

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from saferplan.partnerships.models import Partnership, Person


class Report(models.Model):
    class Kind(models.TextChoices):
        COVER = "cover", "Committee cover report"
        PROGRESS = "progress", "Progress update for the Working Party"
        END_OF_YEAR = "end-of-year", "End-of-year report"
        SCRUTINY = "scrutiny", "Overview and Scrutiny summary"
        STRATEGIC_ASSESSMENT = "strategic-assessment", "Strategic assessment"

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
    meeting = models.ForeignKey(
        "meetings.Meeting",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
        help_text="The meeting it goes to; its committee and date then head the report.",
    )
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
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.INFORMATION)
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

    def clean(self):
        if self.meeting_id:
            self.committee = self.meeting.committee.name
            self.meeting_date = self.meeting.date

    @property
    def is_restricted(self):
        return self.classification == self.Classification.RESTRICTED


class Paragraph(models.Model):
    """One paragraph of the author's own words, in one part of a report, with its own
    classification: a restricted paragraph is left out of every version classified Unrestricted."""

    class Part(models.TextChoices):
        SUMMARY = "summary", "Summary"
        INTRODUCTION = "introduction", "Introduction, added after the standard paragraphs"
        TOPICS = "topics", "Meeting topics"
        OPTIONS = "options", "Options and actions"
        FINANCIAL = "financial", "Financial implications, besides the grant"
        RECOMMENDATIONS = "recommendations", "Recommendations"

    report = models.ForeignKey(Report, models.CASCADE, related_name="paragraphs")
    part = models.CharField(max_length=20, choices=Part.choices)
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    classification = models.CharField(max_length=20, choices=Report.Classification.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.get_part_display()}, paragraph {self.position}"

    @property
    def is_restricted(self):
        return self.classification == Report.Classification.RESTRICTED


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
        return f"{self.title}, version {self.version}"

    # What the version says of itself, as issued: the report's own fields may since have changed
    # in the draft of its next version, which a councillor may not read (access.may_read_drafts).

    @property
    def title(self):
        return self.content["title"]

    @property
    def meta(self):
        """{"To": …, "By": …, "Classification": …, "Ward": …}"""
        return dict(self.content["meta"])
