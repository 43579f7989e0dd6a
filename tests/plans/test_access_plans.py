"""Access matrix rows for plans, actions, progress, consultation, case studies and objectives.

Coordinator: everything in their partnership. Officer: updates the actions their agency leads or
supports, and comments. Councillor: reads, and comments on a draft out for consultation. A person
of another partnership: nothing (404, so that they learn nothing).
"""

import pytest

from saferplan.meetings.models import Recommendation
from saferplan.plans.models import (
    Action,
    CaseStudy,
    Comment,
    CorporateObjective,
    EmergingIssue,
    Plan,
    PlanSettings,
    Priority,
    ProgressUpdate,
)
from saferplan.reminders.models import Email
from tests.access_matrix import LOGIN, PERSONAS, check_action, check_page

ALL = [200, 200, 200, 200, 404, LOGIN]
COORDINATOR = [200, 403, 403, 403, 404, LOGIN]
NOBODY = [404, 404, 404, 404, 404, LOGIN]

# path, then the expected response per persona in PERSONAS order:
# coordinator, police_officer, council_officer, councillor, outsider, anon
PAGES = [
    ("/p/thanet/plan/", ALL),
    ("/p/thanet/plan/new/", COORDINATOR),
    ("/p/thanet/plan/mine/", ALL),
    ("/p/thanet/plan/import/template/?format=xlsx", COORDINATOR),
    ("/p/thanet/plan/settings/", COORDINATOR),
    ("/p/thanet/plan/objectives/", ALL),
    ("/p/thanet/plan/objectives/new/", COORDINATOR),
    ("/p/thanet/plan/objectives/{objective}/", COORDINATOR),
    ("/p/thanet/plan/case-studies/", ALL),
    ("/p/thanet/plan/case-studies/new/", COORDINATOR),
    ("/p/thanet/plan/case-studies/{study}/", ALL),
    ("/p/thanet/plan/case-studies/{study}/edit/", COORDINATOR),
    ("/p/thanet/plan/actions/{police_action}/", ALL),
    ("/p/thanet/plan/actions/{canterbury_action}/", NOBODY),
    ("/p/thanet/plan/actions/{police_action}/edit/", COORDINATOR),
    ("/p/thanet/plan/evidence/{evidence}/", ALL),
    ("/p/thanet/plan/comments/{comment}/answer/", COORDINATOR),
    ("/p/thanet/plan/comments/{committee_comment}/answer/", COORDINATOR),
    ("/p/thanet/plan/2014/", ALL),
    ("/p/thanet/plan/2013/", [404, 404, 404, 404, 404, LOGIN]),
    ("/p/thanet/plan/2014/edit/", COORDINATOR),
    ("/p/thanet/plan/2014/progress/?by=agency&as_at=2014-12-31", ALL),
    ("/p/thanet/plan/2014/chase/", COORDINATOR),
    ("/p/thanet/plan/2014/chase/email/", COORDINATOR),
    ("/p/thanet/plan/2014/objectives/", ALL),
    ("/p/thanet/plan/2015/consultation/", ALL),
    ("/p/thanet/plan/2015/changes/", ALL),
    ("/p/thanet/plan/2015/adopt/", COORDINATOR),
    ("/p/thanet/plan/2014/roll-forward/", COORDINATOR),
    ("/p/thanet/plan/2014/close/", COORDINATOR),
    ("/p/thanet/plan/2014/export/?format=xlsx", ALL),
    ("/p/thanet/plan/2014/priorities/new/", COORDINATOR),
    ("/p/thanet/plan/2014/priorities/{priority}/", COORDINATOR),
    ("/p/thanet/plan/2014/issues/new/", COORDINATOR),
    ("/p/thanet/plan/2014/issues/{issue}/", COORDINATOR),
    ("/p/thanet/plan/2014/actions/new/", COORDINATOR),
    ("/p/canterbury/plan/2014/", [404, 404, 404, 404, 200, LOGIN]),
]

DONE = [302, 403, 403, 403, 404, LOGIN]  # a coordinator's form, saved

