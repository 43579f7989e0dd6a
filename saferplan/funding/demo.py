"""Sample funding for the demo: Thanet's 2014-15 grant from the Kent Police and Crime
Commissioner, £34,317 (the figure in the Working Party report), split across the three uses the
report names. The projects, groups and payments are made up."""

from datetime import date
from decimal import Decimal

from django.db import transaction

from saferplan.partnerships.models import Partnership, Person
from saferplan.plans.models import CaseStudy

from .models import Allocation, Application, FundedProject, Grant, ReturnDate, Spend

FUNDER = "Kent Police and Crime Commissioner"

# name, kind, budget
ALLOCATIONS = [
    ("Commissioning organisations", Allocation.Kind.COMMISSIONING, "20000.00"),
    ("Small grants to local groups", Allocation.Kind.SMALL_GRANTS, "8317.00"),
    ("Publicity", Allocation.Kind.PUBLICITY, "6000.00"),
]

# organisation, title, awarded, status, people reached, payments [(date, amount)]
COMMISSIONED = [
    (
        "Coastal Domestic Abuse Advocacy (sample)",
        "Advocacy for victims of domestic abuse at high risk",
        "12000.00",
        FundedProject.Status.COMPLETED,
        212,
        [
            (date(2014, 4, 30), "3000"),
            (date(2014, 7, 31), "3000"),
            (date(2014, 10, 31), "3000"),
            (date(2015, 1, 30), "3000"),
        ],
    ),
    (
        "Margate Youth Boxing Club (sample)",
        "Boxing sessions for young people at risk of offending",
        "5000.00",
        FundedProject.Status.COMPLETED,
        64,
        [(date(2014, 6, 16), "2500"), (date(2014, 11, 14), "2500")],
    ),
    (
        "Harbour Night Volunteers (sample)",
        "Volunteer patrols in the night-time economy",
        "3000.00",
        FundedProject.Status.RUNNING,
        None,
        [(date(2014, 9, 12), "1000"), (date(2014, 12, 12), "1000")],
    ),
]

# commissioned project: (the priority of the 2014-15 plan it serves, the case study about it)
SERVES = {
    "Advocacy for victims of domestic abuse at high risk": (
        "Domestic Abuse",
        "Every agency in one room: the domestic abuse one-stop shop (sample)",
    ),
    "Boxing sessions for young people at risk of offending": (
        "Violent Crime",
        "Friday nights in the park (sample)",
    ),
    "Volunteer patrols in the night-time economy": ("Anti-Social Behaviour", None),
}

# group, project, requested, received, [(stage, date, amount, note)]
APPLICATIONS = [
    (
        "Cliftonville Residents' Association (sample)",
        "Neighbourhood watch signs",
        "750.00",
        date(2014, 5, 2),
        [
            ("assessed", date(2014, 5, 20), None, "Meets the ASB priority; good value."),
            ("approved", date(2014, 6, 3), None, ""),
            ("paid", date(2014, 6, 20), None, ""),
            (
                "monitoring_received",
                date(2014, 11, 5),
                None,
                "40 signs up; 300 stickers given out.",
            ),
        ],
    ),
    (
        "Ramsgate Community Garden Group (sample)",
        "Turning an ASB hotspot into a garden",
        "1200.00",
        date(2014, 7, 8),
        [
            ("assessed", date(2014, 7, 25), None, "Supports the ASB priority; tools over-costed."),
            ("approved", date(2014, 8, 6), "1000.00", ""),
            ("paid", date(2014, 8, 29), None, ""),
        ],
    ),
    (
        "Broadstairs Cycle Club (sample)",
        "Bike security marking days",
        "600.00",
        date(2014, 10, 1),
        [
            ("assessed", date(2014, 10, 21), None, "Acquisitive crime priority."),
            ("approved", date(2014, 11, 4), None, ""),
        ],
    ),
    (
        "Westgate Bowls Club (sample)",
        "CCTV for the clubhouse",
        "2000.00",
        date(2014, 9, 15),
        [
            ("assessed", date(2014, 10, 2), None, "Protects the club's own property."),
            (
                "declined",
                date(2014, 10, 14),
                None,
                "Benefits the club's own property rather than the wider community.",
            ),
        ],
    ),
    (
        "Newington Youth Forum (sample)",
        "Summer holiday activities",
        "1500.00",
        date(2015, 2, 2),
        [("assessed", date(2015, 2, 24), None, "Due to go to the March panel.")],
    ),
    (
        "Birchington Senior Citizens Club (sample)",
        "Talks on scams and doorstep crime",
        "400.00",
        date(2015, 3, 9),
        [],
    ),
]

