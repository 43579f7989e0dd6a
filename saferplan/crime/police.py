"""Importing data.police.uk files: monthly street files (crimes and ASB) and their outcomes.

Each file is one force's month of one kind. Arrow (pyarrow's CSV reader) reads it in batches;
each batch is checked (month, coordinates), attributed to districts by LSOA (2011 or 2021
code) and counted, and the rows kept are written to the database in the same pass (bulk.writer:
PostgreSQL's binary COPY, SQLite's executemany): a row is written once, and memory does not
grow with a file's size (bench/crime_import.py measures both against PostgreSQL's own COPY).
A row is kept when its LSOA is an Area of a district some partnership covers, and counted
(MonthlyCount) when its LSOA is an Area of any district, so that a partnership's figures can be
set beside its force area's and its peers'; a partnership's own load (`partnership=`) keeps and
counts only the rows of the districts it alone covers, and replaces only those rows and counts
of the force's month (access.districts_loadable_by): nothing another partnership reads changes.
Outcomes are linked by Crime ID, in SQL, to the crimes of the same force in the street files of
the same load only. Each file is saved in one transaction that first deletes the
force's month of that kind: importing again replaces it (on PostgreSQL a street month's crimes
are a partition of their own, written aside and swapped in for the old one). Rows are never
de-duplicated: byte-identical ASB rows are separate incidents, but how many rows were identical
to another is told. Every load is logged (`PoliceLoad`).
"""

import codecs
import csv
import datetime
import functools
import io
import re
import zipfile
import zlib
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from django.db import DataError, IntegrityError, connection, transaction

from saferplan.crime import bulk
from saferplan.crime.files import BadFile, read_header
from saferplan.crime.models import (
    Area,
    Crime,
    MonthlyCount,
    Outcome,
    OutcomeCount,
    PoliceLoad,
    PoliceMonth,
)
from saferplan.partnerships import access as rules
from saferplan.partnerships.models import PartnershipDistrict

STREET = PoliceMonth.Kind.STREET
OUTCOMES = PoliceMonth.Kind.OUTCOMES
STOP_AND_SEARCH = "stop-and-search"
COMMON_COLUMNS = ["Crime ID", "Month", "Reported by", "Falls within", "Longitude", "Latitude"]
COLUMNS = {
    STREET: [*COMMON_COLUMNS, "Location", "LSOA code", "Crime type", "Last outcome category"],
    OUTCOMES: [*COMMON_COLUMNS, "LSOA code", "Outcome type"],
}
OPTIONAL_COLUMNS = {STREET: ["Context"], OUTCOMES: []}
MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
NAMED_MONTH = re.compile(r"(\d{4}-\d{2})-")  # police.uk names files "2018-10-kent-street.csv"
LONGEST_LINE = 1 << 20  # bytes: a police.uk header or row is a few hundred
COORDINATES = ["Longitude", "Latitude"]
CHUNK = 1 << 20
BLOCK = 2 << 20  # bytes of CSV Arrow reads at a time
PROGRESS_EVERY = 8 << 20
SUM_EVERY = 16  # batches' counts
LEFT_OUT = {
    "other": "other districts",
    "no_location": "no location",
    "unknown": "unknown LSOA",
    "no_crime": "crime not in this load",
}
# The rows of each kind of file, counted as replaced when a month is imported again.
ROWS = {STREET: Crime, OUTCOMES: Outcome}
# The tables each kind of file writes, besides PoliceMonth.
WRITES = {STREET: [Crime, MonthlyCount, OutcomeCount], OUTCOMES: [Outcome]}
# A file's share of rows identical to an earlier row above which the summary warns. The real
# Kent street files of Oct 2018 to Feb 2019 have 3.0, 4.1, 7.5 (December's anomaly), 3.1 and
# 3.2 % (identical ASB rows, mostly); a file with every row twice has 50 %. Twice the highest:
UNUSUAL_IDENTICAL = 0.15


@dataclass
class Source:
    """One police file: on disk or in an archive zip; `name` is how messages call it."""

    name: str
    kind: str
    size: int
    path: Path
    member: str | None = None
    archive: zipfile.ZipFile | None = None

    def open(self):
        if self.archive is None:
            return open(self.path, "rb")
        return self.archive.open(self.member)

    @property
    def file_name(self):
        return Path(self.member or self.path).name


@dataclass
class PoliceImport:
    load: PoliceLoad
    months: list = field(default_factory=list)
    not_used: list = field(default_factory=list)


def kind_of(name):
    for kind in (OUTCOMES, STOP_AND_SEARCH):
        if name.endswith(f"-{kind}.csv"):
            return kind
    return STREET


