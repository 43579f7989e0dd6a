from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from saferplan.partnerships import access as rules
from saferplan.plans.changes import published_content
from saferplan.reminders.services import notify_recommendation
from saferplan.ui.middleware import accepts_uploads

from . import selectors
from .calendar import meetings_calendar
from .forms import (
    PAPER_MAX_MB,
    AttendanceForm,
    CommitteeForm,
    ItemForm,
    MeetingForm,
    MemberForm,
    PaperForm,
    PaperLinkForm,
    RecommendationForm,
    RegisterFilterForm,
    ResponseForm,
    TermsForm,
    TopicForm,
)
from .models import ANSWER_ON_PLAN_FIRST, AgendaItem, CalendarFeed, TermsOfReference, Topic


def form_page(
    request, access, form, *, done, then, title, submit, cancel, caption=None, after=None
):
    """Every add/edit page: save a valid POST, call `after(saved)` if given, say `done`
    (formatted with, or called with, what was saved) and go to `then(saved)`; otherwise show the
    form (with its error summary and what was typed) under `title`."""
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        if after:
            after(saved)
        messages.success(request, done(saved) if callable(done) else done.format(saved=saved))
        return redirect(then(saved))
    context = {"access": access, "form": form, "title": title, "submit": submit}
    context |= {"cancel": cancel, "caption": caption or access.partnership}
    return render(request, "meetings/form.html", context)


# Meetings and committees


@login_required
def meeting_list(request, slug):
    access = rules.access_for(request, slug)
    today = timezone.localdate()
    upcoming, past = rules.meetings_of(access.partnership).upcoming_and_past(today)
    committees = rules.committees_of(access.partnership).prefetch_related(
        "members__person", "terms"
    )
    return render(
        request,
        "meetings/list.html",
        {
            "access": access,
            "upcoming": upcoming,
            "past": past,
            "committees": committees,
            **rules.recommendations_of(access.partnership).outstanding_counts(today),
        },
    )


@login_required
def committee_new(request, slug):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    form = CommitteeForm(request.POST or None, partnership=access.partnership)
    return form_page(
        request,
        access,
        form,
        done="{saved} added.",
        then=lambda committee: reverse("meetings:committee", args=[slug, committee.pk]),
        title="Add a committee",
        submit="Add committee",
        cancel=reverse("meetings:list", args=[slug]),
    )


@login_required
def committee(request, slug, committee_id):
    access = rules.access_for(request, slug)
    committee = get_object_or_404(rules.committees_of(access.partnership), pk=committee_id)
    return render(
        request,
        "meetings/committee.html",
        {
            "access": access,
            "committee": committee,
            "members": committee.members.select_related("person__agency"),
            "terms": committee.terms.all(),
            "meetings": committee.meetings.order_by("-date"),
        },
    )


@login_required
def committee_edit(request, slug, committee_id):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    committee = get_object_or_404(rules.committees_of(access.partnership), pk=committee_id)
    form = CommitteeForm(request.POST or None, instance=committee, partnership=access.partnership)
    return form_page(
        request,
        access,
        form,
        done="{saved} saved.",
        then=lambda committee: reverse("meetings:committee", args=[slug, committee.pk]),
        title=f"Change {committee}",
        submit="Save",
        cancel=reverse("meetings:committee", args=[slug, committee.pk]),
    )


@login_required
def member_add(request, slug, committee_id):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    committee = get_object_or_404(rules.committees_of(access.partnership), pk=committee_id)
    form = MemberForm(request.POST or None, committee=committee)
    return form_page(
        request,
        access,
        form,
        done="{saved.person} is now a member of {saved.committee}.",
        then=lambda member: reverse("meetings:committee", args=[slug, committee.pk]),
        title="Add a member",
        caption=committee,
        submit="Add member",
        cancel=reverse("meetings:committee", args=[slug, committee.pk]),
    )


