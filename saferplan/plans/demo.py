"""Sample plans for the demo: made up, and labelled so.

Thanet's 2014-15 plan has the shape of the real one (seven priorities, 15 emerging issues, 37
actions over the six responsible authorities) and stands where the real one stood at the Working
Party of 3 March 2015: 29 completed, 6 underway and due by 31 March, 2 not started and carried
over; no update comes after that meeting. The wording of every issue, action,
update and case study is invented. The 2015-16 plan is a draft out for consultation with four
priorities, the two carried actions and councillors' comments. Building twice changes nothing.
"""

import datetime

from django.utils import timezone

from saferplan.partnerships import access as rules
from saferplan.partnerships.models import Agency, Partnership, Person

from .changes import take_version
from .models import (
    Action,
    CaseStudy,
    Comment,
    CorporateObjective,
    EmergingIssue,
    Plan,
    Priority,
    Status,
    lead_officer_person_named,
)
from .services import plan_roll_forward

POLICE = "Kent Police"
COUNCIL = "Thanet District Council"
COUNTY = "Kent County Council"
HEALTH = "Thanet Clinical Commissioning Group"
FIRE = "Kent Fire and Rescue Service"
PROBATION = "Local Probation Services"

# The officer who reports for each agency (people of the partnerships demo).
REPORTERS = {
    POLICE: "police.officer@kent.example",
    COUNCIL: "council.officer@thanet.example",
    COUNTY: "county.officer@kent.example",
    HEALTH: "health.officer@thanet.example",
    FIRE: "fire.officer@kent.example",
    PROBATION: "probation.officer@kent.example",
}

# The two objectives of the council's corporate plan that the seed (its section 4.3.1) says the
# 2014-15 priorities coincide with, as it words them.
CORPORATE_PLAN = "Thanet District Council Corporate Plan 2012-2016"
OBJECTIVES = {
    4: "To make our district a safer place to live",
    10: "To influence the work of other agencies to ensure the best outcomes for Thanet",
}

