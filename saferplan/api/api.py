"""The read-only JSON API, version 1, with its OpenAPI description at /api/v1/openapi.json.

Without a token it serves what partnerships publish (their public page's figures, from
api/public.py); with a personal token (`Authorization: Bearer sp_…`), also what its person's role
lets them read on the site, for each partnership they have a role in, decided by access.py as for
their pages. A wrong or revoked token is refused (401) rather than read as no token.
"""

import datetime
from typing import Literal

from django.http import Http404
from django.urls import reverse
from ninja import Field, NinjaAPI, Path, Schema
from ninja.security import HttpBearer

from saferplan.crime import tables as crime_tables
from saferplan.partnerships import access as rules
from saferplan.partnerships.models import Partnership, Person
from saferplan.plans import selectors as plan_selectors
from saferplan.plans.changes import plan_content, published_content

from . import public, tokens


class Public:
    """The reader without a token."""


class TokenOrPublic(HttpBearer):
    def __call__(self, request):
        if "Authorization" not in request.headers:
            return Public()
        return super().__call__(request)  # None (401) unless "Bearer <a valid token>"

    def authenticate(self, request, token):
        return tokens.person_for(token)


api = NinjaAPI(
    title="SaferPlan",
    version="1",
    description=__doc__,
    urls_namespace="api-v1",
    docs_url=None,  # the OpenAPI description is the documentation; no page of outside scripts
    auth=TokenOrPublic(),
)


# Who reads what


def reader(request, slug):
    """(partnership, Access or None): a person with a role there reads what the site shows them;
    anyone else what the partnership publishes, if it does (else 404)."""
    person = request.auth if isinstance(request.auth, Person) else None
    access = rules.api_access(person, slug)
    if access is not None:
        return access.partnership, access
    return rules.published_partnership(slug), None


Slug = Path(..., pattern=r"^[-a-zA-Z0-9_]{1,60}$")
Year = Path(..., ge=2000, le=2100)


class Message(Schema):
    detail: str


ERRORS = {401: Message, 404: Message, 422: dict}


# Partnerships


class PartnershipOut(Schema):
    slug: str
    name: str
    public_page: bool
    role: str | None  # the token's person's role there, if any


@api.get("/partnerships", response={200: list[PartnershipOut], **ERRORS}, url_name="partnerships")
def partnerships(request):
    """Those that publish their page, and with a token those its person has a role in."""
    roles = {}
    if isinstance(request.auth, Person):
        roles = dict(request.auth.roles.values_list("partnership_id", "kind"))
    found = rules.published_partnerships() | Partnership.objects.filter(pk__in=roles)
    return [
        PartnershipOut(slug=p.slug, name=p.name, public_page=p.public_page, role=roles.get(p.pk))
        for p in found.distinct().order_by("name")
    ]


# Plans: the public reads adopted plans as adopted; a person with a role, every plan as it is now


class PlanSummary(Schema):
    year: int
    label: str
    title: str
    status: Literal["draft", "consultation", "adopted"]
    adopted_on: datetime.date | None


class ActionOut(Schema):
    code: str
    title: str
    lead_agency: str
    supporting_agencies: str
    target_date: datetime.date
    success_measure: str


class IssueOut(Schema):
    code: str
    title: str
    description: str
    actions: list[ActionOut]


class PriorityOut(Schema):
    code: str
    title: str
    description: str
    issues: list[IssueOut]


class PlanOut(PlanSummary):
    version: Literal["as adopted", "as it is now"]
    priorities: list[PriorityOut]


def plans_for(partnership, access):
    return rules.plans_of(partnership) if access else rules.public_plans_of(partnership)


def summary(plan):
    return PlanSummary(
        year=plan.year,
        label=plan.label,
        title=str(plan),
        status=plan.status,
        adopted_on=plan.adopted_on,
    )


@api.get("/partnerships/{slug}/plans", response={200: list[PlanSummary], **ERRORS})
def plans(request, slug: str = Slug):
    partnership, access = reader(request, slug)
    return [summary(plan) for plan in plans_for(partnership, access).order_by("-year")]


def plan_of(request, slug, year):
    partnership, access = reader(request, slug)
    plan = plans_for(partnership, access).filter(year=year).first()
    if plan is None:
        raise Http404("No such plan")
    return plan, access


@api.get("/partnerships/{slug}/plans/{year}", response={200: PlanOut, **ERRORS})
def plan(request, slug: str = Slug, year: int = Year):
    plan, access = plan_of(request, slug, year)
    if access:
        content, version = plan_content(plan), "as it is now"
    else:
        content, version = published_content(plan), "as adopted"
    return PlanOut(**summary(plan).dict(), version=version, priorities=content["priorities"])


# Progress: the reports' counts (plans.selectors)


class Counts(Schema):
    label: str
    completed: int
    underway: int
    not_started: int
    total: int


class ProgressOut(Schema):
    as_at: datetime.date
    by: Literal["priority"]
    groups: list[Counts]
    total: Counts


def counts(group):
    return Counts(label=group.label, **group.as_dict())


