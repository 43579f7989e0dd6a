"""Changes that touch several models at once."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .models import Action, EmergingIssue, Plan, Priority


@transaction.atomic
def plan_roll_forward(*, plan, into_year, actions):
    """Create next year's draft from `plan`, carrying over the chosen `actions`.

    Each carried action keeps its wording, agencies and officer, is due at the end of the new
    year, starts with no update, and links back to the action it carries on. The priorities and
    emerging issues that hold them are copied too, for the coordinator to rename or move.
    """
    new_plan = Plan.objects.create(
        partnership=plan.partnership, year=into_year, rolled_from=plan, status=Plan.Stage.DRAFT
    )
    priorities, issues = {}, {}
    for old in sorted(actions, key=lambda a: a.code):
        old_issue, old_priority = old.issue, old.issue.priority
        if old_priority.pk not in priorities:
            priority = Priority.objects.create(
                plan=new_plan,
                number=len(priorities) + 1,
                title=old_priority.title,
                description=old_priority.description,
            )
            priority.objectives.set(old_priority.objectives.all())
            priorities[old_priority.pk] = priority
        if old_issue.pk not in issues:
            issues[old_issue.pk] = EmergingIssue.objects.create(
                priority=priorities[old_priority.pk],
                number=1
                + sum(i.priority_id == priorities[old_priority.pk].pk for i in issues.values()),
                title=old_issue.title,
                description=old_issue.description,
            )
        carry_action(old, into=issues[old_issue.pk], plan=new_plan)
    return new_plan


def carry_action(old, *, into, plan):
    """Copy the action `old` under the emerging issue `into` of `plan`: its wording, agencies
    and officer, due at the end of `plan`'s year, with no update, linked back to `old`."""
    action = Action.objects.create(
        issue=into,
        number=1 + Action.objects.filter(issue=into).count(),
        title=old.title,
        lead_agency=old.lead_agency,
        lead_officer=old.lead_officer,
        lead_officer_person=old.lead_officer_person,
        target_date=plan.ends,
        success_measure=old.success_measure,
        carried_from=old,
    )
    action.supporting_agencies.set(old.supporting_agencies.all())
    return action


@transaction.atomic
def close_plan_year(*, plan, on, by, outcomes):
    """Close `plan`'s year on `on`: its actions stop being chased and each unfinished one gets
    its final status. `outcomes` is [(action, final status, reason, priority or None)]: an
    action with a priority of next year's draft is copied under that priority's emerging issue
    of the same title (made if missing). Closing twice is refused."""
    locked = Plan.objects.select_for_update().get(pk=plan.pk)
    if locked.closed_on is not None:
        raise ValidationError(f"{plan} was already closed on {locked.closed_on:%-d %B %Y}.")
    for action, final_status, reason, priority in outcomes:
        action.final_status, action.final_reason = final_status, reason
        action.save(update_fields=["final_status", "final_reason"])
        if priority is not None:
            carry_action(action, into=issue_named(priority, action.issue), plan=priority.plan)
    plan.closed_on, plan.closed_by = on, by
    plan.save(update_fields=["closed_on", "closed_by"])
    return plan


def issue_named(priority, like):
    """The emerging issue of `priority` titled as `like`, made if it has none."""
    found = priority.issues.filter(title=like.title).first()
    return found or EmergingIssue.objects.create(
        priority=priority,
        number=1 + priority.issues.count(),
        title=like.title,
        description=like.description,
    )
