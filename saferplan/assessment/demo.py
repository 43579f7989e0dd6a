"""Sample assessment data for the demo: an illustrative set of harm weights, partners' datasets
and the 2015 strategic assessment, all made up and labelled so, for the sample Thanet partnership.

The weights are round numbers chosen only to show how harm weighting reads (a violent crime
weighs more than a theft); they are no crime severity score and no official index, and every
page that shows them says so. The datasets (deliberate fires, the council's ASB reports, A&E
assault attendances) are drawn from a seeded generator and say "sample data" in their name and
caveats. The 2015 assessment's candidate issues are scored by the demo's partners and ranked;
the 2015-16 draft's four priorities (plans.demo) were chosen from them, each with the reason
worked out from the sample police figures. Run after `crime.demo.build()` and
`plans.demo.build()`, whose wards and draft plan it uses.
"""

import datetime
import random

from django.utils import timezone

from saferplan.crime import demo as crime_demo
from saferplan.crime.selectors import ASB, month_range
from saferplan.partnerships.models import Agency, Partnership, Person
from saferplan.plans.models import EmergingIssue, PlanVersion, Priority

from . import selectors
from .models import (
    CandidateIssue,
    Dataset,
    DatasetCount,
    Dimension,
    DimensionWeight,
    HarmWeight,
    HarmWeights,
    Score,
)

SOURCE = "Illustrative weights made up for the SaferPlan demo: not an official index"
WEIGHTS = {
    ASB: 1,
    "Bicycle theft": 2,
    "Burglary": 10,
    "Criminal damage and arson": 4,
    "Drugs": 3,
    "Other crime": 3,
    "Other theft": 2,
    "Possession of weapons": 8,
    "Public order": 3,
    "Robbery": 20,
    "Shoplifting": 1,
    "Theft from the person": 4,
    "Vehicle crime": 3,
    "Violence and sexual offences": 15,
}
FIRST, LAST = datetime.date(2013, 4, 1), crime_demo.LAST
MADE_UP = "Made up for the demo: "


def summer_doubles(month, category):
    return 2 if month.month in (4, 5, 6, 7, 8) else 1


def street_drinking_rises(month, category):
    """Street drinking from its usual rate in April 2013 to twice it by January 2015."""
    if category != "Street drinking":
        return 1
    return 1 + ((month.year - FIRST.year) * 12 + month.month - FIRST.month) / 21


# name, owner agency, what it counts, caveats, restricted, {category: mean a ward has in a month,
# at most 8}, and the factor on the mean of a month and category (at most 2).
FIRES = "Deliberate fires (sample data)"
DATASETS = [
    (
        FIRES,
        "Kent Fire and Rescue Service",
        "Deliberate fires attended, by the ward they were in",
        MADE_UP + "these are not real fires.",
        False,
        {"Deliberate primary fire": 0.8, "Deliberate secondary fire": 3.0},
        summer_doubles,
    ),
    (
        "ASB reported to the council (sample data)",
        "Thanet District Council",
        "Reports of anti-social behaviour made to the council, by the ward they were about",
        MADE_UP + "these are not real reports. Street drinking rises on purpose, to show what "
        "the assessment makes of a rise.",
        False,
        {"Street drinking": 1.2, "Noise": 3.0, "Youth nuisance": 2.0, "Neighbour dispute": 1.0},
        street_drinking_rises,
    ),
    (
        "Assaults seen at A&E (sample data)",
        "Thanet Clinical Commissioning Group",
        "Attendances at A&E for an assault, by the ward the patient lives in",
        MADE_UP + "these are not real patients. Restricted, as a health partner's data would be.",
        True,
        {"Assault, alcohol involved": 1.5, "Assault, other": 1.0},
        summer_doubles,
    ),
]


def build():
    """Build the sample weights, datasets and assessment once; a second build changes nothing."""
    thanet = Partnership.objects.get(slug="thanet", is_sample=True)
    if not HarmWeights.objects.filter(partnership=thanet).exists():
        weights = HarmWeights.objects.create(partnership=thanet, illustrative=True)
        HarmWeight.objects.bulk_create(
            HarmWeight(weights=weights, category=category, weight=weight, source=SOURCE)
            for category, weight in WEIGHTS.items()
        )
    build_datasets(thanet)
    if not CandidateIssue.objects.filter(partnership=thanet).exists():
        build_assessment(thanet)


def build_datasets(thanet):
    generator = random.Random(2015)
    for name, owner, counts, caveats, restricted, rates, factor in DATASETS:
        if Dataset.objects.filter(partnership=thanet, name=name).exists():
            continue
        dataset = Dataset.objects.create(
            partnership=thanet,
            name=name,
            owner=Agency.objects.get(name=owner),
            counts=counts,
            caveats=caveats,
            licence="Sample data, free to use",
            restricted=restricted,
            loaded_at=timezone.now(),
        )
        rows = []
        for month in month_range(FIRST, LAST):
            for ward_code, _ in crime_demo.wards():
                for category, rate in rates.items():
                    chance = rate * factor(month, category) / 8
                    count = sum(generator.random() < chance for _ in range(8))
                    rows.append(
                        DatasetCount(
                            dataset=dataset,
                            month=month,
                            area_code=ward_code,
                            level=DatasetCount.Level.WARD,
                            district_code=crime_demo.DISTRICT,
                            category=category,
                            count=count,
                        )
                    )
        DatasetCount.objects.bulk_create(rows)
        dataset.rows_read = dataset.rows_kept = len(rows)
        dataset.save(update_fields=["rows_read", "rows_kept"])


