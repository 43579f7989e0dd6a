"""Who may see and do what: the one place that decides.

A person sees only the partnerships they hold a role in; in each, their role says what they may do.
Views ask `access_for(request, slug)` for an `Access` and then `access.require(...)` a verb;
querysets that list people or agencies are scoped here, by partnership.
"""

from dataclasses import dataclass
from typing import NamedTuple

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from saferplan.assessment.models import (
    CandidateIssue,
    ConcernLink,
    Dataset,
    DatasetCount,
    DimensionWeight,
    HarmWeights,
    PeerDistrict,
    Score,
    Survey,
    SurveyResult,
)
from saferplan.crime.models import (
    Area,
    Boundary,
    MonthlyCount,
    OutcomeCount,
    PoliceLoad,
    PoliceMonth,
)
from saferplan.funding.models import Grant, ReturnDate
from saferplan.jobs.models import Job
from saferplan.meetings.models import (
    AgendaItem,
    Attendance,
    CalendarFeed,
    Committee,
    Meeting,
    Paper,
    Recommendation,
)
from saferplan.plans.models import (
    Action,
    CaseStudy,
    Comment,
    CorporateObjective,
    EmergingIssue,
    Evidence,
    Plan,
)
from saferplan.registers.models import (
    AsbCaseReview,
    AsbRecommendation,
    DeathReview,
    DeathReviewRecommendation,
)
from saferplan.reminders.models import Email
from saferplan.reports.models import IssuedReport, Report

from .models import Agency, Partnership, PartnershipDistrict, Person, Role

COORDINATOR = Role.Kind.COORDINATOR
OFFICER = Role.Kind.OFFICER
MEMBER = Role.Kind.MEMBER
VIEWER = Role.Kind.VIEWER

# Each verb and the roles that may do it in their own partnership.
ALLOWED = {
    "view": {COORDINATOR, OFFICER, MEMBER, VIEWER},
    "comment": {COORDINATOR, OFFICER, MEMBER},
    "manage_people": {COORDINATOR},
    "manage_partnership": {COORDINATOR},
    "manage_plan": {COORDINATOR},
    "update_actions": {COORDINATOR, OFFICER},
    "manage_funding": {COORDINATOR},
    "manage_reports": {COORDINATOR},
    "manage_meetings": {COORDINATOR},
    "manage_reminders": {COORDINATOR},
    "import_police_data": {COORDINATOR},
    "manage_registers": {COORDINATOR},
    "unlock_sign_in": {COORDINATOR},
}

# What a person's home page shows of each partnership, by their role there: the actions the
# next update deadline asks them for ("to_update"), what waits for the coordinator
# ("coordinating"), the next meeting and the recommendations due back ("meetings").
HOME_SECTIONS = {
    COORDINATOR: {"to_update", "coordinating"},
    OFFICER: {"to_update"},
    MEMBER: {"meetings"},
    VIEWER: set(),
}

# What each role is for, in the words shown beside it on pages and in invitations.
ROLE_PURPOSE = {
    COORDINATOR: "runs the partnership: sets up plans, invites people, produces reports",
    OFFICER: "updates the work their own agency leads or supports",
    MEMBER: "a councillor on the Working Party: reads everything but unissued reports, and "
    "comments",
    VIEWER: "reads everything",
}


@dataclass(frozen=True)
class Access:
    person: Person
    partnership: Partnership
    role: str

    @property
    def role_label(self):
        return Role.Kind(self.role).label

    def can(self, verb):
        return self.role in ALLOWED[verb]

    def require(self, verb):
        if not self.can(verb):
            raise PermissionDenied(f"Your role in {self.partnership} does not allow this.")

    @property
    def home_sections(self):
        return HOME_SECTIONS[self.role]

    def can_act_for(self, agency):
        """May this person update work owned by `agency`: their own, or any if coordinator."""
        if self.role == COORDINATOR:
            return True
        return self.role == OFFICER and agency is not None and agency.pk == self.person.agency_id


