from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import Jinja2
from django.template import TemplateDoesNotExist, loader
from django.utils.functional import cached_property
from django.utils.html import conditional_escape


class GovukFormRenderer(Jinja2):
    """Renders every form field the GOV.UK way: label, hint, error message, then the input.

    In Jinja2 (ui/jinja2/ui/forms/, and Django's own widget templates in django/forms/jinja2/):
    a form renders a template per field, widget and option, which Jinja2 renders in about half
    the time Django's template language takes. A widget whose template Jinja2 has not (the
    admin's) is rendered by the project's Django templates.
    """

    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,  # saferplan.ui first, then django.forms (INSTALLED_APPS)
                "DIRS": [],
                "NAME": "djangoforms",
                "OPTIONS": {
                    # The HTML Django's templates gave, byte for byte: Django's escaping (&quot;
                    # and &#x27; where Jinja2 writes &#34; and &#39;), and each template's last
                    # newline kept, as Django's template language keeps it.
                    "finalize": conditional_escape,
                    "keep_trailing_newline": True,
                },
            }
        )

    def get_template(self, template_name):
        try:
            return super().get_template(template_name)
        except TemplateDoesNotExist:
            return loader.get_template(template_name)


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