def member_of(access, committee_id, member_id):
    committee = get_object_or_404(rules.committees_of(access.partnership), pk=committee_id)
    return get_object_or_404(committee.members.select_related("person"), pk=member_id)


@login_required
@require_POST
def member_remove(request, slug, committee_id, member_id):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    member = member_of(access, committee_id, member_id)
    member.delete()
    messages.success(request, f"{member.person} is no longer a member of {member.committee}.")
    return redirect("meetings:committee", slug, committee_id)


@login_required
@require_POST
def member_chair(request, slug, committee_id, member_id):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    member = member_of(access, committee_id, member_id)
    member.committee.set_chair(member)
    messages.success(request, f"{member.person} now chairs {member.committee}.")
    return redirect("meetings:committee", slug, committee_id)


# Terms of reference and their topics


def terms_of(access):
    return TermsOfReference.objects.filter(committee__partnership=access.partnership)


@login_required
def terms_new(request, slug, committee_id):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    committee = get_object_or_404(rules.committees_of(access.partnership), pk=committee_id)
    form = TermsForm(request.POST or None, committee=committee)
    return form_page(
        request,
        access,
        form,
        done="Terms of reference for {saved.year_label} added.",
        then=lambda terms: reverse("meetings:terms", args=[slug, terms.pk]),
        title="Add the year's terms of reference",
        caption=committee,
        submit="Add terms of reference",
        cancel=reverse("meetings:committee", args=[slug, committee.pk]),
    )


@login_required
def terms(request, slug, terms_id):
    access = rules.access_for(request, slug)
    terms = get_object_or_404(terms_of(access).select_related("committee"), pk=terms_id)
    topics = selectors.topic_coverage(terms, timezone.localdate())
    covered = [t for t in topics if t.is_covered]
    return render(
        request,
        "meetings/terms.html",
        {
            "access": access,
            "terms": terms,
            "covered": covered,
            "to_come": [t for t in topics if not t.is_covered],
            "topic_count": len(topics),
        },
    )


@login_required
def terms_edit(request, slug, terms_id):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    terms = get_object_or_404(terms_of(access).select_related("committee"), pk=terms_id)
    form = TermsForm(request.POST or None, instance=terms, committee=terms.committee)
    return form_page(
        request,
        access,
        form,
        done="Terms of reference saved.",
        then=lambda terms: reverse("meetings:terms", args=[slug, terms.pk]),
        title=f"Change the terms of reference {terms.year_label}",
        caption=terms.committee,
        submit="Save",
        cancel=reverse("meetings:terms", args=[slug, terms.pk]),
    )


@login_required
def topic_add(request, slug, terms_id):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    terms = get_object_or_404(terms_of(access).select_related("committee"), pk=terms_id)
    form = TopicForm(request.POST or None, terms=terms)
    return form_page(
        request,
        access,
        form,
        done="Topic “{saved}” added.",
        then=lambda topic: reverse("meetings:terms", args=[slug, topic.terms_id]),
        title="Add a topic for discussion",
        caption=terms,
        submit="Add topic",
        cancel=reverse("meetings:terms", args=[slug, terms.pk]),
    )


@login_required
def topic_edit(request, slug, topic_id):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    topic = get_object_or_404(
        Topic.objects.filter(terms__committee__partnership=access.partnership).select_related(
            "terms__committee"
        ),
        pk=topic_id,
    )
    form = TopicForm(request.POST or None, instance=topic, terms=topic.terms)
    return form_page(
        request,
        access,
        form,
        done="Topic “{saved}” saved.",
        then=lambda topic: reverse("meetings:terms", args=[slug, topic.terms_id]),
        title="Change a topic",
        caption=topic.terms,
        submit="Save",
        cancel=reverse("meetings:terms", args=[slug, topic.terms_id]),
    )


# One meeting: its agenda, papers, attendance and notes


