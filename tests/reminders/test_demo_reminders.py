"""The demo asks for updates before the Working Party's meetings; building twice changes nothing."""

from io import StringIO

from django.core.management import call_command

from saferplan.meetings.models import Meeting
from saferplan.plans.models import Action
from saferplan.reminders.deadlines import deadline_of, with_actions
from saferplan.reminders.models import ReminderSettings


def test_demo_reminder_settings_and_the_march_deadline(db):
    call_command("demo", "--no-serve", stdout=StringIO())
    call_command("demo", "--no-serve", stdout=StringIO())
    [chosen] = ReminderSettings.objects.all()
    assert chosen.partnership.slug == "thanet"
    assert [c.name for c in chosen.committees.all()] == ["Community Safety Working Party"]

    march = Meeting.objects.get(committee__partnership__slug="thanet", date="2015-03-03")
    found = with_actions(deadline_of(chosen, march))
    assert str(found.deadline) == "2015-02-17" and found.previous.date.isoformat() == "2014-11-18"
    assert found.plan.year == 2014 and found.actions
    # Every demo action with a lead officer named after a person of its agency is linked to them.
    linked = Action.objects.filter(issue__priority__plan=found.plan).exclude(
        lead_officer_person=None
    )
    assert linked.exists()
    assert all(a.lead_officer.startswith(a.lead_officer_person.name) for a in linked)
    assert all(a.lead_officer_person.agency_id == a.lead_agency_id for a in linked)
