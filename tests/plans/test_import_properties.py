"""Property tests of the plan importer: random bytes, random CSV shapes in odd encodings and
random workbooks either import whole or are refused with a one-line reason; never an unhandled
exception, never part of a plan saved."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from saferplan import safe_cells
from saferplan.plans import spreadsheet
from saferplan.plans.models import Action, Plan, Priority, ProgressUpdate

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "utf-32"]
AGENCIES = ["Kent Police", "kent police", "Thanet District Council", "Nobody", ""]
cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from([*AGENCIES, "underway", "Completed", "2014-06-01", "31/12/2014", "=1+1"]),
)
headers = st.lists(
    st.one_of(st.sampled_from(spreadsheet.COLUMNS), st.text(max_size=12)), max_size=14
)
rows = st.lists(st.lists(cells, max_size=14), max_size=12)


def import_outcome(path):
    """Import `path` as the 2016 plan: the plan, or the one-line reason it was refused."""
    before = (Plan.objects.count(), Priority.objects.count(), ProgressUpdate.objects.count())
    try:
        call_command(
            "import_plan",
            str(path),
            "--partnership",
            "thanet",
            "--year",
            "2016",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    except CommandError as error:
        assert "\n" not in str(error)
        after = (Plan.objects.count(), Priority.objects.count(), ProgressUpdate.objects.count())
        assert after == before, "a refused file saved something"
        return str(error)
    plan = Plan.objects.get(partnership__slug="thanet", year=2016)
    assert Action.objects.of_plan(plan).exists(), "a plan was saved without its actions"
    plan.delete()  # the next example starts from the same place
    return plan


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@PROPERTY
@given(content=st.binary(max_size=3000))
def test_random_bytes_are_refused_in_a_line(world, tmp_path, suffix, content):
    path = tmp_path / f"plan{suffix}"
    path.write_bytes(content)
    import_outcome(path)


@PROPERTY
@given(
    header=headers,
    body=rows,
    encoding=st.sampled_from(ENCODINGS),
    with_required=st.booleans(),
)
def test_random_csv_shapes_in_any_encoding(world, tmp_path, header, body, encoding, with_required):
    if with_required:
        header = spreadsheet.REQUIRED + header
    text = io.StringIO()
    csv.writer(text).writerows([header, *body])
    path = tmp_path / "plan.csv"
    path.write_bytes(text.getvalue().encode(encoding, errors="replace"))
    import_outcome(path)


workbook_cells = st.one_of(
    cells,
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(),
    st.datetimes(),
    st.booleans(),
    st.none(),
)


@PROPERTY
@given(
    header=headers,
    body=st.lists(st.lists(workbook_cells, max_size=14), max_size=12),
    with_required=st.booleans(),
)
def test_random_workbooks(world, tmp_path, header, body, with_required):
    if with_required:
        header = spreadsheet.REQUIRED + header
    book = Workbook()
    for row in [header, *body]:
        book.active.append([safe_cells.safe_value(value) for value in row])
    path = tmp_path / "plan.xlsx"
    book.save(path)
    import_outcome(path)