@login_required
def meeting_new(request, slug):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    form = MeetingForm(
        request.POST or None,
        partnership=access.partnership,
        initial={"committee": request.GET.get("committee")},
    )
    return form_page(
        request,
        access,
        form,
        done="Meeting of {saved} added.",
        then=lambda meeting: reverse("meetings:meeting", args=[slug, meeting.pk]),
        title="Add a meeting",
        submit="Add meeting",
        cancel=reverse("meetings:list", args=[slug]),
    )


@login_required
def meeting(request, slug, meeting_id):
    access = rules.access_for(request, slug)
    meeting = get_object_or_404(rules.meetings_of(access.partnership), pk=meeting_id)
    attendance = list(meeting.attendance.select_related("person__agency"))
    is_public = rules.public_meetings_of(access.partnership).filter(pk=meeting.pk).exists()
    return render(
        request,
        "meetings/meeting.html",
        {
            "access": access,
            "meeting": meeting,
            "items": selectors.agenda(meeting),
            "attendance": attendance,
            "own_attendance": next((a for a in attendance if a.person == access.person), None),
            "outstanding": selectors.outstanding_for(meeting),
            "reported": meeting.recommendation_updates.select_related(
                "recommendation__item__meeting"
            ),
            "planned_topics": meeting.planned_topics.all(),
            "is_public": is_public,
        },
    )


def meeting_of(access, meeting_id):
    return get_object_or_404(rules.meetings_of(access.partnership), pk=meeting_id)


@login_required
def meeting_edit(request, slug, meeting_id):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    meeting = meeting_of(access, meeting_id)
    form = MeetingForm(request.POST or None, instance=meeting, partnership=access.partnership)
    return form_page(
        request,
        access,
        form,
        done="Meeting saved.",
        then=lambda meeting: reverse("meetings:meeting", args=[slug, meeting.pk]),
        title="Change the meeting",
        caption=meeting,
        submit="Save",
        cancel=reverse("meetings:meeting", args=[slug, meeting.pk]),
    )


@login_required
def attendance(request, slug, meeting_id):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    meeting = meeting_of(access, meeting_id)
    form = AttendanceForm(request.POST or None, meeting=meeting)
    return form_page(
        request,
        access,
        form,
        done="Attendance saved.",
        then=lambda saved: reverse("meetings:meeting", args=[slug, meeting.pk]),
        title="Record attendance",
        caption=meeting,
        submit="Save attendance",
        cancel=reverse("meetings:meeting", args=[slug, meeting.pk]),
    )


@login_required
def item_add(request, slug, meeting_id):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    meeting = meeting_of(access, meeting_id)
    form = ItemForm(request.POST or None, meeting=meeting)
    return form_page(
        request,
        access,
        form,
        done="Item {saved} added to the agenda.",
        then=lambda item: item_url(slug, item),
        title="Add an agenda item",
        caption=meeting,
        submit="Add item",
        cancel=reverse("meetings:meeting", args=[slug, meeting.pk]),
    )


def item_of(access, item_id):
    items = AgendaItem.objects.filter(meeting__committee__partnership=access.partnership)
    return get_object_or_404(items.select_related("meeting__committee"), pk=item_id)


def item_url(slug, item):
    return reverse("meetings:meeting", args=[slug, item.meeting_id]) + f"#item-{item.pk}"


@login_required
def item_edit(request, slug, item_id):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    item = item_of(access, item_id)
    form = ItemForm(request.POST or None, instance=item, meeting=item.meeting)
    return form_page(
        request,
        access,
        form,
        done="Item {saved} saved.",
        then=lambda item: item_url(slug, item),
        title=f"Change item {item.position}",
        caption=item.meeting,
        submit="Save item",
        cancel=item_url(slug, item),
    )