def open_zip(path):
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise BadFile(f"{path}: not a zip file, or a truncated one ({error})") from None


def find_sources(paths, archives):
    """Every police file under the paths (files, folders searched recursively, archive zips);
    street files first, since outcomes are linked to the crimes already imported."""
    found = []
    for given in map(Path, paths):
        if given.is_dir():
            files = sorted(p for p in given.rglob("*") if p.suffix.lower() in {".csv", ".zip"})
        elif given.exists():
            files = [given]
        else:
            raise BadFile(f"{given}: no such file or folder")
        for path in files:
            if path.suffix.lower() != ".zip":
                found.append(Source(str(path), kind_of(path.name), path.stat().st_size, path))
                continue
            archive = archives.enter_context(open_zip(path))
            for info in sorted(archive.infolist(), key=lambda info: info.filename):
                if info.filename.lower().endswith(".csv"):
                    name = f"{path}:{info.filename}"
                    kind = kind_of(Path(info.filename).name)
                    found.append(Source(name, kind, info.file_size, path, info.filename, archive))
    order = {STREET: 0, OUTCOMES: 1, STOP_AND_SEARCH: 2}
    return sorted(found, key=lambda source: order[source.kind])


class Counted(io.RawIOBase):
    """A readable stream that tells progress how many bytes have been read, and `lines` (an
    IdenticalLines) every byte."""

    def __init__(self, stream, tick, lines):
        self.stream, self.tick, self.lines = stream, tick, lines

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        self.tick(len(data))
        self.lines.add(data)
        return len(data)


class IdenticalLines:
    """How many of a file's rows are identical to an earlier row, counted from its bytes as they
    are read: by a 64-bit hash of each line after the header, the distinct ones kept in an array
    of 8 bytes each (a set of Python integers takes some 60).

    Lines, not parsed rows: a police.uk row is one line, and hashing the raw lines costs a
    third of joining each row's parsed fields back into text. A line ends at LF, CR or CR LF, as
    the CSV reader reads them (every CR made an LF: a file of CR-only lines is not one line held
    whole); blank lines, which the reader skips, are not counted.
    """

    BLANK = hash(b"")
    LEAST_SORTED = 1 << 16  # hashes: fewer are not worth sorting yet

    def __init__(self):
        self.rest, self.header, self.lines = b"", True, 0
        self.distinct, self.unsorted = np.empty(0, np.int64), []

    def add(self, data):
        """The next bytes of the file; none at its end."""
        lines = (self.rest + data.replace(b"\r", b"\n")).split(b"\n")
        self.rest = lines.pop() if data else b""
        if self.header and lines:
            self.header = False
            lines = lines[1:]
        hashes = np.fromiter(map(hash, lines), np.int64, len(lines))
        hashes = hashes[hashes != self.BLANK]
        self.lines += len(hashes)
        self.unsorted.append(hashes)
        # Merged once the new ones are as many as those kept: each hash is sorted a few times.
        if sum(map(len, self.unsorted)) >= max(self.LEAST_SORTED, len(self.distinct)):
            self.merge()

    def merge(self):
        # Sorted and compared with their neighbours: np.unique's table of hashes is ten times
        # slower; a stable sort (timsort) finds the run already sorted.
        merged = np.sort(np.concatenate([self.distinct, *self.unsorted]), kind="stable")
        first = np.ones(len(merged), bool)
        first[1:] = merged[1:] != merged[:-1]
        self.distinct, self.unsorted = merged[first], []

    @property
    def identical(self):
        # 64-bit hashes: a collision among a month's lines is vanishingly unlikely.
        self.merge()
        return self.lines - len(self.distinct)


def wide_encoding(first_line):
    """UTF-16 or UTF-32, as Excel's "Unicode text" saves: a byte-order mark or a zero byte
    among the first two (the header's letters are ASCII)."""
    if first_line.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "UTF-32"
    if first_line.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\0" in first_line[:2]:
        return "UTF-16"
    return None


def decoded_lines(raw, name):
    """The lines of a binary stream as text (a UTF-8 byte-order mark dropped); a line that is
    not UTF-8, and a UTF-16 file, are a BadFile that says so and names the line."""
    stream = io.BufferedReader(raw, CHUNK)
    number = 0
    while line := stream.readline(LONGEST_LINE + 1):
        number += 1
        if number == 1:
            if wide := wide_encoding(line):
                raise BadFile(f"{name}: the file is {wide}: save it as UTF-8 CSV")
            line = line.removeprefix(codecs.BOM_UTF8)
        if len(line) > LONGEST_LINE:
            raise BadFile(f"{name}: line {number} is longer than 1 MB: not a police.uk CSV file")
        try:
            yield line.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BadFile(
                f"{name}: line {number}: not UTF-8 text (byte 0x{line[error.start]:02x}): "
                "save it as UTF-8 CSV"
            ) from None