def must_use_two_factor(person):
    """Two-factor sign-in is required of whoever can change what others see: site staff, data
    managers (they load every partnership's police data) and every coordinator. Add any new
    site-wide power here. A coordinator of sample partnerships only (`saferplan demo`, whose
    passwords are published) is not asked."""
    return two_factor_standing(person).required


class TwoFactorStanding(NamedTuple):
    has_app: bool  # a confirmed authenticator app
    required: bool


def two_factor_standing(person):
    """Whether the person has two-factor sign-in and whether they must, in one query: asked on
    every request of a person who has not passed the second step of sign-in."""
    app_label, codename = DATA_MANAGER_PERMISSION.split(".")
    with connection.cursor() as cursor:
        cursor.execute(
            TWO_FACTOR_STANDING_SQL,
            {"person": person.pk, "coordinator": COORDINATOR, "app": app_label, "code": codename},
        )
        has_app, holds_a_power = cursor.fetchone()
    return TwoFactorStanding(
        has_app=bool(has_app),
        required=person.is_staff or person.is_superuser or bool(holds_a_power),
    )


# Written out: the same question through the ORM (an OR across roles, permissions and groups'
# permissions) took more CPU to build and plan than a whole sign-in page, on every request.
TWO_FACTOR_STANDING_SQL = """
SELECT EXISTS (
    SELECT 1 FROM otp_totp_totpdevice device
    WHERE device.user_id = %(person)s AND device.confirmed
), EXISTS (
    SELECT 1 FROM partnerships_role role
    JOIN partnerships_partnership partnership ON partnership.id = role.partnership_id
    WHERE role.person_id = %(person)s AND role.kind = %(coordinator)s AND NOT partnership.is_sample
) OR EXISTS (
    SELECT 1 FROM auth_permission permission
    JOIN django_content_type content_type ON content_type.id = permission.content_type_id
    WHERE content_type.app_label = %(app)s AND permission.codename = %(code)s AND (
        permission.id IN (
            SELECT permission_id FROM partnerships_person_user_permissions
            WHERE person_id = %(person)s
        ) OR permission.id IN (
            SELECT held.permission_id FROM auth_group_permissions held
            JOIN partnerships_person_groups member ON member.group_id = held.group_id
            WHERE member.person_id = %(person)s
        )
    )
)
"""


def accesses_of(person):
    """The person's Access in each partnership they hold a role in, by the partnership's name:
    what their home page is made of."""
    if not person.is_authenticated:
        return []
    roles = Role.objects.filter(person=person).select_related("partnership")
    return [
        Access(person=person, partnership=role.partnership, role=role.kind)
        for role in roles.order_by("partnership__name", "partnership_id")
    ]


def access_for(request, slug):
    """The person's access to the partnership `slug`; 404 (not 403) so that others learn nothing."""
    person = request.user
    if not person.is_authenticated:
        raise Http404("Sign in to see this partnership")
    role = (
        Role.objects.select_related("partnership")
        .filter(person=person, partnership__slug=slug)
        .first()
    )
    if role is None:
        raise Http404("No partnership of yours has this address")
    return Access(person=person, partnership=role.partnership, role=role.kind)


def agencies_of(partnership):
    return Agency.objects.filter(partnershipagency__partnership=partnership)


def roles_in(partnership):
    """Everyone with a role in the partnership, with their person and agency."""
    return (
        Role.objects.filter(partnership=partnership)
        .select_related("person", "person__agency")
        .order_by("person__name")
    )


def coordinators_in(partnerships):
    """{partnership id: [active coordinator, ...]} for the partnerships (ids) given."""
    found = {}
    roles = Role.objects.filter(
        partnership__in=partnerships, kind=COORDINATOR, person__is_active=True
    ).select_related("person")
    for role in roles.order_by("person__name"):
        found.setdefault(role.partnership_id, []).append(role.person)
    return found


def people_who_update(partnership):
    """The officers and coordinators of the partnership: who can record progress on actions."""
    return (
        Person.objects.filter(
            roles__partnership=partnership, roles__kind__in=[OFFICER, COORDINATOR]
        )
        .select_related("agency")
        .order_by("name")
    )