@login_required
@accepts_uploads(PAPER_MAX_MB * 1024 * 1024)
def paper_upload(request, slug, item_id):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    item = item_of(access, item_id)
    form = PaperForm(request.POST or None, request.FILES or None, item=item, by=request.user)
    return form_page(
        request,
        access,
        form,
        done=f"“{{saved}}” uploaded and put on item {item.position}.",
        then=lambda paper: item_url(slug, item),
        title=f"Upload a paper for item {item.position}",
        caption=item,
        submit="Upload paper",
        cancel=item_url(slug, item),
    )


def send_file(field_file, filename, content_type=None):
    try:
        handle = field_file.open("rb")
    except FileNotFoundError:
        raise Http404("The file of this paper is missing") from None
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)


@login_required
def paper(request, slug, paper_id):
    """An uploaded paper downloads; a plan opens its page; an issued report downloads its PDF
    from the reports app, which checks access again."""
    access = rules.access_for(request, slug)
    paper = get_object_or_404(
        rules.papers_of(access.partnership).select_related("plan"), pk=paper_id
    )
    if paper.plan_id:
        return redirect("plans:detail", slug, paper.plan.year)
    if paper.issued_report_id:
        return redirect("reports:issued_pdf", slug, paper.issued_report_id)
    return send_file(paper.file, paper.filename)


@login_required
def paper_link(request, slug, item_id):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    item = item_of(access, item_id)
    form = PaperLinkForm(request.POST or None, item=item, by=request.user)
    return form_page(
        request,
        access,
        form,
        done=f"“{{saved}}” put on item {item.position}.",
        then=lambda paper: item_url(slug, item),
        title=f"Put a plan or an issued report on item {item.position}",
        caption=item,
        submit="Put it on the agenda",
        cancel=item_url(slug, item),
    )


# Decisions and recommendations


@login_required
def recommendation_add(request, slug, item_id):
    access = rules.access_for(request, slug)
    access.require("manage_meetings")
    item = item_of(access, item_id)
    form = RecommendationForm(request.POST or None, item=item, by=request.user)
    return form_page(
        request,
        access,
        form,
        done=recorded_message,
        then=lambda recommendation: item_url(slug, item),
        after=lambda recommendation: notify_recommendation(recommendation, by=request.user),
        title="Record a decision or recommendation",
        caption=item,
        submit="Record it",
        cancel=item_url(slug, item),
    )


def recorded_message(recommendation):
    if recommendation.comment_id:
        return (
            f"“{recommendation.text}” recorded, and put to the consultation on "
            f"{recommendation.plan} as a comment from the {recommendation.item.meeting.committee}."
        )
    return f"“{recommendation.text}” recorded."


@login_required
def register(request, slug):
    access = rules.access_for(request, slug)
    today = timezone.localdate()
    form = RegisterFilterForm(request.GET, partnership=access.partnership)
    recommendations = rules.recommendations_of(access.partnership).for_register()
    # Bad filters show the error summary and an empty register rather than a wrong one.
    recommendations = list(form.apply(recommendations, today)) if form.is_valid() else []
    for listed in recommendations:
        listed.overdue = listed.is_overdue(today)
    return render(
        request,
        "meetings/register.html",
        {
            "access": access,
            "form": form,
            "recommendations": recommendations,
            "filtered": any(request.GET.values()),
        },
    )


@login_required
def recommendation(request, slug, recommendation_id):
    access = rules.access_for(request, slug)
    recommendation = get_object_or_404(
        rules.recommendations_of(access.partnership).select_related(
            "item__meeting__committee", "to_committee", "to_agency", "plan", "comment"
        ),
        pk=recommendation_id,
    )
    form = None
    may_respond = recommendation.next_statuses() and not recommendation.awaits_answer_on_plan
    if access.can("manage_meetings") and may_respond:
        form = ResponseForm(request.POST or None, recommendation=recommendation)
    if request.method == "POST":
        access.require("manage_meetings")
        if form is None:
            messages.error(
                request,
                ANSWER_ON_PLAN_FIRST
                if recommendation.awaits_answer_on_plan
                else "This recommendation is settled: its status cannot change.",
            )
            return redirect("meetings:recommendation", slug, recommendation.pk)
        if form.is_valid() and form.save(by=request.user):
            messages.success(request, f"Status is now {recommendation.get_status_display()}.")
            return redirect("meetings:recommendation", slug, recommendation.pk)
    return render(
        request,
        "meetings/recommendation.html",
        {
            "access": access,
            "recommendation": recommendation,
            "updates": recommendation.updates.select_related("reported_at__committee"),
            "form": form,
            "overdue": recommendation.is_overdue(timezone.localdate()),
        },
    )


