from django import forms

from saferplan.partnerships import access as rules
from saferplan.ui.forms import ModelMultipleChoiceField

from .models import EmailPreferences, ReminderSettings


class ReminderSettingsForm(forms.ModelForm):
    class Meta:
        model = ReminderSettings
        fields = ["deadline_days", "reminder_days", "committees"]
        widgets = {"committees": forms.CheckboxSelectMultiple}
        field_classes = {"committees": ModelMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committees"].queryset = rules.committees_of(self.instance.partnership)


class EmailPreferencesForm(forms.ModelForm):
    class Meta:
        model = EmailPreferences
        fields = [
            "reminder",
            "deadline_digest",
            "weekly_digest",
            "new_comment",
            "new_recommendation",
            "comment_answered",
        ]