# Sample wording. Each action: (action, lead, supporting, lead officer, how success is measured,
# what the last update says, final status). C completed, U underway, N not started.
C, U, N = Status.COMPLETED, Status.UNDERWAY, Status.NOT_STARTED
PLAN_2014 = [
    (
        "Anti-Social Behaviour",
        [4],
        [
            (
                "Street drinking and associated nuisance in a town centre",
                [
                    (
                        "Ask for a designated public place order for the town centre and seafront",
                        COUNCIL,
                        [POLICE],
                        "Sam Patel, ASB Officer",
                        "Order in force; fewer drinking reports",
                        "Order made in September; signs up and officers briefed.",
                        C,
                    ),
                    (
                        "Joint patrols by police and council wardens on Friday and Saturday nights",
                        POLICE,
                        [COUNCIL],
                        "Sgt Lee Barker, Neighbourhood Team",
                        "Patrols held on 90% of planned nights",
                        "Patrols ran through the summer season and Christmas.",
                        C,
                    ),
                    (
                        "Outreach to known street drinkers with referral into alcohol treatment",
                        HEALTH,
                        [COUNCIL, PROBATION],
                        "Priya Shah, Safeguarding Lead",
                        "20 referrals into treatment",
                        "26 people referred; 14 still engaged.",
                        C,
                    ),
                ],
            ),
            (
                "Repeat and vulnerable victims of anti-social behaviour",
                [
                    (
                        "Risk-assess every ASB report for vulnerability at first contact",
                        POLICE,
                        [COUNCIL],
                        "Jo Fletcher, District Analyst",
                        "Every report risk-assessed",
                        "Risk assessment built into the call script.",
                        C,
                    ),
                    (
                        "Monthly case conference for high-risk victims with housing providers",
                        COUNCIL,
                        [POLICE, HEALTH],
                        "Sam Patel, ASB Officer",
                        "Each high-risk case reviewed monthly",
                        "Twelve conferences held; 31 cases reviewed.",
                        C,
                    ),
                    (
                        "Train frontline staff in the community trigger and victim referral",
                        COUNCIL,
                        [POLICE, COUNTY],
                        "Alex Morgan, Community Safety Manager",
                        "120 staff trained",
                        "Sessions for 80 staff held; the last two are booked.",
                        U,
                    ),
                ],
            ),
            (
                "Youth nuisance in parks and open spaces",
                [
                    (
                        "Diversionary sports sessions on Friday evenings in the summer holidays",
                        COUNTY,
                        [POLICE, FIRE],
                        "Chris Evans, Community Safety Officer",
                        "Fewer youth nuisance reports in August",
                        "Sessions ran for six weeks with 40 young people a night.",
                        C,
                    ),
                    (
                        "Improve lighting and sight lines in two parks named by residents",
                        COUNCIL,
                        [],
                        "Parks Manager",
                        "Works done; residents surveyed",
                        "Lighting installed in both parks in November.",
                        C,
                    ),
                ],
            ),
        ],
    ),
    (
        "Domestic Abuse",
        [4, 10],
        [
            (
                "Low reporting of domestic abuse in some communities",
                [
                    (
                        "Open a weekly one-stop shop where victims meet every agency in one visit",
                        COUNCIL,
                        [POLICE, HEALTH, PROBATION],
                        "Alex Morgan, Community Safety Manager",
                        "One-stop shop open weekly; visitors recorded",
                        "Open every Tuesday since June; 212 visits so far.",
                        C,
                    ),
                    (
                        "Awareness campaign in GP surgeries, pharmacies and hairdressers",
                        HEALTH,
                        [COUNCIL],
                        "Priya Shah, Safeguarding Lead",
                        "Material in 60 outlets",
                        "Posters and cards placed in 64 outlets.",
                        C,
                    ),
                ],
            ),
            (
                "Repeat victims at high risk",
                [
                    (
                        "Refer every high-risk victim to the multi-agency risk conference",
                        POLICE,
                        [HEALTH, PROBATION],
                        "DI Sam Rowe, Public Protection",
                        "All high-risk cases referred",
                        "Referral rate at 100% for three quarters.",
                        C,
                    ),
                    (
                        "Domestic violence advisers at the hospital emergency department",
                        HEALTH,
                        [COUNTY],
                        "Priya Shah, Safeguarding Lead",
                        "Advisers in post; referrals from the hospital",
                        "Two advisers in post; funding agreed to March.",
                        C,
                    ),
                    (
                        "Programme for perpetrators on licence to change their behaviour",
                        PROBATION,
                        [POLICE],
                        "Helen Price, Senior Probation Officer",
                        "Two cohorts complete the programme",
                        "First cohort finished; second under way.",
                        U,
                    ),
                ],
            ),
        ],
    ),
    (
        "Violent Crime",
        [4],
        [
            (
                "Alcohol-related violence in the night-time economy",
                [
                    (
                        "Licensing visits to late-night premises with a history of incidents",
                        COUNCIL,
                        [POLICE],
                        "Licensing Team Leader",
                        "Every listed premises visited",
                        "All 18 listed premises visited; two reviews held.",
                        C,
                    ),
                    (
                        "Street pastors and a safe haven on Saturday nights",
                        COUNTY,
                        [POLICE, HEALTH],
                        "Chris Evans, Community Safety Officer",
                        "Safe haven open every Saturday",
                        "Safe haven opened in July with volunteers.",
                        C,
                    ),
                    (
                        "Radio link between door staff, CCTV and police",
                        POLICE,
                        [COUNCIL],
                        "Sgt Lee Barker, Neighbourhood Team",
                        "Radio scheme covers 30 premises",
                        "29 premises on the scheme.",
                        C,
                    ),
                ],
            ),
            (
                "Violence between young people",
                [
                    (
                        "Sessions on healthy relationships and weapons in secondary schools",
                        COUNTY,
                        [POLICE],
                        "Youth Service Manager",
                        "Every secondary school visited",
                        "All nine secondary schools visited.",
                        C,
                    ),
                    (
                        "Mentoring for young people on the edge of violent offending",
                        PROBATION,
                        [COUNTY],
                        "Helen Price, Senior Probation Officer",
                        "15 young people mentored",
                        "Mentors recruited; eleven young people matched.",
                        U,
                    ),
                ],
            ),
        ],
    ),
    (
        "Substance Misuse",
        [4, 10],
        [
            (
                "Drug dealing reported in residential streets",
                [
                    (
                        "Gather community intelligence through a confidential reporting line",
                        POLICE,
                        [COUNCIL],
                        "Jo Fletcher, District Analyst",
                        "More intelligence reports",
                        "Line launched in May; reports up by a third.",
                        C,
                    ),
                    (
                        "Close properties used for dealing with closure orders",
                        POLICE,
                        [COUNCIL],
                        "DI Sam Rowe, Public Protection",
                        "Orders obtained where needed",
                        "Four closure orders obtained.",
                        C,
                    ),
                    (
                        "Leaflet on spotting cuckooing for housing and care staff",
                        COUNCIL,
                        [POLICE, COUNTY],
                        "Sam Patel, ASB Officer",
                        "Leaflet given to every housing officer",
                        "Leaflet written; printing in March.",
                        U,
                    ),
                ],
            ),
            (
                "Access to treatment for offenders who misuse drugs",
                [
                    (
                        "Drug testing on arrest with referral to treatment",
                        POLICE,
                        [HEALTH, PROBATION],
                        "Custody Inspector",
                        "Tests and referrals recorded",
                        "Testing in place at the custody suite.",
                        C,
                    ),
                    (
                        "Shared treatment plan between probation and treatment providers",
                        PROBATION,
                        [HEALTH],
                        "Helen Price, Senior Probation Officer",
                        "Shared plans in use for every case",
                        "Waiting for the new treatment contract before starting.",
                        N,
                    ),
                ],
            ),
        ],
    ),
    (
        "Acquisitive Crime",
        [4],
        [
            (
                "Burglary of homes in a few streets",
                [
                    (
                        "Target-hardening visits to homes of repeat and vulnerable victims",
                        POLICE,
                        [FIRE],
                        "PCSO Team Leader",
                        "Visits to every repeat victim",
                        "140 homes visited with locks fitted where needed.",
                        C,
                    ),
                    (
                        "Combined home safety and crime prevention visits",
                        FIRE,
                        [POLICE],
                        "Dan Okafor, Station Manager",
                        "300 combined visits",
                        "312 visits done.",
                        C,
                    ),
                    (
                        "Watch schemes in the streets with most burglaries",
                        POLICE,
                        [COUNCIL],
                        "Neighbourhood Watch Coordinator",
                        "Five new schemes",
                        "Six schemes started.",
                        C,
                    ),
                ],
            ),
            (
                "Theft from shops and of bicycles",
                [
                    (
                        "Shop theft partnership with town-centre retailers",
                        POLICE,
                        [COUNCIL],
                        "Sgt Lee Barker, Neighbourhood Team",
                        "Retailers share images",
                        "Radio and image-sharing scheme with 40 shops.",
                        C,
                    ),
                    (
                        "Cycle marking events at stations and schools",
                        POLICE,
                        [COUNTY],
                        "PCSO Team Leader",
                        "500 bicycles marked",
                        "Events held at two stations; 380 bicycles marked so far.",
                        U,
                    ),
                ],
            ),
        ],
    ),
    (
        "Road Safety",
        [4],
        [
            (
                "Casualties among young drivers",
                [
                    (
                        "Road-safety theatre for sixth formers before they start driving",
                        FIRE,
                        [POLICE, COUNTY],
                        "Dan Okafor, Station Manager",
                        "Every sixth form reached",
                        "Performed in all sixth forms in October.",
                        C,
                    ),
                    (
                        "Speed checks with volunteers at sites residents complain of",
                        POLICE,
                        [COUNCIL],
                        "Roads Policing Sergeant",
                        "Checks at ten sites",
                        "Volunteers trained; checks at twelve sites.",
                        C,
                    ),
                ],
            ),
            (
                "Pedestrians hurt near schools",
                [
                    (
                        "Review crossings and school keep-clear markings at five schools",
                        COUNTY,
                        [COUNCIL],
                        "Highways Engineer",
                        "Five schools reviewed",
                        "Four reviews done; works for the fifth are designed.",
                        U,
                    ),
                    (
                        "Parking enforcement at school gates at the start and end of the day",
                        COUNCIL,
                        [POLICE],
                        "Parking Services Manager",
                        "Enforcement at every school weekly",
                        "Enforcement rota in place since September.",
                        C,
                    ),
                ],
            ),
        ],
    ),
    (
        "Public and Agency Engagement",
        [10],
        [
            (
                "Residents do not know how to report or what happens next",
                [
                    (
                        "Publish 'you said, we did' in the council's magazine each quarter",
                        COUNCIL,
                        [POLICE],
                        "Communications Officer",
                        "Four articles a year",
                        "Articles in all four issues.",
                        C,
                    ),
                    (
                        "Ward surgeries where residents meet the police and council together",
                        POLICE,
                        [COUNCIL],
                        "Sgt Lee Barker, Neighbourhood Team",
                        "A surgery in every ward",
                        "Surgeries held in all 23 wards.",
                        C,
                    ),
                    (
                        "Online map of what the partnership is doing in each ward",
                        COUNCIL,
                        [POLICE],
                        "Alex Morgan, Community Safety Manager",
                        "Map published",
                        "Waiting for the new website before starting.",
                        N,
                    ),
                ],
            ),
            (
                "Partners share too little information",
                [
                    (
                        "Information-sharing agreement signed by all six responsible authorities",
                        COUNCIL,
                        [POLICE, COUNTY, HEALTH, FIRE, PROBATION],
                        "Alex Morgan, Community Safety Manager",
                        "Signed by all six",
                        "Signed by all six partners in January.",
                        C,
                    ),
                    (
                        "Fortnightly tasking meeting on the top ten locations and people",
                        POLICE,
                        [COUNCIL, COUNTY, FIRE],
                        "Jo Fletcher, District Analyst",
                        "Meeting held fortnightly with every partner",
                        "Meeting held fortnightly all year.",
                        C,
                    ),
                ],
            ),
        ],
    ),
]
# An underway action left alone for months: stale at the end of March 2015.
STALE = {
    "Train frontline staff in the community trigger and victim referral",
    "Mentoring for young people on the edge of violent offending",
}

