"""Changes that touch several models at once."""

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
        issue = issues[old_issue.pk]
        action = Action.objects.create(
            issue=issue,
            number=1 + Action.objects.filter(issue=issue).count(),
            title=old.title,
            lead_agency=old.lead_agency,
            lead_officer=old.lead_officer,
            lead_officer_person=old.lead_officer_person,
            target_date=new_plan.ends,
            success_measure=old.success_measure,
            carried_from=old,
        )
        action.supporting_agencies.set(old.supporting_agencies.all())
    return new_plan
