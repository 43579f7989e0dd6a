"""Sample reminder settings: Thanet asks for updates before each Working Party meeting, with the
default deadline (14 days before) and reminder (7 days before it). The demo's meetings are in
2014-15, so its deadline pages show who had updated for each; no email is made up."""

from saferplan.meetings.models import Committee
from saferplan.partnerships.models import Partnership

from .models import ReminderSettings


def build():
    thanet = Partnership.objects.get(slug="thanet")
    chosen, created = ReminderSettings.objects.get_or_create(partnership=thanet)
    if created:
        chosen.committees.set(
            Committee.objects.filter(partnership=thanet, kind=Committee.Kind.WORKING_PARTY)
        )
