"""A plan of any size with a year of updates, built in bulk: for the query-count tests and the
benchmark in bench/. Not sample data for people to read."""

import datetime
import itertools

from django.utils import timezone

from .models import Action, EmergingIssue, Plan, Priority, ProgressUpdate, Status

CYCLE = [Status.NOT_STARTED, Status.UNDERWAY, Status.UNDERWAY, Status.COMPLETED]


def build_large_plan(partnership, agencies, *, year, priorities, issues, actions, updates):
    """`priorities` x `issues` x `actions`, each action with `updates` updates spread over the
    year and ending in a mix of statuses; lead and supporting agencies taken in turn."""
    plan = Plan.objects.create(partnership=partnership, year=year, status=Plan.Stage.ADOPTED)
    made_priorities = Priority.objects.bulk_create(
        Priority(plan=plan, number=p, title=f"Priority theme {p}") for p in range(1, priorities + 1)
    )
    made_issues = EmergingIssue.objects.bulk_create(
        EmergingIssue(priority=priority, number=i, title=f"Emerging issue {priority.number}.{i}")
        for priority in made_priorities
        for i in range(1, issues + 1)
    )
    lead = itertools.cycle(agencies)
    made_actions = Action.objects.bulk_create(
        Action(
            issue=issue,
            number=a,
            title=f"Action {a} for issue {issue.title}",
            lead_agency=next(lead),
            lead_officer=f"Officer {a % 7}",
            target_date=datetime.date(year, 5 + a % 8, 1) if a % 3 else plan.ends,
        )
        for issue in made_issues
        for a in range(1, actions + 1)
    )
    supporting = Action.supporting_agencies.through
    supporting.objects.bulk_create(
        supporting(action_id=action.pk, agency_id=agencies[(n + 1) % len(agencies)].pk)
        for n, action in enumerate(made_actions)
    )
    start = timezone.make_aware(datetime.datetime(year, 4, 2, 9))
    ProgressUpdate.objects.bulk_create(
        (
            ProgressUpdate(
                action=action,
                status=CYCLE[min(u * len(CYCLE) // updates + n % 2, len(CYCLE) - 1)],
                note=f"Update {u + 1}",
                recorded_at=start + datetime.timedelta(days=u * 300 // updates + n % 5),
            )
            for n, action in enumerate(made_actions)
            for u in range(updates)
        ),
        batch_size=2000,
    )
    return plan