def people_who_update_in(partnerships):
    """`people_who_update`, active ones only, for many partnerships (ids) at once: their roles,
    with each role's person and the person's agency, by name."""
    return (
        Role.objects.filter(
            partnership__in=partnerships, kind__in=[OFFICER, COORDINATOR], person__is_active=True
        )
        .select_related("person__agency")
        .order_by("person__name", "person_id")
    )


# Plans: who may change them, and the plan data a person's partnership lets them see.


def can_update(access, action):
    """May this person record progress on `action` (`updates_during_year`); once its plan year
    is closed, a late update goes through the coordinator."""
    if action.plan.closed_on is not None:
        return access.role == COORDINATOR
    return updates_during_year(access, action)


def updates_during_year(access, action):
    """A coordinator, or an officer of the action's lead agency or of a supporting agency."""
    if access.can_act_for(action.lead_agency):
        return True
    return access.role == OFFICER and any(
        agency.pk == access.person.agency_id for agency in action.supporting_agencies.all()
    )


def may_close(access, plan):
    """A coordinator closes an adopted plan's year, once."""
    return (
        access.can("manage_plan") and plan.status == Plan.Stage.ADOPTED and plan.closed_on is None
    )


def may_comment(access, plan):
    """Comments are taken while the plan is out for consultation."""
    return access.can("comment") and plan.status == Plan.Stage.CONSULTATION


def plans_of(partnership):
    return Plan.objects.filter(partnership=partnership)


def issues_of(plan):
    return EmergingIssue.objects.filter(priority__plan=plan).select_related("priority")


def actions_of(partnership):
    return Action.objects.filter(issue__priority__plan__partnership=partnership)


def my_actions(access):
    """The actions the person's agency leads or supports, in every plan of the partnership."""
    if access.person.agency_id is None:
        return Action.objects.none()
    return actions_of(access.partnership).for_agency(access.person.agency_id)


def comments_of(partnership):
    return Comment.objects.filter(plan__partnership=partnership)


def case_studies_of(partnership):
    return CaseStudy.objects.filter(partnership=partnership)


def objectives_of(partnership):
    return CorporateObjective.objects.filter(partnership=partnership)


def evidence_of(partnership):
    return Evidence.objects.filter(update__action__issue__priority__plan__partnership=partnership)


def grant_for(access, grant_id):
    """One of the partnership's grants, or 404."""
    return get_object_or_404(Grant, partnership=access.partnership, pk=grant_id)


# Reports: a draft is the coordinators' and officers' work in progress; a member (a councillor)
# reads a report once it is issued, never a draft, nor a draft's Word or PDF.


def may_read_drafts(access):
    return access.role != MEMBER


def reports_of(access):
    """The partnership's reports being written, for those who may read drafts."""
    reports = Report.objects.filter(partnership=access.partnership)
    return reports if may_read_drafts(access) else reports.none()


def report_for(access, report_id):
    report = get_object_or_404(reports_of(access), pk=report_id)
    report.partnership = access.partnership  # the one it was found in: not read again
    return report


def issued_reports_of(partnership):
    return IssuedReport.objects.filter(report__partnership=partnership).select_related("report")


def issued_report_for(access, issued_id):
    return get_object_or_404(
        IssuedReport.objects.select_related("report"),
        report__partnership=access.partnership,
        pk=issued_id,
    )


# Meetings. Everyone with a role reads every meeting of their partnership, restricted items
# included; the public and calendar feeds see only what `public_*` below allows.


def committees_of(partnership):
    return Committee.objects.filter(partnership=partnership)


def meetings_of(partnership):
    return Meeting.objects.filter(committee__partnership=partnership).select_related("committee")


def papers_of(partnership):
    """The partnership's papers; a plan or an issued report only of the partnership itself."""
    return papers_in([partnership])