NOTES = {
    "start": "Partners met to agree who does what; first steps taken.",
    "middle": "On track: the work is going ahead as planned.",
}

PLAN_2015 = [
    (
        "Safeguarding people vulnerable to committing or being a victim of crime",
        [
            (
                "Victims of domestic abuse who do not come forward",
                [
                    ("Extend the one-stop shop to a second town", COUNCIL, [POLICE, HEALTH]),
                ],
            ),
        ],
    ),
    (
        "Reducing reoffending",
        [
            ("Offenders who misuse drugs and alcohol", []),
        ],
    ),
    (
        "Tackling the drivers of crime and anti-social behaviour",
        [
            (
                "Street drinking spreading to new areas",
                [
                    ("Joint patrols extended to a second town centre", POLICE, [COUNCIL]),
                ],
            ),
        ],
    ),
    (
        "Engaging with partners and the community",
        [
            ("Residents do not see what partners do", []),
        ],
    ),
]

CASE_STUDIES = [
    {
        "title": "Taking back a town-centre square (sample)",
        "actions": [
            "Ask for a designated public place order for the town centre and seafront",
            "Outreach to known street drinkers with referral into alcohol treatment",
        ],
        "summary": "Street drinking in the square had driven families away. Police, council and "
        "health workers combined an order with outreach, and the square is used again.",
        "objective": "Cut nuisance from street drinking while helping drinkers into treatment.",
        "scanning": "Traders and residents raised complaints at ward surgeries all spring.",
        "analysis": "Police and council reports showed 60% of nuisance calls came from one "
        "square, mostly on weekday afternoons, from about a dozen people.",
        "response": "A designated public place order, joint patrols and an outreach worker "
        "offering same-week treatment appointments.",
        "assessment": "Nuisance reports in the square fell by more than half over six months; "
        "14 of the 26 people referred stayed in treatment.",
        "outcome": "Families and market traders are back in the square.",
        "publishable": True,
    },
    {
        "title": "Every agency in one room: the domestic abuse one-stop shop (sample)",
        "actions": ["Open a weekly one-stop shop where victims meet every agency in one visit"],
        "summary": "A weekly drop-in where victims of domestic abuse see police, housing, "
        "health and advice workers in one visit.",
        "objective": "Make it easier for victims to get help without repeating their story.",
        "scanning": "Victims told the partnership they had given up after being passed between "
        "offices.",
        "analysis": "Most victims who dropped out had been referred three or more times.",
        "response": "A weekly one-stop shop in a community centre with a crèche.",
        "assessment": "212 visits in the year; most visitors had not reported to police before.",
        "outcome": "More victims reach support earlier.",
        "publishable": True,
    },
    {
        "title": "Safer homes: combined fire and crime prevention visits (sample)",
        "actions": [
            "Combined home safety and crime prevention visits",
            "Target-hardening visits to homes of repeat and vulnerable victims",
        ],
        "summary": "Fire crews and police community support officers visited older and "
        "vulnerable residents together, fitting smoke alarms and better locks.",
        "objective": "Protect the homes of people most at risk of fire and burglary.",
        "scanning": "Burglary victims were often also at high fire risk.",
        "analysis": "Both services' data named the same streets.",
        "response": "One visit, two services, with alarms and locks fitted on the spot.",
        "assessment": "No repeat burglary at a visited home in the year.",
        "outcome": "312 homes safer; residents met both services in one visit.",
        "publishable": True,
    },
    {
        "title": "Friday nights in the park (sample)",
        "actions": ["Diversionary sports sessions on Friday evenings in the summer holidays"],
        "summary": "Summer sports sessions for young people in the park that generated most "
        "youth nuisance reports. Not yet cleared for publication: names of venues to check.",
        "outcome": "Youth nuisance reports in August fell compared with last year.",
        "publishable": False,
    },
]

