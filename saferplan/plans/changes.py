"""What changed between the consultation draft and the adopted plan.

When a plan goes out for consultation, and again when it is adopted (or is imported at either
stage), its content is frozen as a PlanVersion; the public reads only frozen versions. Comparing
two versions item by item (matched by their database id, so a renumbered or reworded action is
"changed", not "removed and added") tells anyone what the consultation changed.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from .models import Action, PlanVersion

# What is compared at each level, with the words shown on the page.
FIELDS = {
    "Priority": {
        "code": "Number",
        "title": "Title",
        "description": "Description",
        "objectives": "Corporate plan objectives",
    },
    "Emerging issue": {"code": "Number", "title": "Title", "description": "Description"},
    "Action": {
        "code": "Number",
        "title": "Action",
        "lead_agency": "Lead agency",
        "supporting_agencies": "Supporting agencies",
        "lead_officer": "Lead officer",
        "target_date": "Target date",
        "success_measure": "How success will be measured",
    },
}


def plan_content(plan):
    """The plan as plain data: every priority, emerging issue and action with its wording."""
    actions = Action.objects.select_related("lead_agency")  # with the actions, not after
    priorities = plan.priorities.prefetch_related(
        "objectives",
        Prefetch("issues__actions", queryset=actions),
        "issues__actions__supporting_agencies",
    )
    return {
        "priorities": [
            {
                "id": priority.pk,
                "code": str(priority.number),
                "title": priority.title,
                "description": priority.description,
                "objectives": ", ".join(str(o) for o in priority.objectives.all()),
                "chosen_because": priority.chosen_because,
                "issues": [issue_content(priority, issue) for issue in priority.issues.all()],
            }
            for priority in priorities
        ]
    }


def issue_content(priority, issue):
    return {
        "id": issue.pk,
        "code": f"{priority.number}.{issue.number}",
        "title": issue.title,
        "description": issue.description,
        "chosen_because": issue.chosen_because,
        "actions": [
            {
                "id": action.pk,
                "code": f"{priority.number}.{issue.number}.{action.number}",
                "title": action.title,
                "lead_agency": action.lead_agency.name,
                "supporting_agencies": ", ".join(a.name for a in action.supporting_agencies.all()),
                "lead_officer": action.lead_officer,
                "target_date": action.target_date.isoformat(),
                "success_measure": action.success_measure,
            }
            for action in issue.actions.all()
        ],
    }


def take_version(plan, *, stage):
    return PlanVersion.objects.create(plan=plan, stage=stage, content=plan_content(plan))


def published_content(plan):
    """The plan as the public may read it: as it was put out for consultation or adopted (its
    latest frozen version of its present stage), never as it is being amended. The public pages
    show only plans that have one (`access.fit_for_the_public`)."""
    content = plan.versions.filter(stage=plan.status).latest("taken_at").content
    for priority in content["priorities"]:
        for issue in priority["issues"]:
            for action in issue["actions"]:
                action["target_date"] = datetime.date.fromisoformat(action["target_date"])
    return content


@dataclass
class Change:
    kind: str  # added, removed or changed
    level: str  # Priority, Emerging issue or Action
    code: str
    title: str
    fields: list = field(default_factory=list)  # (label, before, after)


def items(content):
    """{(level, id): item} of a plan's content, in the plan's order."""
    found = {}
    for priority in content["priorities"]:
        found["Priority", priority["id"]] = priority
        for issue in priority["issues"]:
            found["Emerging issue", issue["id"]] = issue
            for action in issue["actions"]:
                found["Action", action["id"]] = action
    return found


def compare(before, after):
    """The changes that turn the content `before` into `after`, in the order of `after`."""
    old, new = items(before), items(after)
    changes = []
    for (level, key), item in new.items():
        if (level, key) not in old:
            changes.append(Change("added", level, item["code"], item["title"]))
            continue
        differences = [
            (label, old[level, key][name], item[name])
            for name, label in FIELDS[level].items()
            if old[level, key][name] != item[name]
        ]
        if differences:
            changes.append(Change("changed", level, item["code"], item["title"], differences))
    changes += [
        Change("removed", level, item["code"], item["title"])
        for (level, key), item in old.items()
        if (level, key) not in new
    ]
    return changes