def papers_in(partnerships):
    """`papers_of` for many partnerships at once, each paper's plan or report its own's."""
    return Paper.objects.filter(
        Q(plan=None) | Q(plan__partnership=F("partnership")),
        Q(issued_report=None) | Q(issued_report__report__partnership=F("partnership")),
        partnership__in=partnerships,
    )


def plans_open_to_recommendations(partnership):
    """The plans a committee's recommendation can still change: not yet adopted."""
    return plans_of(partnership).filter(status__in=Recommendation.PLAN_STAGES)


def recommendations_of(partnership):
    return Recommendation.objects.filter(item__meeting__committee__partnership=partnership)


def own_attendance(access):
    return Attendance.objects.filter(
        person=access.person, meeting__committee__partnership=access.partnership
    ).select_related("meeting__committee")


def public_partnership(slug):
    """Anyone may look for a partnership's public meetings; an unknown slug is 404."""
    return get_object_or_404(Partnership, slug=slug)


def public_meetings_of(partnership):
    """Published agendas of committees that meet in public."""
    return meetings_of(partnership).filter(
        committee__meets_in_public=True, agenda_status=Meeting.AgendaStatus.PUBLISHED
    )


def public_items_of(meetings):
    """Unrestricted items only: a restricted item, its papers and decisions are never public."""
    return AgendaItem.objects.filter(
        meeting__in=meetings, classification=AgendaItem.Classification.UNRESTRICTED
    )


def fit_for_the_public():
    """Papers that may be public on a public item: any uploaded file; a plan once it is out for
    consultation or adopted (never a draft) and frozen at that stage (the public never reads
    live edits); an issued report classified Unrestricted, both as issued and now (a report
    reclassified Restricted since is withdrawn from the public)."""
    unrestricted = Report.Classification.UNRESTRICTED
    return Paper.objects.filter(
        Q(plan=None, issued_report=None)
        | Q(
            plan__status__in=[Plan.Stage.CONSULTATION, Plan.Stage.ADOPTED],
            plan__versions__stage=F("plan__status"),
        )
        | Q(
            issued_report__report__classification=unrestricted,
            issued_report__content__classification=unrestricted.label,
        )
    )


def public_papers_of(partnership):
    """Papers fit for the public on at least one public item."""
    public_items = public_items_of(public_meetings_of(partnership))
    return (
        papers_of(partnership)
        .filter(pk__in=fit_for_the_public(), items__in=public_items)
        .distinct()
    )


def feed_access(slug, token):
    """The Access of a secret calendar address: 404 for an unknown token, an inactive person or a
    partnership the person has no role in, exactly as for a signed-in page."""
    feed = CalendarFeed.objects.select_related("person").filter(token=token).first()
    if feed is None or not feed.person.is_active:
        raise Http404("No calendar has this address")
    role = (
        Role.objects.select_related("partnership")
        .filter(person=feed.person, partnership__slug=slug)
        .first()
    )
    if role is None:
        raise Http404("No partnership of yours has this address")
    return Access(person=feed.person, partnership=role.partnership, role=role.kind)


# Reminders and emails: the partnership's log is the coordinators'; a person's own choices of
# email are theirs alone (views take them from request.user, never from an address).


def emails_of(partnership):
    return Email.objects.filter(partnership=partnership).select_related("person")


def email_for(access, email_id):
    return get_object_or_404(emails_of(access.partnership), pk=email_id)


# Background jobs: the person who started one follows it, and the partnership's coordinators
# see every one. A job's title and problems quote what it worked on (a draft report's title, the
# lines of a restricted dataset), so nobody else reads it, even knowing its address.


def job_for(access, job_id):
    jobs = Job.objects.filter(partnership=access.partnership)
    if access.role != COORDINATOR:
        jobs = jobs.filter(started_by=access.person)
    return get_object_or_404(jobs, pk=job_id)


# Crime data is kept by district: a partnership reads the rows of its own districts, whoever's
# force file they came from. The districts go in as the list of codes, read once for the
# partnership object (a request's): given a subquery, PostgreSQL cannot tell one district from
# forty, and scanned the whole national table for Thanet alone.