@dataclass
class FirstRow:
    """What the header and the first row say: where each column is, the force and the month."""

    positions: dict
    width: int
    force: str
    month: datetime.date
    month_text: str


def read_first_row(source):
    with source.open() as raw:
        reader = csv.reader(decoded_lines(raw, source.name))
        try:
            header = read_header(reader, source.name)
            first = next(reader, None)
        except csv.Error as error:
            raise BadFile(f"{source.name}: line {reader.line_num + 1}: {error}") from None
    required, optional = COLUMNS[source.kind], OPTIONAL_COLUMNS[source.kind]
    missing = [column for column in required if column not in header]
    if missing:
        raise BadFile(
            f"{source.name}: not a police.uk {source.kind} file: no column "
            f"{', '.join(missing)} (its columns: {', '.join(header) or 'none'})"
        )
    if not first or not any(first):
        raise BadFile(f"{source.name}: the file has a header but no rows")
    if len(first) != len(header):
        raise BadFile(
            f"{source.name}: line 2: {len(first)} columns where the header has {len(header)}"
        )
    positions = {column: header.index(column) for column in required + optional if column in header}
    month_text = first[positions["Month"]].strip()
    match = MONTH.fullmatch(month_text)
    if not match:
        raise BadFile(f"{source.name}: line 2: month {month_text!r} is not YYYY-MM")
    named = NAMED_MONTH.match(source.file_name)
    if named and named[1] != month_text:
        raise BadFile(
            f"{source.name}: the file's name says {named[1]} but its rows are of {month_text}: "
            "check which month it holds and name it so"
        )
    force = first[positions["Reported by"]].strip() or first[positions["Falls within"]].strip()
    month = datetime.date(int(match[1]), int(match[2]), 1)
    return FirstRow(positions, len(header), force, month, month_text)


class Rows:
    """A police file's rows after its header, in checked Arrow batches: coordinates as numbers
    (null where blank), every other column as text.

    `column(batch, name)` is a column by its police.uk name (blank where an optional one is
    absent); `line` is the line of the batch's first row, for messages; `identical` counts the
    rows identical to an earlier one, once they are read.
    """

    def __init__(self, source, first, progress):
        self.source, self.first, self.progress = source, first, progress
        self.names = {position: name for name, position in first.positions.items()}
        self.line = 2
        self.lines = IdenticalLines()

    def column(self, batch, name):
        position = self.first.positions.get(name)
        if position is None:
            return pa.repeat(pa.scalar("", pa.string()), len(batch))
        return batch.column(f"c{position}")

    def __iter__(self):
        columns = [f"c{position}" for position in range(self.first.width)]
        types = dict.fromkeys(columns, pa.string())
        for name in COORDINATES:
            types[f"c{self.first.positions[name]}"] = pa.float64()
        with self.source.open() as raw:
            reader = self.named_errors(
                pa_csv.open_csv,  # reads the first block
                Counted(raw, self.progress, self.lines),
                read_options=pa_csv.ReadOptions(
                    column_names=columns, skip_rows=1, block_size=BLOCK, use_threads=False
                ),
                convert_options=pa_csv.ConvertOptions(
                    column_types=types,
                    null_values=[""],
                    include_columns=[f"c{position}" for position in self.names],
                ),
            )
            while batch := self.named_errors(next, reader, None):
                self.check(batch)
                yield batch
                self.line += len(batch)

    @property
    def identical(self):
        """How many of the rows read were identical to an earlier row."""
        return self.lines.identical

    def named_errors(self, read, *args, **options):
        """read(…), Arrow's complaint about a row made a BadFile that names its line."""
        try:
            return read(*args, **options)
        except pa.ArrowInvalid as error:
            if "invalid UTF8" in str(error):  # Arrow does not say where: find the line
                with self.source.open() as raw:
                    for _line in decoded_lines(raw, self.source.name):
                        pass
            # Arrow numbers rows as lines, the header line 1: "In CSV column #4: Row #900: CSV
            # conversion error to double: invalid value 'east 0.88'", "Row #1200: Expected…"
            where = re.search(
                r"(?:column #(\d+): )?Row #(\d+): (?:CSV conversion error to \w+: )?(.*)",
                str(error),
            )
            if not where:
                raise BadFile(f"{self.source.name}: {error}") from None
            column, line, problem = where.groups()
            value = re.fullmatch(r"invalid value '(.*)'", problem)
            if column is not None and value:
                problem = f"{self.names[int(column)].lower()} {value[1]!r} is not a number"
            raise BadFile(f"{self.source.name}: line {line}: {problem}") from None

    def check(self, batch):
        """Every row of the file's month, at a longitude and latitude on Earth or at none."""
        month, longitude, latitude = (self.column(batch, name) for name in ("Month", *COORDINATES))
        nowhere = pc.and_(pc.is_null(longitude), pc.is_null(latitude))
        # NaN and infinities are out of range: comparisons with NaN are false.
        on_earth = pc.and_(
            pc.less_equal(pc.abs(longitude), 180), pc.less_equal(pc.abs(latitude), 90)
        )
        located = pc.or_(nowhere, pc.fill_null(on_earth, False))
        good = pc.and_(pc.equal(month, self.first.month_text), located)
        if pc.all(good).as_py():
            return
        bad = pc.index(good, False).as_py()
        where = f"{self.source.name}: line {self.line + bad}"
        month_text = month[bad].as_py().strip()
        if month_text != self.first.month_text:
            if MONTH.fullmatch(month_text):
                raise BadFile(
                    f"{where}: month {month_text} differs from {self.first.month_text}, "
                    "the month of line 2: a file holds one month"
                )
            raise BadFile(f"{where}: month {month_text!r} is not YYYY-MM")
        shown = [blank_or(coordinate[bad].as_py()) for coordinate in (longitude, latitude)]
        raise BadFile(
            f"{where}: longitude {shown[0]} and latitude {shown[1]} are not a place on Earth"
        )


