"""import_police on the real Kent files: what a person gets by filtering the file themselves."""

import csv
import datetime
import functools
import shutil
import zipfile
from collections import Counter
from io import StringIO

import pytest
from django.db import connection

from saferplan.crime.models import Crime, MonthlyCount, Outcome, OutcomeCount, PoliceMonth
from saferplan.crime.police import import_police, partition_of
from tests.conftest import THANET, make_partnership
from tests.crime.commands import fails, run

MONTHS = ["2018-10", "2018-11", "2018-12", "2019-01", "2019-02"]
THANET_ROWS = dict(zip(MONTHS, [2014, 1416, 850, 1778, 1675], strict=True))


def street_file(data, month):
    return data / f"police/kent/{month}-kent-street.csv"


def read_rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@functools.cache
def thanet_lsoas(data):
    """Thanet's 2011 LSOAs, read from the ONS lookup file itself."""
    return {
        row["LSOA11CD"]
        for row in read_rows(data / "ons/LSOA11_to_WD19_LAD19_EW.csv")
        if row["LAD19CD"] == THANET
    }


@pytest.fixture
def thanet(thanet_geography):
    make_partnership("thanet", "Thanet Community Safety Partnership", THANET, [])
    return thanet_geography


def test_counts_equal_the_police_file_filtered_to_thanets_lsoas(thanet):
    lsoas = thanet_lsoas(thanet)
    out = run("import_police", str(thanet / "police/kent"))
    for month in MONTHS:
        rows = read_rows(street_file(thanet, month))
        mine = [row for row in rows if row["LSOA code"] in lsoas]
        assert len(mine) == THANET_ROWS[month]
        police_month = PoliceMonth.objects.get(month=f"{month}-01", kind="street")
        assert (police_month.force, police_month.rows_read) == ("Kent Police", len(rows))
        assert police_month.rows_kept == len(mine)
        assert police_month.no_location == sum(1 for row in rows if not row["LSOA code"])
        assert police_month.left_out["other districts"] == (
            len(rows) - len(mine) - police_month.no_location
        )
        assert f"{len(rows):,} rows read, {len(mine):,} kept" in out
        counts = MonthlyCount.objects.filter(month=f"{month}-01", district_code=THANET)
        by_category = Counter()
        for count in counts:
            by_category[count.category] += count.count
        assert by_category == Counter(row["Crime type"] for row in mine)
        by_lsoa_category = {(c.lsoa_code, c.category): c.count for c in counts}
        assert by_lsoa_category == Counter((row["LSOA code"], row["Crime type"]) for row in mine)
        assert Crime.objects.filter(police_month=police_month).count() == len(mine)
        outcomes = OutcomeCount.objects.filter(police_month=police_month)
        assert {(o.category, o.last_outcome): o.count for o in outcomes} == Counter(
            (row["Crime type"], row["Last outcome category"]) for row in mine
        )
        assert set(outcomes.values_list("district_code", flat=True)) == {THANET}


def test_a_crime_keeps_what_the_file_says(thanet):
    import_police([street_file(thanet, "2018-10")])
    lsoas = thanet_lsoas(thanet)
    row = next(
        row
        for row in read_rows(street_file(thanet, "2018-10"))
        if row["LSOA code"] in lsoas and row["Crime ID"]
    )
    crime = Crime.objects.get(crime_id=row["Crime ID"])
    assert (crime.category, crime.lsoa_code, crime.location, crime.last_outcome) == (
        row["Crime type"],
        row["LSOA code"],
        row["Location"],
        row["Last outcome category"],
    )
    assert (crime.longitude, crime.latitude) == (float(row["Longitude"]), float(row["Latitude"]))
    assert (crime.district_code, crime.force, str(crime.month)) == (
        THANET,
        "Kent Police",
        "2018-10-01",
    )


def test_byte_identical_asb_rows_are_all_kept(thanet):
    path = street_file(thanet, "2018-10")
    lsoas = thanet_lsoas(thanet)
    with open(path, encoding="utf-8") as handle:
        lines = Counter(
            line for line in handle if line.split(",")[7:8] and line.split(",")[7] in lsoas
        )
    repeated = {line: n for line, n in lines.items() if n > 1}
    assert repeated, "the real file repeats ASB rows"
    import_police([path])
    for line, n in repeated.items():
        fields = next(csv.reader([line]))
        assert (
            Crime.objects.filter(
                lsoa_code=fields[7], location=fields[6], category=fields[9], crime_id=fields[0]
            ).count()
            >= n
        )


def test_importing_a_month_again_replaces_it(thanet):
    path = street_file(thanet, "2018-11")
    import_police([path])
    import_police([path])
    assert PoliceMonth.objects.filter(month="2018-11-01").count() == 1
    assert Crime.objects.filter(month="2018-11-01").count() == THANET_ROWS["2018-11"]
    # Counts are kept for every district in the file: Thanet's are the crimes kept.
    counts = MonthlyCount.objects.filter(month="2018-11-01", district_code=THANET)
    assert sum(counts.values_list("count", flat=True)) == THANET_ROWS["2018-11"]
    outcomes = OutcomeCount.objects.filter(month="2018-11-01").values_list("count", flat=True)
    assert sum(outcomes) == THANET_ROWS["2018-11"]