COMMENTS = [
    (
        "councillor.one@thanet.example",
        None,
        "The plan should say how we will measure whether "
        "residents feel safer, not only how many things we did.",
        Comment.Response.NOTED,
        "We will report the residents' survey results alongside the action counts.",
    ),
    (
        "councillor.two@thanet.example",
        "Tackling the drivers of crime and anti-social behaviour",
        "Street drinking has moved to Cliftonville: please name it in this priority.",
        Comment.Response.ACCEPTED,
        "Accepted: the emerging issue now names Cliftonville.",
    ),
    (
        "councillor.three@thanet.example",
        "Reducing reoffending",
        "What will probation do differently this year? The only action here is carried over.",
        "",
        "",
    ),
]


def when(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour))


def build():
    """Add the sample plans to the sample Thanet partnership; what exists already is kept."""
    thanet = Partnership.objects.filter(slug="thanet", is_sample=True).first()
    if thanet is None:
        return
    agencies = {a.name: a for a in Agency.objects.filter(partnerships=thanet)}
    reporters = {
        agency: Person.objects.filter(email=email).first() for agency, email in REPORTERS.items()
    }
    objectives = {
        number: CorporateObjective.objects.get_or_create(
            partnership=thanet,
            corporate_plan=CORPORATE_PLAN,
            number=number,
            defaults={"title": title},
        )[0]
        for number, title in OBJECTIVES.items()
    }
    plan, created = Plan.objects.get_or_create(
        partnership=thanet,
        year=2014,
        defaults={
            "status": Plan.Stage.ADOPTED,
            "adopted_on": datetime.date(2014, 4, 1),
            "adopted_by": "Cabinet",
            "title": "Thanet Community Safety Plan 2014-15 (sample)",
        },
    )
    if created:
        build_2014(plan, agencies, reporters, objectives)
        take_version(plan, stage=Plan.Stage.ADOPTED)
        build_case_studies(thanet, plan, agencies)
    if not thanet.plans.filter(year=2015).exists():
        build_2015(plan, agencies)


