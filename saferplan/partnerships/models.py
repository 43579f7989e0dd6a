"""Partnerships, the agencies that sit in them, their people and each person's role."""

import re

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

# ONS codes of local authority districts: unitary (E06), non-metropolitan district (E07),
# metropolitan district (E08), London borough (E09) and Welsh unitary authority (W06).
DISTRICT_CODE = re.compile(r"^(E0[6-9]|W06)\d{6}$")


def validate_district_code(code):
    if not DISTRICT_CODE.match(code):
        raise ValidationError(
            f"{code!r} is not a local authority district code: expected an ONS code such as "
            "E07000114 (E06, E07, E08, E09 or W06 and six digits)"
        )


class Partnership(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(
        max_length=60, unique=True, help_text="Its short name in web addresses, e.g. thanet."
    )
    is_sample = models.BooleanField(
        "sample data", default=False, help_text="Made-up data for demonstration and training."
    )
    public_page = models.BooleanField(
        "publishes a public page",
        # Also in the database, so that rows written by older code (or migrations) get it.
        db_default=False,
        help_text="Its adopted plan, progress, publishable case studies and crime figures, "
        "for anyone, without signing in, and through the API.",
    )
    created = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnership", args=[self.slug])

    @cached_property
    def district_codes(self):
        return [district.code for district in self.districts.all()]


class PartnershipDistrict(models.Model):
    """A local authority district in the partnership's area; police data is kept by district."""

    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="districts")
    code = models.CharField(max_length=9, validators=[validate_district_code])
    history = HistoricalRecords()

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "code"], name="unique_partnership_district"
            )
        ]

    def __str__(self):
        return self.code


class Agency(models.Model):
    class Kind(models.TextChoices):
        POLICE = "police", "Police"
        DISTRICT_COUNCIL = "district_council", "District council"
        COUNTY_COUNCIL = "county_council", "County council"
        FIRE_AND_RESCUE = "fire_and_rescue", "Fire and rescue"
        PROBATION = "probation", "Probation"
        HEALTH = "health", "Health"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    is_responsible_authority = models.BooleanField(
        "responsible authority",
        default=True,
        help_text="A statutory partner under the Crime and Disorder Act 1998.",
    )
    partnerships = models.ManyToManyField(
        Partnership, through="PartnershipAgency", related_name="agencies"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self):
        return self.name


class PartnershipAgency(models.Model):
    """An agency's seat in a partnership: one agency can sit in several (a county force in all)."""

    partnership = models.ForeignKey(Partnership, models.CASCADE)
    agency = models.ForeignKey(Agency, models.PROTECT)
    joined = models.DateField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "agency"], name="unique_partnership_agency"
            )
        ]

    def __str__(self):
        return f"{self.agency} in {self.partnership}"


class PersonManager(UserManager):
    """People sign in with their email address; there is no separate user name."""

    def _create_user(self, email, password, **extra_fields):
        person = self.model(email=self.normalize_email(email), **extra_fields)
        person.set_password(password)
        person.save(using=self._db)
        return person

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra_fields)


class Person(AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField("email address", unique=True)
    name = models.CharField("full name", max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    phone = models.CharField("phone or extension", max_length=40, blank=True)
    agency = models.ForeignKey(Agency, models.PROTECT, null=True, blank=True, related_name="people")
    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]
    objects = PersonManager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name

    def get_short_name(self):
        return self.name.split(" ")[0] if self.name else self.email


class Role(models.Model):
    """What one person may do in one partnership; `access.py` reads it."""

    class Kind(models.TextChoices):
        COORDINATOR = "coordinator", "Coordinator"
        OFFICER = "officer", "Officer"
        MEMBER = "member", "Member (councillor)"
        VIEWER = "viewer", "Viewer"

    person = models.ForeignKey(Person, models.CASCADE, related_name="roles")
    partnership = models.ForeignKey(Partnership, models.CASCADE, related_name="roles")
    kind = models.CharField("role", max_length=20, choices=Kind.choices)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "partnership"], name="one_role_per_partnership"
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.get_kind_display()} of {self.partnership}"
