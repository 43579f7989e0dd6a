from django import forms

from saferplan import financial_years
from saferplan.partnerships import access
from saferplan.plans.models import Action, Priority
from saferplan.ui.forms import ModelMultipleChoiceField

from .models import (
    PENNY,
    Allocation,
    Application,
    FundedProject,
    Grant,
    PoundsFormField,
    ReturnDate,
    Spend,
)


class DateInput(forms.DateInput):
    input_type = "date"


class GrantForm(forms.ModelForm):
    class Meta:
        model = Grant
        fields = ["funder", "year", "amount", "conditions"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership

    def clean(self):
        data = super().clean()
        same = Grant.objects.filter(
            partnership=self.instance.partnership, funder=data.get("funder"), year=data.get("year")
        ).exclude(pk=self.instance.pk)
        if same.exists():
            label = financial_years.label(data["year"])
            raise forms.ValidationError(f"{data['funder']} already has a grant for {label}.")
        return data


class ReturnDateForm(forms.ModelForm):
    class Meta:
        model = ReturnDate
        fields = ["period", "due"]
        widgets = {"due": DateInput}

    def __init__(self, *args, grant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.grant = grant

    def clean_period(self):
        period = self.cleaned_data["period"]
        if self.instance.grant.return_dates.filter(period=period).exists():
            raise forms.ValidationError("There is already a return date for that period.")
        return period


class AllocationForm(forms.ModelForm):
    class Meta:
        model = Allocation
        fields = ["kind", "name", "budget"]

    def __init__(self, *args, grant, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.grant = grant


class ProjectForm(forms.ModelForm):
    class Meta:
        model = FundedProject
        fields = [
            "allocation",
            "organisation",
            "title",
            "description",
            "amount_awarded",
            "starts",
            "ends",
            "status",
            "outputs",
            "people_reached",
            "outcomes",
            "priority",
            "actions",
            "case_study",
        ]
        widgets = {
            "starts": DateInput,
            "ends": DateInput,
            "actions": forms.CheckboxSelectMultiple,
        }
        field_classes = {"actions": ModelMultipleChoiceField}

    def __init__(self, *args, grant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allocation"].queryset = grant.allocations.all()
        # Only the plan of the grant's own year and partnership can be served.
        plan = access.plans_of(grant.partnership).filter(year=grant.year).first()
        self.fields["priority"].queryset = (
            plan.priorities.all() if plan else Priority.objects.none()
        )
        self.fields["actions"].queryset = (
            # Each action is labelled with its code, which names its issue and priority.
            Action.objects.of_plan(plan).select_related("issue__priority")
            if plan
            else Action.objects.none()
        )
        self.fields["case_study"].queryset = access.case_studies_of(grant.partnership)


class SpendForm(forms.ModelForm):
    class Meta:
        model = Spend
        fields = ["allocation", "project", "date", "amount", "payee", "note"]
        widgets = {"date": DateInput}

    def __init__(self, *args, grant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allocation"].queryset = grant.allocations.all()
        self.fields["project"].queryset = FundedProject.objects.filter(allocation__grant=grant)
        self.fields["project"].help_text = "Leave empty for spend on no project, such as printing."


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["allocation", "organisation", "title", "summary", "amount_requested", "received"]
        widgets = {"received": DateInput}

    def __init__(self, *args, grant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allocation"].queryset = grant.allocations.filter(
            kind=Allocation.Kind.SMALL_GRANTS
        )


class MoveForm(forms.Form):
    """Move an application on to its next stage."""

    stage = forms.ChoiceField(label="New stage", widget=forms.RadioSelect)
    on = forms.DateField(label="Date", widget=DateInput)
    amount = PoundsFormField(
        label="Amount",
        required=False,
        min_value=PENNY,
        decimal_places=2,
        help_text="When approving or paying: leave empty for the amount requested or awarded.",
    )
    note = forms.CharField(
        label="Note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The assessment, the reason for declining, or what the monitoring says.",
    )

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application
        stages = Application.NEXT[application.stage]
        self.fields["stage"].choices = [(stage, Application.Stage(stage).label) for stage in stages]