def build_2014(plan, agencies, reporters, objectives):
    counter = 0
    people = list(rules.people_who_update(plan.partnership))
    for p_number, (title, objective_numbers, issues) in enumerate(PLAN_2014, start=1):
        priority = Priority.objects.create(plan=plan, number=p_number, title=title)
        priority.objectives.set([objectives[n] for n in objective_numbers])
        for i_number, (issue_title, actions) in enumerate(issues, start=1):
            issue = EmergingIssue.objects.create(
                priority=priority, number=i_number, title=issue_title
            )
            for a_number, (text, lead, supporting, officer, measure, last, status) in enumerate(
                actions, start=1
            ):
                counter += 1
                action = Action.objects.create(
                    issue=issue,
                    number=a_number,
                    title=text,
                    lead_agency=agencies[lead],
                    lead_officer=officer,
                    lead_officer_person=lead_officer_person_named(
                        officer, agency=agencies[lead], people=people
                    ),
                    success_measure=measure,
                    target_date=datetime.date(2014, 12, 31) if status == N else plan.ends,
                )
                action.supporting_agencies.set([agencies[name] for name in supporting])
                record_history(action, reporters[lead], counter, status, last)


def record_history(action, by, counter, status, last):
    """Updates through the year that end in `status` before the Working Party of 3 March 2015,
    on dates spread by `counter`: that meeting was told the year's final figures."""
    day = 3 + counter % 20
    if status == N:
        action.record_update(status=N, note=last, by=by, when=when(2014, 7, day))
        return
    action.record_update(
        status=U, note=NOTES["start"], by=by, when=when(2014, 5 + counter % 3, day)
    )
    if action.title in STALE:
        action.record_update(status=U, note=last, by=by, when=when(2014, 11, day))
        return
    action.record_update(status=U, note=NOTES["middle"], by=by, when=when(2014, 9, day))
    # Completed actions finish between October and February; underway ones report in February.
    finished = (10 + counter % 5 - 1) % 12 + 1
    year = 2014 if finished >= 10 else 2015
    if status == U:
        year, finished = 2015, 2
    action.record_update(status=status, note=last, by=by, when=when(year, finished, day))


