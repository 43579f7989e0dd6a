"""The strategic assessment's evidence beyond police.uk: partners' datasets and harm weights.

A `Dataset` is one agency's monthly counts by area and category (council ASB reports, deliberate
fires, A&E assaults…), loaded from a CSV and kept as `DatasetCount` rows placed in a district, so
that the crime selectors read them as they read police.uk counts. `HarmWeights` is the set of
weights a partnership chose for its categories (a crime severity score, a harm index, or the
demo's illustrative set); loading a new set replaces the old one.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords


class Dataset(models.Model):
    partnership = models.ForeignKey(
        "partnerships.Partnership", models.CASCADE, related_name="datasets"
    )
    name = models.CharField(max_length=200, help_text="For example: Deliberate fires.")
    owner = models.ForeignKey(
        "partnerships.Agency",
        models.PROTECT,
        related_name="datasets",
        verbose_name="owner agency",
        help_text="The agency whose data it is.",
    )
    counts = models.CharField(
        "what it counts",
        max_length=300,
        help_text="What one is: an incident reported to the council, a fire attended, an "
        "attendance at A&E for an assault…",
    )
    caveats = models.TextField(
        blank=True,
        help_text="What a reader must know before quoting it: changes in recording, months "
        "missing, how late it is.",
    )
    licence = models.CharField(
        max_length=200, help_text="For example: Open Government Licence v3.0, or for partners only."
    )
    restricted = models.BooleanField(
        default=False,
        help_text="Only the partnership's coordinators and the owner agency's officers see a "
        "restricted dataset.",
    )
    source_file = models.FileField(upload_to="datasets/", blank=True)
    rows_read = models.PositiveIntegerField(default=0)
    rows_kept = models.PositiveIntegerField(default=0)
    # Rows of the file left out, by reason: {"other districts": 812}
    left_out = models.JSONField(default=dict, blank=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    loaded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["left_out"])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="unique_dataset_name")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("assessment:dataset", args=[self.partnership.slug, self.pk])


class DatasetCount(models.Model):
    """How many of what the dataset counts, of one category, in one area, in one month."""

    class Level(models.TextChoices):
        LSOA = "lsoa", "LSOA"
        WARD = "ward", "Ward"
        DISTRICT = "district", "District"

    dataset = models.ForeignKey(Dataset, models.CASCADE, related_name="rows")
    month = models.DateField(help_text="The first day of the month.")
    area_code = models.CharField(max_length=9, help_text="As the file gave it.")
    level = models.CharField(max_length=8, choices=Level.choices)
    district_code = models.CharField(max_length=9)
    category = models.CharField(max_length=100)
    count = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "month", "area_code", "category"], name="unique_dataset_count"
            )
        ]
        indexes = [
            models.Index(
                fields=["dataset", "month", "category", "count"], name="dataset_count_covering"
            )
        ]

    def __str__(self):
        return f"{self.month:%Y-%m} {self.area_code} {self.category}: {self.count}"


class HarmWeights(models.Model):
    """A partnership's harm weights, as loaded together; the latest set is the one used."""

    partnership = models.OneToOneField(
        "partnerships.Partnership", models.CASCADE, related_name="harm_weights"
    )
    source_file = models.FileField(upload_to="harm-weights/", blank=True)
    # The demo's weights are made up: every page that shows them says so.
    illustrative = models.BooleanField(default=False)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "harm weights"

    def __str__(self):
        return f"Harm weights of {self.partnership}"


class HarmWeight(models.Model):
    weights = models.ForeignKey(HarmWeights, models.CASCADE, related_name="rows")
    category = models.CharField(max_length=100)
    weight = models.DecimalField(max_digits=12, decimal_places=4)
    source = models.CharField(max_length=300)

    class Meta:
        ordering = ["category"]
        constraints = [
            models.UniqueConstraint(fields=["weights", "category"], name="unique_harm_weight")
        ]

    def __str__(self):
        return f"{self.category}: {self.weight}"


# Candidate issues and their scores


class Dimension(models.TextChoices):
    """The scoring matrix's dimensions: MoRiLE's, each scored 1 (low) to 5 (high)."""

    HARM_TO_INDIVIDUALS = "harm_individuals", "Harm to individuals"
    HARM_TO_COMMUNITY = "harm_community", "Harm to the community"
    FREQUENCY = "frequency", "Frequency"
    TREND = "trend", "Trend"
    PUBLIC_CONCERN = "public_concern", "Public concern"
    CAPACITY = "capacity", "The partnership's capacity to act"


DEFAULT_WEIGHT = 1
LOWEST_SCORE, HIGHEST_SCORE = 1, 5


