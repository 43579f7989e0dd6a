"""What the registers' pages, the public pages, the API and reports read.

Both selectors are plain: they take a partnership, return a list of small frozen records and show
nothing a member of the public may not see (counts, and what a published review says of itself).
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count

from saferplan import financial_years
from saferplan.partnerships import access


@dataclass(frozen=True)
class AsbFigures:
    """The figures s.104 of the Anti-social Behaviour, Crime and Policing Act 2014 requires to be
    published each year."""

    year: int  # the financial year, by the calendar year it starts in: 2014 for 2014-15
    applications: int
    threshold_not_met: int
    reviews_carried_out: int
    reviews_with_recommendations: int

    @property
    def label(self):
        return financial_years.label(self.year)

    def as_row(self):
        return [
            self.label,
            self.applications,
            self.threshold_not_met,
            self.reviews_carried_out,
            self.reviews_with_recommendations,
        ]


ASB_FIGURES_HEADERS = [
    "Year",
    "Applications",
    "Threshold not met",
    "Reviews carried out",
    "Reviews with recommendations",
]


def asb_case_review_figures(partnership):
    """The four counts per financial year (April to March), oldest first, for every year with
    any of them. Applications and threshold-not-met decisions count in the year the application
    was received; reviews (and those with recommendations) in the year of the review meeting."""
    counts = {}

    def add(year, column):
        counts.setdefault(year, [0, 0, 0, 0])[column] += 1

    cases = access.asb_case_reviews_of(partnership).annotate(recommended=Count("recommendations"))
    for case in cases.only("received", "threshold_decision", "review_meeting"):
        year = financial_years.of(case.received)
        add(year, 0)
        if case.threshold_decision == case.Threshold.NOT_MET:
            add(year, 1)
        if case.review_meeting is not None:
            held = financial_years.of(case.review_meeting)
            add(held, 2)
            if case.recommended:
                add(held, 3)
    return [AsbFigures(year, *counts[year]) for year in sorted(counts)]


def asb_figures_of_year(partnership, year):
    """The figures of one financial year; all nought for a year with none."""
    found = [f for f in asb_case_review_figures(partnership) if f.year == year]
    return found[0] if found else AsbFigures(year, 0, 0, 0, 0)


@dataclass(frozen=True)
class PublishedReview:
    title: str
    notified: date
    decided: date | None
    submitted: date | None
    published: date
    report_url: str


def published_reviews(partnership):
    """The death reviews whose report is published, newest first: their title, dates and the
    report's address, and nothing else (a review is restricted until published)."""
    return [
        PublishedReview(
            review.title,
            review.notified,
            review.decided,
            review.submitted,
            review.published,
            review.report_url,
        )
        for review in access.published_death_reviews_of(partnership).order_by("-published", "-pk")
    ]