def blank_or(value):
    return "blank" if value is None else value


@dataclass
class Geography:
    """Every LSOA's district, and the districts a load may change: the site's load keeps the
    crimes of every district partnerships cover and the counts of every district, so that a
    partnership's figures can be set beside its force area's and its peers'; a partnership's own
    load keeps both only for the districts it alone covers."""

    district_of: dict
    covered: set
    partnership: object = None

    @classmethod
    def load(cls, partnership=None):
        if partnership is None:
            covered = set(PartnershipDistrict.objects.values_list("code", flat=True))
        else:
            covered = rules.districts_loadable_by(partnership)
        return cls(dict(Area.objects.values_list("code", "district_code")), covered, partnership)

    def attribute(self, lsoa):
        """Each row's district (null for an unknown LSOA), whether a partnership covers it (its
        crime is kept) and whether it is counted.

        A batch names a few thousand LSOAs: each is looked up once, in Python.
        """
        encoded = pc.dictionary_encode(lsoa)
        districts = [self.district_of.get(code) for code in encoded.dictionary.to_pylist()]
        covered = [district in self.covered for district in districts]
        if self.partnership is None:
            counted = [district is not None for district in districts]
        else:
            counted = covered
        columns = [(districts, pa.string()), (covered, pa.bool_()), (counted, pa.bool_())]
        return tuple(pc.take(pa.array(values, kind), encoded.indices) for values, kind in columns)


def reasons(lsoa, district, covered):
    """Why each row would be left out, were it left out (the keys of LEFT_OUT)."""
    return pc.case_when(
        pc.make_struct(pc.equal(lsoa, ""), pc.is_null(district), covered),
        "no_location",
        "unknown",
        "no_crime",
        "other",
    )


def tally_of(reasons):
    return {item["values"]: item["counts"] for item in pc.value_counts(reasons).to_pylist()}


def month_columns(police_month, length):
    """The police month's id and month, as columns of a batch of `length` rows."""
    return {
        "police_month_id": pa.repeat(pa.scalar(police_month.pk, pa.int64()), length),
        "month": pa.repeat(pa.scalar(police_month.month, pa.date32()), length),
    }


CRIME_FIELDS = [
    "police_month",
    "month",
    "force",
    "category",
    "lsoa_code",
    "district_code",
    "location",
    "longitude",
    "latitude",
    "crime_id",
    "last_outcome",
    "context",
]
STREET_FIELDS = CRIME_FIELDS[2:]  # those read from the file
# Crime's columns from the file's, by police.uk name.
CRIME_COLUMNS = {
    "force": "Falls within",
    "category": "Crime type",
    "location": "Location",
    "crime_id": "Crime ID",
    "last_outcome": "Last outcome category",
    "context": "Context",
}
# What the counts are counted by: every page reads MonthlyCount (of every district), the outcomes
# table and the totals OutcomeCount (of the districts whose crimes are kept: the only ones pages
# read it for); in the order of their covering indexes, by which they are saved.
MONTHLY_KEYS = ["district_code", "category", "lsoa_code"]
OUTCOME_KEYS = ["district_code", "category", "last_outcome"]


