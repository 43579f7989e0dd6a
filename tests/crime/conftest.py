"""The real geography, loaded once per test session: every LSOA of England and Wales with its
ward and district (the 2019 lookup and the 2011 → 2021 bridge), mid-2022 populations and Thanet's
ward polygons. Police files are imported per test on top of it."""

import pytest

from saferplan.crime.areas import import_areas, import_boundaries, import_population
from saferplan.crime.models import Boundary

THANET = "E07000114"


def load_geography(data):
    import_areas(
        [data / "ons/LSOA11_to_WD19_LAD19_EW.csv", data / "ons/LSOA11_to_LSOA21_to_LAD22_EW.csv"]
    )
    import_population(data / "population/lsoa21_population_mid2022.csv")
    import_boundaries(data / "boundaries/ward_E07000114_thanet.geojson")


@pytest.fixture(scope="session")
def geography_loaded_once(django_db_setup, django_db_blocker, shared_data):
    # Committed outside any test's transaction, so each test reads it for free.
    with django_db_blocker.unblock():
        load_geography(shared_data)


@pytest.fixture
def thanet_geography(geography_loaded_once, db, shared_data):
    """The real areas, populations and Thanet's ward boundaries; returns the data folder."""
    if not Boundary.objects.filter(district_code=THANET).exists():
        # A transactional test elsewhere in this worker emptied the tables: load them again
        # inside this test's transaction.
        load_geography(shared_data)
    return shared_data
