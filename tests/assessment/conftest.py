import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.crime.factory import CANTERBURY, area, made_up_districts


@pytest.fixture
def places(world):
    """Thanet and Canterbury on the factory's made-up districts, with two LSOAs of Thanet (one
    of each vintage) in two wards, and one LSOA of Canterbury."""
    made_up_districts(world)
    area("E01999001", "E05999001", "Beacon Road")
    area("E01999002", "E05999002", "Cliftonville West", population=1500)
    area("E01999101", "E05999101", "Westgate", district=CANTERBURY)
    return world


def csv_upload(text, name="counts.csv"):
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def dataset_fields(world, text, **fields):
    return {
        "name": "Deliberate fires",
        "owner": world.county.pk,
        "counts": "Deliberate fires attended",
        "caveats": "",
        "licence": "For partners only",
        "file": csv_upload(text),
        **fields,
    }
