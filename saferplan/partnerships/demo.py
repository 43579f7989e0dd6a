"""Sample partnerships, agencies and people for the demo: made up, and labelled so.

Thanet's six responsible authorities are those its 2015 Working Party report names; the people are
invented. Canterbury shares the county-wide agencies with Thanet, as real Kent CSPs do. Everything
is keyed on a natural key (slug, name, email), so building twice changes nothing.
"""

from .models import Agency, Partnership, PartnershipAgency, PartnershipDistrict, Person, Role

PASSWORD = "saferplan-demo"

K = Agency.Kind
AGENCIES = {
    "Kent Police": K.POLICE,
    "Thanet District Council": K.DISTRICT_COUNCIL,
    "Kent County Council": K.COUNTY_COUNCIL,
    "Thanet Clinical Commissioning Group": K.HEALTH,
    "Kent Fire and Rescue Service": K.FIRE_AND_RESCUE,
    "Local Probation Services": K.PROBATION,
    "Canterbury City Council": K.DISTRICT_COUNCIL,
    "Canterbury and Coastal Clinical Commissioning Group": K.HEALTH,
}

PARTNERSHIPS = [
    {
        "slug": "thanet",
        "name": "Thanet Community Safety Partnership",
        "public_page": True,
        "districts": ["E07000114"],
        "agencies": [
            "Kent Police",
            "Thanet District Council",
            "Kent County Council",
            "Thanet Clinical Commissioning Group",
            "Kent Fire and Rescue Service",
            "Local Probation Services",
        ],
    },
    {
        "slug": "canterbury",
        "name": "Canterbury Community Safety Partnership",
        "districts": ["E07000106"],
        "agencies": [
            "Kent Police",
            "Canterbury City Council",
            "Kent County Council",
            "Canterbury and Coastal Clinical Commissioning Group",
            "Kent Fire and Rescue Service",
            "Local Probation Services",
        ],
    },
]

COORDINATOR, OFFICER, MEMBER = Role.Kind.COORDINATOR, Role.Kind.OFFICER, Role.Kind.MEMBER
# email, name, job title, agency, {partnership slug: role}
PEOPLE = [
    (
        "coordinator@thanet.example",
        "Alex Morgan",
        "Community Safety and Leisure Manager",
        "Thanet District Council",
        {"thanet": COORDINATOR},
    ),
    (
        "council.officer@thanet.example",
        "Sam Patel",
        "Anti-Social Behaviour Officer",
        "Thanet District Council",
        {"thanet": OFFICER},
    ),
    (
        "police.officer@kent.example",
        "Jo Fletcher",
        "District Commander's Analyst",
        "Kent Police",
        {"thanet": OFFICER, "canterbury": OFFICER},
    ),
    (
        "county.officer@kent.example",
        "Chris Evans",
        "Community Safety Officer",
        "Kent County Council",
        {"thanet": OFFICER},
    ),
    (
        "health.officer@thanet.example",
        "Priya Shah",
        "Safeguarding Lead",
        "Thanet Clinical Commissioning Group",
        {"thanet": OFFICER},
    ),
    (
        "fire.officer@kent.example",
        "Dan Okafor",
        "Community Safety Station Manager",
        "Kent Fire and Rescue Service",
        {"thanet": OFFICER},
    ),
    (
        "probation.officer@kent.example",
        "Helen Price",
        "Senior Probation Officer",
        "Local Probation Services",
        {"thanet": OFFICER},
    ),
    (
        "councillor.one@thanet.example",
        "Cllr Pat Hughes",
        "Chair, Community Safety Working Party",
        "Thanet District Council",
        {"thanet": MEMBER},
    ),
    (
        "councillor.two@thanet.example",
        "Cllr Robin Clarke",
        "Member, Community Safety Working Party",
        "Thanet District Council",
        {"thanet": MEMBER},
    ),
    (
        "councillor.three@thanet.example",
        "Cllr Lee Ward",
        "Member, Community Safety Working Party",
        "Thanet District Council",
        {"thanet": MEMBER},
    ),
    (
        "coordinator@canterbury.example",
        "Morgan Hale",
        "Community Safety Manager",
        "Canterbury City Council",
        {"canterbury": COORDINATOR},
    ),
    (
        "council.officer@canterbury.example",
        "Taylor Reed",
        "Community Safety Officer",
        "Canterbury City Council",
        {"canterbury": OFFICER},
    ),
]


def build():
    """Create what is missing of the sample partnerships; return the logins as (email, name, roles).

    What exists is left as it is, so that a second run adds no history and keeps people's changes.
    """
    agencies = {
        name: Agency.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in AGENCIES.items()
    }
    partnerships = {}
    for spec in PARTNERSHIPS:
        partnership, _ = Partnership.objects.get_or_create(
            slug=spec["slug"],
            defaults={
                "name": spec["name"],
                "is_sample": True,
                "public_page": spec.get("public_page", False),
            },
        )
        for code in spec["districts"]:
            PartnershipDistrict.objects.get_or_create(partnership=partnership, code=code)
        for name in spec["agencies"]:
            PartnershipAgency.objects.get_or_create(partnership=partnership, agency=agencies[name])
        partnerships[spec["slug"]] = partnership
    logins = []
    for email, name, job_title, agency, roles in PEOPLE:
        person, created = Person.objects.get_or_create(
            email=email,
            defaults={"name": name, "job_title": job_title, "agency": agencies[agency]},
        )
        if created:
            person.set_password(PASSWORD)
            person.save(update_fields=["password"])
        for slug, kind in roles.items():
            Role.objects.get_or_create(
                person=person, partnership=partnerships[slug], defaults={"kind": kind}
            )
        logins.append((email, name, roles))
    return logins
