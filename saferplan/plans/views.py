import datetime
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from saferplan import financial_years
from saferplan.jobs.runner import keep_upload, start_job
from saferplan.partnerships import access as rules
from saferplan.partnerships.models import Agency
from saferplan.reminders.services import (
    chase_emails,
    chase_recipients,
    notify_answer,
    notify_comment,
    send_chase,
)
from saferplan.storage import FileNotStored
from saferplan.ui import charts
from saferplan.ui.middleware import accepts_uploads

from . import selectors, spreadsheet, tasks
from .changes import compare, plan_content
from .forms import (
    MAX_EVIDENCE_BYTES,
    MAX_EVIDENCE_TOTAL_BYTES,
    ActionForm,
    AdoptPlanForm,
    CaseStudyForm,
    ChaseEmailForm,
    ClosePlanForm,
    CommentForm,
    CorporateObjectiveForm,
    EmergingIssueForm,
    PlanForm,
    PlanImportForm,
    PlanSettingsForm,
    PriorityForm,
    ProgressFilterForm,
    ProgressUpdateForm,
    ResponseForm,
    RollForwardForm,
)
from .models import Action, Plan, PlanSettings, Status
from .selectors import add_urls, is_chased, set_flags, set_status
from .services import close_plan_year, plan_roll_forward

NOT_STORED = (
    "Your update was not saved: the server could not store the files (its upload folder is "
    "full or cannot be written to). Try again later: your words are kept below; choose the "
    "files again."
)

STATUS_COLOURS = [charts.GREEN, charts.BLUE, charts.DARK_GREY]


def get_plan(access, year):
    return get_object_or_404(rules.plans_of(access.partnership), year=year)


def get_action(access, action_id):
    """The partnership's action."""
    actions = rules.actions_of(access.partnership).select_related(
        "issue__priority__plan",
        "lead_agency",
        "lead_officer_person",
        "carried_from__issue__priority__plan",
    )
    return get_object_or_404(actions.prefetch_related("supporting_agencies"), pk=action_id)


@login_required
def plans(request, slug):
    access = rules.access_for(request, slug)
    return render(
        request,
        "plans/plans.html",
        {"access": access, "plans": rules.plans_of(access.partnership)},
    )


@login_required
def plan_new(request, slug):
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    next_year = timezone.localdate().year - (timezone.localdate().month < 4) + 1
    form = PlanForm(
        request.POST or None, partnership=access.partnership, initial={"year": next_year}
    )
    if request.method == "POST" and form.is_valid():
        plan = form.save()
        messages.success(request, f"{plan} is ready for its priorities.")
        return redirect(plan)
    return render(
        request, "plans/form.html", {"access": access, "form": form, "title": "Set up a plan"}
    )


