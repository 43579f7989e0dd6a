"""Property tests of `import_areas`: random bytes and random ONS-like lookups in odd encodings are
imported whole or refused with a one-line reason (BadFile), never an unhandled exception and never
part of a file saved."""

import csv
import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from saferplan.crime.models import Area

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
COLUMNS = ["FID", "LSOA11CD", "LSOA11NM", "LSOA21CD", "LSOA21NM", "WD19CD", "WD19NM"]
COLUMNS += ["LAD19CD", "LAD19NM", "LAD22CD"]
codes = st.from_regex(r"[EW]0[1-9]\d{6}", fullmatch=True)
cells = st.one_of(codes, st.text(max_size=120), st.sampled_from(["", "E01024478", "E05005074"]))
names = st.one_of(st.text(max_size=100), st.sampled_from(["x" * 101, "NUL\x00", "bell\x07"]))


def import_outcome(path):
    before = sorted(Area.objects.values_list("code", "name", "ward_code", "district_code"))
    try:
        call_command("import_areas", str(path), stdout=StringIO(), stderr=StringIO())
    except CommandError as error:
        assert "\n" not in str(error)
        after = sorted(Area.objects.values_list("code", "name", "ward_code", "district_code"))
        assert after == before, "a refused file changed the areas"
        return str(error)
    Area.objects.all().delete()  # the next example starts from the same place
    return None


@PROPERTY
@given(content=st.binary(max_size=3000))
def test_random_bytes(db, tmp_path, content):
    path = tmp_path / "lookup.csv"
    path.write_bytes(content)
    import_outcome(path)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252"])
@PROPERTY
@given(
    header=st.lists(st.one_of(st.sampled_from(COLUMNS), st.text(max_size=8)), max_size=10),
    body=st.lists(st.lists(cells, max_size=10), max_size=8),
    lookup_rows=st.lists(
        st.tuples(
            st.from_regex(r"E01\d{6}", fullmatch=True),
            names,
            st.from_regex(r"E05\d{6}", fullmatch=True),
            names,
            st.from_regex(r"E07\d{6}", fullmatch=True),
            names,
        ).map(list),
        max_size=5,
    ),
)
def test_random_lookups(db, tmp_path, encoding, header, body, lookup_rows):
    if lookup_rows:  # a lookup's columns first, and rows that are nearly right
        header = ["LSOA11CD", "LSOA11NM", "WD19CD", "WD19NM", "LAD19CD", "LAD19NM", *header]
        body = lookup_rows + body
    text = io.StringIO()
    csv.writer(text).writerows([header, *body])
    path = tmp_path / "lookup.csv"
    path.write_bytes(text.getvalue().encode(encoding, errors="replace"))
    import_outcome(path)
