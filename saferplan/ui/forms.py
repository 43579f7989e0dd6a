from django.forms.renderers import TemplatesSetting


class GovukFormRenderer(TemplatesSetting):
    """Renders every form field the GOV.UK way: label, hint, error message, then the input."""

    form_template_name = "ui/forms/form.html"
    field_template_name = "ui/forms/field.html"