# path, data, expected per persona, and what is true once the action has been done
ACTIONS = [
    (
        "/p/thanet/plan/actions/{council_action}/",
        {"status": "completed", "note": "Order made"},
        [302, 403, 302, 403, 404, LOGIN],
        lambda w: ProgressUpdate.objects.filter(note="Order made").exists(),
    ),
    (
        "/p/thanet/plan/actions/{police_action}/",
        {"status": "completed", "note": "Extra patrols at Easter"},
        [302, 302, 302, 403, 404, LOGIN],  # the council supports this police action
        lambda w: ProgressUpdate.objects.filter(note="Extra patrols at Easter").exists(),
    ),
    (
        "/p/thanet/plan/actions/{canterbury_action}/",
        {"status": "completed", "note": "Not ours"},
        NOBODY,
        lambda w: ProgressUpdate.objects.filter(note="Not ours").exists(),
    ),
    (
        "/p/thanet/plan/2015/consultation/",
        {"about": "plan", "body": "Say more about Cliftonville"},
        [302, 302, 302, 302, 404, LOGIN],
        lambda w: Comment.objects.filter(body="Say more about Cliftonville").exists(),
    ),
    (
        "/p/thanet/plan/2014/consultation/",  # adopted: comments are closed
        {"about": "plan", "body": "Too late"},
        [403, 403, 403, 403, 404, LOGIN],
        lambda w: Comment.objects.filter(body="Too late").exists(),
    ),
    (
        "/p/thanet/plan/comments/{comment}/answer/",
        {"response": "noted", "note": "Thank you"},
        DONE,
        lambda w: Comment.objects.filter(response_note="Thank you").exists(),
    ),
    (
        # A committee's recommendation: the answer is its response too.
        "/p/thanet/plan/comments/{committee_comment}/answer/",
        {"response": "declined", "note": "The plan keeps its four priorities."},
        DONE,
        lambda w: Recommendation.objects.filter(
            status="declined", response="The plan keeps its four priorities."
        ).exists(),
    ),
    ("/p/thanet/plan/2015/stage/", {"stage": "adopted"}, DONE, None),  # on to the adopt page
    (
        # A comment still waits for its answer: even the coordinator is refused on the form.
        "/p/thanet/plan/2015/adopt/",
        {"adopted_on": "2015-03-19", "adopted_by": "Cabinet"},
        COORDINATOR,
        lambda w: Plan.objects.filter(year=2015, status="adopted").exists(),
    ),
    (
        # The 2014 plan's year has ended: nobody is on its chase list to email.
        "/p/thanet/plan/2014/chase/email/",
        {"message": "Please update"},
        COORDINATOR,
        lambda w: Email.objects.filter(kind=Email.Kind.CHASE).exists(),
    ),
    (
        "/p/thanet/plan/new/",
        {"year": "2016"},
        DONE,
        lambda w: Plan.objects.filter(partnership=w.thanet, year=2016).exists(),
    ),
    (
        "/p/thanet/plan/2014/edit/",
        {"year": "2014", "title": "Renamed plan"},
        DONE,
        lambda w: Plan.objects.filter(title="Renamed plan").exists(),
    ),
    (
        "/p/thanet/plan/2014/priorities/new/",
        {"number": "3", "title": "Violent Crime"},
        DONE,
        lambda w: Priority.objects.filter(title="Violent Crime").exists(),
    ),
    (
        "/p/thanet/plan/2014/priorities/{priority}/",
        {"number": "1", "title": "ASB renamed"},
        DONE,
        lambda w: Priority.objects.filter(title="ASB renamed").exists(),
    ),
    (
        "/p/thanet/plan/2014/issues/new/",
        {"priority": "{priority}", "number": "3", "title": "Fly-tipping"},
        DONE,
        lambda w: EmergingIssue.objects.filter(title="Fly-tipping").exists(),
    ),
    (
        "/p/thanet/plan/2014/issues/{issue}/",
        {"priority": "{priority}", "number": "1", "title": "Drinking renamed"},
        DONE,
        lambda w: EmergingIssue.objects.filter(title="Drinking renamed").exists(),
    ),
    (
        "/p/thanet/plan/2014/actions/new/",
        {"issue": "{issue}", "number": "3", "title": "New leaflet", "lead_agency": "{council}"},
        DONE,
        lambda w: Action.objects.filter(title="New leaflet").exists(),
    ),
    (
        "/p/thanet/plan/actions/{police_action}/edit/",
        {"issue": "{issue}", "number": "1", "title": "Patrols renamed", "lead_agency": "{police}"},
        DONE,
        lambda w: Action.objects.filter(title="Patrols renamed").exists(),
    ),
    (
        "/p/thanet/plan/2014/close/",
        {
            "final_{council_action}": "carried_over",
            "final_{county_action}": "not_achieved",
            "reason_{county_action}": "The sports centre closed.",
            "confirm": "on",
        },
        DONE,
        lambda w: Plan.objects.filter(year=2014, closed_on__isnull=False).exists(),
    ),
    # The 2015 plan exists, so rolling 2014 forward again is refused on the page itself.
    ("/p/thanet/plan/2014/roll-forward/", {}, COORDINATOR, None),
    (
        "/p/thanet/plan/settings/",
        {"stale_after_days": "60"},
        DONE,
        lambda w: PlanSettings.stale_after_days_for(w.thanet) == 60,
    ),
    (
        "/p/thanet/plan/objectives/new/",
        {"corporate_plan": "Corporate Plan", "number": "2", "title": "A cleaner district"},
        DONE,
        lambda w: CorporateObjective.objects.filter(title="A cleaner district").exists(),
    ),
    (
        "/p/thanet/plan/objectives/{objective}/",
        {"corporate_plan": "Corporate Plan", "number": "4", "title": "Safer, renamed"},
        DONE,
        lambda w: CorporateObjective.objects.filter(title="Safer, renamed").exists(),
    ),
    (
        "/p/thanet/plan/case-studies/new/",
        {"title": "Safer homes", "summary": "Visits", "outcome": "Fewer fires"},
        DONE,
        lambda w: CaseStudy.objects.filter(title="Safer homes").exists(),
    ),
    (
        "/p/thanet/plan/case-studies/{study}/edit/",
        {"title": "Square, renamed", "summary": "S", "outcome": "O"},
        DONE,
        lambda w: CaseStudy.objects.filter(title="Square, renamed").exists(),
    ),
]


def ids_of(world, plans, committee_comment):
    return plans.ids(world) | {"committee_comment": committee_comment.pk}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("path", "expected"), PAGES, ids=[row[0] for row in PAGES])
def test_page(client, world, plans, committee_comment, persona, path, expected):
    ids = ids_of(world, plans, committee_comment)
    check_page(client, world, persona, path, expected, ids)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("path", "data", "expected", "changed"), ACTIONS, ids=[row[0] for row in ACTIONS]
)
def test_action(client, world, plans, committee_comment, persona, path, data, expected, changed):
    ids = ids_of(world, plans, committee_comment)
    check_action(client, world, persona, path, data, expected, ids, changed)
