"""Sample crime data for the demo, so that a fresh clone shows the Crime and ASB page.

Everything here is made up and says so: six square wards of Thanet named "Sample ward …", three
LSOAs each with invented codes and populations, and 35 months of street rows from a force called
"Kent Police (sample data)", drawn from a seeded random generator so that every build is the same.
The months run from March 2012 to January 2015, the latest a report to the demo's meeting of
3 March 2015 can quote. As in the real files' December 2018, December 2014 has about half the
usual crimes while ASB is flat, and each month has force-wide rows with no location.
"""

import datetime
import random
from collections import Counter

from .models import Area, Boundary, Crime, MonthlyCount, OutcomeCount, PoliceMonth
from .selectors import ASB, STILL_OPEN_MONTHS, add_months, month_range

DISTRICT = "E07000114"
FORCE = "Kent Police (sample data)"
SOURCE = "Sample data (not real)"
FIRST, LAST = datetime.date(2012, 3, 1), datetime.date(2015, 1, 1)
ANOMALY = datetime.date(2014, 12, 1)

# Police.uk crime types and the rows an LSOA has of each in a month, on average.
RATES = {
    ASB: 3.0,
    "Bicycle theft": 0.2,
    "Burglary": 0.8,
    "Criminal damage and arson": 1.2,
    "Drugs": 0.4,
    "Other crime": 0.2,
    "Other theft": 0.9,
    "Possession of weapons": 0.1,
    "Public order": 0.9,
    "Robbery": 0.1,
    "Shoplifting": 0.7,
    "Theft from the person": 0.1,
    "Vehicle crime": 0.6,
    "Violence and sexual offences": 3.2,
}
OUTCOMES = [
    ("Investigation complete; no suspect identified", 40),
    ("Unable to prosecute suspect", 30),
    ("Awaiting court outcome", 8),
    ("Local resolution", 7),
    ("Offender given a caution", 5),
    ("Court result unavailable", 5),
    ("Under investigation", 5),
]
# Ward names, in a 3 x 2 grid of squares from the north-west; each ward busier than the last.
WARDS = ["North Coast", "Harbour", "East Cliff", "Westgate Fields", "Town Centre", "Downs"]
WEST, NORTH, SIDE_LON, SIDE_LAT = 1.30, 51.39, 0.05, 0.03


def ward_code(n):
    return f"E05{990001 + n}"


def square(column, row, notch=0.006):
    """A ward's square, with a notch cut from one corner so that it looks like a place."""
    west, north = WEST + column * SIDE_LON, NORTH - row * SIDE_LAT
    east, south = west + SIDE_LON, north - SIDE_LAT
    ring = [
        [west, north],
        [east - notch, north],
        [east - notch, north - notch],
        [east, north - notch],
        [east, south],
        [west, south],
        [west, north],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def build():
    """Build the sample geography and rows once; a second build changes nothing."""
    if PoliceMonth.objects.filter(source=SOURCE).exists():
        return
    generator = random.Random(2019)
    areas = build_geography(generator)
    for month in month_range(FIRST, LAST):
        build_month(generator, month, areas)


def build_geography(generator):
    areas = []
    for n, name in enumerate(WARDS):
        code, ward_name = ward_code(n), f"Sample ward {name}"
        Boundary.objects.create(
            kind=Boundary.Kind.WARD,
            code=code,
            name=ward_name,
            district_code=DISTRICT,
            geometry=square(n % 3, n // 3),
        )
        for letter in "ABC":
            areas.append(
                Area.objects.create(
                    code=f"E01{990001 + n * 3 + 'ABC'.index(letter)}",
                    name=f"Sample {name} {letter}",
                    vintage=Area.Vintage.LSOA_2021,
                    ward_code=code,
                    ward_name=ward_name,
                    district_code=DISTRICT,
                    district_name="Thanet",
                    population=generator.randint(1400, 2200),
                )
            )
    return areas


def build_month(generator, month, areas):
    police_month = PoliceMonth.objects.create(
        force=FORCE,
        month=month,
        kind=PoliceMonth.Kind.STREET,
        source=SOURCE,
        no_location=generator.randint(250, 350),
    )
    counts, crimes = [], []
    still_open = month > add_months(LAST, -STILL_OPEN_MONTHS)
    for n, area in enumerate(areas):
        busier = 1 + n // 3 * 0.25
        for category, rate in RATES.items():
            if category != ASB and month == ANOMALY:
                rate /= 2
            count = sum(generator.random() < rate * busier / 4 for _ in range(8))
            if not count:
                continue
            counts.append(
                MonthlyCount(
                    police_month=police_month,
                    month=month,
                    district_code=DISTRICT,
                    lsoa_code=area.code,
                    category=category,
                    count=count,
                )
            )
            for _ in range(count):
                crimes.append(
                    Crime(
                        police_month=police_month,
                        month=month,
                        force=FORCE,
                        category=category,
                        lsoa_code=area.code,
                        district_code=DISTRICT,
                        location="On or near Sample Street",
                        crime_id="" if category == ASB else f"{generator.getrandbits(64):016x}",
                        last_outcome=outcome(generator, category, still_open),
                    )
                )
    MonthlyCount.objects.bulk_create(counts)
    Crime.objects.bulk_create(crimes, batch_size=500)
    outcomes = Counter((crime.category, crime.last_outcome) for crime in crimes)
    OutcomeCount.objects.bulk_create(
        OutcomeCount(
            police_month=police_month,
            month=month,
            district_code=DISTRICT,
            category=category,
            last_outcome=last_outcome,
            count=count,
        )
        for (category, last_outcome), count in outcomes.items()
    )
    police_month.rows_kept = len(crimes)
    police_month.rows_read = len(crimes) + police_month.no_location
    police_month.left_out = {"no location": police_month.no_location}
    police_month.save(update_fields=["rows_read", "rows_kept", "left_out"])


def outcome(generator, category, still_open):
    if category == ASB:
        return ""
    if still_open and generator.random() < 0.7:
        return "Under investigation"
    names, weights = zip(*OUTCOMES, strict=True)
    return generator.choices(names, weights)[0]
