from django import forms
from django.core.exceptions import ValidationError

from saferplan import financial_years
from saferplan.partnerships import access as rules

from .files import MAX_BYTES, MAX_ROWS
from .models import HIGHEST_SCORE, LOWEST_SCORE, CandidateIssue, Dataset, Dimension, Survey

NAME_TAKEN = "The partnership already has a dataset of this name."


def checked_csv(upload):
    if not upload.name.lower().endswith(".csv"):
        raise ValidationError("Choose a .csv file.")
    if upload.size > MAX_BYTES:
        raise ValidationError(f"{upload.name} is larger than {MAX_BYTES // 2**20} MB.")
    return upload


class DatasetForm(forms.ModelForm):
    file = forms.FileField(
        label="Counts (CSV)",
        help_text="A UTF-8 .csv file with the columns month (such as 2019-01), area code (an "
        "LSOA of 2011 or 2021, a ward or a district), category and count (a whole number), one "
        f"row per month, area and category, at most {MAX_ROWS:,} rows. Rows of areas outside the "
        "partnership's districts are left out and counted. If any row is wrong nothing is saved, "
        "and each wrong line is named.",
    )

    class Meta:
        model = Dataset
        fields = ["name", "owner", "counts", "caveats", "licence", "restricted"]

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        self.fields["owner"].queryset = rules.agencies_of(access.partnership)
        if self.instance.pk:
            self.fields["file"].required = False
            self.fields["file"].help_text = (
                "Leave empty to keep the counts loaded; a new file replaces them all. "
                + self.fields["file"].help_text
            )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        return checked_csv(upload) if upload else upload

    def clean_name(self):
        name = self.cleaned_data["name"]
        # Every dataset of the partnership, restricted or not: names are unique among them all.
        taken = Dataset.objects.filter(partnership=self.access.partnership, name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(NAME_TAKEN)
        return name

    def clean(self):
        cleaned = super().clean()
        owner = cleaned.get("owner")
        if cleaned.get("restricted") and owner and not rules.may_restrict_to(self.access, owner):
            self.add_error(
                "restricted",
                f"Only a coordinator may restrict a dataset of {owner}: you would not see it.",
            )
        return cleaned


class HarmWeightsForm(forms.Form):
    file = forms.FileField(
        label="Harm weights (CSV)",
        help_text="A UTF-8 .csv file with the columns category, weight (a number of 0 or more) "
        "and source (where the weight comes from), one row per category. Each category must be "
        "a police.uk category loaded for the partnership or a category of one of its datasets. "
        "The file replaces the weights loaded before; if any row is wrong nothing is saved.",
    )

    def clean_file(self):
        return checked_csv(self.cleaned_data["file"])


ISSUE_TAKEN = "The assessment already has a candidate issue of this name."


class CandidateIssueForm(forms.ModelForm):
    category = forms.ChoiceField(
        required=False, help_text=CandidateIssue._meta.get_field("category").help_text
    )

    class Meta:
        model = CandidateIssue
        fields = ["name", "dataset", "category", "about"]

    def __init__(self, *args, access, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access
        # An issue keeps its category while it is changed, even one no longer loaded.
        known = set(categories) | ({self.instance.category} - {""})
        self.fields["category"].choices = [("", "None")] + [(c, c) for c in sorted(known)]
        self.fields["dataset"].queryset = rules.datasets_of(access)
        self.fields["dataset"].empty_label = "Police.uk"

    def clean(self):
        cleaned = super().clean()
        dataset, category = cleaned.get("dataset"), cleaned.get("category")
        if dataset and category and not dataset.rows.filter(category=category).exists():
            self.add_error("category", f"{category} is not a category of {dataset}.")
        return cleaned

    def clean_name(self):
        name = self.cleaned_data["name"]
        taken = rules.candidate_issues_of(self.access.partnership).filter(name__iexact=name)
        if taken.exclude(pk=self.instance.pk).exists():
            raise ValidationError(ISSUE_TAKEN)
        return name


NOT_SCORED = ""


class ScoreForm(forms.Form):
    """One score from 1 to 5 per dimension; "Not scored" leaves (or takes back) none."""

    def __init__(self, *args, evidence, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(NOT_SCORED, "Not scored")] + [
            (value, str(value)) for value in range(LOWEST_SCORE, HIGHEST_SCORE + 1)
        ]
        for key, label in Dimension.choices:
            self.fields[key] = forms.TypedChoiceField(
                label=label,
                choices=choices,
                coerce=int,
                required=False,
                empty_value=None,
                help_text=evidence.get(key, ""),
            )


class WeightsForm(forms.Form):
    """A weight of 0 or more per dimension: a dimension of weight 0 does not count."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in Dimension.choices:
            self.fields[key] = forms.DecimalField(
                label=label, min_value=0, max_digits=6, decimal_places=2
            )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not any(cleaned.values()):
            raise ValidationError("Give at least one dimension a weight above 0.")
        return cleaned


# Residents' surveys

SURVEY_TAKEN = "The partnership already has a survey of this title."


class SurveyForm(forms.ModelForm):
    file = forms.FileField(
        label="Results (CSV)",
        help_text="A UTF-8 .csv file with the columns question, answer and count (how many "
        "people gave that answer), or, for the themes of free-text answers, theme and count. "
        "One row per answer or theme; no count may be more than the people who answered. If "
        "any row is wrong nothing is saved, and each wrong line is named.",
    )

    class Meta:
        model = Survey
        fields = ["title", "carried_out", "respondents", "caveats"]

    def __init__(self, *args, access, **kwargs):
        super().__init__(*args, **kwargs)
        self.access = access

    def clean_file(self):
        return checked_csv(self.cleaned_data["file"])

    def clean_title(self):
        title = self.cleaned_data["title"]
        if rules.surveys_of(self.access.partnership).filter(title__iexact=title).exists():
            raise ValidationError(SURVEY_TAKEN)
        return title


class ConcernLinkForm(forms.Form):
    """The survey answer or theme that measures residents' concern about an issue, or none."""

    result = forms.TypedChoiceField(
        label="Survey answer or theme",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="SaferPlan suggests the issue's public-concern score from the share of "
        "respondents who gave it.",
    )

    def __init__(self, *args, results, **kwargs):
        super().__init__(*args, **kwargs)
        self.results = {result.pk: result for result in results}
        self.fields["result"].choices = [("", "None")] + [
            (pk, f"{result.survey}: {result} ({result.count:,})")
            for pk, result in self.results.items()
        ]

    def clean_result(self):
        chosen = self.cleaned_data["result"]
        return None if chosen is None else self.results[chosen]


NEW_DRAFT = "new"
NEW_PRIORITY = ""


class ChooseForm(forms.Form):
    """Candidate issues into a plan not yet adopted: each a new priority, or an emerging issue
    under one of the plan's priorities."""

    issues = forms.TypedMultipleChoiceField(
        label="Candidate issues",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        help_text="In the order of the ranking.",
        error_messages={"required": "Choose at least one candidate issue."},
    )
    plan = forms.ChoiceField(label="Into the plan", widget=forms.RadioSelect)
    under = forms.TypedChoiceField(
        label="Make each issue",
        coerce=int,
        required=False,
        empty_value=None,
        help_text="An emerging issue goes under a priority of the plan chosen above.",
    )

    def __init__(self, *args, ranking, plans, new_year, **kwargs):
        super().__init__(*args, **kwargs)
        self.ranking, self.new_year = ranking, new_year
        self.fields["issues"].choices = [
            (row.issue.pk, f"{place}. {row.issue.name}")
            for place, row in enumerate(ranking.issues, start=1)
        ]
        self.plans = {plan.pk: plan for plan in plans}
        self.fields["plan"].choices = [
            (plan.pk, f"{plan} ({plan.get_status_display().lower()})") for plan in plans
        ] + [(NEW_DRAFT, f"A new draft: Community Safety Plan {financial_years.label(new_year)}")]
        self.priorities = {
            priority.pk: priority
            for plan in plans
            for priority in plan.priorities.all()  # prefetched
        }
        self.fields["under"].choices = [(NEW_PRIORITY, "A new priority of the plan")] + [
            (
                str(plan),
                [(p.pk, f"An emerging issue under {p}") for p in plan.priorities.all()],
            )
            for plan in plans
            if plan.priorities.all()
        ]

    def clean_issues(self):
        chosen = set(self.cleaned_data["issues"])
        return [row.issue for row in self.ranking.issues if row.issue.pk in chosen]

    def clean_plan(self):
        value = self.cleaned_data["plan"]
        return None if value == NEW_DRAFT else self.plans[int(value)]

    def clean(self):
        cleaned = super().clean()
        under = cleaned.get("under")
        if under is None or "plan" not in cleaned:
            return cleaned
        cleaned["under"] = priority = self.priorities[under]
        plan = cleaned["plan"]
        if plan is None or priority.plan_id != plan.pk:
            where = "the new draft" if plan is None else str(plan)
            self.add_error(
                "under",
                f"{priority} is not a priority of {where}: choose one of its priorities, or "
                "new priorities.",
            )
        return cleaned


class PeersFileForm(forms.Form):
    file = forms.FileField(
        label="Peer districts (CSV)",
        help_text="A UTF-8 .csv file with the column district code (an ONS code such as "
        "E07000114) and, if you like, name and group (such as Home Office most similar group), "
        "one row per district. The file replaces the peer districts chosen before; if any row "
        "is wrong nothing is saved, and each wrong line is named.",
    )

    def clean_file(self):
        return checked_csv(self.cleaned_data["file"])


class PeersForm(forms.Form):
    """Pick the peer districts among every district of the area lookup loaded."""

    districts = forms.MultipleChoiceField(
        label="Peer districts",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The districts the partnership compares itself with; its own are not listed.",
    )
    group = forms.CharField(
        label="Group",
        max_length=100,
        required=False,
        help_text="What the peers are, for example: Home Office most similar group.",
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["districts"].choices = choices