def districts_of(partnership):
    return partnership.district_codes


def counts_of(partnership):
    return MonthlyCount.objects.filter(district_code__in=districts_of(partnership))


def outcome_counts_of(partnership):
    return OutcomeCount.objects.filter(district_code__in=districts_of(partnership))


def areas_of(partnership):
    return Area.objects.filter(district_code__in=districts_of(partnership))


def ward_boundaries_of(partnership):
    return Boundary.objects.filter(
        kind=Boundary.Kind.WARD, district_code__in=districts_of(partnership)
    )


# Police.uk data is site-wide reference data, like the ONS geography. A data manager (the
# crime.load_police_data permission, given by `saferplan data_manager`; superusers have it)
# loads it for every partnership. A coordinator's own upload may change only the districts their
# partnership alone covers: a district shared with another partnership is the data manager's.

DATA_MANAGER_PERMISSION = "crime.load_police_data"


def is_data_manager(person):
    return person.is_active and person.has_perm(DATA_MANAGER_PERMISSION)


def require_data_manager(request):
    """For the site's data pages: anonymous visitors are sent to sign in by login_required."""
    if not is_data_manager(request.user):
        raise PermissionDenied("Only a data manager may load police data for every partnership.")


def districts_loadable_by(partnership):
    """The districts whose police rows a partnership's own upload may change."""
    shared = PartnershipDistrict.objects.exclude(partnership=partnership).values("code")
    return set(
        PartnershipDistrict.objects.filter(partnership=partnership)
        .exclude(code__in=shared)
        .values_list("code", flat=True)
    )


def police_months_of(partnership):
    """The police months a partnership reads: the site's, and those it uploaded itself."""
    return PoliceMonth.objects.filter(Q(partnership=None) | Q(partnership=partnership))


def police_loads_of(partnership):
    return PoliceLoad.objects.filter(partnership=partnership).select_related("started_by")


def all_police_loads():
    return PoliceLoad.objects.select_related("started_by", "partnership")


# Any district's counts, for comparisons: the police.uk counts are open data, so every partnership
# may read those of any district (the force area around it, the peers it chose), summed; never
# the crime rows of a district it does not cover.


def counts_of_districts(codes):
    return MonthlyCount.objects.filter(district_code__in=list(codes))


def areas_of_districts(codes):
    return Area.objects.filter(district_code__in=list(codes))


def all_areas():
    return Area.objects.all()


def peer_districts_of(partnership):
    return PeerDistrict.objects.filter(partnership=partnership)


# Partners' datasets and harm weights (the strategic assessment). Everyone in the partnership
# reads its unrestricted datasets; a restricted one only its coordinators and the officers of
# the agency that owns it. Coordinators, and officers who are data managers, add and change them.


def may_manage_datasets(access):
    if access.role == COORDINATOR:
        return True
    return access.role == OFFICER and is_data_manager(access.person)


def require_dataset_manager(access):
    if not may_manage_datasets(access):
        raise PermissionDenied(
            f"Only coordinators and data managers of {access.partnership} add or change datasets."
        )


def datasets_of(access):
    """The datasets of the partnership this person may read."""
    datasets = Dataset.objects.filter(partnership=access.partnership).select_related("owner")
    if access.role == COORDINATOR:
        return datasets
    if access.role == OFFICER and access.person.agency_id is not None:
        return datasets.filter(Q(restricted=False) | Q(owner_id=access.person.agency_id))
    return datasets.filter(restricted=False)


def may_choose_peers(access):
    """Peer districts are chosen by whoever manages the partnership's datasets."""
    return may_manage_datasets(access)


def require_peer_manager(access):
    if not may_choose_peers(access):
        raise PermissionDenied(
            f"Only coordinators and data managers of {access.partnership} choose peer districts."
        )


def dataset_for(access, dataset_id):
    """One dataset the person may read, or 404: a restricted one is not even said to exist."""
    return get_object_or_404(datasets_of(access), pk=dataset_id)


