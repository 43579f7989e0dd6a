"""The demo's case reviews: the ASB case review once heard in private by the Working Party is in
the register (not on the agenda), its figures are in the 2014-15 end-of-year report, and a
published death review shows its title, dates and link; building twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from saferplan.meetings.models import AgendaItem, Recommendation
from saferplan.partnerships.models import Partnership
from saferplan.registers.models import AsbCaseReview, AsbRecommendation, DeathReview
from saferplan.registers.selectors import asb_case_review_figures, published_reviews
from saferplan.reports import kinds
from saferplan.reports.services import new_report


def build_demo():
    call_command("demo", "--no-serve", stdout=StringIO())


@pytest.mark.django_db
def test_the_demos_case_review_is_in_the_register_and_its_figures_in_the_report():
    build_demo()
    thanet = Partnership.objects.get(slug="thanet")
    case = AsbCaseReview.objects.get(partnership=thanet, reference="ASB-2014-01")
    assert case.threshold_met and case.review_meeting.isoformat() == "2014-11-11"
    assert [r.text for r in case.recommendations.all()] == [
        "To ask partners to hold a joint case conference on the case reviewed."
    ]
    assert [p.email for p in case.shared_with.all()] == ["council.officer@thanet.example"]
    assert not AgendaItem.objects.filter(title__startswith="Case review").exists()
    assert not Recommendation.objects.filter(text__contains="joint case conference").exists()
    assert [f.as_row() for f in asb_case_review_figures(thanet)] == [["2014-15", 2, 1, 1, 1]]
    [published] = published_reviews(thanet)
    assert published.title == "Review into the death of 'Adult A' (sample)"

    report = new_report(partnership=thanet, kind="end-of-year", year=2014, author=None)
    section = next(
        s for s in kinds.build(report).sections if s.heading == "Anti-social behaviour case reviews"
    )
    [block] = section.blocks
    assert block.table.rows == [["2014-15", 2, 1, 1, 1]]
    assert "received 2 applications for an ASB case review and carried out 1 review." in block.text


@pytest.mark.django_db
def test_building_the_registers_twice_duplicates_nothing():
    build_demo()
    models = [AsbCaseReview, AsbRecommendation, DeathReview]
    first = [(m.objects.count(), m.history.count()) for m in models]
    build_demo()
    assert [(m.objects.count(), m.history.count()) for m in models] == first