@api.get("/partnerships/{slug}/plans/{year}/progress", response={200: ProgressOut, **ERRORS})
def progress(request, slug: str = Slug, year: int = Year):
    """Actions completed, underway and not started by priority, today."""
    plan, access = plan_of(request, slug, year)
    if access:
        found = plan_selectors.progress_counts(plan, by="priority")
    else:
        found = public.published_progress(plan)
    return ProgressOut(
        as_at=found.as_at,
        by="priority",
        groups=[counts(group) for group in found.groups],
        total=counts(found.total),
    )


# Case studies: the public reads those cleared for publication


class CaseStudyOut(Schema):
    id: int
    title: str
    summary: str
    outcome: str
    plan_year: int | None
    agencies: list[str]
    publishable: bool


@api.get("/partnerships/{slug}/case-studies", response={200: list[CaseStudyOut], **ERRORS})
def case_studies(request, slug: str = Slug):
    partnership, access = reader(request, slug)
    studies = (
        rules.case_studies_of(partnership) if access else rules.public_case_studies_of(partnership)
    )
    return [
        CaseStudyOut(
            id=study.pk,
            title=study.title,
            summary=study.summary,
            outcome=study.outcome,
            plan_year=study.plan.year if study.plan else None,
            agencies=[agency.name for agency in study.agencies.all()],
            publishable=study.publishable,
        )
        for study in studies.select_related("plan").prefetch_related("agencies").order_by("title")
    ]


# Crime and ASB: the public page's police.uk tables, cell for cell as their CSV files


Cell = int | float | str | None


class TableOut(Schema):
    name: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]


class CrimeOut(Schema):
    latest_month: datetime.date | None
    caveats: list[str]
    notes: list[str]
    tables: list[TableOut]


def table_out(table):
    headers, rows = crime_tables.flat(table)
    return TableOut(name=table.name, title=table.title, headers=headers, rows=rows)


@api.get("/partnerships/{slug}/crime", response={200: CrimeOut, **ERRORS})
def crime(request, slug: str = Slug):
    """Police.uk crime and ASB in the partnership's area: the latest 12 months against the 12
    before, the latest 3 against the same 3 a year before, the financial year to date."""
    partnership, _ = reader(request, slug)
    summary = public.crime_summary(partnership)
    if summary is None:
        return CrimeOut(latest_month=None, caveats=[], notes=[], tables=[])
    return CrimeOut(
        latest_month=summary.to,
        caveats=list(summary.caveats),
        notes=summary.notes,
        tables=[table_out(table) for table in public.crime_tables_of(summary)],
    )


# Meetings: the public reads the public meetings (published agendas of public committees)


class MeetingOut(Schema):
    id: int
    date: datetime.date
    starts: str = Field(pattern=r"^[0-2][0-9]:[0-5][0-9]$")  # 19:00, local time, as in the CSV
    place: str
    committee: str
    status: str
    url: str


@api.get("/partnerships/{slug}/meetings", response={200: list[MeetingOut], **ERRORS})
def meetings(request, slug: str = Slug):
    partnership, access = reader(request, slug)
    found = rules.meetings_of(partnership) if access else rules.public_meetings_of(partnership)
    page = "meetings:meeting" if access else "meetings:public_meeting"
    return [
        MeetingOut(
            id=meeting.pk,
            date=meeting.date,
            starts=meeting.starts.strftime("%H:%M"),
            place=meeting.place,
            committee=str(meeting.committee),
            status=meeting.get_status_display(),
            url=request.build_absolute_uri(reverse(page, args=[partnership.slug, meeting.pk])),
        )
        for meeting in found.order_by("date", "starts", "pk")
    ]


# Case reviews: the ASB Case Review figures of each year and the published death reviews; the same
# for everyone (the registers themselves are restricted and not served)


class AsbFiguresOut(Schema):
    year: str  # the financial year, e.g. 2014-15
    applications: int
    threshold_not_met: int
    reviews_carried_out: int
    reviews_with_recommendations: int


class PublishedReviewOut(Schema):
    title: str
    notified: datetime.date
    published: datetime.date
    report_url: str


class CaseReviewsOut(Schema):
    asb_case_reviews: list[AsbFiguresOut]
    death_reviews: list[PublishedReviewOut]


@api.get("/partnerships/{slug}/case-reviews", response={200: CaseReviewsOut, **ERRORS})
def case_reviews(request, slug: str = Slug):
    """The figures s.104 of the Anti-social Behaviour, Crime and Policing Act 2014 requires each
    year (applications in the year received, reviews in the year held), and the death reviews
    whose reports are published."""
    partnership, _ = reader(request, slug)
    reviews = public.case_reviews_section(partnership).data
    return CaseReviewsOut(
        asb_case_reviews=[
            AsbFiguresOut(
                year=figures.label,
                applications=figures.applications,
                threshold_not_met=figures.threshold_not_met,
                reviews_carried_out=figures.reviews_carried_out,
                reviews_with_recommendations=figures.reviews_with_recommendations,
            )
            for figures in reviews.asb_figures
        ],
        death_reviews=[
            PublishedReviewOut(
                title=review.title,
                notified=review.notified,
                published=review.published,
                report_url=review.report_url,
            )
            for review in reviews.death_reviews
        ],
    )