@login_required
@accepts_uploads(MAX_EVIDENCE_BYTES)
def plan_import(request, slug):
    """Upload a plan spreadsheet; the worker imports it while the job's page shows how far."""
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    form = PlanImportForm(
        request.POST or None, request.FILES or None, partnership=access.partnership
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        path = keep_upload(upload)
        job = start_job(
            tasks.import_plan,
            partnership=access.partnership,
            started_by=request.user,
            title=f"Import {upload.name} as the {financial_years.label(form.cleaned_data['year'])} "
            "plan",
            unit="rows",
            uploads=[path],
            path=path,
            year=form.cleaned_data["year"],
            status=form.cleaned_data["status"],
            again_url=request.path,
        )
        return redirect(job)
    return render(request, "plans/import.html", {"access": access, "form": form})


@login_required
def plan_import_template(request, slug):
    """The spreadsheet to fill in for an import: its columns and one example row."""
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    rows = spreadsheet.template_rows(access.partnership, financial_years.of(timezone.localdate()))
    name = f"{access.partnership.slug}-plan-template"
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            spreadsheet.xlsx_of(rows, title="Plan"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    spreadsheet.write_csv_rows(rows, response)
    return response


@login_required
def plan_edit(request, slug, year):
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    plan = get_plan(access, year)
    form = PlanForm(request.POST or None, instance=plan, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        plan = form.save()
        messages.success(request, f"{plan} is saved.")
        return redirect(plan)
    return render(
        request,
        "plans/form.html",
        {"access": access, "form": form, "plan": plan, "title": f"Edit {plan}"},
    )


# Beyond this many actions the plan page shows one priority's actions at a time: the whole of a
# 2,000-action plan is a megabyte of HTML that takes a second to draw.
LONG_PLAN = 300


@login_required
def plan_detail(request, slug, year):
    access = rules.access_for(request, slug)
    # With the plans it names: the one it follows, and who closed it.
    plans = rules.plans_of(access.partnership).select_related("rolled_from", "closed_by")
    plan = get_object_or_404(plans, year=year)
    # The same queries whether the plan is long or not.
    progress = selectors.priorities_progress(plan, choose=partial(shown_priorities, request))
    # The objectives each priority serves: only this page of the progress's pages shows them.
    prefetch_related_objects(progress.priorities, "objectives")
    add_urls(progress.actions, slug)
    counts = {group.key.pk: group for group in progress.groups}
    for priority in progress.priorities:
        priority.counts = counts[priority.pk]
    return render(
        request,
        "plans/plan.html",
        {
            "access": access,
            "plan": plan,
            "progress": progress,
            "outline": progress.outline(),
            "long_plan": progress.total.total > LONG_PLAN,
            "shown": progress.shown,
        },
    )


def shown_priorities(request, priority_ids, actions):
    """The priorities whose actions the plan's page shows: all, or one of a long plan's
    (?priority=<id>, or the first)."""
    if actions <= LONG_PLAN:
        return priority_ids
    chosen = request.GET.get("priority")
    if chosen is None:
        return priority_ids[:1]
    if not chosen.isdigit() or int(chosen) not in priority_ids:
        raise Http404("This plan has no such priority.")
    return [int(chosen)]


@login_required
@require_POST
def plan_stage(request, slug, year):
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    plan = get_plan(access, year)
    if request.POST.get("stage") == Plan.Stage.ADOPTED:
        # Adopting asks first, for the decision's date and body.
        return redirect("plans:adopt", slug, year)
    if request.POST.get("stage") != Plan.Stage.CONSULTATION:
        messages.error(request, "Choose consultation or adoption.")
        return redirect(plan)
    try:
        plan.put_out_for_consultation(on=timezone.localdate())
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"{plan} is out for consultation.")
    return redirect(plan)


@login_required
def plan_adopt(request, slug, year):
    """Adopting cannot be undone: the coordinator confirms it with the decision's date (which
    may be earlier than today) and the body that took it."""
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    plan = get_plan(access, year)
    if plan.status != Plan.Stage.CONSULTATION:
        messages.error(request, "A plan is adopted after its consultation.")
        return redirect(plan)
    form = AdoptPlanForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            plan.adopt(on=form.cleaned_data["adopted_on"], by=form.cleaned_data["adopted_by"])
        except ValidationError as error:  # a comment unanswered, or adopted meanwhile
            form.add_error(None, error.messages)
        else:
            messages.success(
                request, f"{plan} is adopted by {plan.adopted_by} on {plan.adopted_on:%-d %B %Y}."
            )
            return redirect(plan)
    return render(
        request,
        "plans/adopt.html",
        {
            "access": access,
            "plan": plan,
            "form": form,
            "unanswered": plan.unanswered_comments().count(),
        },
    )


def progress_chart(progress):
    groups = progress.groups
    title = f"Actions by {progress.group_label.lower()}, as at {progress.as_at:%-d %B %Y}"
    series = {
        "Completed": [g.completed for g in groups],
        "Underway": [g.underway for g in groups],
        "Not started": [g.not_started for g in groups],
    }
    return charts.Chart(
        title=title,
        svg=charts.drawn_svg(
            charts.stacked_bars,
            title,
            labels=[shorten(g.label) for g in groups],
            series=series,
            colours=STATUS_COLOURS,
        ),
        headers=[progress.group_label, "Completed", "Underway", "Not started", "Total"],
        rows=[
            [g.label, g.completed, g.underway, g.not_started, g.total]
            for g in [*groups, progress.total]
        ],
    )


def shorten(label, most=45):
    return label if len(label) <= most else label[: most - 1] + "…"


@login_required
def progress(request, slug, year):
    access = rules.access_for(request, slug)
    plan = get_plan(access, year)
    form = ProgressFilterForm(request.GET or None)
    by, as_at = form.choice()
    result = selectors.chase_progress(plan, by=by, as_at=as_at)
    add_urls(result.actions, slug)
    return render(
        request,
        "plans/progress.html",
        {
            "access": access,
            "plan": plan,
            "progress": result,
            "chart": progress_chart(result),
            "form": form,
            "bys": selectors.GROUPINGS,
            "dates": milestone_dates(plan),
        },
    )


def milestone_dates(plan):
    """Quick links to the dates committees ask about: the quarter ends and the plan's end."""
    quarters = [(plan.year, 6, 30), (plan.year, 9, 30), (plan.year, 12, 31), (plan.year + 1, 3, 31)]
    return [datetime.date(*q) for q in quarters if datetime.date(*q) <= timezone.localdate()]


@login_required
def chase(request, slug, year):
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    plan = get_plan(access, year)
    result = selectors.chase_progress(plan)
    add_urls(result.actions, slug)
    return render(
        request,
        "plans/chase.html",
        {
            "access": access,
            "plan": plan,
            "progress": result,
            "groups": selectors.chase_list(result),
            "sent": chase_emails(plan).select_related("person")[:CHASE_EMAILS_SHOWN],
        },
    )


CHASE_EMAILS_SHOWN = 50  # the latest; the partnership's email log has them all


@login_required
def chase_email(request, slug, year):
    """Email the chase list to the people on it, after a page that says who gets what."""
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    plan = get_plan(access, year)
    chased = selectors.chased_actions(selectors.chase_progress(plan))
    recipients, nobody = chase_recipients(plan, chased)
    form = ChaseEmailForm(request.POST or None, recipients=recipients)
    if request.method == "POST" and form.is_valid():
        written = send_chase(
            plan=plan,
            recipients=form.chosen(),
            sender=request.user,
            message=form.cleaned_data["message"],
            batch=form.cleaned_data["batch"].hex,
        )
        messages.success(
            request,
            f"{len(written)} chase email{'s' * (len(written) != 1)} written: they are sent "
            "within a few minutes, and listed below.",
        )
        return redirect("plans:chase", slug, year)
    return render(
        request,
        "plans/chase_email.html",
        {"access": access, "plan": plan, "form": form, "nobody": nobody},
    )


@login_required
def coverage(request, slug, year):
    access = rules.access_for(request, slug)
    plan = get_plan(access, year)
    return render(
        request,
        "plans/coverage.html",
        {
            "access": access,
            "plan": plan,
            "coverage": selectors.objectives_coverage(plan),
        },
    )


@login_required
def consultation(request, slug, year):
    access = rules.access_for(request, slug)
    plan = get_plan(access, year)
    may_comment = rules.may_comment(access, plan)
    if request.method == "POST" and not may_comment:
        raise PermissionDenied("Comments are taken while a plan is out for consultation.")
    # The form lists every priority and action: built only where it is shown.
    form = CommentForm(request.POST or None, plan=plan) if may_comment else None
    if request.method == "POST" and form.is_valid():
        comment = form.save(author=request.user)
        notify_comment(comment)
        messages.success(request, "Thank you: your comment is with the coordinator.")
        return redirect("plans:consultation", slug, year)
    comments = list(
        plan.comments.select_related(
            "author", "responded_by", "recommendation__item__meeting__committee"
        )
    )
    mine = [comment for comment in comments if comment.author_id == request.user.pk]
    return render(
        request,
        "plans/consultation.html",
        {
            "access": access,
            "plan": plan,
            "comments": comments,
            "mine": mine,
            "mine_waiting": sum(not comment.response for comment in mine),
            "form": form,
            "may_comment": may_comment,
            "chosen": selectors.chosen_from_the_assessment(plan),
        },
    )


@login_required
def comment_answer(request, slug, comment_id):
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    comment = get_object_or_404(
        rules.comments_of(access.partnership).select_related(
            "plan", "author", "recommendation__item__meeting__committee"
        ),
        pk=comment_id,
    )
    initial = {"response": comment.response, "note": comment.response_note}
    form = ResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        answer = {"response": form.cleaned_data["response"], "note": form.cleaned_data["note"]}
        try:
            comment.answer(**answer, by=request.user)
        except ValidationError as error:  # the committee's recommendation refused the answer
            form.add_error(None, error.messages)
        else:
            if answer != initial:  # the same answer saved again is no news
                notify_answer(comment, by=request.user, changed=bool(initial["response"]))
            messages.success(request, answered_message(comment))
            return redirect("plans:consultation", slug, comment.plan.year)
    return render(
        request,
        "plans/comment_answer.html",
        {"access": access, "plan": comment.plan, "comment": comment, "form": form},
    )


def answered_message(comment):
    recommendation = getattr(comment, "recommendation", None)
    if recommendation is None:
        return f"Your answer to {comment.author} is saved."
    return (
        f"Your answer is saved. {recommendation.reference} is "
        f"{recommendation.get_status_display().lower()} in the recommendations register."
    )


@login_required
def changes(request, slug, year):
    access = rules.access_for(request, slug)
    plan = get_plan(access, year)
    versions = {v.stage: v for v in plan.versions.all()}
    draft = versions.get(Plan.Stage.CONSULTATION)
    adopted = versions.get(Plan.Stage.ADOPTED)
    found = None
    if draft:
        found = compare(draft.content, adopted.content if adopted else plan_content(plan))
    return render(
        request,
        "plans/changes.html",
        {"access": access, "plan": plan, "draft": draft, "adopted": adopted, "changes": found},
    )


@login_required
def roll_forward(request, slug, year):
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    plan = get_plan(access, year)
    following = rules.plans_of(access.partnership).filter(year=plan.year + 1).first()
    form = RollForwardForm(request.POST or None, plan=plan)
    if request.method == "POST" and following is None and form.is_valid():
        carried = form.cleaned_data["actions"].select_related("issue__priority", "lead_agency")
        new_plan = plan_roll_forward(plan=plan, into_year=plan.year + 1, actions=list(carried))
        messages.success(
            request, f"{new_plan} is drafted with {len(carried)} action(s) carried over."
        )
        return redirect(new_plan)
    return render(
        request,
        "plans/roll_forward.html",
        {"access": access, "plan": plan, "form": form, "following": following},
    )


@login_required
def plan_close(request, slug, year):
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    plan = get_plan(access, year)
    if not rules.may_close(access, plan):
        messages.error(request, "Only an adopted plan that is not closed yet can be closed.")
        return redirect(plan)
    following = rules.plans_of(access.partnership).filter(year=plan.year + 1).first()
    form = ClosePlanForm(request.POST or None, plan=plan, following=following)
    if request.method == "POST" and form.is_valid():
        try:
            close_plan_year(
                plan=plan, on=timezone.localdate(), by=request.user, outcomes=form.outcomes()
            )
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, f"{plan} is closed.")
        return redirect(plan)
    return render(
        request,
        "plans/close.html",
        {
            "access": access,
            "plan": plan,
            "form": form,
            "following": following,
            "today": timezone.localdate(),
        },
    )


@login_required
def export(request, slug, year):
    access = rules.access_for(request, slug)
    plan = get_plan(access, year)
    name = f"{access.partnership.slug}-plan-{plan.label}"
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(
            spreadsheet.xlsx_bytes(plan),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    spreadsheet.write_csv(plan, response)
    return response


def edit_page(request, access, form, *, title, plan, done):
    """Save a valid posted form and go back to the plan; otherwise show it (with its errors)."""
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, f"{saved} is saved.")
        return redirect(done or plan)
    return render(
        request, "plans/form.html", {"access": access, "form": form, "plan": plan, "title": title}
    )


@login_required
def priority_edit(request, slug, year, priority_id=None):
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    plan = get_plan(access, year)
    priority = get_object_or_404(plan.priorities, pk=priority_id) if priority_id else None
    initial = {"number": plan.priorities.count() + 1}
    form = PriorityForm(request.POST or None, instance=priority, plan=plan, initial=initial)
    title = f"Edit priority {priority.number}" if priority else "Add a priority"
    return edit_page(request, access, form, title=title, plan=plan, done=None)


@login_required
def issue_edit(request, slug, year, issue_id=None):
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    plan = get_plan(access, year)
    issues = rules.issues_of(plan)
    issue = get_object_or_404(issues, pk=issue_id) if issue_id else None
    initial = {"priority": preselected(request, "priority", plan.priorities.all()), "number": 1}
    if initial["priority"]:
        initial["number"] = issues.filter(priority=initial["priority"]).count() + 1
    form = EmergingIssueForm(request.POST or None, instance=issue, plan=plan, initial=initial)
    title = f"Edit emerging issue {issue.code}" if issue else "Add an emerging issue"
    return edit_page(request, access, form, title=title, plan=plan, done=None)


@login_required
def action_new(request, slug, year):
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    plan = get_plan(access, year)
    issue = preselected(request, "issue", rules.issues_of(plan))
    initial = {"issue": issue, "target_date": plan.ends, "number": 1}
    if initial["issue"]:
        initial["number"] = (
            rules.actions_of(access.partnership).filter(issue=initial["issue"]).count() + 1
        )
    form = ActionForm(request.POST or None, plan=plan, initial=initial)
    return edit_page(request, access, form, title="Add an action", plan=plan, done=None)


def preselected(request, name, choices):
    """The id of the one of `choices` a link preselects with ?name=<id>; None when not given.
    An id that is not one of them is a bad link: 400, not an error deep in a query."""
    value = request.GET.get(name, "")
    if not value:
        return None
    if not (value.isascii() and value.isdigit() and choices.filter(pk=value).exists()):
        raise BadRequest(f"?{name}= names no {choices.model._meta.verbose_name} of this plan.")
    return int(value)


@login_required
def action_edit(request, slug, action_id):
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    found = get_action(access, action_id)
    form = ActionForm(request.POST or None, instance=found, plan=found.plan)
    return edit_page(
        request,
        access,
        form,
        title=f"Edit action {found.code}",
        plan=found.plan,
        done=reverse("plans:action", args=[slug, found.pk]),
    )


@login_required
@accepts_uploads(MAX_EVIDENCE_TOTAL_BYTES)
def action(request, slug, action_id):
    access = rules.access_for(request, slug)
    today = timezone.localdate()
    found = get_action(access, action_id)
    may_update = rules.can_update(access, found)
    # An officer who updated it during the year is told why the form has gone.
    closed_to_me = not may_update and rules.updates_during_year(access, found)
    form = ProgressUpdateForm(request.POST or None, request.FILES or None)
    refused = request.method == "POST" and closed_to_me
    if request.method == "POST" and not refused:
        if not may_update:
            raise PermissionDenied("Only the lead and supporting agencies update this action.")
        if form.is_valid():
            try:
                found.record_update(
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    by=request.user,
                    files=form.cleaned_data["evidence"],
                )
            except FileNotStored:
                form.add_error("evidence", NOT_STORED)
            else:
                messages.success(request, f"Your update to action {found.code} is recorded.")
                return redirect("plans:action", slug, found.pk)
    updates = list(
        found.updates.select_related("recorded_by", "recorded_by__agency").prefetch_related(
            "evidence"
        )
    )
    set_status(found, updates, as_at=today)
    set_flags(
        found,
        plan=found.plan,
        as_at=today,
        stale_after_days=PlanSettings.stale_after_days_for(access.partnership),
    )
    return render(
        request,
        "plans/action.html",
        {
            "access": access,
            "action": found,
            "plan": found.plan,
            "updates": updates[::-1],
            "form": form,
            "may_update": may_update,
            "closed_to_me": closed_to_me,
            "case_studies": found.case_studies.all(),
            "comments": found.comments.select_related("author"),
        },
        status=403 if refused else 200,
    )


@login_required
def evidence(request, slug, evidence_id):
    access = rules.access_for(request, slug)
    found = get_object_or_404(rules.evidence_of(access.partnership), pk=evidence_id)
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.name)


