"""Misfiled and mis-encoded police files (issue 14, items 7 and 8): refused with the file, the
line and what is wrong; identical rows kept, counted and, when unusual, warned of."""

import codecs

import pytest

from saferplan.crime.models import Crime, PoliceMonth
from saferplan.crime.police import IdenticalLines
from tests.crime.commands import fails, run

from .test_police import THANET_ROWS, street_file, thanet  # noqa: F401  (a fixture)


def lines_of(data, month):
    return street_file(data, month).read_bytes().splitlines(keepends=True)


def test_a_file_whose_name_and_rows_disagree_is_refused(thanet, tmp_path):  # noqa: F811
    run("import_police", str(street_file(thanet, "2018-11")))
    misfiled = tmp_path / "2018-10-kent-street.csv"
    misfiled.write_bytes(street_file(thanet, "2018-11").read_bytes())
    message = fails("import_police", str(misfiled))
    assert message.startswith(f"{misfiled}: the file's name says 2018-10 but its rows are of ")
    assert "2018-11" in message
    month = PoliceMonth.objects.get()
    assert (f"{month.month:%Y-%m}", month.rows_kept) == ("2018-11", THANET_ROWS["2018-11"])


def test_identical_rows_are_kept_and_told_and_a_doubled_file_is_warned_of(
    thanet,  # noqa: F811
    tmp_path,
):
    out = run("import_police", str(street_file(thanet, "2018-10")))
    # The real file: 587 rows identical to an earlier one (3 %), mostly ASB; no warning.
    assert "587 rows identical to an earlier row (kept)" in out
    assert "warning" not in out
    lines = lines_of(thanet, "2018-10")
    doubled = tmp_path / "2018-10-kent-street.csv"
    doubled.write_bytes(b"".join([*lines, *lines[1:]]))
    out = run("import_police", str(doubled))
    rows = len(lines) - 1
    assert f"{2 * rows:,} rows read, {2 * THANET_ROWS['2018-10']:,} kept" in out
    assert f"{rows + 587:,} rows identical to an earlier row (kept); warning: that is 52%" in out
    assert Crime.objects.count() == 2 * THANET_ROWS["2018-10"]


@pytest.mark.parametrize("newline", [b"\n", b"\r\n", b"\r"])
@pytest.mark.parametrize("chunk", [1, 7, 1 << 20])
def test_identical_rows_are_counted_across_the_chunks_a_file_is_read_in(newline, chunk):
    rows = [b"a,1", b"b,2", b"a,1", b"", b"b,2", b"a,1,", b"a,1"]  # the last without a newline
    data = newline.join([b"Crime ID,Month", *rows])
    lines = IdenticalLines()
    for start in range(0, len(data), chunk):
        lines.add(data[start : start + chunk])
    lines.add(b"")  # the end of the file
    # "a,1" thrice and "b,2" twice; the blank line is no row; "a,1," differs.
    assert lines.identical == 3


@pytest.mark.parametrize("line", [2, 6, 5000])
def test_a_byte_that_is_not_utf8_is_named_with_its_line(thanet, tmp_path, line):  # noqa: F811
    lines = lines_of(thanet, "2018-10")
    lines[line - 1] = lines[line - 1].replace(b",", b",\xff", 1)
    path = tmp_path / "2018-10-kent-street.csv"
    path.write_bytes(b"".join(lines))
    message = fails("import_police", str(path))
    assert message == (
        f"{path}: line {line}: not UTF-8 text (byte 0xff): save it as UTF-8 CSV "
        "(nothing from this file was saved)"
    )
    assert not PoliceMonth.objects.exists()


@pytest.mark.parametrize(
    "encoding, named",
    [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"), ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")],
)
def test_a_utf16_file_is_named_so(thanet, tmp_path, encoding, named):  # noqa: F811
    path = tmp_path / "2018-10-kent-street.csv"
    text = street_file(thanet, "2018-10").read_text(encoding="utf-8")
    path.write_bytes(text.encode(encoding))
    message = fails("import_police", str(path))
    assert message == (
        f"{path}: the file is {named}: save it as UTF-8 CSV (nothing from this file was saved)"
    )
    assert not PoliceMonth.objects.exists()


def test_a_utf8_byte_order_mark_is_read_as_none(thanet, tmp_path):  # noqa: F811
    path = tmp_path / "2018-10-kent-street.csv"
    path.write_bytes(codecs.BOM_UTF8 + street_file(thanet, "2018-10").read_bytes())
    assert f"{THANET_ROWS['2018-10']:,} kept" in run("import_police", str(path))
