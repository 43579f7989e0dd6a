from django import forms
from django.utils import timezone

from .models import Report


class DateInput(forms.DateInput):
    input_type = "date"


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = [
            "kind",
            "year",
            "title",
            "committee",
            "meeting_date",
            "author",
            "author_post",
            "classification",
            "ward",
            "summary",
            "purpose",
            "introduction",
            "topics",
            "options",
            "financial",
            "recommendations",
            "contact_officer",
            "contact_phone",
            "reporting_to",
            "reporting_to_phone",
        ]
        widgets = {
            "meeting_date": DateInput,
            "classification": forms.RadioSelect,
            "purpose": forms.RadioSelect,
            "summary": forms.Textarea(attrs={"rows": 3}),
            "introduction": forms.Textarea(attrs={"rows": 4}),
            "topics": forms.Textarea(attrs={"rows": 8}),
            "options": forms.Textarea(attrs={"rows": 4}),
            "financial": forms.Textarea(attrs={"rows": 4}),
            "recommendations": forms.Textarea(attrs={"rows": 4}),
        }


def current_plan_year():
    today = timezone.localdate()
    return today.year if today.month >= 4 else today.year - 1


class ChooseReportForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which report", choices=Report.Kind.choices, widget=forms.RadioSelect
    )
    year = forms.IntegerField(
        label="Plan year",
        min_value=2000,
        max_value=2100,
        initial=current_plan_year,
        help_text="The year the plan starts: 2014 for April 2014 to March 2015.",
    )