# An agency that leads or supports hundreds of actions sees them a page at a time.
MY_ACTIONS_PAGE = 200


@login_required
def my_actions(request, slug):
    access = rules.access_for(request, slug)
    today = timezone.localdate()
    stale_after_days = PlanSettings.stale_after_days_for(access.partnership)
    mine = rules.my_actions(access).with_status_as_at(today)
    # Plans and agencies from a dict: one instance each, not one per row of a long list.
    plans_by_id = {found.pk: found for found in rules.plans_of(access.partnership)}
    # By default what needs an update: the open actions of the plans whose year runs.
    show_all = request.GET.get("show") == "all"
    shown = mine
    if not show_all:
        running = [plan for plan in plans_by_id.values() if is_chased(plan, today)]
        shown = mine.filter(issue__priority__plan__in=running).exclude(status=Status.COMPLETED)
    # Counted and paged in SQL: only the page's actions are built.
    ordered = shown.select_related("issue__priority").order_by(
        "-issue__priority__plan__year", *Action._meta.ordering
    )
    page = Paginator(ordered, MY_ACTIONS_PAGE).get_page(request.GET.get("page"))
    agencies = Agency.objects.in_bulk({found.lead_agency_id for found in page})
    plans_shown = []
    for found in add_urls(page, slug):
        found.issue.priority.plan = plans_by_id[found.issue.priority.plan_id]
        found.lead_agency = agencies[found.lead_agency_id]
        set_flags(found, plan=found.plan, as_at=today, stale_after_days=stale_after_days)
        if not plans_shown or plans_shown[-1][0] != found.plan:
            plans_shown.append((found.plan, []))
        plans_shown[-1][1].append(found)
    return render(
        request,
        "plans/my_actions.html",
        {
            "access": access,
            "plans": plans_shown,
            "page": page,
            "agency": access.person.agency,
            "to_do": mine.exclude(status=Status.COMPLETED).count(),
            "show_all": show_all,
        },
    )


