"""Small crime data made directly in the models, for tests that need no real file.

Its districts, wards and LSOAs have codes no real file uses (E07999…, E05999…, E01999…): the real
geography that some tests load once per session stays out of these counts.
"""

import datetime

from saferplan.crime.models import (
    Area,
    Boundary,
    Crime,
    MonthlyCount,
    OutcomeCount,
    PoliceMonth,
)

THANET, CANTERBURY = "E07999114", "E07999106"


def month(text):
    return datetime.datetime.strptime(text, "%Y-%m").date()


def area(code, ward_code, ward_name, district=THANET, population=None):
    return Area.objects.create(
        code=code,
        vintage=Area.Vintage.LSOA_2021 if population else Area.Vintage.LSOA_2011,
        ward_code=ward_code,
        ward_name=ward_name,
        district_code=district,
        population=population,
    )


def ward_boundary(code, name, west, south, district=THANET, side=0.01):
    ring = [[west, south], [west + side, south], [west + side, south + side], [west, south]]
    return Boundary.objects.create(
        kind=Boundary.Kind.WARD,
        code=code,
        name=name,
        district_code=district,
        geometry={"type": "Polygon", "coordinates": [ring]},
    )


def police_month(when, force="Kent Police", **fields):
    return PoliceMonth.objects.get_or_create(
        force=force,
        month=month(when),
        kind=PoliceMonth.Kind.STREET,
        defaults={"source": f"{when}-kent-street.csv", **fields},
    )[0]


def counts(when, lsoa, by_category, district=THANET, force="Kent Police", outcome=""):
    """Counts of one month and LSOA, {category: count}, with their outcome (none for ASB) and a
    Crime row for each one counted, as the import makes them."""
    parent = police_month(when, force)
    for category, count in by_category.items():
        last_outcome = "" if category == "Anti-social behaviour" else outcome
        shared = {"police_month": parent, "month": parent.month, "district_code": district}
        OutcomeCount.objects.create(
            **shared, category=category, last_outcome=last_outcome, count=count
        )
        MonthlyCount.objects.create(**shared, lsoa_code=lsoa, category=category, count=count)
        Crime.objects.bulk_create(
            Crime(
                police_month=parent,
                month=parent.month,
                force=force,
                category=category,
                lsoa_code=lsoa,
                district_code=district,
                last_outcome=last_outcome,
            )
            for _ in range(count)
        )


def made_up_districts(world):
    """Thanet and Canterbury moved to the made-up districts of this factory."""
    world.thanet.districts.update(code=THANET)
    world.canterbury.districts.update(code=CANTERBURY)
    return world