def may_restrict_to(access, owner):
    """A restricted dataset may be saved only with an owner whose restricted data the person
    would still see: a coordinator any, an officer their own agency's."""
    return access.role == COORDINATOR or (owner is not None and owner.pk == access.person.agency_id)


def datasets_for_evidence(partnership, access=None):
    """The datasets whose figures may be shown as evidence: those the person reads, or with no
    person (a paper for anyone) only the unrestricted ones."""
    if access is not None:
        return datasets_of(access)
    return Dataset.objects.filter(partnership=partnership, restricted=False)


def dataset_counts_of(access):
    return DatasetCount.objects.filter(dataset__in=datasets_of(access))


def harm_weights_of(partnership):
    return HarmWeights.objects.filter(partnership=partnership).first()


# Candidate issues and their scores: everyone in the partnership reads the ranking; its
# coordinators add issues and weigh the dimensions; its coordinators and officers score.


def may_manage_issues(access):
    return access.role == COORDINATOR


def require_issue_manager(access):
    if not may_manage_issues(access):
        raise PermissionDenied(
            f"Only coordinators of {access.partnership} add candidate issues or change weights."
        )


def may_score(access):
    return access.role in (COORDINATOR, OFFICER)


def require_scorer(access):
    if not may_score(access):
        raise PermissionDenied(f"Only coordinators and officers of {access.partnership} score.")


def candidate_issues_of(partnership):
    return CandidateIssue.objects.filter(partnership=partnership)


def candidate_issue_for(access, issue_id):
    # With its partnership, which the issue's address names.
    issues = candidate_issues_of(access.partnership).select_related("partnership")
    return get_object_or_404(issues, pk=issue_id)


def scores_of(partnership):
    return Score.objects.filter(issue__partnership=partnership)


def dimension_weights_of(partnership):
    return DimensionWeight.objects.filter(partnership=partnership)


# Residents' surveys: everyone in the partnership reads them; those who manage datasets load
# them; coordinators, who manage the candidate issues, link an answer or theme to an issue.


def surveys_of(partnership):
    return Survey.objects.filter(partnership=partnership)


def survey_for(access, survey_id):
    return get_object_or_404(surveys_of(access.partnership), pk=survey_id)


def survey_results_of(partnership):
    return SurveyResult.objects.filter(survey__partnership=partnership).select_related("survey")


def concern_links_of(partnership):
    return ConcernLink.objects.filter(issue__partnership=partnership).select_related(
        "result__survey"
    )


def datasets_of_partnership(partnership):
    """Every dataset of the partnership, restricted ones too: for a report, which describes the
    unrestricted ones and only counts the restricted."""
    return Dataset.objects.filter(partnership=partnership).select_related("owner")


# Taking candidate issues into a plan: whoever manages plans, and only into a plan not yet
# adopted (an adopted plan is frozen).


def may_choose_for_plans(access):
    return access.can("manage_plan")


def require_plan_chooser(access):
    if not may_choose_for_plans(access):
        raise PermissionDenied(
            f"Only coordinators of {access.partnership} take candidate issues into a plan."
        )


def plans_open_to_the_assessment(partnership):
    return plans_of(partnership).exclude(status=Plan.Stage.ADOPTED)


# Case review registers. Everyone in the partnership reads the ASB case review figures and the
# published death reviews (what the public sees). A case itself, with the applicant's personal
# details, only its coordinators and the people named on it ("shared with"); everyone else
# sees counts. Coordinators keep the registers.


def asb_case_reviews_of(partnership):
    """Every case of the partnership: for counting only, never for showing."""
    return AsbCaseReview.objects.filter(partnership=partnership)


def asb_case_reviews_for(access):
    """The cases the person may open: all for a coordinator, else those shared with them."""
    cases = asb_case_reviews_of(access.partnership)
    if access.role == COORDINATOR:
        return cases
    return cases.filter(shared_with=access.person)


def asb_case_review_for(access, review_id):
    """404 for a case not shared with the person: they learn nothing of it."""
    return get_object_or_404(asb_case_reviews_for(access), pk=review_id)