def build_case_studies(thanet, plan, agencies):
    actions = {a.title: a for a in Action.objects.of_plan(plan)}
    for spec in CASE_STUDIES:
        linked = [actions[title] for title in spec["actions"]]
        fields = {k: v for k, v in spec.items() if k not in {"title", "actions"}}
        study, created = CaseStudy.objects.get_or_create(
            partnership=thanet, title=spec["title"], defaults={"plan": plan, **fields}
        )
        if created:
            study.actions.set(linked)
            study.agencies.set(
                {a.lead_agency for a in linked}
                | {s for a in linked for s in a.supporting_agencies.all()}
            )


def build_2015(plan_2014, agencies):
    """Next year's draft: rolled forward with the two actions not started, then reshaped into
    the four new priorities, out for consultation since the Working Party of 3 March 2015."""
    carried = Action.objects.of_plan(plan_2014).with_status_as_at(plan_2014.ends).filter(status=N)
    plan = plan_roll_forward(plan=plan_2014, into_year=2015, actions=list(carried))
    plan.title = "Thanet Community Safety Plan 2015-16 (sample draft)"
    plan.save(update_fields=["title"])
    old_priorities = list(plan.priorities.all())
    moved = {
        "Shared treatment plan between probation and treatment providers": 1,
        "Online map of what the partnership is doing in each ward": 3,
    }
    new_issues = []
    for p_number, (title, issues) in enumerate(PLAN_2015, start=1):
        priority = Priority.objects.create(plan=plan, number=10 + p_number, title=title)
        for i_number, (issue_title, actions) in enumerate(issues, start=1):
            issue = EmergingIssue.objects.create(
                priority=priority, number=i_number, title=issue_title
            )
            new_issues.append(issue)
            for a_number, (text, lead, supporting) in enumerate(actions, start=1):
                action = Action.objects.create(
                    issue=issue,
                    number=a_number,
                    title=text,
                    lead_agency=agencies[lead],
                    target_date=plan.ends,
                )
                action.supporting_agencies.set([agencies[name] for name in supporting])
    for action in Action.objects.of_plan(plan).filter(title__in=moved):
        action.issue = new_issues[moved[action.title]]
        action.number = 1
        action.save(update_fields=["issue", "number"])
    for old in old_priorities:
        old.delete()
    for priority in plan.priorities.all():  # the new four, numbered 1 to 4
        priority.number -= 10
        priority.save(update_fields=["number"])
    plan.put_out_for_consultation(on=datetime.date(2015, 3, 3))
    plan.versions.update(taken_at=when(2015, 3, 3, 9))
    add_comments(plan)


def add_comments(plan):
    coordinator = Person.objects.filter(email="coordinator@thanet.example").first()
    for day, (email, priority_title, body, response, note) in enumerate(COMMENTS, start=4):
        priority = plan.priorities.filter(title=priority_title).first()
        comment = Comment.objects.create(
            plan=plan,
            priority=priority,
            author=Person.objects.filter(email=email).first(),
            about=str(priority) if priority else "The plan as a whole",
            body=body,
            created=when(2015, 3, day),
        )
        if response:
            comment.answer(response=response, note=note, by=coordinator)
            Comment.objects.filter(pk=comment.pk).update(responded_at=when(2015, 3, day + 3))
    # The accepted comment's amendment: the emerging issue now names the place.
    EmergingIssue.objects.filter(
        priority__plan=plan, title="Street drinking spreading to new areas"
    ).update(title="Street drinking spreading to new areas, including Cliftonville")
