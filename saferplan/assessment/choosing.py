"""From the ranked candidate issues to next year's draft plan.

The coordinator takes some issues into a plan not yet adopted: each becomes a priority, or an
emerging issue under one of the plan's priorities, that keeps a link to its candidate issue and
the reason it was chosen (its place in the ranking and its police.uk figures), worked out from
the evidence at that moment and kept as it was: data loaded later does not rewrite why a plan
chose what it chose.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from saferplan import financial_years
from saferplan.partnerships import access as rules
from saferplan.plans.models import EmergingIssue, Plan, Priority

from . import selectors


def next_draft_year(partnership):
    """The year of the draft the assessment leads to: the one after the partnership's latest
    plan, or next financial year where it has none."""
    latest = rules.plans_of(partnership).aggregate(latest=Max("year"))["latest"]
    return latest + 1 if latest else financial_years.of(timezone.localdate()) + 1


def new_draft(partnership, year):
    """The draft plan of `year`; another coordinator may have just made it."""
    plan, _ = Plan.objects.get_or_create(
        partnership=partnership, year=year, defaults={"status": Plan.Stage.DRAFT}
    )
    return plan


@transaction.atomic
def choose_for_plan(*, plan, issues, under=None):
    """Make each candidate issue of `issues` a priority of `plan` or, `under` one of its
    priorities, an emerging issue; each with its link and its reason. ValidationError, nothing
    saved, for an adopted plan or an issue the plan already holds."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == Plan.Stage.ADOPTED:
        raise ValidationError(f"{plan} is adopted: an adopted plan is not changed.")
    if under is not None and under.plan_id != plan.pk:
        raise ValidationError(f"{under} is not a priority of {plan}.")
    held = already_in(plan, issues)
    if held:
        raise ValidationError([f"{plan} already holds {name}." for name in held])
    ranking = selectors.ranking(plan.partnership)
    evidence = selectors.Evidence.of(plan.partnership)
    rows = {row.issue.pk: row for row in ranking.issues}
    made = []
    for issue in issues:
        reason = selectors.chosen_because(ranking, rows[issue.pk], evidence)
        made.append(add_issue(under, issue, reason) if under else add_priority(plan, issue, reason))
    return made


def already_in(plan, issues):
    """The issues of `issues` a priority or an emerging issue of `plan` was chosen from."""
    chosen = set(
        Priority.objects.filter(plan=plan, candidate_issue__in=issues).values_list(
            "candidate_issue", flat=True
        )
    ) | set(
        EmergingIssue.objects.filter(priority__plan=plan, candidate_issue__in=issues).values_list(
            "candidate_issue", flat=True
        )
    )
    return [issue.name for issue in issues if issue.pk in chosen]


def add_priority(plan, issue, reason):
    last = plan.priorities.aggregate(last=Max("number"))["last"] or 0
    return Priority.objects.create(
        plan=plan,
        number=last + 1,
        title=issue.name,
        description=issue.about,
        candidate_issue=issue,
        chosen_because=reason,
    )


def add_issue(priority, issue, reason):
    last = priority.issues.aggregate(last=Max("number"))["last"] or 0
    return EmergingIssue.objects.create(
        priority=priority,
        number=last + 1,
        title=issue.name,
        description=issue.about,
        candidate_issue=issue,
        chosen_because=reason,
    )
