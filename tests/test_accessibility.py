"""Every page, as its users see it, checked against WCAG 2.2 AA by axe-core in a real browser.

Automated checks find only part of what WCAG asks; keyboard and focus journeys are in
test_browser.py. Add each new page to PAGES.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from saferplan.assessment.demo import FIRES
from saferplan.assessment.models import CandidateIssue, Dataset
from saferplan.crime.models import PoliceLoad
from saferplan.funding.models import Application, Grant
from saferplan.jobs.models import Job
from saferplan.meetings.models import Meeting, Recommendation
from saferplan.partnerships.models import Partnership, Person
from saferplan.plans.models import Action, CaseStudy, Comment
from saferplan.reports.models import Report

pytestmark = pytest.mark.browser

# (who signs in, or None, and the path to check)
DATA_MANAGER = "data.manager@county.example"

PAGES = [
    (None, "/account/sign-in/"),
    (None, "/account/password-reset/"),
    ("coordinator@thanet.example", "/?choose"),
    ("coordinator@thanet.example", "/"),
    ("coordinator@thanet.example", "/p/thanet/"),
    ("coordinator@thanet.example", "/p/thanet/people/"),
    ("coordinator@thanet.example", "/p/thanet/people/invite/"),
    ("coordinator@thanet.example", "/p/thanet/people/{councillor}/"),
    ("councillor.one@thanet.example", "/"),
    ("councillor.one@thanet.example", "/p/thanet/"),
    ("councillor.one@thanet.example", "/account/"),
    ("councillor.one@thanet.example", "/account/two-factor/set-up/"),
    ("coordinator@thanet.example", "/p/thanet/funding/"),
    ("coordinator@thanet.example", "/p/thanet/funding/grants/{grant}/"),
    ("coordinator@thanet.example", "/p/thanet/funding/grants/{grant}/spend/new/"),
    ("coordinator@thanet.example", "/p/thanet/funding/grants/{grant}/applications/"),
    ("coordinator@thanet.example", "/p/thanet/funding/grants/{grant}/applications/{application}/"),
    ("coordinator@thanet.example", "/p/thanet/reports/"),
    ("coordinator@thanet.example", "/p/thanet/reports/new/"),
    ("coordinator@thanet.example", "/p/thanet/reports/new/?kind=cover&year=2014"),
    ("coordinator@thanet.example", "/p/thanet/reports/{report}/"),
    ("coordinator@thanet.example", "/p/thanet/reports/{report}/edit/"),
    ("coordinator@thanet.example", "/p/thanet/reports/{report}/issue/"),
    ("coordinator@thanet.example", "/p/thanet/meetings/"),
    ("coordinator@thanet.example", "/p/thanet/meetings/new/"),
    ("coordinator@thanet.example", "/p/thanet/meetings/committees/{committee}/"),
    ("coordinator@thanet.example", "/p/thanet/meetings/terms/{terms}/"),
    ("coordinator@thanet.example", "/p/thanet/meetings/{meeting}/"),
    ("coordinator@thanet.example", "/p/thanet/meetings/{meeting}/attendance/"),
    ("coordinator@thanet.example", "/p/thanet/meetings/items/{item}/edit/"),
    ("coordinator@thanet.example", "/p/thanet/meetings/items/{item}/recommendations/new/"),
    ("coordinator@thanet.example", "/p/thanet/meetings/items/{item}/papers/link/"),
    ("coordinator@thanet.example", "/p/thanet/meetings/recommendations/?status=outstanding"),
    ("coordinator@thanet.example", "/p/thanet/meetings/recommendations/{recommendation}/"),
    ("coordinator@thanet.example", "/p/thanet/meetings/recommendations/{on_plan}/"),
    ("coordinator@thanet.example", "/p/thanet/meetings/calendar/"),
    ("councillor.one@thanet.example", "/p/thanet/meetings/{meeting}/"),
    ("councillor.one@thanet.example", "/p/thanet/meetings/attendance/"),
    (None, "/p/thanet/meetings/public/"),
    (None, "/p/thanet/meetings/public/{meeting}/"),
    (None, "/p/thanet/meetings/public/papers/{plan_paper}/"),
    (None, "/p/thanet/public/"),
    ("councillor.one@thanet.example", "/account/api-tokens/new/"),
    ("coordinator@thanet.example", "/p/thanet/plan/"),
    ("coordinator@thanet.example", "/p/thanet/plan/2014/"),
    ("coordinator@thanet.example", "/p/thanet/plan/2014/progress/?by=agency&as_at=2014-12-31"),
    ("coordinator@thanet.example", "/p/thanet/plan/2014/chase/"),
    ("coordinator@thanet.example", "/p/thanet/plan/2014/chase/email/"),
    ("coordinator@thanet.example", "/p/thanet/plan/2014/objectives/"),
    ("coordinator@thanet.example", "/p/thanet/plan/2014/roll-forward/"),
    ("coordinator@thanet.example", "/p/thanet/plan/2014/close/"),
    ("coordinator@thanet.example", "/p/thanet/plan/2015/consultation/"),
    ("coordinator@thanet.example", "/p/thanet/plan/2015/changes/"),
    ("coordinator@thanet.example", "/p/thanet/plan/2015/adopt/"),
    ("coordinator@thanet.example", "/p/thanet/plan/comments/{comment}/answer/"),
    ("coordinator@thanet.example", "/p/thanet/plan/comments/{committee_comment}/answer/"),
    ("coordinator@thanet.example", "/p/thanet/plan/actions/{action}/edit/"),
    ("coordinator@thanet.example", "/p/thanet/plan/2015/actions/new/"),
    ("coordinator@thanet.example", "/p/thanet/plan/objectives/"),
    ("coordinator@thanet.example", "/p/thanet/plan/case-studies/"),
    ("coordinator@thanet.example", "/p/thanet/plan/case-studies/{study}/"),
    ("coordinator@thanet.example", "/p/thanet/plan/case-studies/{study}/edit/"),
    ("council.officer@thanet.example", "/"),
    ("council.officer@thanet.example", "/p/thanet/plan/mine/"),
    ("council.officer@thanet.example", "/p/thanet/plan/mine/?show=all"),
    ("council.officer@thanet.example", "/p/thanet/plan/actions/{action}/"),
    ("councillor.one@thanet.example", "/p/thanet/plan/2015/consultation/"),
    ("coordinator@thanet.example", "/p/thanet/plan/import/"),
    ("coordinator@thanet.example", "/p/thanet/jobs/{job}/"),
    ("coordinator@thanet.example", "/p/thanet/reminders/"),
    ("coordinator@thanet.example", "/p/thanet/reminders/settings/"),
    ("coordinator@thanet.example", "/p/thanet/reminders/deadlines/{meeting}/"),
    ("coordinator@thanet.example", "/p/thanet/reminders/emails/"),
    ("coordinator@thanet.example", "/account/emails/"),
    ("coordinator@thanet.example", "/p/thanet/crime/"),
    ("councillor.one@thanet.example", "/p/thanet/crime/?category=Burglary"),
    ("coordinator@thanet.example", "/p/thanet/crime/import/"),
    ("coordinator@thanet.example", "/p/thanet/crime/loads/"),
    ("councillor.one@thanet.example", "/p/thanet/crime/?dataset={dataset}&view=control"),
    ("councillor.one@thanet.example", "/p/thanet/crime/compared/?category=Burglary&months=3"),
    (DATA_MANAGER, "/data/police/"),
    ("coordinator@thanet.example", "/p/thanet/assessment/"),
    ("coordinator@thanet.example", "/p/thanet/assessment/datasets/new/"),
    ("coordinator@thanet.example", "/p/thanet/assessment/datasets/{dataset}/"),
    ("coordinator@thanet.example", "/p/thanet/assessment/datasets/{dataset}/edit/"),
    ("councillor.one@thanet.example", "/p/thanet/assessment/harm/"),
    ("coordinator@thanet.example", "/p/thanet/assessment/harm/load/"),
    ("coordinator@thanet.example", "/p/thanet/assessment/datasets/{dataset}/delete/"),
    ("coordinator@thanet.example", "/p/thanet/assessment/issues/"),
    ("coordinator@thanet.example", "/p/thanet/assessment/issues/choose/"),
    ("coordinator@thanet.example", "/p/thanet/assessment/issues/{candidate_issue}/"),
    ("coordinator@thanet.example", "/p/thanet/assessment/issues/{candidate_issue}/edit/"),
    ("coordinator@thanet.example", "/p/thanet/assessment/issues/{candidate_issue}/delete/"),
    ("councillor.one@thanet.example", "/p/thanet/plan/2015/"),
    ("councillor.one@thanet.example", "/p/thanet/assessment/peers/"),
    ("coordinator@thanet.example", "/p/thanet/assessment/peers/choose/"),
    ("coordinator@thanet.example", "/p/thanet/assessment/peers/load/"),
]


@pytest.fixture
def demo(transactional_db):
    call_command("demo", "--no-serve", stdout=StringIO())
    # A data manager must use two-factor sign-in: this one has an app set up already.
    manager = Person.objects.create_user(DATA_MANAGER, "saferplan-demo", name="Dana Data")
    call_command("data_manager", DATA_MANAGER, stdout=StringIO())
    TOTPDevice.objects.create(user=manager, name="Authenticator app", confirmed=True)
    PoliceLoad.objects.create(
        partnership=Partnership.objects.get(slug="thanet"),
        files="2015-01-kent-street.csv",
        months=[{"force": "Kent Police", "month": "2015-01", "kind": "street", "kept": 9}],
        rows_kept=9,
    )
    meeting = Meeting.objects.get(committee__partnership__slug="thanet", date="2015-03-03")
    on_plan = Recommendation.objects.get(item__meeting=meeting, number="5.3")
    return {
        "councillor": Person.objects.get(email="councillor.two@thanet.example").pk,
        "dataset": Dataset.objects.get(partnership__slug="thanet", name=FIRES).pk,
        "candidate_issue": CandidateIssue.objects.filter(partnership__slug="thanet")
        .exclude(priorities=None)
        .first()
        .pk,
        "grant": Grant.objects.get(partnership__slug="thanet").pk,
        "application": Application.objects.filter(stage="assessed").first().pk,
        "report": Report.objects.get(partnership__slug="thanet", kind="cover").pk,
        "meeting": meeting.pk,
        "committee": meeting.committee_id,
        "terms": meeting.committee.terms.get().pk,
        "item": meeting.items.get(position=1).pk,
        "recommendation": Recommendation.objects.get(item__meeting=meeting, number="5.2").pk,
        "plan_paper": meeting.items.get(position=1).papers.get(kind="plan").pk,
        "on_plan": on_plan.pk,
        "committee_comment": on_plan.comment_id,
        "action": Action.objects.get(title__startswith="Ask for a designated public place").pk,
        "study": CaseStudy.objects.filter(partnership__slug="thanet").first().pk,
        "comment": Comment.objects.filter(plan__year=2015).first().pk,
        "job": Job.objects.create(
            partnership=meeting.committee.partnership,
            title="Import plan.xlsx as the 2016-17 plan",
            status=Job.Status.RUNNING,
            done=12,
            total=40,
            unit="rows",
        ).pk,
    }


def sign_in(page, email):
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill("saferplan-demo")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/sign-in/" not in url)
    if "/two-factor/code/" in page.url:
        device = TOTPDevice.objects.get(user__email=email)
        page.get_by_label("Code").fill(f"{totp(device.bin_key):06d}")
        page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/account/" not in url)


def visit_every_page(page, demo):
    """Opens each of PAGES as its user, signing in only when the user changes; yields the path."""
    signed_in_as = None
    for email, path in PAGES:
        if email != signed_in_as:
            page.context.clear_cookies()
            if email:
                sign_in(page, email)
            signed_in_as = email
        page.goto(path.format(**demo))
        yield path


def test_every_page_meets_wcag_aa(page, axe, demo):
    problems = {}
    for path in visit_every_page(page, demo):
        if found := axe(page):
            problems[path] = found
    assert not problems


# WCAG 2.2 reflow (1.4.10): at 320 CSS px (a 1280 px screen at 400 % zoom) nothing may need
# scrolling sideways but wide tables, each inside its own scrolling box.
REFLOW_WIDTH = 320


def test_no_page_scrolls_sideways_at_320_px(page, demo):
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
    too_wide = {}
    for path in visit_every_page(page, demo):
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > page.evaluate("window.innerWidth"):
            too_wide[path] = width
    assert not too_wide, f"pages wider than {REFLOW_WIDTH} px: {too_wide}"


def test_a_form_with_errors_meets_wcag_aa(page, axe, demo):
    sign_in(page, "coordinator@thanet.example")
    page.goto("/p/thanet/people/invite/")
    page.get_by_label("Email address").fill("not an email")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert axe(page) == []