class DimensionWeight(models.Model):
    """A weight the coordinator gave a dimension; a dimension without one weighs DEFAULT_WEIGHT."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", models.CASCADE, related_name="dimension_weights"
    )
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    weight = models.DecimalField(max_digits=6, decimal_places=2)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "dimension"], name="unique_dimension_weight"
            ),
            models.CheckConstraint(condition=models.Q(weight__gte=0), name="weight_not_negative"),
        ]

    def __str__(self):
        return f"{self.get_dimension_display()}: {self.weight}"


class CandidateIssue(models.Model):
    """A problem the assessment weighs for next year's plan: a category, a place, a group."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", models.CASCADE, related_name="candidate_issues"
    )
    name = models.CharField(max_length=200, help_text="For example: Burglary in Cliftonville.")
    category = models.CharField(
        max_length=100,
        blank=True,
        help_text="The police.uk or dataset category it is about, if any: its figures are shown "
        "as evidence beside the scores.",
    )
    dataset = models.ForeignKey(
        Dataset,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="candidate_issues",
        verbose_name="data source",
        help_text="Where its category's figures come from: police.uk, or one of the datasets.",
    )
    about = models.CharField(
        "place or group",
        max_length=200,
        blank=True,
        help_text="For example: Margate town centre, or young people aged 10 to 17.",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "name"], name="unique_candidate_issue_name"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("assessment:issue", args=[self.partnership.slug, self.pk])


class Score(models.Model):
    """One partner's score of one issue on one dimension; scoring again replaces it."""

    issue = models.ForeignKey(CandidateIssue, models.CASCADE, related_name="scores")
    dimension = models.CharField(max_length=20, choices=Dimension.choices)
    scorer = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField()
    given_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["dimension", "given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "dimension", "scorer"], name="one_score_per_scorer"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=LOWEST_SCORE, value__lte=HIGHEST_SCORE),
                name="score_from_1_to_5",
            ),
        ]

    def __str__(self):
        return f"{self.issue} / {self.get_dimension_display()}: {self.value}"


# Residents' views: survey results, and the candidate issues they speak to


class Survey(models.Model):
    """A residents' survey's results: the count of each answer of each question, or of each
    theme found in the free-text answers."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", models.CASCADE, related_name="surveys"
    )
    title = models.CharField(max_length=200, help_text="For example: Residents' survey 2014.")
    carried_out = models.CharField(
        "when and by whom",
        max_length=200,
        help_text="For example: September 2014, by the council's consultation team.",
    )
    respondents = models.PositiveIntegerField(
        "people who answered",
        validators=[MinValueValidator(1)],
        help_text="How many people answered the survey: the shares of answers and themes are of "
        "them.",
    )
    caveats = models.TextField(
        blank=True,
        help_text="What a reader must know: who was asked, how, how many could name more than "
        "one answer.",
    )
    source_file = models.FileField(upload_to="surveys/", blank=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    loaded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-loaded_at", "title"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "title"], name="unique_survey_title"),
            models.CheckConstraint(condition=models.Q(respondents__gte=1), name="respondents"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("assessment:surveys", args=[self.partnership.slug]) + f"#survey-{self.pk}"


class SurveyResult(models.Model):
    """How many respondents gave one answer to one question, or named one free-text theme (a
    theme has no question)."""

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="results")
    line = models.PositiveIntegerField(help_text="The line of the file it came from.")
    question = models.CharField(max_length=300, blank=True)
    answer = models.CharField("answer or theme", max_length=300)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["line"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "question", "answer"], name="unique_survey_answer"
            )
        ]

    def __str__(self):
        if self.question:
            return f"{self.question}: {self.answer}"
        return f"Theme: {self.answer}"


class ConcernLink(models.Model):
    """The survey answer or theme that says how much residents worry about a candidate issue:
    SaferPlan suggests the issue's public-concern score from it."""

    issue = models.OneToOneField(CandidateIssue, models.CASCADE, related_name="concern_link")
    result = models.ForeignKey(SurveyResult, models.CASCADE, related_name="links")
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    linked_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    def __str__(self):
        return f"{self.issue} ← {self.result}"


# Peer districts


class PeerDistrict(models.Model):
    """A district a partnership compares itself with (its Home Office most similar group, say):
    loaded from a CSV of district codes or picked from the districts loaded."""

    partnership = models.ForeignKey(
        "partnerships.Partnership", models.CASCADE, related_name="peer_districts"
    )
    code = models.CharField("district code", max_length=9)
    # As the file named it, else the ONS lookup's name.
    name = models.CharField(max_length=100, blank=True)
    group = models.CharField(
        max_length=100, blank=True, help_text="For example: Home Office most similar group."
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name", "code"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="unique_peer_district")
        ]

    def __str__(self):
        return f"{self.name or self.code}"
