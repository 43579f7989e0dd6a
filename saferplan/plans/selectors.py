"""The plan's figures: the one place that counts actions by status.

Pages, the `progress` command and committee reports all read `plan_progress`, so the numbers a
December meeting was told can be produced again exactly, and no two screens disagree. An action's
status on a date is the status of its latest update recorded on or before that date (none: not
started). Each call runs a fixed number of queries, whatever the size of the plan.
"""

import datetime
from dataclasses import dataclass, field
from itertools import groupby

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone

from saferplan import financial_years
from saferplan.partnerships.models import Agency

from .models import Action, CorporateObjective, PlanSettings, Status, end_of_day

GROUPINGS = {
    "priority": "Priority",
    "issue": "Emerging issue",
    "agency": "Lead agency",
}


@dataclass
class Counts:
    """How many actions of one group (or of the whole plan) are in each status."""

    label: str
    key: object = None  # the Priority, EmergingIssue or Agency counted, if any
    completed: int = 0
    underway: int = 0
    not_started: int = 0

    @property
    def total(self):
        return self.completed + self.underway + self.not_started

    def add(self, status):
        setattr(self, status, getattr(self, status) + 1)

    def percent(self, status):
        return round(100 * getattr(self, status) / self.total) if self.total else 0

    @property
    def percent_completed(self):
        return self.percent(Status.COMPLETED)

    @property
    def percent_underway(self):
        return self.percent(Status.UNDERWAY)

    @property
    def percent_not_started(self):
        return self.percent(Status.NOT_STARTED)

    def as_dict(self):
        return {
            "completed": self.completed,
            "underway": self.underway,
            "not_started": self.not_started,
            "total": self.total,
        }


@dataclass
class Progress:
    plan: object
    by: str
    as_at: datetime.date
    stale_after_days: int
    groups: list
    total: Counts
    # in order, with their status, flags and `supporting` agencies: every action of the plan
    # (plan_progress), or only the overdue and stale ones (chase_progress)
    actions: list
    priorities: list = field(default_factory=list)  # each with .issue_list of its issues
    shown: list = field(default_factory=list)  # priorities_progress: whose actions are built

    @property
    def group_label(self):
        return GROUPINGS[self.by]

    @property
    def overdue(self):
        return [action for action in self.actions if action.is_overdue]

    @property
    def stale(self):
        return [action for action in self.actions if action.is_stale]

    def outline(self):
        """[(priority, [(issue, [action, ...]), ...]), ...]: the plan as its page shows it."""
        by_issue = {}
        for action in self.actions:
            by_issue.setdefault(action.issue_id, []).append(action)
        return [
            (priority, [(issue, by_issue.get(issue.pk, [])) for issue in priority.issue_list])
            for priority in self.priorities
        ]


def add_urls(actions, slug):
    """Set each action's `url` from one reverse() for them all: reverse() per row was a fifth
    of a long plan's page."""
    head, tail = reverse("plans:action", args=[slug, 0]).rsplit("/0/", 1)
    for found in actions:
        found.url = f"{head}/{found.pk}/{tail}"
    return actions


def is_chased(plan, as_at):
    """Can the plan's actions be overdue or stale on `as_at`: only while an adopted plan's year
    runs. A draft or a plan out for consultation has nothing late yet; once the year ends or the
    coordinator closes it, its unfinished actions have a final status instead. An `as_at` inside
    the year still shows the actions late as they were then."""
    return (
        plan.status == plan.Stage.ADOPTED
        and as_at <= plan.ends
        and (plan.closed_on is None or as_at < plan.closed_on)
    )


def plan_to_lead_with(plans, today):
    """The plan a partnership's overview leads with: the year running today's, else the latest
    of the years before, else the earliest to come."""
    running = financial_years.of(today)
    plans = sorted(plans, key=lambda plan: plan.year)
    past = [plan for plan in plans if plan.year <= running]
    return past[-1] if past else next(iter(plans), None)


