"""Sample crime data for the demo, on Thanet's real geography, so that a fresh clone shows the
Crime and ASB page.

The places are real: Thanet's 23 wards with their boundaries and its 84 2011 LSOAs (the codes
police.uk used in 2015) with their wards, loaded from the ONS files shipped in `data/` (Open
Government Licence: see data/ATTRIBUTION.txt) as `import_boundaries` and `import_areas` load any.
Everything else is made up and says so: the LSOAs' populations, and 35 months of street rows from
a force called "Kent Police (sample data)" at Thanet's real scale (about 10,000 crimes and 6,000
ASB incidents a year), drawn from a seeded random generator so that every build is the same.
The months run from March 2012 to January 2015, the latest a report to the demo's meeting of
3 March 2015 can quote. As in the real files' December 2018, December 2014 has about half the
usual crimes while ASB is flat, and each month has force-wide rows with no location.
"""

import csv
import datetime
import functools
import json
import math
import random
from collections import Counter
from pathlib import Path

from .areas import import_areas, import_boundaries
from .models import Area, Crime, MonthlyCount, OutcomeCount, PoliceMonth
from .selectors import ASB, STILL_OPEN_MONTHS, add_months, month_range

DISTRICT = "E07000114"
FORCE = "Kent Police (sample data)"
SOURCE = "Sample data (not real)"
FIRST, LAST = datetime.date(2012, 3, 1), datetime.date(2015, 1, 1)
ANOMALY = datetime.date(2014, 12, 1)
DATA = Path(__file__).with_name("data")
WARDS_FILE, LSOAS_FILE = DATA / "thanet_wards.geojson", DATA / "thanet_lsoas.csv"

# Police.uk crime types and the rows Thanet has of each in a year, made up at its real scale.
YEARLY = {
    ASB: 6000,
    "Bicycle theft": 250,
    "Burglary": 900,
    "Criminal damage and arson": 1500,
    "Drugs": 450,
    "Other crime": 200,
    "Other theft": 1100,
    "Possession of weapons": 80,
    "Public order": 800,
    "Robbery": 80,
    "Shoplifting": 1000,
    "Theft from the person": 120,
    "Vehicle crime": 600,
    "Violence and sexual offences": 3000,
}
# How far above its mean a category is in July and below it in January.
SUMMER_PEAK = {ASB: 0.25}
USUAL_PEAK = 0.1
# The town centres of Margate and Ramsgate, where an LSOA has the most crime.
BUSY_WARDS = {"Margate Central", "Cliftonville West", "Central Harbour", "Eastcliff"}
BUSY = 2.5
OUTCOMES = [
    ("Investigation complete; no suspect identified", 40),
    ("Unable to prosecute suspect", 30),
    ("Awaiting court outcome", 8),
    ("Local resolution", 7),
    ("Offender given a caution", 5),
    ("Court result unavailable", 5),
    ("Under investigation", 5),
]
LOCATION = "On or near Sample Street"
# The fields of each model's rows, in the order of their tuples.
FIELDS = {
    MonthlyCount: ["police_month", "month", "district_code", "lsoa_code", "category", "count"],
    OutcomeCount: ["police_month", "month", "district_code", "category", "last_outcome", "count"],
    Crime: [
        "police_month",
        "month",
        "force",
        "category",
        "lsoa_code",
        "district_code",
        "location",
        "crime_id",
        "last_outcome",
        "context",
    ],
}


@functools.cache
def wards():
    """Thanet's wards as (code, name), in the order of the shipped file."""
    with open(WARDS_FILE, encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    return [(f["properties"]["WD25CD"], f["properties"]["WD25NM"]) for f in features]


def build():
    """Build the sample geography and rows once; a second build changes nothing."""
    if PoliceMonth.objects.filter(source=SOURCE).exists():
        return
    generator = random.Random(2019)
    weights = build_geography(generator)
    rows = {model: [] for model in FIELDS}
    for month in month_range(FIRST, LAST):
        build_month(generator, month, weights, rows)
    insert(rows)


def build_geography(generator):
    """Load the shipped wards and LSOAs (kept as they are if loaded already), give the LSOAs
    without one a made-up population, and return how busy each LSOA is, {code: weight}."""
    import_boundaries(WARDS_FILE)
    import_areas([LSOAS_FILE])
    with open(LSOAS_FILE, encoding="utf-8") as handle:
        codes = [row["LSOA11CD"] for row in csv.DictReader(handle)]
    areas = list(Area.objects.filter(code__in=codes).order_by("code"))
    for area in areas:
        area.population = area.population or generator.randint(1300, 2100)
    Area.objects.bulk_update(areas, ["population"])
    return {
        area.code: generator.uniform(0.6, 1.4) * (BUSY if area.ward_name in BUSY_WARDS else 1)
        for area in areas
    }


def build_month(generator, month, weights, rows):
    """The month's police month; its crimes, counts and outcome counts added to `rows` as
    tuples of FIELDS."""
    police_month = PoliceMonth.objects.create(
        force=FORCE,
        month=month,
        kind=PoliceMonth.Kind.STREET,
        source=SOURCE,
        no_location=generator.randint(250, 350),
    )
    pk, still_open = police_month.pk, month > add_months(LAST, -STILL_OPEN_MONTHS)
    total_weight = sum(weights.values())
    outcomes = Counter()
    for code, weight in weights.items():
        for category, yearly in YEARLY.items():
            mean = yearly / 12 * weight / total_weight * season(month, category)
            if category != ASB and month == ANOMALY:
                mean /= 2
            count = poisson(generator, mean)
            if count:
                rows[MonthlyCount].append((pk, month, DISTRICT, code, category, count))
            place = (pk, month, FORCE, category, code, DISTRICT, LOCATION)
            for _ in range(count):
                last_outcome = outcome(generator, category, still_open)
                outcomes[category, last_outcome] += 1
                crime_id = "" if category == ASB else f"{generator.getrandbits(64):016x}"
                rows[Crime].append((*place, crime_id, last_outcome, ""))
    rows[OutcomeCount] += [
        (pk, month, DISTRICT, category, last_outcome, count)
        for (category, last_outcome), count in outcomes.items()
    ]
    police_month.rows_kept = outcomes.total()
    police_month.rows_read = police_month.rows_kept + police_month.no_location
    police_month.left_out = {"no location": police_month.no_location}
    police_month.save(update_fields=["rows_read", "rows_kept", "left_out"])


def insert(rows):
    """Every model's rows in one bulk insert (COPY on PostgreSQL)."""
    import pyarrow as pa

    from . import bulk

    for model, tuples in rows.items():
        schema = bulk.schema_of(model, FIELDS[model])
        bulk.insert(model, FIELDS[model], pa.table(list(zip(*tuples, strict=True)), schema=schema))


def season(month, category):
    """Highest in July, lowest in January."""
    peak = SUMMER_PEAK.get(category, USUAL_PEAK)
    return 1 + peak * math.cos(2 * math.pi * (month.month - 7) / 12)


def poisson(generator, mean):
    """A Poisson count of `mean` (Knuth's method: the means here are small)."""
    limit, count, product = math.exp(-mean), 0, generator.random()
    while product > limit:
        count += 1
        product *= generator.random()
    return count


def outcome(generator, category, still_open):
    if category == ASB:
        return ""
    if still_open and generator.random() < 0.7:
        return "Under investigation"
    names, weights = zip(*OUTCOMES, strict=True)
    return generator.choices(names, weights)[0]
