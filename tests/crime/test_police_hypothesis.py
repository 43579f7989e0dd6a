"""Whatever file is given to the police import (random bytes, random CSV shapes, odd
encodings), it is imported or refused with a one-line BadFile, never another exception, and a
refused file leaves the data as it was (issue 13, "Done when")."""

import csv
import io

import pytest
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from saferplan.crime.files import BadFile
from saferplan.crime.models import Crime, MonthlyCount, Outcome, OutcomeCount, PoliceMonth
from saferplan.crime.police import COLUMNS, OPTIONAL_COLUMNS, import_police
from tests.conftest import make_partnership

from .factory import THANET, area, counts

LSOA = "E01999024"
NAME = "2019-01-kent-street.csv"
STREET_COLUMNS = [*COLUMNS["street"], *OPTIONAL_COLUMNS["street"], "LSOA name"]
GOOD_ROW = {
    "Crime ID": "abc123",
    "Month": "2019-01",
    "Reported by": "Kent Police",
    "Falls within": "Kent Police",
    "Longitude": "1.38",
    "Latitude": "51.36",
    "Location": "On or near Beacon Road",
    "LSOA code": LSOA,
    "LSOA name": "Thanet 001A",
    "Crime type": "Burglary",
    "Last outcome category": "Under investigation",
    "Context": "",
}


@pytest.fixture
def loaded(db):
    """A partnership with one made-up LSOA and a month already loaded, which a refused file
    must leave as it was."""
    make_partnership("thanet", "Thanet", THANET, [])
    area(LSOA, "E05999081", "Beacon Road")
    counts("2019-01", LSOA, {"Burglary": 2})


def data_now():
    return [
        list(model.objects.order_by("pk").values_list())
        for model in (PoliceMonth, Crime, MonthlyCount, OutcomeCount, Outcome)
    ]


def imported_or_refused(tmp_path, content, name=NAME):
    """Import `content` as a file; a refusal must be one line, naming the file, with the data
    unchanged. Each example is rolled back, so the next starts from the same data."""
    path = tmp_path / name
    path.write_bytes(content)
    with transaction.atomic():
        before = data_now()
        try:
            import_police([path])
        except BadFile as error:
            message = str(error)
            assert "\n" not in message and message.startswith(f"{path}: ")
            assert data_now() == before
        transaction.set_rollback(True)


EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@EXAMPLES
@given(content=st.binary(max_size=2000))
def test_random_bytes(loaded, tmp_path, content):
    imported_or_refused(tmp_path, content)


@EXAMPLES
@given(header=st.binary(max_size=200), content=st.binary(max_size=500))
def test_random_bytes_after_a_police_header(loaded, tmp_path, header, content):
    police_header = ",".join(STREET_COLUMNS).encode() + b"\n"
    imported_or_refused(tmp_path, header + police_header + content)
    imported_or_refused(tmp_path, police_header + content)


field_text = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["", "2019-01", "2018-13", "1.38", "nan", "-inf", "1e400", LSOA, '"', "\r"]),
)
columns = st.lists(
    st.one_of(st.sampled_from(STREET_COLUMNS), st.text(max_size=10)), min_size=0, max_size=14
)


@st.composite
def csv_files(draw):
    """A header of police and other columns in any order, and rows of any width: mostly good
    values, some drawn at random."""
    header = draw(st.one_of(st.just(STREET_COLUMNS), st.permutations(STREET_COLUMNS), columns))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        row = [GOOD_ROW.get(column, "") for column in header]
        for position in draw(st.lists(st.integers(0, max(len(header) - 1, 0)), max_size=3)):
            if row:
                row[position] = draw(field_text)
        row += draw(st.lists(field_text, max_size=2))
        rows.append(row[: draw(st.integers(0, len(row)))] if draw(st.booleans()) else row)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n", "\r"])))
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


@EXAMPLES
@given(text=csv_files(), name=st.sampled_from([NAME, "2019-02-kent-street.csv", "x.csv"]))
# Found by Hypothesis: column names quoted in the message, one with a line break (a message of
# two lines), one with a NUL (which PostgreSQL refused in the load log).
@example(text='Crime ID,"Mon\nth"\r\nabc,2019-01\r\n', name=NAME)
@example(text="Crime ID,\x80\x00\r\nabc,2019-01\r\n", name=NAME)
def test_random_csv_shapes(loaded, tmp_path, text, name):
    imported_or_refused(tmp_path, text.encode(), name)


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1"]
ENCODINGS += ["cp1252", "mac-roman", "cp437", "shift_jis", "gb18030"]


@EXAMPLES
@given(
    encoding=st.sampled_from(ENCODINGS),
    location=st.sampled_from(["On or near Beacon Road", "Café Ramsgate", "Straße £5 – “x”"]),
)
def test_odd_encodings(loaded, tmp_path, encoding, location):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=STREET_COLUMNS)
    writer.writeheader()
    writer.writerows([{**GOOD_ROW, "Location": location}] * 3)
    try:
        content = out.getvalue().encode(encoding)
    except UnicodeEncodeError:
        content = out.getvalue().encode(encoding, errors="replace")
    imported_or_refused(tmp_path, content)


def test_an_odd_encoding_is_refused_with_the_line_and_byte(loaded, tmp_path):
    path = tmp_path / NAME
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=STREET_COLUMNS)
    writer.writeheader()
    writer.writerows([GOOD_ROW, {**GOOD_ROW, "Location": "Café"}])
    path.write_bytes(out.getvalue().encode("cp1252"))
    with pytest.raises(BadFile) as error:
        import_police([path])
    assert str(error.value) == (f"{path}: line 3: not UTF-8 text (byte 0xe9): save it as UTF-8 CSV")
