"""A posted id too large for any database, in any form's list of choices, is refused as an
invalid choice: on SQLite Django handed it to the database, whose OverflowError was a server
error (500). The registers' forms and the action form are checked through their pages
(tests/registers/test_pages_registers.py); these are the others with such a list."""

import importlib
import inspect
import io
from importlib.util import find_spec

from django import forms
from django.apps import apps
from django.core.management import call_command

from saferplan.funding.forms import ProjectForm
from saferplan.funding.models import Grant
from saferplan.meetings.forms import ItemForm
from saferplan.meetings.models import Meeting
from saferplan.plans.forms import CaseStudyForm, PriorityForm, RollForwardForm
from saferplan.plans.models import Plan
from saferplan.reminders.forms import ReminderSettingsForm
from saferplan.reminders.models import ReminderSettings
from saferplan.ui import forms as ui_forms

TOO_LARGE = "9" * 20

FORMS = {
    "objectives": lambda data, plan: PriorityForm(data, plan=plan),
    "actions to carry over": lambda data, plan: RollForwardForm(data, plan=plan),
    "case study actions": lambda data, plan: CaseStudyForm(data, partnership=plan.partnership),
    "case study agencies": lambda data, plan: CaseStudyForm(data, partnership=plan.partnership),
    "project actions": lambda data, plan: ProjectForm(
        data, grant=Grant.objects.filter(partnership=plan.partnership).first()
    ),
    "agenda item papers": lambda data, plan: ItemForm(
        data, meeting=Meeting.objects.filter(committee__partnership=plan.partnership).first()
    ),
    "reminder committees": lambda data, plan: ReminderSettingsForm(
        data, instance=ReminderSettings.objects.get(partnership=plan.partnership)
    ),
}
FIELDS = {
    "objectives": "objectives",
    "actions to carry over": "actions",
    "case study actions": "actions",
    "case study agencies": "agencies",
    "project actions": "actions",
    "agenda item papers": "papers",
    "reminder committees": "committees",
}


def test_an_id_too_large_for_any_database_is_an_invalid_choice(db):
    call_command("demo", "--no-serve", stdout=io.StringIO())
    plan = Plan.objects.filter(partnership__slug="thanet").order_by("year").first()
    for form, make in FORMS.items():
        field = FIELDS[form]
        filled = make({field: [TOO_LARGE]}, plan)
        assert not filled.is_valid(), form
        assert TOO_LARGE in " ".join(filled.errors[field]), (form, filled.errors)


def forms_of_the_project():
    """Every form class defined in an app's forms module."""
    for app in apps.get_app_configs():
        if app.name.startswith("saferplan.") and find_spec(f"{app.name}.forms"):
            module = importlib.import_module(f"{app.name}.forms")
            for _, form in inspect.getmembers(module, inspect.isclass):
                if issubclass(form, forms.BaseForm) and form.__module__ == module.__name__:
                    yield form


def test_every_list_of_records_chosen_by_id_is_the_one_that_refuses_such_an_id():
    """The check above is a field class of the project's, which a new form must use too."""
    django_own = [
        f"{form.__name__}.{name}"
        for form in forms_of_the_project()
        for name, field in form.base_fields.items()
        if isinstance(field, forms.ModelMultipleChoiceField)
        and field.to_field_name is None
        and not isinstance(field, ui_forms.ModelMultipleChoiceField)
    ]
    assert django_own == []
