"""Access matrix rows for the registers: everyone in the partnership reads the ASB figures and
the published death reviews; a case or an unpublished review only its coordinators and the
people named on it (404 for others: they learn nothing of it); coordinators keep the registers;
other partnerships get 404."""

import pytest

from saferplan.meetings.models import Recommendation
from saferplan.plans.models import Action
from saferplan.registers.models import (
    AsbCaseReview,
    AsbRecommendation,
    DeathReview,
    DeathReviewRecommendation,
)
from tests.access_matrix import LOGIN, PERSONAS, check_action, check_page

from .conftest import ids_of

READ = [200, 200, 200, 200, 404, LOGIN]
SHARED = [200, 200, 404, 404, 404, LOGIN]  # shared with the police officer
COORDINATORS = [200, 404, 404, 404, 404, LOGIN]
EDIT = [200, 403, 403, 403, 404, LOGIN]
NOBODY = [404, 404, 404, 404, 404, LOGIN]
CANTERBURY = [404, 404, 404, 404, 200, LOGIN]

R = "/p/thanet/registers"

# path, then the expected response per persona in PERSONAS order:
# coordinator, police_officer, council_officer, councillor, outsider, anon
PAGES = [
    (f"{R}/", READ),
    ("/p/canterbury/registers/", CANTERBURY),
    ("/p/nowhere/registers/", NOBODY),
    (f"{R}/asb/figures.csv", READ),
    (f"{R}/asb/", READ),
    (f"{R}/asb/new/", EDIT),
    (f"{R}/asb/{{case}}/", SHARED),
    (f"{R}/asb/{{private_case}}/", COORDINATORS),
    (f"{R}/asb/{{canterbury_case}}/", NOBODY),
    ("/p/canterbury/registers/asb/{canterbury_case}/", CANTERBURY),
    (f"{R}/asb/{{case}}/edit/", EDIT),
    (f"{R}/asb/{{canterbury_case}}/edit/", [404, 403, 403, 403, 404, LOGIN]),
    (f"{R}/asb/{{case}}/recommendations/new/", EDIT),
    (f"{R}/asb/recommendations/{{asb_recommendation}}/action/", EDIT),
    (f"{R}/asb/recommendations/{{asb_recommendation}}/register/", EDIT),
    (f"{R}/dardr/", READ),
    (f"{R}/dardr/new/", EDIT),
    (f"{R}/dardr/{{review}}/", SHARED),
    # Published: its title, dates and link are on the list; the review itself stays restricted.
    (f"{R}/dardr/{{published_review}}/", COORDINATORS),
    ("/p/canterbury/registers/dardr/{review}/", NOBODY),
    (f"{R}/dardr/{{review}}/edit/", EDIT),
    (f"{R}/dardr/{{review}}/recommendations/new/", EDIT),
    (f"{R}/dardr/recommendations/{{review_recommendation}}/action/", EDIT),
]

DONE = [302, 403, 403, 403, 404, LOGIN]

CASE = {
    "reference": "ASB-9",
    "received": "2015-02-02",
    "how_made": "email",
    "threshold": "Three complaints in six months.",
    "threshold_decision": "undecided",
}
REVIEW = {"title": "Review into the death of 'Adult C'", "notified": "2015-02-01"}
REVIEW |= {"decision": "undecided", "quality_assurance": "awaited"}
ACTION = {"issue": "{issue}", "number": "2", "title": "Hold the conference"}
ACTION |= {"lead_agency": "{council}", "target_date": "2016-01-31"}

# path, data, expected per persona, and what is true once the action has been done
ACTIONS = [
    (f"{R}/asb/new/", CASE, DONE, lambda w, r: AsbCaseReview.objects.filter(reference="ASB-9")),
    (
        f"{R}/asb/{{case}}/edit/",
        CASE | {"reference": "ASB-1A"},
        DONE,
        lambda w, r: AsbCaseReview.objects.filter(pk=r.case.pk, reference="ASB-1A"),
    ),
    (
        f"{R}/asb/{{case}}/recommendations/new/",
        {"text": "Review the housing file.", "owner": "{council}", "due": "2015-06-30"},
        DONE,
        lambda w, r: AsbRecommendation.objects.filter(text="Review the housing file."),
    ),
    (
        f"{R}/asb/recommendations/{{asb_recommendation}}/action/",
        ACTION,
        DONE,
        lambda w, r: Action.objects.filter(title="Hold the conference"),
    ),
    (
        f"{R}/asb/recommendations/{{asb_recommendation}}/register/",
        {"item": "{item}", "text": "Hold a joint case conference."},
        DONE,
        lambda w, r: Recommendation.objects.filter(text="Hold a joint case conference."),
    ),
    (f"{R}/dardr/new/", REVIEW, DONE, lambda w, r: DeathReview.objects.filter(notified="2015-2-1")),
    (
        f"{R}/dardr/{{review}}/edit/",
        REVIEW,
        DONE,
        lambda w, r: DeathReview.objects.filter(pk=r.review.pk, title=REVIEW["title"]),
    ),
    (
        f"{R}/dardr/{{review}}/recommendations/new/",
        {"text": "Share the learning.", "owner": "{police}", "due": "2015-12-31"},
        DONE,
        lambda w, r: DeathReviewRecommendation.objects.filter(text="Share the learning."),
    ),
    (
        f"{R}/dardr/recommendations/{{review_recommendation}}/action/",
        ACTION,
        DONE,
        lambda w, r: Action.objects.filter(title="Hold the conference"),
    ),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("path", "expected"), PAGES, ids=[row[0] for row in PAGES])
def test_page(client, world, registers, persona, path, expected):
    check_page(client, world, persona, path, expected, ids_of(world, registers))


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("path", "data", "expected", "changed"), ACTIONS, ids=[row[0] for row in ACTIONS]
)
def test_action(client, world, registers, persona, path, data, expected, changed):
    ids = ids_of(world, registers)
    check_action(
        client, world, persona, path, data, expected, ids, lambda w: changed(w, registers).exists()
    )
