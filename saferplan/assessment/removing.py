"""Deleting a dataset or a candidate issue without leaving anything pointing at nothing.

What goes with each is worked out first (`*_removal`), shown on the confirmation page, and then
done in one transaction:
- a dataset takes its counts and its file; a harm weight of a category no other source has any
  more goes too, and a candidate issue about such a category keeps its name and scores but no
  longer names the category;
- a candidate issue takes its scores; a priority or emerging issue chosen from it keeps the reason
  it was chosen, without the link. An issue an adopted plan was chosen from is not deleted: the
  adopted plan's evidence stays whole.
"""

from dataclasses import dataclass, field

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError

from saferplan.partnerships import access as rules
from saferplan.plans.models import Plan

from .models import DatasetCount, HarmWeight


class NotRemoved(Exception):
    """Something else still needs the object; the message says what."""


@dataclass
class DatasetRemoval:
    dataset: object
    rows: int
    categories: list  # the categories no other source of the partnership has
    weights: list = field(default_factory=list)  # HarmWeight rows of those categories
    issues: list = field(default_factory=list)  # CandidateIssues about those categories


def dataset_removal(dataset):
    partnership = dataset.partnership
    own = set(dataset.rows.values_list("category", flat=True).distinct().order_by())
    others = set(
        DatasetCount.objects.filter(dataset__partnership=partnership)
        .exclude(dataset=dataset)
        .filter(category__in=own)
        .values_list("category", flat=True)
        .distinct()
        .order_by()
    ) | set(
        rules.counts_of(partnership)
        .filter(category__in=own)
        .values_list("category", flat=True)
        .distinct()
        .order_by()
    )
    alone = sorted(own - others)
    return DatasetRemoval(
        dataset=dataset,
        rows=dataset.rows.count(),
        categories=alone,
        weights=list(
            HarmWeight.objects.filter(weights__partnership=partnership, category__in=alone)
        ),
        issues=list(rules.candidate_issues_of(partnership).filter(category__in=alone)),
    )


def remove_dataset(dataset):
    with transaction.atomic():
        removal = dataset_removal(dataset)
        HarmWeight.objects.filter(pk__in=[w.pk for w in removal.weights]).delete()
        for issue in removal.issues:
            issue.category = ""
            issue.save(update_fields=["category"])
        source = dataset.source_file.name
        deleted(dataset)
        if source:
            transaction.on_commit(lambda: default_storage.delete(source))


@dataclass
class IssueRemoval:
    issue: object
    scores: int
    chosen: list  # the priorities and emerging issues chosen from it
    frozen: list  # those of them in an adopted plan: the issue stays


def chosen_from(issue):
    """The plans' priorities and emerging issues chosen from the candidate issue."""
    return [
        *issue.priorities.select_related("plan"),
        *issue.emerging_issues.select_related("priority__plan"),
    ]


def issue_removal(issue):
    chosen = chosen_from(issue)
    return IssueRemoval(
        issue=issue,
        scores=issue.scores.count(),
        chosen=chosen,
        frozen=[item for item in chosen if plan_of(item).status == Plan.Stage.ADOPTED],
    )


def plan_of(item):
    """The plan of a priority or an emerging issue."""
    return item.plan if hasattr(item, "plan") else item.priority.plan


def remove_issue(issue):
    with transaction.atomic():
        removal = issue_removal(issue)
        if removal.frozen:
            raise NotRemoved(
                f"{issue} is kept: "
                + "; ".join(f"{item} of {plan_of(item)}" for item in removal.frozen)
                + " was chosen from it, and an adopted plan is not changed."
            )
        deleted(issue)


def deleted(instance):
    """Delete it, or say what still needs it (another part of SaferPlan may protect it)."""
    try:
        with transaction.atomic():
            instance.delete()
    except (ProtectedError, RestrictedError) as refused:
        needed = sorted({str(each) for each in refused.args[1]})
        raise NotRemoved(f"{instance} is still needed by: {'; '.join(needed)}.") from refused