# payee, note, date, amount
PUBLICITY = [
    (
        "Isle Print Ltd (sample)",
        "Leaflets: who to call about anti-social behaviour",
        date(2014, 9, 3),
        "1850.00",
    ),
    ("Social media advertising", "Domestic abuse awareness week", date(2014, 11, 24), "900.00"),
    ("Thanet Bus Shelters (sample)", "Posters: report it, stop it", date(2015, 2, 11), "1400.00"),
]


def build():
    """Add Thanet's 2014-15 grant, unless it is there already (then leave it as it is)."""
    thanet = Partnership.objects.get(slug="thanet")
    if Grant.objects.filter(partnership=thanet, funder=FUNDER, year=2014).exists():
        return
    with transaction.atomic():
        coordinator = Person.objects.get(email="coordinator@thanet.example")
        grant = Grant.objects.create(
            partnership=thanet,
            funder=FUNDER,
            year=2014,
            amount=Decimal("34317.00"),
            conditions="Spent by 31 March 2015 on the priorities of the Community Safety Plan. "
            "Quarterly monitoring returns to the Office of the Police and Crime Commissioner.",
        )
        for period, due in [
            (1, date(2014, 7, 31)),
            (2, date(2014, 10, 31)),
            (3, date(2015, 1, 30)),
            (0, date(2015, 4, 30)),
        ]:
            ReturnDate.objects.create(grant=grant, period=period, due=due)
        commissioning, small_grants, publicity = [
            Allocation.objects.create(grant=grant, name=name, kind=kind, budget=Decimal(budget))
            for name, kind, budget in ALLOCATIONS
        ]
        plan = thanet.plans.filter(year=2014).first()
        for organisation, title, awarded, status, reached, payments in COMMISSIONED:
            served, study = SERVES[title]
            project = FundedProject.objects.create(
                allocation=commissioning,
                organisation=organisation,
                title=title,
                priority=plan and plan.priorities.filter(title=served).first(),
                case_study=CaseStudy.objects.filter(partnership=thanet, title=study).first(),
                amount_awarded=Decimal(awarded),
                status=status,
                people_reached=reached,
                starts=date(2014, 4, 1),
                ends=date(2015, 3, 31),
            )
            for paid_on, amount in payments:
                Spend.objects.create(
                    allocation=commissioning,
                    project=project,
                    date=paid_on,
                    amount=Decimal(amount),
                    payee=organisation,
                    recorded_by=coordinator,
                )
        for organisation, title, requested, received, moves in APPLICATIONS:
            application = Application.objects.create(
                allocation=small_grants,
                organisation=organisation,
                title=title,
                amount_requested=Decimal(requested),
                received=received,
            )
            for stage, on, amount, note in moves:
                application.move_to(
                    stage,
                    on=on,
                    by=coordinator,
                    amount=Decimal(amount) if amount else None,
                    note=note,
                )
        for payee, note, paid_on, amount in PUBLICITY:
            Spend.objects.create(
                allocation=publicity,
                date=paid_on,
                amount=Decimal(amount),
                payee=payee,
                note=note,
                recorded_by=coordinator,
            )