# Attendance and calendars of the signed-in person


@login_required
def my_attendance(request, slug):
    access = rules.access_for(request, slug)
    records = rules.own_attendance(access).order_by("-meeting__date")
    return render(
        request,
        "meetings/my_attendance.html",
        {
            "access": access,
            "records": records,
            "present": sum(1 for r in records if r.status == r.Status.PRESENT),
        },
    )


@login_required
def calendar(request, slug):
    access = rules.access_for(request, slug)
    feed = CalendarFeed.objects.filter(person=request.user).first()
    feed_url = None
    if feed is not None:
        feed_url = request.build_absolute_uri(
            reverse("meetings:calendar_feed", args=[slug, feed.token])
        )
    return render(request, "meetings/calendar.html", {"access": access, "feed_url": feed_url})


@login_required
@require_POST
def calendar_address(request, slug):
    """Create the person's secret calendar address, or replace it so the old one stops working."""
    rules.access_for(request, slug)
    feed, created = CalendarFeed.objects.get_or_create(person=request.user)
    if not created:
        feed.renew()
    messages.success(
        request,
        "Your calendar address is ready."
        if created
        else "You have a new calendar address; the old one no longer works.",
    )
    return redirect("meetings:calendar", slug)


def calendar_feed(request, slug, token):
    """No sign-in: calendar apps cannot. The secret address is the key (see CalendarFeed)."""
    access = rules.feed_access(slug, token)
    body = meetings_calendar(access.partnership, rules.meetings_of(access.partnership))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug}-meetings.ics"'
    response["Cache-Control"] = "private, max-age=900"
    return response


# The public pages: no sign-in; only what access.py makes public


def public_list(request, slug):
    partnership = rules.public_partnership(slug)
    today = timezone.localdate()
    meetings = rules.public_meetings_of(partnership)
    return render(
        request,
        "meetings/public_list.html",
        {
            "partnership": partnership,
            "upcoming": meetings.upcoming(today),
            "past": meetings.past(today),
        },
    )


def public_meeting(request, slug, meeting_id):
    partnership = rules.public_partnership(slug)
    meeting = get_object_or_404(rules.public_meetings_of(partnership), pk=meeting_id)
    items = selectors.agenda(
        meeting, rules.public_items_of([meeting]), papers=rules.fit_for_the_public()
    )
    return render(
        request,
        "meetings/public_meeting.html",
        {"partnership": partnership, "meeting": meeting, "items": items},
    )


def public_paper(request, slug, paper_id):
    """An uploaded paper or an issued report downloads; a plan shows as it was put out for
    consultation or adopted."""
    partnership = rules.public_partnership(slug)
    paper = get_object_or_404(
        rules.public_papers_of(partnership).select_related("plan", "issued_report__report"),
        pk=paper_id,
    )
    if paper.plan_id:
        return render(
            request,
            "meetings/public_plan.html",
            {
                "partnership": partnership,
                "plan": paper.plan,
                "content": published_content(paper.plan),
            },
        )
    if paper.issued_report_id:
        issued, report = paper.issued_report, paper.issued_report.report
        name = f"{slug}-{report.kind}-{report.year}-v{issued.version}.pdf"
        return send_file(issued.pdf, name, "application/pdf")
    return send_file(paper.file, paper.filename)
