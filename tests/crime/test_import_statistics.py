"""The import leaves the database statistics of what it wrote, so the pages after it plan well."""

from django.db import connection

from saferplan.crime.models import Crime, MonthlyCount
from saferplan.crime.police import import_police, partition_of
from tests.conftest import THANET, make_partnership


def planner_row_estimate(table):
    """The row count the query planner believes the table has (None: never analysed)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT reltuples FROM pg_class WHERE relname = %s", [table])
            estimate = cursor.fetchone()[0]
            return None if estimate < 0 else round(estimate)
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if not cursor.fetchone():
            return None
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = %s LIMIT 1", [table])
        found = cursor.fetchone()
        return int(found[0].split()[0]) if found else None  # "rows [rows per key ...]"


def test_the_import_analyses_the_tables_it_wrote(thanet_geography):
    make_partnership("thanet", "Thanet Community Safety Partnership", THANET, [])
    result = import_police([thanet_geography / "police/kent/2018-11-kent-street.csv"])
    # On PostgreSQL the month's crimes are its own partition of the table.
    crimes = Crime._meta.db_table
    if connection.vendor == "postgresql":
        crimes = partition_of(result.months[0].pk)
    assert planner_row_estimate(crimes) == Crime.objects.count() == 1416
    assert planner_row_estimate(MonthlyCount._meta.db_table) == MonthlyCount.objects.count()