def import_street(rows, police_month, geography):
    """Write the kept crimes batch by batch, as they are read, into the police month's own
    partition of Crime (PostgreSQL); return the tally."""
    partition = new_partition(police_month)
    # The month's crimes are numbered on from its police month's id shifted 32 bits: unique in
    # the table without Crime's sequence, whose call for every row costs the server a fifth of
    # the COPY.
    next_id = police_month.pk << 32

    def write_numbered(crimes):
        nonlocal next_id
        write(with_month(crimes, police_month, next_id))
        next_id += len(crimes)

    with bulk.writer(partition, bulk.schema_of(Crime, ["id", *CRIME_FIELDS])) as write:
        tally, counts = read_street(rows, geography, write_numbered)
    tally = save_counts(tally, counts, police_month, geography)
    attach_partition(partition, police_month)
    return tally


# On PostgreSQL Crime's table is partitioned by police month (migration 0007): each imported
# month's crimes are a table of their own, so that replacing a month drops its table, at a cost
# that does not grow with the other months.
def partition_of(police_month_id):
    return f"{Crime._meta.db_table}_p{police_month_id}"


def new_partition(police_month):
    """An empty table shaped like Crime's, for the police month's crimes. It is attached once
    they are written: until then Crime's table is not locked, and the check spares the attach
    a scan of the rows."""
    partition = partition_of(police_month.pk)
    with connection.cursor() as cursor:
        # A table left by a database whose ids started again (a flushed test database).
        cursor.execute(f"DROP TABLE IF EXISTS {partition}")
        cursor.execute(
            f"CREATE TABLE {partition} (LIKE {Crime._meta.db_table} INCLUDING DEFAULTS, "
            f"CONSTRAINT {partition}_month CHECK (police_month_id = %s))",
            [police_month.pk],
        )
    return partition


def attach_partition(partition, police_month):
    """Drop the partitions of the months replaced, and attach the new one: at the end of the
    file's transaction, so that Crime's table is locked for moments only."""
    drop_partitions_of_deleted_months()
    table = Crime._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"ALTER TABLE {table} ATTACH PARTITION {partition} FOR VALUES IN (%s)",
            [police_month.pk],
        )
        cursor.execute(f"ALTER TABLE {partition} DROP CONSTRAINT {partition}_month")


def drop_partitions_of_deleted_months():
    """Drop every partition of Crime whose police month is gone: those replaced in this
    transaction, and those of months deleted otherwise (emptied by the ORM's cascade)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT partition.relname FROM pg_inherits
            JOIN pg_class partition ON partition.oid = pg_inherits.inhrelid
            WHERE pg_inherits.inhparent = %s::regclass
                AND partition.relname ~ '_p[0-9]+$'
                AND NOT EXISTS (
                    SELECT FROM {PoliceMonth._meta.db_table} m
                    WHERE m.id = substring(partition.relname FROM '_p([0-9]+)$')::bigint
                )
            """,
            [Crime._meta.db_table],
        )
        for (partition,) in cursor.fetchall():
            # Another import may have dropped it meanwhile.
            cursor.execute(f"DROP TABLE IF EXISTS {partition}")


def stage_street(rows, geography):
    """Read the kept crimes into a temporary table (SQLite); return a function that copies them
    into the police month and returns the tally."""
    columns = ", ".join(Crime._meta.get_field(name).column for name in STREET_FIELDS)
    bulk.temporary_table("crime_street_rows", f"SELECT {columns} FROM {Crime._meta.db_table}")
    schema = bulk.schema_of(Crime, STREET_FIELDS)
    with bulk.writer("crime_street_rows", schema) as write:
        tally, counts = read_street(rows, geography, write)

    def save(police_month):
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {Crime._meta.db_table} (police_month_id, month, {columns}) "
                f"SELECT %s, %s, {columns} FROM crime_street_rows",
                [police_month.pk, police_month.month],
            )
        # Not dropped here, under the write lock (dropping visits every page): the next file's
        # staging drops it, or the connection's end deletes it whole.
        return save_counts(tally, counts, police_month, geography)

    return save


