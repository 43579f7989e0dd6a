from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    """Renders every form field the GOV.UK way: label, hint, error message, then the input."""

    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"


# The largest id a database can hold: SQLite's and PostgreSQL's 64-bit integers.
LARGEST_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, with a posted id too large for any database refused as an invalid choice: on
    SQLite Django passes it to the database, whose OverflowError was a server error (500)."""

    def clean(self, value):
        if isinstance(value, list | tuple):
            for chosen in value:
                if too_large(chosen):
                    raise ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": chosen},
                    )
        return super().clean(value)


def too_large(chosen):
    try:
        return abs(int(str(chosen))) > LARGEST_ID
    except ValueError:
        return False  # not a number at all: Django's own check refuses it
