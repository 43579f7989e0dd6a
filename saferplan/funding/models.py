"""Grants to the partnership (the PCC grant above all), how they are split and how they are spent.

Money is Decimal pounds to the penny. What has been committed, spent and forecast is never
stored: `figures.py` adds it up from the projects and spend records, so every total equals the sum
of its rows.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.db.models import Sum
from django.urls import reverse
from simple_history.models import HistoricalRecords

from saferplan import financial_years
from saferplan.partnerships.models import Partnership, Person

PENNY = Decimal("0.01")


class PoundsFormField(forms.DecimalField):
    """Money as people type it: "£1,250.50" and "1250.5" are both £1,250.50."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", "").removeprefix("£").strip()
        return super().to_python(value)


class MoneyField(models.DecimalField):
    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PoundsFormField, **kwargs})


def money_field(verbose_name, **options):
    return MoneyField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(PENNY, "Enter an amount of at least £0.01.")],
        **options,
    )


class Grant(models.Model):
    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="grants")
    funder = models.CharField(
        max_length=200, help_text="For example, Kent Police and Crime Commissioner."
    )
    year = models.PositiveSmallIntegerField(
        "financial year", help_text="The year it starts: 2014 for April 2014 to March 2015."
    )
    amount = money_field("amount awarded")
    conditions = models.TextField(blank=True, help_text="What the funder asks in return.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "funder"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "funder", "year"], name="one_grant_per_funder_and_year"
            )
        ]

    def __str__(self):
        return f"{self.funder} grant {self.year_label}"

    def get_absolute_url(self):
        return reverse("funding:grant", args=[self.partnership.slug, self.pk])

    @property
    def year_label(self):
        return financial_years.label(self.year)

    @property
    def starts(self):
        return financial_years.starts(self.year)

    @property
    def ends(self):
        return financial_years.ends(self.year)

    def allocated(self, excluding=None):
        allocations = self.allocations.exclude(pk=excluding.pk if excluding else None)
        return allocations.aggregate(total=Sum("budget"))["total"] or Decimal(0)


class ReturnDate(models.Model):
    """When the funder expects a monitoring return, and for which period."""

    class Period(models.IntegerChoices):
        Q1 = 1, "Quarter 1 (April to June)"
        Q2 = 2, "Quarter 2 (July to September)"
        Q3 = 3, "Quarter 3 (October to December)"
        Q4 = 4, "Quarter 4 (January to March)"
        YEAR = 0, "The whole year"

    grant = models.ForeignKey(Grant, models.CASCADE, related_name="return_dates")
    period = models.PositiveSmallIntegerField(choices=Period.choices)
    due = models.DateField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["due"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "period"], name="one_return_date_per_period")
        ]

    def __str__(self):
        return f"{self.get_period_display()}: due {self.due:%-d %B %Y}"


class Allocation(models.Model):
    class Kind(models.TextChoices):
        COMMISSIONING = "commissioning", "Commissioning organisations"
        SMALL_GRANTS = "small_grants", "Small grants to local groups"
        PUBLICITY = "publicity", "Publicity"
        OTHER = "other", "Other"

    grant = models.ForeignKey(Grant, models.CASCADE, related_name="allocations")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=200)
    budget = money_field("budget")
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["grant", "name"], name="unique_allocation_name")
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.budget is None or not self.grant_id:
            return
        left = self.grant.amount - self.grant.allocated(excluding=self)
        if self.budget > left:
            whole = self.grant.amount
            message = f"Only £{left:,.2f} of the £{whole:,.2f} grant is left to allocate."
            raise ValidationError({"budget": message})


class FundedProject(models.Model):
    """Work paid for from an allocation: a commissioned service, or a small grant once approved."""

    class Status(models.TextChoices):
        PLANNED = "planned", "Planned"
        RUNNING = "running", "Running"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    allocation = models.ForeignKey(Allocation, models.PROTECT, related_name="projects")
    organisation = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    description = models.TextField("what it will do", blank=True)
    amount_awarded = money_field("amount awarded")
    starts = models.DateField(null=True, blank=True)
    ends = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    outputs = models.TextField(
        blank=True, help_text="What was delivered: sessions run, leaflets, …"
    )
    people_reached = models.PositiveIntegerField(null=True, blank=True)
    outcomes = models.TextField(blank=True, help_text="What changed as a result.")
    priority = models.ForeignKey(
        "plans.Priority",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="funded_projects",
        help_text="The priority of the year's plan it serves.",
    )
    actions = models.ManyToManyField(
        "plans.Action", blank=True, related_name="funded_projects", help_text="Actions it delivers."
    )
    case_study = models.ForeignKey(
        "plans.CaseStudy",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="funded_projects",
        help_text="The case study written up about it.",
    )
    history = HistoricalRecords(m2m_fields=[actions])

    class Meta:
        ordering = ["organisation", "title"]

    def __str__(self):
        return f"{self.title} ({self.organisation})"

    def clean(self):
        if self.starts and self.ends and self.ends < self.starts:
            raise ValidationError({"ends": "The end date must be on or after the start date."})