def set_flags(action, *, plan, as_at, stale_after_days):
    """Mark an action (annotated by `with_status_as_at`) overdue and/or stale as at `as_at`.

    Overdue: past its target date and not completed. Stale: not completed and no update for more
    than `stale_after_days` days (counted from the plan's start when it never had one). Neither
    when the plan is not chased on `as_at` (`is_chased`).
    """
    late = action.status != Status.COMPLETED and is_chased(plan, as_at)
    last = timezone.localtime(action.last_update_at).date() if action.last_update_at else None
    action.days_since_update = (as_at - (last or plan.starts)).days
    action.is_overdue = late and action.target_date < as_at
    action.is_stale = late and action.days_since_update > stale_after_days
    return action


def set_status(action, updates, *, as_at):
    """Set what `with_status_as_at(as_at)` annotates from the action's `updates`, all of them
    in their order: for its page, which shows them anyway, without compiling three subqueries
    (a tenth of the page)."""
    made = [update for update in updates if update.recorded_at < end_of_day(as_at)]
    latest = made[-1] if made else None
    action.status = latest.status if latest else Status.NOT_STARTED
    action.last_update_at = latest.recorded_at if latest else None
    action.last_note = latest.note if latest else None
    return action


def plan_progress(plan, *, by="priority", as_at=None):
    """Counts of actions by status for each group of `by` (priority, issue or agency) on `as_at`
    (today by default), with every action marked overdue or stale as at that day."""
    by, as_at, stale_after_days = progress_options(plan, by, as_at)
    actions = with_details(Action.objects.of_plan(plan).with_status_as_at(as_at))
    for action in actions:
        set_flags(action, plan=plan, as_at=as_at, stale_after_days=stale_after_days)
    rows = [status_row(action) for action in actions]
    return counted_progress(plan, by, as_at, stale_after_days, rows=rows, actions=actions)


def chase_progress(plan, *, by="priority", as_at=None):
    """The counts of `plan_progress`, counted from one row of ids per action, with only the
    overdue and stale actions built: for the pages and emails that show the counts and the
    chase list, so that they cost what they show, not what the whole plan holds."""
    by, as_at, stale_after_days = progress_options(plan, by, as_at)
    rows = status_rows(plan, as_at)
    actions = flagged_actions(plan, as_at, stale_after_days, details=True)
    return counted_progress(plan, by, as_at, stale_after_days, rows=rows, actions=actions)


def overview_progress(plan, *, as_at):
    """The total of `chase_progress` and its overdue and stale actions, bare: for the
    partnership's overview, which shows only how many there are, not the groups (empty here)."""
    _, as_at, stale_after_days = progress_options(plan, "priority", as_at)
    return Progress(
        plan=plan,
        by="priority",
        as_at=as_at,
        stale_after_days=stale_after_days,
        groups=[],
        total=total_of(status_rows(plan, as_at)),
        actions=flagged_actions(plan, as_at, stale_after_days, details=False),
    )


def flagged_actions(plan, as_at, stale_after_days, *, details):
    """The plan's actions overdue or stale on `as_at`, flagged; with their issue, agencies and
    supporting agencies if `details`. No query when the plan is not chased: compiling the
    status subqueries of a query known to be empty was a tenth of the overview."""
    if not is_chased(plan, as_at):
        return []
    chased = Action.objects.with_status_as_at(as_at).filter(flagged(plan, as_at, stale_after_days))
    chased = chased.exclude(status=Status.COMPLETED)
    actions = with_details(chased) if details else list(chased)
    for action in actions:
        set_flags(action, plan=plan, as_at=as_at, stale_after_days=stale_after_days)
    return actions


def flagged(plan, as_at, stale_after_days):
    """The flags of `set_flags` as a filter of the plan's actions, but for their status: past
    the target date, or no update since the day that makes it stale (and, when the plan began
    before that day, never updated)."""
    stale_from = as_at - datetime.timedelta(days=stale_after_days)
    flags = Q(target_date__lt=as_at) | Q(last_update_at__lt=start_of_day(stale_from))
    if plan.starts < stale_from:
        flags |= Q(last_update_at__isnull=True)
    return Q(issue__priority__plan=plan) & flags