def asb_recommendation_for(access, recommendation_id):
    return get_object_or_404(
        AsbRecommendation.objects.select_related("review", "owner", "action", "register_entry"),
        review__in=asb_case_reviews_for(access),
        pk=recommendation_id,
    )


def death_reviews_of(partnership):
    return DeathReview.objects.filter(partnership=partnership)


def death_reviews_for(access):
    """Restricted by default: all for a coordinator, else those shared with them."""
    reviews = death_reviews_of(access.partnership)
    if access.role == COORDINATOR:
        return reviews
    return reviews.filter(shared_with=access.person)


def death_review_for(access, review_id):
    return get_object_or_404(death_reviews_for(access), pk=review_id)


def death_review_recommendation_for(access, recommendation_id):
    return get_object_or_404(
        DeathReviewRecommendation.objects.select_related("review", "owner", "action"),
        review__in=death_reviews_for(access),
        pk=recommendation_id,
    )


def published_death_reviews_of(partnership):
    """Nothing of a review is public until its report is published."""
    return death_reviews_of(partnership).filter(published__isnull=False).exclude(report_url="")


def people_to_share_with(partnership):
    """Whom a case can be shared with: the people with a role in the partnership."""
    return Person.objects.filter(roles__partnership=partnership, is_active=True).order_by("name")


def plan_for_recommendations(partnership):
    """The current plan a review's recommendation becomes an action of: the newest plan whose
    year is not closed; None if there is none."""
    return plans_of(partnership).filter(closed_on=None).order_by("-year").first()


def agenda_items_of(partnership):
    """The agenda items a review's recommendation can be recorded against in the register."""
    return AgendaItem.objects.filter(meeting__committee__partnership=partnership).select_related(
        "meeting__committee"
    )


# The home page reads what needs a person in all their partnerships at once; each function takes
# the partnerships (ids) in which the person's role lets them see it.


def unanswered_comments_in(partnerships):
    return Comment.objects.filter(plan__partnership__in=partnerships, response="")


def plans_in(partnerships):
    return Plan.objects.filter(partnership__in=partnerships)


def return_dates_in(partnerships):
    return ReturnDate.objects.filter(grant__partnership__in=partnerships).select_related("grant")


def recommendations_in(partnerships):
    return Recommendation.objects.filter(item__meeting__committee__partnership__in=partnerships)


def jobs_in(partnerships):
    return Job.objects.filter(partnership__in=partnerships)


def meetings_in(partnerships):
    return Meeting.objects.filter(committee__partnership__in=partnerships).select_related(
        "committee"
    )


# The public page and the API (saferplan.api). A partnership publishes its page by choice (its
# coordinator's); until then its public page, CSV files and API answer 404 to anyone without a
# role there. What the public reads: the latest adopted plan as adopted (its frozen version),
# that plan's progress, the case studies cleared for publication, the police.uk summary and the
# public meetings (`public_meetings_of`). A person with a role reads through the API what the
# site shows them (`api_access`).


def may_publish(access):
    return access.can("manage_partnership")


def published_partnerships():
    return Partnership.objects.filter(public_page=True)


def published_partnership(slug):
    return get_object_or_404(published_partnerships(), slug=slug)


def public_plans_of(partnership):
    """Adopted plans that have their adopted version, latest first."""
    return (
        plans_of(partnership)
        .filter(status=Plan.Stage.ADOPTED, versions__stage=Plan.Stage.ADOPTED)
        .distinct()
    )


def public_case_studies_of(partnership):
    return case_studies_of(partnership).filter(publishable=True)


def api_access(person, slug):
    """A person's Access to the partnership `slug` through the API, as `access_for` gives it to
    their pages; None where they have no role there (then only what is published)."""
    if person is None or not person.is_active:
        return None
    role = Role.objects.select_related("partnership").filter(person=person, partnership__slug=slug)
    role = role.first()
    if role is None:
        return None
    return Access(person=person, partnership=role.partnership, role=role.kind)