class Spend(models.Model):
    allocation = models.ForeignKey(Allocation, models.PROTECT, related_name="spend")
    project = models.ForeignKey(
        FundedProject, models.PROTECT, null=True, blank=True, related_name="spend"
    )
    date = models.DateField()
    amount = money_field("amount")
    payee = models.CharField(max_length=200)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(Person, models.SET_NULL, null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name_plural = "spend"

    def __str__(self):
        return f"£{self.amount:,.2f} to {self.payee} on {self.date:%-d %B %Y}"

    def clean(self):
        if not self.allocation_id or self.date is None:
            return
        grant = self.allocation.grant
        if not grant.starts <= self.date <= grant.ends:
            year = f"{grant.starts:%-d %B %Y} to {grant.ends:%-d %B %Y}"
            raise ValidationError({"date": f"The date must fall in the grant's year, {year}."})
        if self.project_id and self.project.allocation_id != self.allocation_id:
            raise ValidationError({"project": "That project is paid from another allocation."})


class Application(models.Model):
    """A local group's request for a small grant, on its way from received to monitored."""

    class Stage(models.TextChoices):
        RECEIVED = "received", "Received"
        ASSESSED = "assessed", "Assessed"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"
        PAID = "paid", "Paid"
        MONITORING_RECEIVED = "monitoring_received", "Monitoring received"

    # Where each stage may go next.
    NEXT = {
        Stage.RECEIVED: [Stage.ASSESSED],
        Stage.ASSESSED: [Stage.APPROVED, Stage.DECLINED],
        Stage.APPROVED: [Stage.PAID],
        Stage.DECLINED: [],
        Stage.PAID: [Stage.MONITORING_RECEIVED],
        Stage.MONITORING_RECEIVED: [],
    }

    allocation = models.ForeignKey(Allocation, models.PROTECT, related_name="applications")
    organisation = models.CharField("group or organisation", max_length=200)
    title = models.CharField("project", max_length=200)
    summary = models.TextField("what the money is for", blank=True)
    amount_requested = money_field("amount requested")
    received = models.DateField()
    stage = models.CharField(max_length=25, choices=Stage.choices, default=Stage.RECEIVED)
    assessment = models.TextField(blank=True)
    decline_reason = models.TextField(blank=True)
    project = models.OneToOneField(
        FundedProject, models.PROTECT, null=True, blank=True, related_name="application"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["received", "pk"]

    def __str__(self):
        return f"{self.title} ({self.organisation})"

    @transaction.atomic
    def move_to(self, stage, *, on, by, amount=None, note=""):
        """Take the application to its next stage; approval makes it a funded project and
        payment records the spend, so the allocation's figures follow the application."""
        if stage not in self.NEXT[self.stage]:
            raise ValidationError(
                f"An application that is {self.get_stage_display().lower()} cannot become "
                f"{self.Stage(stage).label.lower()}."
            )
        if stage == self.Stage.ASSESSED:
            self.assessment = note
        elif stage == self.Stage.DECLINED:
            if not note.strip():
                raise ValidationError("Give the reason the application was declined.")
            self.decline_reason = note
        elif stage == self.Stage.APPROVED:
            self.project = FundedProject.objects.create(
                allocation=self.allocation,
                organisation=self.organisation,
                title=self.title,
                description=self.summary,
                amount_awarded=amount or self.amount_requested,
                status=FundedProject.Status.RUNNING,
                starts=on,
            )
        elif stage == self.Stage.PAID:
            payment = Spend(
                allocation=self.allocation,
                project=self.project,
                date=on,
                amount=amount or self.project.amount_awarded,
                payee=self.organisation,
                note=note or f"Small grant: {self.title}",
                recorded_by=by,
            )
            payment.full_clean()
            payment.save()
        elif stage == self.Stage.MONITORING_RECEIVED:
            self.project.status = FundedProject.Status.COMPLETED
            self.project.outputs = note or self.project.outputs
            self.project.save()
        self.stage = stage
        self.save()
        self.moves.create(stage=stage, on=on, by=by, note=note)


class ApplicationMove(models.Model):
    """When an application reached each stage, and who moved it: the page's timeline."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="moves")
    stage = models.CharField(max_length=25, choices=Application.Stage.choices)
    on = models.DateField()
    by = models.ForeignKey(Person, models.SET_NULL, null=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["on", "pk"]

    def __str__(self):
        return f"{self.get_stage_display()} on {self.on:%-d %B %Y}"
