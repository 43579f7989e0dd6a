"""Forms of the registers. Each is given the partnership and offers only its agencies, people,
plans and agenda items."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from saferplan.meetings.models import Recommendation
from saferplan.meetings.services import record_recommendation
from saferplan.partnerships import access as rules
from saferplan.plans.forms import ActionForm
from saferplan.ui.forms import ModelMultipleChoiceField

from .models import AsbCaseReview, AsbRecommendation, DeathReview, DeathReviewRecommendation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def scope_to(form, partnership, *, agencies=(), people=()):
    """Offer only the partnership's agencies and people in the named fields."""
    form.instance.partnership = partnership
    for name in agencies:
        form.fields[name].queryset = rules.agencies_of(partnership)
    for name in people:
        # With their agencies, which their labels name: not a query per person.
        form.fields[name].queryset = rules.people_to_share_with(partnership).select_related(
            "agency"
        )
        form.fields[name].label_from_instance = lambda p: f"{p} ({p.agency or 'no agency'})"


class AsbCaseReviewForm(forms.ModelForm):
    class Meta:
        model = AsbCaseReview
        fields = [
            "reference",
            "received",
            "how_made",
            "applicant_name",
            "applicant_contact",
            "threshold",
            "threshold_decision",
            "why_not_met",
            "told_decision",
            "review_meeting",
            "agencies",
            "outcome",
            "told_outcome",
            "appeal_received",
            "appeal_outcome",
            "shared_with",
        ]
        dates = ["received", "told_decision", "review_meeting", "told_outcome", "appeal_received"]
        widgets = {name: DATE for name in dates} | {
            "how_made": forms.RadioSelect,
            "threshold_decision": forms.RadioSelect,
            "applicant_contact": forms.Textarea(attrs={"rows": 3}),
            "why_not_met": forms.Textarea(attrs={"rows": 3}),
            "outcome": forms.Textarea(attrs={"rows": 4}),
            "appeal_outcome": forms.Textarea(attrs={"rows": 3}),
            "agencies": forms.CheckboxSelectMultiple,
            "shared_with": forms.CheckboxSelectMultiple,
        }
        field_classes = {
            "agencies": ModelMultipleChoiceField,
            "shared_with": ModelMultipleChoiceField,
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        scope_to(self, partnership, agencies=["agencies"], people=["shared_with"])
        self.fields["how_made"].choices = AsbCaseReview.HowMade.choices

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
        others = rules.asb_case_reviews_of(self.instance.partnership).exclude(pk=self.instance.pk)
        if others.filter(reference__iexact=reference).exists():
            raise ValidationError("The register already has a case with this reference.")
        return reference


class DeathReviewForm(forms.ModelForm):
    report_url = forms.URLField(
        label="Published report's address",
        required=False,
        assume_scheme="https",
        help_text="Where the report is published, e.g. on the council's website.",
    )

    class Meta:
        model = DeathReview
        fields = [
            "title",
            "notified",
            "decision",
            "decided",
            "chair",
            "panel_agencies",
            "submitted",
            "quality_assurance",
            "quality_assured",
            "published",
            "report_url",
            "shared_with",
        ]
        dates = ["notified", "decided", "submitted", "quality_assured", "published"]
        widgets = {name: DATE for name in dates} | {
            "decision": forms.RadioSelect,
            "quality_assurance": forms.RadioSelect,
            "panel_agencies": forms.CheckboxSelectMultiple,
            "shared_with": forms.CheckboxSelectMultiple,
        }
        field_classes = {
            "panel_agencies": ModelMultipleChoiceField,
            "shared_with": ModelMultipleChoiceField,
        }

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        scope_to(self, partnership, agencies=["panel_agencies"], people=["shared_with"])


class RecommendationForm(forms.ModelForm):
    """A review's recommendation with its owner agency and target date."""

    class Meta:
        fields = ["text", "owner", "due"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due": DATE}

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.review = review
        self.fields["owner"].queryset = rules.agencies_of(review.partnership)
        self.fields["owner"].empty_label = "Choose an agency"


class AsbRecommendationForm(RecommendationForm):
    class Meta(RecommendationForm.Meta):
        model = AsbRecommendation


class DeathReviewRecommendationForm(RecommendationForm):
    class Meta(RecommendationForm.Meta):
        model = DeathReviewRecommendation


class RecommendationActionForm(ActionForm):
    """The plan's own action form, filled in from the recommendation; saving links the two."""

    def __init__(self, *args, recommendation, **kwargs):
        self.recommendation = recommendation
        super().__init__(*args, **kwargs)

    @transaction.atomic
    def save(self, commit=True):
        action = super().save()
        self.recommendation.action = action
        self.recommendation.save(update_fields=["action"])
        return action


class AgendaItemField(forms.ModelChoiceField):
    def label_from_instance(self, item):
        return f"{item.meeting}, item {item.position}: {item.title}"


class RegisterEntryForm(forms.Form):
    """Record an ASB case review's recommendation in the recommendations register, against the
    agenda item of the meeting it was reported to; made to its owner agency, due on its date."""

    item = AgendaItemField(
        None,
        label="Reported to",
        empty_label="Choose a meeting's agenda item",
        help_text="The register lists recommendations by the meeting and item that heard them. "
        "Everyone in the partnership reads the register, and anyone the public page of a public "
        "meeting, which lists its public items' recommendations: keep personal details out of "
        "the text.",
    )
    text = forms.CharField(label="Recommendation", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, recommendation, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendation, self.by = recommendation, by
        partnership = recommendation.review.partnership
        self.fields["item"].queryset = rules.agenda_items_of(partnership).order_by(
            "-meeting__date", "position"
        )

    @transaction.atomic
    def save(self):
        recommendation = self.recommendation
        entry = record_recommendation(
            recommendation=Recommendation(
                item=self.cleaned_data["item"],
                kind=Recommendation.Kind.RECOMMENDATION,
                text=self.cleaned_data["text"],
                made_to=Recommendation.MadeTo.AGENCY,
                to_agency=recommendation.owner,
                due=recommendation.due,
            ),
            by=self.by,
        )
        recommendation.register_entry = entry
        recommendation.save(update_fields=["register_entry"])
        return entry