def read_street(rows, geography, write):
    """Write the kept crimes batch by batch; return the tally of what was read and the counts of
    the rows counted."""
    tally, counts = Counter(), Counts(["district_code", "lsoa_code", "category", "last_outcome"])
    for batch in rows:
        lsoa = rows.column(batch, "LSOA code")
        district, covered, counted = geography.attribute(lsoa)
        tally["read"] += len(batch)
        tally.update(tally_of(reasons(lsoa, district, covered).filter(pc.invert(covered))))
        columns = {
            "lsoa_code": lsoa,
            "district_code": district,
            "longitude": rows.column(batch, "Longitude"),
            "latitude": rows.column(batch, "Latitude"),
            **{name: rows.column(batch, column) for name, column in CRIME_COLUMNS.items()},
        }
        read = pa.table(columns)
        crimes = read.filter(covered)
        write(crimes)
        tally["kept"] += len(crimes)
        counts.add(read.select(counts.keys).filter(counted))
    return tally, counts


def with_month(rows, police_month, first_id):
    """The rows with their ids, numbered on from `first_id`, their police month and month."""
    ids = pa.array(np.arange(first_id, first_id + len(rows), dtype=np.int64))
    columns = {name: rows[name] for name in rows.column_names}
    return pa.table({"id": ids, **month_columns(police_month, len(rows)), **columns})


def save_counts(tally, counts, police_month, geography):
    counts.save(MonthlyCount, MONTHLY_KEYS, police_month)
    counts.save(OutcomeCount, OUTCOME_KEYS, police_month, districts=geography.covered)
    return tally


def with_count(groups, keys, name):
    return pa.table({**{key: groups[key] for key in keys}, "count": groups[name]})


class Counts:
    """Rows counted by some of their columns, batch after batch, summed as they come."""

    def __init__(self, keys):
        self.keys, self.parts = keys, []

    def add(self, rows):
        # On one thread: Arrow's pool of threads held some 20 MB more at its peak, and the
        # database server needs the other processor.
        counts = rows.group_by(self.keys, use_threads=False).aggregate([([], "count_all")])
        self.parts.append(with_count(counts, self.keys, "count_all"))
        if len(self.parts) == SUM_EVERY:  # memory stays flat whatever the file's size
            self.parts = [self.summed(self.keys)]

    def summed(self, keys):
        """The counts by some of the keys."""
        parts = pa.concat_tables(self.parts)
        counts = parts.group_by(keys, use_threads=False).aggregate([("count", "sum")])
        return with_count(counts, keys, "count_sum")

    def save(self, model, keys, police_month, districts=None):
        """Save the counts by some of the keys (of some districts only, if given)."""
        counts = self.summed(keys)
        if districts is not None:
            wanted = pa.array(sorted(districts), pa.string())
            counts = counts.filter(pc.is_in(counts["district_code"], wanted))
        # In the index's order, its pages are filled one after another, not visited at random.
        counts = counts.sort_by([(key, "ascending") for key in keys])
        rows = pa.table(
            {
                **month_columns(police_month, len(counts)),
                **{name: counts[name] for name in counts.column_names},
            }
        )
        bulk.insert(model, ["police_month", "month", *keys, "count"], rows)


OUTCOME_ROWS = pa.schema(
    (name, pa.string()) for name in ["crime_id", "lsoa_code", "category", "reason"]
)


def stage_outcomes(rows, geography, crime_months):
    """Read the outcomes into a temporary table; return a function that links each, in SQL, to
    the crime of its Crime ID among the crimes of `crime_months` (the ids of the street months
    of the same force in this load), into the police month, and returns the tally."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS crime_outcome_rows")
        columns = ", ".join(f"{name} text" for name in OUTCOME_ROWS.names)
        cursor.execute(f"CREATE TEMPORARY TABLE crime_outcome_rows ({columns})")
    with bulk.writer("crime_outcome_rows", OUTCOME_ROWS) as write:
        for batch in rows:
            lsoa = rows.column(batch, "LSOA code")
            district, covered, _counted = geography.attribute(lsoa)
            staged = {
                "crime_id": rows.column(batch, "Crime ID"),
                "lsoa_code": lsoa,
                "category": rows.column(batch, "Outcome type"),
                "reason": reasons(lsoa, district, covered),
            }
            write(pa.table(staged))
    return functools.partial(save_outcomes, crime_months=crime_months)


def save_outcomes(police_month, crime_months):
    joined = "FROM crime_outcome_rows r LEFT JOIN crime_outcome_match m ON m.crime_id = r.crime_id"
    in_months = marks(crime_months) or "NULL"  # IN (NULL): no crime
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS crime_outcome_match")
        # One row per Crime ID: police.uk repeats a few, once at two locations.
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE crime_outcome_match AS
            SELECT crime_id, MIN(lsoa_code) AS lsoa_code, MIN(district_code) AS district_code
            FROM {Crime._meta.db_table}
            WHERE crime_id IN (SELECT crime_id FROM crime_outcome_rows WHERE crime_id <> '')
                AND police_month_id IN ({in_months})
            GROUP BY crime_id
            """,
            crime_months,
        )
        cursor.execute(
            f"""
            INSERT INTO {Outcome._meta.db_table} (police_month_id, month, crime_id, lsoa_code,
                district_code, category)
            SELECT %s, %s, m.crime_id, COALESCE(NULLIF(r.lsoa_code, ''), m.lsoa_code),
                m.district_code, r.category
            {joined} WHERE m.crime_id IS NOT NULL
            """,
            [police_month.pk, police_month.month],
        )
        cursor.execute(
            f"SELECT CASE WHEN m.crime_id IS NULL THEN r.reason ELSE 'kept' END, COUNT(*) "
            f"{joined} GROUP BY 1"
        )
        tally = Counter(dict(cursor.fetchall()))
        cursor.execute("DROP TABLE crime_outcome_match")
        cursor.execute("DROP TABLE crime_outcome_rows")
    tally["read"] = tally.total()
    return tally


