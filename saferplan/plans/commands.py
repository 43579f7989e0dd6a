"""What the plan commands share: finding the partnership and the plan they name."""

from django.core.management.base import CommandError

from saferplan import financial_years
from saferplan.partnerships.models import Partnership


def partnership_arg(slug):
    try:
        return Partnership.objects.get(slug=slug)
    except Partnership.DoesNotExist:
        raise CommandError(f"--partnership: there is no partnership {slug!r}") from None


def plan_arg(slug, year):
    partnership = partnership_arg(slug)
    plan = partnership.plans.filter(year=year).first()
    if plan is None:
        raise CommandError(f"--year: {partnership} has no plan for {financial_years.label(year)}")
    return plan