@login_required
def plan_settings(request, slug):
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    current, _ = PlanSettings.objects.get_or_create(partnership=access.partnership)
    form = PlanSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The plan settings are saved.")
        return redirect("plans:plan", slug)
    return render(
        request, "plans/form.html", {"access": access, "form": form, "title": "Plan settings"}
    )


@login_required
def objectives(request, slug):
    access = rules.access_for(request, slug)
    found = rules.objectives_of(access.partnership).prefetch_related(
        Prefetch("priorities", to_attr="serving")
    )
    return render(request, "plans/objectives.html", {"access": access, "objectives": found})


@login_required
def objective_edit(request, slug, objective_id=None):
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    objective = (
        get_object_or_404(rules.objectives_of(access.partnership), pk=objective_id)
        if objective_id
        else None
    )
    form = CorporateObjectiveForm(
        request.POST or None, instance=objective, partnership=access.partnership
    )
    title = "Edit a corporate plan objective" if objective else "Add a corporate plan objective"
    return edit_page(
        request, access, form, title=title, plan=None, done=reverse("plans:objectives", args=[slug])
    )


@login_required
def case_studies(request, slug):
    access = rules.access_for(request, slug)
    studies = (
        rules.case_studies_of(access.partnership)
        .select_related("plan")
        .prefetch_related("agencies")
    )
    return render(request, "plans/case_studies.html", {"access": access, "studies": studies})


@login_required
def case_study(request, slug, study_id):
    access = rules.access_for(request, slug)
    study = get_object_or_404(rules.case_studies_of(access.partnership), pk=study_id)
    return render(
        request,
        "plans/case_study.html",
        {
            "access": access,
            "study": study,
            "actions": study.actions.select_related("issue__priority__plan"),
            "agencies": study.agencies.all(),
        },
    )


@login_required
def case_study_edit(request, slug, study_id=None):
    access = rules.access_for(request, slug)
    access.require("manage_plan")
    study = (
        get_object_or_404(rules.case_studies_of(access.partnership), pk=study_id)
        if study_id
        else None
    )
    form = CaseStudyForm(request.POST or None, instance=study, partnership=access.partnership)
    if request.method == "POST" and form.is_valid():
        study = form.save()
        messages.success(request, f"The case study “{study}” is saved.")
        return redirect(study)
    title = "Edit the case study" if study else "Write up a case study"
    return render(request, "plans/form.html", {"access": access, "form": form, "title": title})