def replace_month(source, first, geography):
    """Delete what the load replaces of the force's month of this kind (in SQL: never loading
    its rows) and start anew; the new PoliceMonth and how many rows were replaced.

    The site's load replaces the month whole, partnerships' own months of it included; a
    partnership's load replaces its own month of it and, of the site's, only the rows of the
    districts it may change.
    """
    same = PoliceMonth.objects.filter(force=first.force, month=first.month, kind=source.kind)
    partnership = geography.partnership
    whole = same if partnership is None else same.filter(partnership=partnership)
    whole_ids = list(whole.values_list("id", flat=True))
    replaced = delete_rows(source.kind, whole_ids)
    if partnership is not None:
        site_ids = list(same.filter(partnership=None).values_list("id", flat=True))
        replaced += delete_rows(source.kind, site_ids, districts=geography.covered)
    if whole_ids:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {PoliceMonth._meta.db_table} WHERE id IN ({marks(whole_ids)})",
                whole_ids,
            )
    police_month = PoliceMonth.objects.create(
        force=first.force,
        month=first.month,
        kind=source.kind,
        partnership=partnership,
        source=source.name[-300:],
    )
    return police_month, replaced


def marks(values):
    return ", ".join(["%s"] * len(values))


def delete_rows(kind, police_month_ids, districts=None):
    """Delete the rows of police months (of some districts only, if given) from every table
    that holds them; how many of the kind's own rows (crimes or outcomes) went.

    Crime has no police_month index (it would slow every insert): on SQLite its rows are
    found by one scan, so they are deleted in SQL, not by the ORM's cascade, which would load
    them; on PostgreSQL a month's crimes are a partition, dropped whole.
    """
    if not police_month_ids or (districts is not None and not districts):
        return 0
    where, params = f"police_month_id IN ({marks(police_month_ids)})", list(police_month_ids)
    if districts is not None:
        where += f" AND district_code IN ({marks(districts)})"
        params += sorted(districts)
    replaced = 0
    with connection.cursor() as cursor:
        # Every table of rows from a police month: crimes, outcomes and both counts.
        for model in (rel.related_model for rel in PoliceMonth._meta.related_objects):
            table = model._meta.db_table
            if model is Crime and districts is None and connection.vendor == "postgresql":
                # Whole months: their partitions are dropped at the end of the transaction
                # (attach_partition); only rows put in the default partition are deleted.
                cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}", params)
                count = cursor.fetchone()[0]
                cursor.execute(f"DELETE FROM {table}_default WHERE {where}", params)
            else:
                cursor.execute(f"DELETE FROM {table} WHERE {where}", params)
                count = cursor.rowcount
            if model is ROWS[kind]:
                replaced = count
    return replaced


