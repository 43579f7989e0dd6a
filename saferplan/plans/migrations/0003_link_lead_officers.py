"""Link each existing action to the person its lead officer text names, where exactly one person
of the lead agency with an officer or coordinator role in the partnership has that name."""

from django.db import migrations

from saferplan.plans.models import lead_officer_person_named


def link_lead_officers(apps, schema_editor):
    Action = apps.get_model("plans", "Action")
    Person = apps.get_model("partnerships", "Person")
    actions = Action.objects.filter(lead_officer_person=None).exclude(lead_officer="")
    for action in actions.select_related("issue__priority__plan", "lead_agency"):
        people = Person.objects.filter(
            roles__partnership=action.issue.priority.plan.partnership_id,
            roles__kind__in=["officer", "coordinator"],
        )
        person = lead_officer_person_named(
            action.lead_officer, agency=action.lead_agency, people=people
        )
        if person is not None:
            action.lead_officer_person = person
            action.save(update_fields=["lead_officer_person"])


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0002_action_lead_officer_person"),
        ("partnerships", "0001_initial"),
    ]

    operations = [migrations.RunPython(link_lead_officers, migrations.RunPython.noop)]