def crime_partitions():
    """The tables Crime's rows are kept in on PostgreSQL, its default partition aside."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = %s::regclass",
            [Crime._meta.db_table],
        )
        return {name for (name,) in cursor.fetchall()} - {f"{Crime._meta.db_table}_default"}


def test_a_month_imported_again_into_a_loaded_table_is_replaced_not_doubled(thanet):
    import_police([thanet / "police/kent"])
    others = set(Crime.objects.exclude(month="2018-11-01").values_list("id", flat=True))
    result = import_police([street_file(thanet, "2018-11")])
    assert result.load.rows_replaced == result.load.rows_kept == THANET_ROWS["2018-11"]
    lsoas = thanet_lsoas(thanet)
    rows = read_rows(street_file(thanet, "2018-11"))
    by_category = Counter(row["Crime type"] for row in rows if row["LSOA code"] in lsoas)
    november = Crime.objects.filter(month="2018-11-01")
    assert Counter(november.values_list("category", flat=True)) == by_category
    counted = Counter()
    for category, count in MonthlyCount.objects.filter(
        month="2018-11-01", district_code=THANET
    ).values_list("category", "count"):
        counted[category] += count
    assert counted == by_category
    assert set(november.values_list("police_month", flat=True)) == {result.months[0].pk}
    assert set(Crime.objects.exclude(month="2018-11-01").values_list("id", flat=True)) == others
    assert Crime.objects.count() == sum(THANET_ROWS.values())
    if connection.vendor == "postgresql":
        # Each month is a partition of its own: November's is the new one, the old one gone.
        months = PoliceMonth.objects.values_list("pk", flat=True)
        assert crime_partitions() == {partition_of(pk) for pk in months}
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {partition_of(result.months[0].pk)}")
            assert cursor.fetchone()[0] == THANET_ROWS["2018-11"]


def test_rows_of_any_partnerships_districts_are_kept(thanet_geography, world):
    import_police([street_file(thanet_geography, "2018-12")])
    rows = read_rows(street_file(thanet_geography, "2018-12"))
    canterbury = Crime.objects.filter(district_code="E07000106").count()
    assert canterbury > 0
    assert PoliceMonth.objects.get().rows_kept == THANET_ROWS["2018-12"] + canterbury
    assert canterbury == sum(1 for row in rows if row["LSOA name"].startswith("Canterbury "))


def test_2021_lsoa_codes_are_attributed_like_their_2011_parent(thanet, tmp_path):
    bridge = read_rows(thanet / "ons/LSOA11_to_LSOA21_to_LAD22_EW.csv")
    new_code = next(
        row["LSOA21CD"]
        for row in bridge
        if row["LAD22CD"] == THANET and row["LSOA21CD"] != row["LSOA11CD"]
    )
    path = tmp_path / "2023-05-kent-street.csv"
    path.write_text(
        "Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,"
        "LSOA name,Crime type,Last outcome category,Context\n"
        f",2023-05,Kent Police,Kent Police,1.38,51.38,On or near X,{new_code},,"
        "Anti-social behaviour,,\n"
        ",2023-05,Kent Police,Kent Police,1.38,51.38,On or near X,E01099999,,"
        "Anti-social behaviour,,\n"
    )
    out = run("import_police", str(path))
    assert "2 rows read, 1 kept; left out: 1 unknown LSOA" in out
    assert Crime.objects.get().district_code == THANET


def outcomes_csv(rows):
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            "Crime ID",
            "Month",
            "Reported by",
            "Falls within",
            "Longitude",
            "Latitude",
            "Location",
            "LSOA code",
            "LSOA name",
            "Outcome type",
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row["Crime ID"],
                "2018-11",
                "Kent Police",
                "Kent Police",
                row["Longitude"],
                row["Latitude"],
                row["Location"],
                row["LSOA code"],
                row["LSOA name"],
                "Offender given a caution",
            ]
        )
    return out.getvalue()


def test_the_archive_zip_with_outcomes_and_stop_and_search(thanet, tmp_path):
    street = street_file(thanet, "2018-10")
    rows = read_rows(street)
    lsoas = thanet_lsoas(thanet)
    with_id = [row for row in rows if row["Crime ID"]]
    ours = [row for row in with_id if row["LSOA code"] in lsoas][:30]
    others = [row for row in with_id if row["LSOA code"] and row["LSOA code"] not in lsoas][:20]
    nowhere = [row for row in with_id if not row["LSOA code"]][:5]
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(street, "2018-10/2018-10-kent-street.csv")
        zipped.writestr("2018-11/2018-11-kent-outcomes.csv", outcomes_csv(ours + others + nowhere))
        zipped.writestr("2018-10/2018-10-kent-stop-and-search.csv", "Type,Date\n")
    out = run("import_police", str(archive))
    assert "2018-10 Kent Police street" in out and f"{THANET_ROWS['2018-10']:,} kept" in out
    assert "55 rows read, 30 kept; left out: 20 other districts, 5 no location" in out
    assert "1 stop-and-search files not used" in out
    outcomes = Outcome.objects.filter(police_month__kind="outcomes")
    assert set(outcomes.values_list("crime_id", flat=True)) == {row["Crime ID"] for row in ours}
    assert set(outcomes.values_list("district_code", "month")) == {
        (THANET, datetime.date(2018, 11, 1))
    }


def test_folders_are_searched_recursively_and_report_progress(thanet, tmp_path):
    for month in MONTHS[:2]:
        folder = tmp_path / "kent" / month
        folder.mkdir(parents=True)
        shutil.copy(street_file(thanet, month), folder)
    calls = []
    result = import_police([tmp_path], progress=lambda *call: calls.append(call))
    assert [m.rows_kept for m in result.months] == [THANET_ROWS[m] for m in MONTHS[:2]]
    total = sum(street_file(thanet, month).stat().st_size for month in MONTHS[:2])
    assert calls[-1][:2] == (total, total)
    assert 2 <= len(calls) <= 4, "progress is told per file or every few megabytes, not per row"


def broken_copy(data, tmp_path, line_number, change):
    """The real October file with one line changed."""
    lines = street_file(data, "2018-10").read_text(encoding="utf-8").splitlines(keepends=True)
    lines[line_number - 1] = change(lines[line_number - 1])
    path = tmp_path / "2018-10-kent-street.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def with_longitude(line, longitude):
    fields = line.split(",")
    fields[4] = longitude
    return ",".join(fields)


@pytest.mark.parametrize(
    "line, change, problem",
    [
        (
            500,
            lambda line: line.replace(",2018-10,", ",Oct 2018,", 1),
            "month 'Oct 2018' is not YYYY-MM",
        ),
        (
            700,
            lambda line: line.replace(",2018-10,", ",2018-09,", 1),
            "month 2018-09 differs from 2018-10, the month of line 2",
        ),
        (
            900,
            lambda line: line.replace(",Kent Police,0.", ",Kent Police,east ", 1),
            "longitude 'east ",
        ),
        (
            950,
            lambda line: line.replace(",Kent Police,0.", ",Kent Police,190.", 1),
            "are not a place on Earth",
        ),
        (1000, lambda line: with_longitude(line, "nan"), "longitude nan and latitude 51.1"),
        (1100, lambda line: with_longitude(line, ""), "longitude blank and latitude 51."),
        (1200, lambda line: line.replace(",", ";"), ""),
    ],
)
def test_a_bad_row_is_named_and_the_good_month_stays(thanet, tmp_path, line, change, problem):
    import_police([street_file(thanet, "2018-10")])
    before = list(Crime.objects.order_by("id").values_list("id", flat=True))
    path = broken_copy(thanet, tmp_path, line, change)
    message = fails("import_police", str(path))
    assert message.startswith(f"{path}: line {line}: ")
    assert problem in message
    assert message.endswith("(nothing from this file was saved)")
    assert list(Crime.objects.order_by("id").values_list("id", flat=True)) == before
    assert PoliceMonth.objects.get().rows_kept == THANET_ROWS["2018-10"]


def test_a_file_that_is_not_a_police_file_names_the_missing_columns(thanet):
    path = thanet / "population/lsoa21_population_mid2022.csv"
    message = fails("import_police", str(path))
    assert message.startswith(f"{path}: not a police.uk street file: no column Crime ID, Month,")
    assert "Crime type" in message
    assert not PoliceMonth.objects.exists()


def test_empty_files_and_a_truncated_zip(thanet, tmp_path):
    empty = tmp_path / "2018-10-kent-street.csv"
    empty.write_text("")
    assert fails("import_police", str(empty)).startswith(f"{empty}: the file is empty")
    empty.write_text(street_file(thanet, "2018-10").read_text().splitlines()[0] + "\n")
    assert "header but no rows" in fails("import_police", str(empty))
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(street_file(thanet, "2018-10"), "2018-10/2018-10-kent-street.csv")
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    assert "not a zip file, or a truncated one" in fails("import_police", str(truncated))
    # The directory intact but the data corrupt: found while reading, and nothing saved.
    data = bytearray(archive.read_bytes())
    data[5000:5100] = bytes(100)
    corrupt = tmp_path / "corrupt.zip"
    corrupt.write_bytes(bytes(data))
    message = fails("import_police", str(corrupt))
    assert message.startswith(f"{corrupt}:2018-10/2018-10-kent-street.csv: ")
    assert not PoliceMonth.objects.exists()
