"""Sample assessment data for the demo: an illustrative set of harm weights and a partner's
dataset, both made up and labelled so, for the sample Thanet partnership.

The weights are round numbers chosen only to show how harm weighting reads (a violent crime
weighs more than a theft); they are no crime severity score and no official index, and every
page that shows them says so. Run after `crime.demo.build()`, whose sample wards they use.
"""

import datetime
import random

from django.utils import timezone

from saferplan.crime import demo as crime_demo
from saferplan.crime.selectors import ASB, month_range
from saferplan.partnerships.models import Agency, Partnership

from .models import Dataset, DatasetCount, HarmWeight, HarmWeights

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
FIRES = "Deliberate fires (sample data)"
# Fires a sample ward has of each kind in a month, on average.
FIRE_RATES = {"Deliberate primary fire": 0.4, "Deliberate secondary fire": 1.5}
FIRST, LAST = datetime.date(2013, 4, 1), crime_demo.LAST


def build():
    """Build the sample weights and dataset once; a second build changes nothing."""
    thanet = Partnership.objects.get(slug="thanet", is_sample=True)
    if HarmWeights.objects.filter(partnership=thanet).exists():
        return
    weights = HarmWeights.objects.create(partnership=thanet, illustrative=True)
    HarmWeight.objects.bulk_create(
        HarmWeight(weights=weights, category=category, weight=weight, source=SOURCE)
        for category, weight in WEIGHTS.items()
    )
    build_fires(thanet)


def build_fires(thanet):
    generator = random.Random(2015)
    dataset = Dataset.objects.create(
        partnership=thanet,
        name=FIRES,
        owner=Agency.objects.get(name="Kent Fire and Rescue Service"),
        counts="Deliberate fires attended, by the ward they were in",
        caveats="Made up for the demo: these are not real fires.",
        licence="Sample data, free to use",
        loaded_at=timezone.now(),
    )
    rows = []
    for month in month_range(FIRST, LAST):
        summer = 2 if month.month in (4, 5, 6, 7, 8) else 1
        for n in range(len(crime_demo.WARDS)):
            for category, rate in FIRE_RATES.items():
                count = sum(generator.random() < rate * summer / 4 for _ in range(8))
                rows.append(
                    DatasetCount(
                        dataset=dataset,
                        month=month,
                        area_code=crime_demo.ward_code(n),
                        level=DatasetCount.Level.WARD,
                        district_code=crime_demo.DISTRICT,
                        category=category,
                        count=count,
                    )
                )
    DatasetCount.objects.bulk_create(rows)
    dataset.rows_read = dataset.rows_kept = len(rows)
    dataset.save(update_fields=["rows_read", "rows_kept"])