def import_file(source, geography, progress, load, crime_months):
    """Import one file in one transaction, logged in `load`; `crime_months` are the ids of the
    street months of each force this load has imported so far, which outcomes may link to."""
    try:
        first = read_first_row(source)
        rows = Rows(source, first, progress)
        # SQLite has one writer at a time: the file is read into temporary tables first (this
        # connection's own, they lock nothing) and the write lock is held only to copy them in,
        # so that saves and sign-ins meanwhile wait a moment, not the whole import. PostgreSQL
        # writers do not wait for each other: the crimes stream in during the transaction.
        if source.kind == OUTCOMES:
            save = stage_outcomes(rows, geography, crime_months.get(first.force, []))
        elif connection.vendor == "sqlite":
            save = stage_street(rows, geography)
        else:
            save = functools.partial(import_street, rows, geography=geography)
        with transaction.atomic():
            police_month, replaced = replace_month(source, first, geography)
            tally = save(police_month)
            police_month.rows_read, police_month.rows_kept = tally["read"], tally["kept"]
            police_month.no_location, police_month.unknown_lsoa = (
                tally["no_location"],
                tally["unknown"],
            )
            police_month.identical_rows = rows.identical
            reasons = ["other", "no_location", "unknown"]
            if source.kind == OUTCOMES:  # a street row in a covered district is kept
                reasons.append("no_crime")
            police_month.left_out = {LEFT_OUT[key]: tally[key] for key in reasons}
            police_month.save()
            load.record(police_month, replaced=replaced)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise BadFile(f"{source.name}: the archive is corrupt or truncated ({error})") from None
    except DataError as error:
        raise BadFile(f"{source.name}: {error}".splitlines()[0]) from None
    except IntegrityError:
        # Two loads of one force's month at once: the database keeps one (its unique
        # constraint), and this one, which would have replaced it, is said to have lost.
        raise BadFile(
            f"{source.name}: another import of {first.force} {first.month_text} was saved while "
            "this one ran; import this file again to replace it"
        ) from None
    if source.kind == STREET:
        crime_months.setdefault(police_month.force, []).append(police_month.pk)
    return police_month


def identical_note(police_month):
    """What the summary says of a month's rows identical to an earlier row, if any."""
    identical, read = police_month.identical_rows, police_month.rows_read
    if not identical:
        return ""
    note = f"{identical:,} rows identical to an earlier row (kept)"
    if identical > UNUSUAL_IDENTICAL * read:
        note += (
            f"; warning: that is {identical / read:.0%} of the file, where real files have "
            "under 8%: was the file saved or joined with its rows twice?"
        )
    return note


def import_police(paths, progress=None, *, partnership=None, started_by=None):
    """Import police.uk files, folders of them and archive zips; each file in one transaction.

    For the site (every partnership's districts) or, given `partnership`, for the districts it
    alone covers; the load is logged as started by `started_by` (None: the command line).
    progress(done, total, message) is called every few megabytes and after each file, with
    bytes read of the total.
    """
    names = ", ".join(Path(path).name for path in paths)
    load = PoliceLoad.objects.create(
        partnership=partnership, started_by=started_by, files=names[:300]
    )
    result = PoliceImport(load)
    try:
        with ExitStack() as archives:
            sources = find_sources(paths, archives)
            total = sum(source.size for source in sources if source.kind != STOP_AND_SEARCH)
            done = reported = 0
            geography = Geography.load(partnership)
            crime_months = {}
            for source in sources:
                if source.kind == STOP_AND_SEARCH:
                    result.not_used.append(source.name)
                    continue

                def tick(count, source=source):
                    nonlocal done, reported
                    done += count
                    if progress and done - reported >= PROGRESS_EVERY:
                        reported = done
                        progress(done, total, source.name)

                start = done
                result.months.append(import_file(source, geography, tick, load, crime_months))
                done = start + source.size
                if progress:
                    reported = done
                    progress(done, total, source.name)
    except BadFile as error:
        load.finish(problem=str(error))
        raise
    except BaseException:
        load.finish(problem="It stopped with an unexpected error.")
        raise
    load.finish()
    analyse_crime_tables(result.months)
    return result


def analyse_crime_tables(police_months=None):
    """Fresh statistics for the tables an import of `police_months` writes (None: every crime
    table), so the first pages after it plan well. A street file's load does not analyse the
    outcomes, which it leaves alone (nor an outcomes file's the counts): each ANALYZE reads a
    sample of 30,000 rows from across its whole table.

    On PostgreSQL, Crime's partitions are analysed on their own (analysing the partitioned
    table would read every month's): those of the `police_months` imported and the default one.
    """
    kinds = set(WRITES) if police_months is None else {month.kind for month in police_months}
    models = [PoliceMonth, *(model for kind in sorted(kinds) for model in WRITES[kind])]
    partitioned = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        for model in models:
            if not (model is Crime and partitioned):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    if partitioned and STREET in kinds:
        analyse_partitions(
            [f"{Crime._meta.db_table}_default"]
            + [partition_of(month.pk) for month in police_months or () if month.kind == STREET]
        )


def analyse_partitions(partitions):
    """Statistics of the columns queries pick crimes by (outcomes are linked by Crime ID, and a
    partnership's load replaces its districts' rows), from a sample of 3,000 rows rather than
    30,000: plenty for those two, and five times quicker on a national month."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL default_statistics_target = 10")
        for partition in partitions:
            cursor.execute(f"ANALYZE {partition} (crime_id, district_code)")