@dataclass
class Chase:
    """A plan's overdue and stale actions as at a day, flagged, without the plan's counts."""

    plan: object
    as_at: datetime.date
    stale_after_days: int
    actions: list

    @property
    def overdue(self):
        return [action for action in self.actions if action.is_overdue]

    @property
    def stale(self):
        return [action for action in self.actions if action.is_stale]


def chases(plans, *, as_at):
    """{plan id: Chase} for many plans in two queries, however many there are: the week's
    digests of every partnership."""
    if not plans:
        return {}
    stale_after = PlanSettings.stale_after_days_of({plan.partnership_id for plan in plans})
    found = {
        plan.pk: Chase(plan, as_at, stale_after[plan.partnership_id], actions=[]) for plan in plans
    }
    chased = [chase for chase in found.values() if is_chased(chase.plan, as_at)]
    if not chased:
        return found
    wanted = Q()
    for chase in chased:
        wanted |= flagged(chase.plan, as_at, chase.stale_after_days)
    actions = Action.objects.with_status_as_at(as_at).filter(wanted)
    for action in actions.exclude(status=Status.COMPLETED).select_related(
        "issue__priority", "lead_agency"
    ):
        chase = found[action.issue.priority.plan_id]
        set_flags(action, plan=chase.plan, as_at=as_at, stale_after_days=chase.stale_after_days)
        chase.actions.append(action)
    return found


def priorities_progress(plan, *, choose, as_at=None):
    """The counts of `plan_progress` by priority, with only the actions of the priorities that
    `choose(priority ids, number of actions)` picks built (their ids in `shown`): the page of a
    long plan that shows a priority at a time. The counts say how long the plan is, and the
    priorities which there are, so that choosing costs no query."""
    by, as_at, stale_after_days = progress_options(plan, "priority", as_at)
    rows = status_rows(plan, as_at)
    priorities = priorities_of(plan)
    shown = choose([priority.pk for priority in priorities], len(rows))
    chosen = Action.objects.of_plan(plan).filter(issue__priority__in=shown)
    actions = with_details(chosen.with_status_as_at(as_at))
    for action in actions:
        set_flags(action, plan=plan, as_at=as_at, stale_after_days=stale_after_days)
    progress = counted_progress(
        plan, by, as_at, stale_after_days, rows=rows, actions=actions, priorities=priorities
    )
    progress.shown = shown
    return progress


def progress_counts(plan, *, by="priority", as_at=None):
    """The counts of `plan_progress`, with no action built: for the public page and the API,
    which show only the figures."""
    by, as_at, stale_after_days = progress_options(plan, by, as_at)
    rows = status_rows(plan, as_at)
    return counted_progress(plan, by, as_at, stale_after_days, rows=rows, actions=[])


def status_rows(plan, as_at):
    """(priority id, issue id, lead agency id, status) of each action: what the counts need."""
    return list(
        Action.objects.of_plan(plan)
        .with_status_as_at(as_at)
        .values_list("issue__priority_id", "issue_id", "lead_agency_id", "status")
    )


def progress_options(plan, by, as_at):
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {', '.join(GROUPINGS)}, not {by!r}")
    as_at = as_at or timezone.localdate()
    return by, as_at, PlanSettings.stale_after_days_for(plan.partnership_id)


def start_of_day(day):
    return end_of_day(day - datetime.timedelta(days=1))


def with_details(actions):
    return list(
        actions.select_related("issue__priority", "lead_agency")
        # to_attr: a list per action, without a queryset per action (10x faster on 1,000)
        .prefetch_related(Prefetch("supporting_agencies", to_attr="supporting"))
    )


def counted_progress(plan, by, as_at, stale_after_days, *, rows, actions, priorities=None):
    """The Progress of `rows`, one (priority id, issue id, lead agency id, status) per action."""
    if priorities is None:
        priorities = priorities_of(plan)
    return Progress(
        plan=plan,
        by=by,
        as_at=as_at,
        stale_after_days=stale_after_days,
        groups=counted_groups(by, rows, priorities, plan),
        total=total_of(rows),
        actions=actions,
        priorities=priorities,
    )


