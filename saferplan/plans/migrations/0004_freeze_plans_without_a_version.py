"""Freeze, as it is now, every plan out for consultation or adopted that has no version of its
stage (a plan imported or entered as adopted, the demo's 2014-15 plan): the public pages show only
frozen versions from now on. The content is built as `changes.plan_content` built it when this
migration was written, from the models as they were then."""

from django.db import migrations


def content_of(plan):
    priorities = plan.priorities.order_by("number", "pk").prefetch_related(
        "objectives", "issues__actions__lead_agency", "issues__actions__supporting_agencies"
    )
    return {
        "priorities": [
            {
                "id": priority.pk,
                "code": str(priority.number),
                "title": priority.title,
                "description": priority.description,
                "objectives": ", ".join(
                    f"Priority {o.number}: {o.title}"
                    for o in sorted(
                        priority.objectives.all(), key=lambda o: (o.corporate_plan, o.number)
                    )
                ),
                "issues": [
                    issue_content(priority, issue)
                    for issue in sorted(priority.issues.all(), key=lambda i: (i.number, i.pk))
                ],
            }
            for priority in priorities
        ]
    }


def issue_content(priority, issue):
    code = f"{priority.number}.{issue.number}"
    return {
        "id": issue.pk,
        "code": code,
        "title": issue.title,
        "description": issue.description,
        "actions": [
            {
                "id": action.pk,
                "code": f"{code}.{action.number}",
                "title": action.title,
                "lead_agency": action.lead_agency.name,
                "supporting_agencies": ", ".join(
                    a.name for a in sorted(action.supporting_agencies.all(), key=lambda a: a.name)
                ),
                "lead_officer": action.lead_officer,
                "target_date": action.target_date.isoformat(),
                "success_measure": action.success_measure,
            }
            for action in sorted(issue.actions.all(), key=lambda a: (a.number, a.pk))
        ],
    }


def freeze_plans_without_a_version(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    PlanVersion = apps.get_model("plans", "PlanVersion")
    for plan in Plan.objects.filter(status__in=["consultation", "adopted"]):
        if not plan.versions.filter(stage=plan.status).exists():
            PlanVersion.objects.create(plan=plan, stage=plan.status, content=content_of(plan))


class Migration(migrations.Migration):
    dependencies = [("plans", "0003_link_lead_officers")]

    operations = [
        migrations.RunPython(freeze_plans_without_a_version, migrations.RunPython.noop),
    ]
