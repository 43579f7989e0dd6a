"""The five real Kent months the crime tests load, and reading the real files by hand."""

import csv

import pytest

from saferplan.crime.police import import_police

MONTHS = ["2018-10", "2018-11", "2018-12", "2019-01", "2019-02"]


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def kent(thanet_geography, world):
    """The five real Kent street files imported; the real data folder."""
    import_police([thanet_geography / f"police/kent/{month}-kent-street.csv" for month in MONTHS])
    return thanet_geography