def priorities_of(plan):
    """The plan's priorities, each with its `issue_list`."""
    priorities = list(plan.priorities.prefetch_related("issues"))
    for priority in priorities:
        priority.issue_list = list(priority.issues.all())
    return priorities


def total_of(rows):
    """The Counts of all the actions of `rows` (priority id, issue id, lead agency id, status)."""
    total = Counts("All actions")
    for *_, status in rows:
        total.add(status)
    return total


def status_row(action):
    return (action.issue.priority_id, action.issue_id, action.lead_agency_id, action.status)


def group_counts(by, actions, priorities, plan):
    """One Counts per priority, issue or agency of the actions (annotated with their status),
    including those with no action at all."""
    return counted_groups(by, [status_row(action) for action in actions], priorities, plan)


def counted_groups(by, rows, priorities, plan):
    """`group_counts` of one (priority id, issue id, lead agency id, status) row per action."""
    if by == "priority":
        groups = {p.pk: Counts(str(p), p) for p in priorities}
    elif by == "issue":
        groups = {i.pk: Counts(str(i), i) for p in priorities for i in p.issue_list}
    else:
        agencies = Agency.objects.filter(partnershipagency__partnership=plan.partnership_id)
        groups = {a.pk: Counts(a.name, a) for a in agencies}
        # An agency that has left the partnership still led its actions.
        left = {agency_id for _, _, agency_id, _ in rows} - groups.keys()
        for agency in Agency.objects.filter(pk__in=left) if left else []:
            groups[agency.pk] = Counts(agency.name, agency)
    column = list(GROUPINGS).index(by)
    for row in rows:
        groups[row[column]].add(row[-1])
    ordered = list(groups.values())
    if by == "agency":
        ordered.sort(key=lambda counts: counts.label)
    return ordered


@dataclass
class ChaseGroup:
    agency: Agency
    officers: list  # [(lead officer, [action, ...]), ...]

    @property
    def count(self):
        return sum(len(actions) for _, actions in self.officers)


def chased_actions(progress):
    """The overdue and stale actions of a `plan_progress` or `chase_progress`."""
    return [a for a in progress.actions if a.is_overdue or a.is_stale]


def chase_list(progress):
    """The overdue and stale actions grouped by lead agency, then by lead officer."""
    chase = chased_actions(progress)
    chase.sort(key=lambda a: (a.lead_agency.name, a.lead_officer or "~", a.target_date))
    return [
        ChaseGroup(
            agency=agency,
            officers=[
                (officer, list(of_officer))
                for officer, of_officer in groupby(list(actions), key=lambda a: a.lead_officer)
            ],
        )
        for agency, actions in groupby(chase, key=lambda a: a.lead_agency)
    ]


@dataclass
class ObjectiveCoverage:
    objective: CorporateObjective
    priorities: list
    actions: int

    @property
    def covered(self):
        return self.actions > 0


def objectives_coverage(plan):
    """Each corporate objective of the partnership with the plan's priorities that serve it and
    their number of actions; an objective with no action at all is not covered."""
    actions_per_priority = dict(
        Action.objects.of_plan(plan)
        .values_list("issue__priority_id")
        .annotate(Count("pk"))
        .order_by()
    )
    serving = {}
    for priority in plan.priorities.prefetch_related("objectives"):
        for objective in priority.objectives.all():
            serving.setdefault(objective.pk, []).append(priority)
    return [
        ObjectiveCoverage(
            objective=objective,
            priorities=serving.get(objective.pk, []),
            actions=sum(actions_per_priority.get(p.pk, 0) for p in serving.get(objective.pk, [])),
        )
        for objective in CorporateObjective.objects.filter(partnership=plan.partnership_id)
    ]


def chosen_from_the_assessment(plan):
    """[(priority, [emerging issue, ...]), ...]: the plan's priorities and emerging issues that
    say why they were chosen (assessment.choosing), each priority with its issues that do."""
    found = []
    for priority in plan.priorities.prefetch_related("issues"):
        issues = [issue for issue in priority.issues.all() if issue.chosen_because]
        if priority.chosen_because or issues:
            found.append((priority, issues))
    return found
