"""A posted id too large for any database, in any form's list of choices, is refused as an
invalid choice: on SQLite Django handed it to the database, whose OverflowError was a server
error (500). The registers' forms and the action form are checked through their pages
(tests/registers/test_pages_registers.py); these are the others with such a list."""

import io

from django.core.management import call_command

from saferplan.funding.forms import ProjectForm
from saferplan.funding.models import Grant
from saferplan.meetings.forms import ItemForm
from saferplan.meetings.models import Meeting
from saferplan.plans.forms import CaseStudyForm, PriorityForm, RollForwardForm
from saferplan.plans.models import Plan
from saferplan.reminders.forms import ReminderSettingsForm
from saferplan.reminders.models import ReminderSettings

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
