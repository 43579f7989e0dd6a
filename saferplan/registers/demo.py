"""Sample case reviews for the demo, made up and labelled so: Thanet's ASB case review of a
repeat victim (heard by the partnership in November 2014; its recommendation of a joint case
conference), an application whose threshold was not met, and a published death review. Keyed on
natural keys (reference, title), so building twice changes nothing."""

from datetime import date

from saferplan.partnerships.models import Agency, Partnership, Person

from .models import AsbCaseReview, DeathReview

THRESHOLD = "Three complaints about anti-social behaviour in six months (sample threshold)."

# reference, received, how made, applicant, decision, why not met, told of the decision,
# review meeting, agencies, outcome, told of the outcome, shared with, [(recommendation, owner,
# due)]
ASB_CASES = [
    (
        "ASB-2014-01",
        date(2014, 10, 6),
        AsbCaseReview.HowMade.PHONE,
        "Applicant A (sample)",
        AsbCaseReview.Threshold.MET,
        "",
        date(2014, 10, 13),
        date(2014, 11, 11),
        ["Kent Police", "Thanet District Council", "Kent County Council"],
        "Partners agreed a joint plan to support the victim and to act against those causing "
        "the nuisance.",
        date(2014, 11, 14),
        ["council.officer@thanet.example"],
        [
            (
                "To ask partners to hold a joint case conference on the case reviewed.",
                "Thanet District Council",
                date(2014, 12, 31),
            )
        ],
    ),
    (
        "ASB-2015-01",
        date(2015, 1, 19),
        AsbCaseReview.HowMade.ONLINE,
        "Applicant B (sample)",
        AsbCaseReview.Threshold.NOT_MET,
        "Two complaints in six months, and no one of them left unanswered by the agencies.",
        date(2015, 1, 26),
        None,
        [],
        "",
        None,
        [],
        [],
    ),
]


def build():
    thanet = Partnership.objects.get(slug="thanet")
    agencies = {agency.name: agency for agency in Agency.objects.all()}
    people = {person.email: person for person in Person.objects.filter(roles__partnership=thanet)}
    for (
        reference,
        received,
        how_made,
        applicant,
        decision,
        why_not_met,
        told_decision,
        review_meeting,
        agency_names,
        outcome,
        told_outcome,
        shared_with,
        recommendations,
    ) in ASB_CASES:
        case, created = AsbCaseReview.objects.get_or_create(
            partnership=thanet,
            reference=reference,
            defaults={
                "received": received,
                "how_made": how_made,
                "applicant_name": applicant,
                "threshold": THRESHOLD,
                "threshold_decision": decision,
                "why_not_met": why_not_met,
                "told_decision": told_decision,
                "review_meeting": review_meeting,
                "outcome": outcome,
                "told_outcome": told_outcome,
            },
        )
        if not created:
            continue
        case.agencies.set([agencies[name] for name in agency_names])
        case.shared_with.set([people[email] for email in shared_with])
        for text, owner, due in recommendations:
            case.recommendations.create(text=text, owner=agencies[owner], due=due)
    review, created = DeathReview.objects.get_or_create(
        partnership=thanet,
        title="Review into the death of 'Adult A' (sample)",
        defaults={
            "notified": date(2013, 6, 10),
            "decision": DeathReview.Decision.REVIEW,
            "decided": date(2013, 7, 1),
            "chair": "An independent chair (sample)",
            "submitted": date(2013, 12, 20),
            "quality_assurance": DeathReview.QualityAssurance.APPROVED,
            "quality_assured": date(2014, 3, 10),
            "published": date(2014, 5, 1),
            "report_url": "https://www.thanet.example/community-safety/review-adult-a",
        },
    )
    if created:
        review.panel_agencies.set(
            [agencies[name] for name in ["Kent Police", "Thanet District Council"]]
        )
        review.recommendations.create(
            text="To train frontline staff to ask about domestic abuse at every contact.",
            owner=agencies["Thanet District Council"],
            due=date(2014, 9, 30),
        )