# The 2015 assessment: each candidate issue's category, place or group, the scores its partners
# gave in MoRiLE's order (harm to individuals, to the community, frequency, trend, public concern,
# capacity to act) before each scorer's own variation, and what of the 2015-16 draft was chosen
# from it: a priority (by title) or an emerging issue (by its title's start).
HI, HC, FREQ, TREND, CONCERN, CAPACITY = Dimension.values
ISSUES = [
    (
        "Anti-social behaviour and street drinking",
        ASB,
        "Margate and Cliftonville town centres",
        [3, 5, 5, 3, 5, 4],
        ("priority", "Tackling the drivers of crime and anti-social behaviour"),
    ),
    (
        "Violence, at home and at night",
        "Violence and sexual offences",
        "Victims of domestic abuse and of violence in the night-time economy",
        [5, 4, 4, 3, 4, 4],
        ("priority", "Safeguarding people vulnerable to committing or being a victim of crime"),
    ),
    (
        "Street drinking spreading",
        "Street drinking",
        "From Margate town centre to Cliftonville",
        [3, 4, 3, 4, 5, 4],
        ("issue", "Street drinking spreading to new areas"),
    ),
    (
        "Drug-related offending",
        "Drugs",
        "Offenders who misuse drugs and alcohol",
        [4, 4, 3, 3, 3, 4],
        ("priority", "Reducing reoffending"),
    ),
    (
        "Residents' confidence in the partnership",
        "",
        "Residents who do not see what partners do",
        [2, 3, 3, 3, 5, 5],
        ("priority", "Engaging with partners and the community"),
    ),
    (
        "Domestic abuse that is not reported",
        "",
        "Victims who do not come forward",
        [5, 3, 2, 3, 3, 4],
        ("issue", "Victims of domestic abuse who do not come forward"),
    ),
    ("Burglary of homes", "Burglary", "Older and vulnerable residents", [4, 2, 2, 2, 3, 3], None),
    (
        "Deliberate fires",
        "Deliberate secondary fire",
        "Refuse and grass fires in the summer",
        [2, 3, 3, 2, 2, 3],
        None,
    ),
    ("Shoplifting", "Shoplifting", "Town-centre shops", [1, 2, 3, 2, 2, 2], None),
]
SCORERS = [
    "coordinator@thanet.example",
    "police.officer@kent.example",
    "council.officer@thanet.example",
    "health.officer@thanet.example",
]
# The coordinator counts harm to individuals twice.
WEIGHTS_CHOSEN = {HI: 2}


def build_assessment(thanet):
    generator = random.Random(2016)
    coordinator = Person.objects.get(email=SCORERS[0])
    for dimension, weight in WEIGHTS_CHOSEN.items():
        DimensionWeight.objects.create(
            partnership=thanet, dimension=dimension, weight=weight, changed_by=coordinator
        )
    scorers = [Person.objects.get(email=email) for email in SCORERS]
    issues = {}
    for name, category, about, scores, _ in ISSUES:
        issues[name] = issue = CandidateIssue.objects.create(
            partnership=thanet, name=name, category=category, about=about, added_by=coordinator
        )
        Score.objects.bulk_create(
            Score(issue=issue, dimension=dimension, scorer=scorer, value=varied(value, generator))
            for scorer in scorers
            for dimension, value in zip(Dimension.values, scores, strict=True)
        )
    link_the_draft(thanet, issues)


def varied(score, generator):
    """A partner's own score: the issue's, one higher or lower now and then, within 1 to 5."""
    return min(5, max(1, score + generator.choice([-1, 0, 0, 1])))


def link_the_draft(thanet, issues):
    """The 2015-16 draft's priorities and emerging issues chosen from the assessment, each with
    the reason worked out as the coordinator's choice would work it out."""
    ranking = selectors.ranking(thanet)
    evidence = selectors.Evidence.of(thanet)
    rows = {row.issue.name: row for row in ranking.issues}
    reasons = {}
    for name, _, _, _, chosen in ISSUES:
        if chosen is None:
            continue
        kind, title = chosen
        if kind == "priority":
            found = Priority.objects.filter(plan__partnership=thanet, plan__year=2015, title=title)
        else:
            found = EmergingIssue.objects.filter(
                priority__plan__partnership=thanet,
                priority__plan__year=2015,
                title__startswith=title,
            )
        reason = selectors.chosen_because(ranking, rows[name], evidence)
        for item in found:
            item.candidate_issue, item.chosen_because = issues[name], reason
            item.save(update_fields=["candidate_issue", "chosen_because"])
            reasons[kind, item.pk] = reason
    # They were chosen before the draft went out for consultation: its frozen version says why.
    for version in PlanVersion.objects.filter(plan__partnership=thanet, plan__year=2015):
        for priority in version.content["priorities"]:
            priority["chosen_because"] = reasons.get(("priority", priority["id"]), "")
            for issue in priority["issues"]:
                issue["chosen_because"] = reasons.get(("issue", issue["id"]), "")
        version.save(update_fields=["content"])
