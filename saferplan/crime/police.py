"""Importing data.police.uk files: monthly street files (crimes and ASB) and their outcomes.

Each file is one force's month of one kind. It is loaded raw into a staging table (PostgreSQL
`COPY` of the file's bytes; SQLite `executemany`), then checked, attributed and counted in SQL:
the rules are the same on both databases, and on PostgreSQL no row passes through Python, which
keeps memory flat (bench/crime_import.py measures the import against PostgreSQL's own COPY).
A row is kept when its LSOA (2011 or 2021 code) is an Area of a district some partnership
covers. Each file is saved in one transaction that first deletes the force's month of that kind:
importing again replaces it.
Rows are never de-duplicated: byte-identical ASB rows are separate incidents.
"""

import csv
import datetime
import io
import re
import zipfile
import zlib
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from django.db import DataError, connection, transaction

from saferplan.crime.files import BadFile, read_header
from saferplan.crime.models import Area, Crime, MonthlyCount, Outcome, PoliceMonth
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
NUMBER = r"^-?[0-9]+(\.[0-9]+)?$"
CHUNK = 1 << 20
PROGRESS_EVERY = 8 << 20
ROWS_PER_INSERT = 10_000
LEFT_OUT = {
    "other": "other districts",
    "no_location": "no location",
    "unknown": "unknown LSOA",
    "no_crime": "crime not imported",
}


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


@dataclass
class PoliceImport:
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
    """A readable stream that tells progress how many bytes have been read."""

    def __init__(self, stream, tick):
        self.stream, self.tick = stream, tick

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        self.tick(len(data))
        return len(data)


def text(stream):
    return io.TextIOWrapper(io.BufferedReader(stream, CHUNK), encoding="utf-8-sig", newline="")


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
        reader = csv.reader(text(raw))
        try:
            header = read_header(reader, source.name)
            first = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as error:
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
    positions = {column: header.index(column) for column in required + optional if column in header}
    month_text = first[positions["Month"]].strip()
    match = MONTH.fullmatch(month_text)
    if not match:
        raise BadFile(f"{source.name}: line 2: month {month_text!r} is not YYYY-MM")
    force = first[positions["Reported by"]].strip() or first[positions["Falls within"]].strip()
    month = datetime.date(int(match[1]), int(match[2]), 1)
    return FirstRow(positions, len(header), force, month, month_text)


class Staging:
    """A temporary table holding a file's rows as text, with each row's line number."""

    table = "crime_staging"

    def __init__(self, source, first, progress):
        self.source, self.first, self.progress = source, first, progress
        self.columns = [f"c{position}" for position in range(first.width)]
        self.vendor = connection.vendor

    def column(self, name):
        position = self.first.positions.get(name)
        return f"s.c{position}" if position is not None else "NULL"

    def load(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.table}")
            columns = ", ".join(f"{column} text" for column in self.columns)
            if self.vendor == "postgresql":
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {self.table} "
                    f"(line bigint GENERATED ALWAYS AS IDENTITY (START 2), {columns})"
                )
                # No ANALYZE: it costs more than the COPY, and the planner's guess from the
                # table's size already picks the hash joins.
                self.copy(cursor)
            else:
                cursor.execute(f"CREATE TEMPORARY TABLE {self.table} (line integer, {columns})")
                self.insert_rows(cursor)

    def copy(self, cursor):
        """Stream the file's bytes to PostgreSQL: it parses the CSV itself."""
        sql = (
            f"COPY {self.table} ({', '.join(self.columns)}) "
            "FROM STDIN (FORMAT csv, HEADER true, ENCODING 'UTF8')"
        )
        try:
            with self.source.open() as raw, cursor.cursor.copy(sql) as copy:
                while chunk := raw.read(CHUNK):
                    copy.write(chunk)
                    self.progress(len(chunk))
        except psycopg.DataError as error:
            where = re.search(r"line (\d+)", error.diag.context or "")
            line = f"line {where[1]}: " if where else ""
            raise BadFile(f"{self.source.name}: {line}{error.diag.message_primary}") from None

    def insert_rows(self, cursor):
        """SQLite: rows in batches, the file streamed, never held whole."""
        sql = (
            f"INSERT INTO {self.table} (line, {', '.join(self.columns)}) "
            f"VALUES ({', '.join(['%s'] * (len(self.columns) + 1))})"
        )
        width = self.first.width
        with self.source.open() as raw:
            reader = csv.reader(text(Counted(raw, self.progress)))
            next(reader)
            batch = []
            try:
                for row in reader:
                    if len(row) != width:
                        raise BadFile(
                            f"{self.source.name}: line {reader.line_num}: {len(row)} columns "
                            f"where the header has {width}"
                        )
                    batch.append((reader.line_num, *row))
                    if len(batch) == ROWS_PER_INSERT:
                        cursor.executemany(sql, batch)
                        batch = []
            except (csv.Error, UnicodeDecodeError) as error:
                raise BadFile(f"{self.source.name}: line {reader.line_num + 1}: {error}") from None
            cursor.executemany(sql, batch)

    def check(self):
        """The first row whose month differs or whose coordinates do not parse, named by line."""
        month, lon, lat = (self.column(name) for name in ("Month", "Longitude", "Latitude"))
        matches = "~" if self.vendor == "postgresql" else "REGEXP"
        sql = f"""
            SELECT s.line, {month}, {lon}, {lat} FROM {self.table} s
            WHERE COALESCE({month}, '') <> %s
               OR NOT (
                   (COALESCE({lon}, '') = '' AND COALESCE({lat}, '') = '')
                   OR (COALESCE({lon}, '') {matches} %s AND COALESCE({lat}, '') {matches} %s)
               )
            ORDER BY s.line LIMIT 1
        """
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.first.month_text, NUMBER, NUMBER])
            bad = cursor.fetchone()
        if bad is None:
            return
        line, month_text, longitude, latitude = bad
        where = f"{self.source.name}: line {line}"
        if (month_text or "").strip() != self.first.month_text:
            if MONTH.fullmatch((month_text or "").strip()):
                raise BadFile(
                    f"{where}: month {month_text} differs from {self.first.month_text}, "
                    "the month of line 2: a file holds one month"
                )
            raise BadFile(f"{where}: month {month_text!r} is not YYYY-MM")
        raise BadFile(
            f"{where}: longitude {longitude or ''!r} and latitude {latitude or ''!r} do not parse"
        )

    def drop(self):
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {self.table}")


def attribution_sql(staging):
    """FROM … of every staged row with its Area (if any) and whether a partnership covers it."""
    lsoa = staging.column("LSOA code")
    return (
        f"""
        FROM {staging.table} s
        LEFT JOIN {Area._meta.db_table} a ON a.code = {lsoa}
    """,
        f"""
        a.district_code IN (SELECT code FROM {PartnershipDistrict._meta.db_table})
    """,
    )


def reasons_sql(staging, kept):
    """Aggregates: rows read, kept (the condition kept) and each reason for leaving a row out."""
    lsoa = staging.column("LSOA code")
    covered = attribution_sql(staging)[1]
    return f"""
        COUNT(*),
        SUM(CASE WHEN {kept} THEN 1 ELSE 0 END),
        SUM(CASE WHEN NOT ({kept}) AND COALESCE({lsoa}, '') = '' THEN 1 ELSE 0 END),
        SUM(CASE WHEN NOT ({kept}) AND COALESCE({lsoa}, '') <> '' AND a.code IS NULL
            THEN 1 ELSE 0 END),
        SUM(CASE WHEN NOT ({kept}) AND {covered} THEN 1 ELSE 0 END)
    """


def fill_street(staging, police_month):
    """Insert the kept crimes and their monthly counts; return the tally.

    One pass groups the rows by LSOA, category and what became of them; the counts and the
    tally are read from those few thousand groups, and one more pass inserts the crimes.
    """
    source, covered = attribution_sql(staging)
    c = staging.column
    kept = f"a.code IS NOT NULL AND {covered}"
    lsoa, category = c("LSOA code"), f"COALESCE({c('Crime type')}, '')"
    params = [police_month.pk, police_month.month]
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS crime_groups")
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE crime_groups AS
            SELECT {lsoa} AS lsoa_code, {category} AS category, a.code AS area,
                a.district_code, CASE WHEN {kept} THEN 1 ELSE 0 END AS kept, COUNT(*) AS n_rows
            {source}
            GROUP BY {lsoa}, {category}, a.code, a.district_code, CASE WHEN {kept} THEN 1 ELSE 0 END
            """
        )
        cursor.execute(
            f"""
            INSERT INTO {MonthlyCount._meta.db_table} (police_month_id, month, district_code,
                lsoa_code, category, count)
            SELECT %s, %s, district_code, lsoa_code, category, n_rows
            FROM crime_groups WHERE kept = 1
            """,
            params,
        )
        cursor.execute(
            """
            SELECT SUM(n_rows), SUM(kept * n_rows),
                SUM(CASE WHEN kept = 0 AND COALESCE(lsoa_code, '') = '' THEN n_rows ELSE 0 END),
                SUM(CASE WHEN kept = 0 AND COALESCE(lsoa_code, '') <> '' AND area IS NULL
                    THEN n_rows ELSE 0 END),
                0
            FROM crime_groups
            """
        )
        tally = cursor.fetchone()
        cursor.execute("DROP TABLE crime_groups")
        cursor.execute(
            f"""
            INSERT INTO {Crime._meta.db_table} (police_month_id, month, force, category,
                lsoa_code, district_code, location, longitude, latitude, crime_id,
                last_outcome, context)
            SELECT %s, %s, COALESCE({c("Falls within")}, ''), {category},
                {lsoa}, a.district_code, COALESCE({c("Location")}, ''),
                CAST(NULLIF({c("Longitude")}, '') AS DOUBLE PRECISION),
                CAST(NULLIF({c("Latitude")}, '') AS DOUBLE PRECISION),
                COALESCE({c("Crime ID")}, ''), COALESCE({c("Last outcome category")}, ''),
                COALESCE({c("Context")}, '')
            {source} WHERE {kept}
            """,
            params,
        )
    return tally


def fill_outcomes(staging, police_month):
    """Insert the outcomes of crimes already imported, linked by Crime ID; return the tally."""
    source, _ = attribution_sql(staging)
    c = staging.column
    crime_id = c("Crime ID")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS crime_outcome_match")
        # One row per Crime ID: police.uk repeats a few, once at two locations.
        cursor.execute(
            f"""
            CREATE TEMPORARY TABLE crime_outcome_match AS
            SELECT crime_id, MIN(lsoa_code) AS lsoa_code, MIN(district_code) AS district_code
            FROM {Crime._meta.db_table}
            WHERE crime_id IN (SELECT {crime_id} FROM {staging.table} s WHERE {crime_id} <> '')
            GROUP BY crime_id
            """
        )
        source += f" LEFT JOIN crime_outcome_match m ON m.crime_id = {crime_id}"
        cursor.execute(f"SELECT {reasons_sql(staging, 'm.crime_id IS NOT NULL')} {source}")
        tally = cursor.fetchone()
        cursor.execute(
            f"""
            INSERT INTO {Outcome._meta.db_table} (police_month_id, month, crime_id, lsoa_code,
                district_code, category)
            SELECT %s, %s, m.crime_id, COALESCE(NULLIF({c("LSOA code")}, ''), m.lsoa_code),
                m.district_code, COALESCE({c("Outcome type")}, '')
            {source} WHERE m.crime_id IS NOT NULL
            """,
            [police_month.pk, police_month.month],
        )
        cursor.execute("DROP TABLE crime_outcome_match")
    return tally


def replace_month(source, first):
    """Delete the force's month of this kind (in SQL: never loading its rows) and start anew.

    Crime has no police_month index (it would slow every insert): its rows are found by one
    scan, so the month itself is deleted in SQL too, not by the ORM's cascade, a second scan.
    """
    old = PoliceMonth.objects.filter(force=first.force, month=first.month, kind=source.kind)
    old_ids = list(old.values_list("id", flat=True))
    if old_ids:
        with connection.cursor() as cursor:
            for model in (Crime, Outcome, MonthlyCount):
                cursor.execute(
                    f"DELETE FROM {model._meta.db_table} WHERE police_month_id = %s", old_ids
                )
            cursor.execute(f"DELETE FROM {PoliceMonth._meta.db_table} WHERE id = %s", old_ids)
    return PoliceMonth.objects.create(
        force=first.force, month=first.month, kind=source.kind, source=source.name[-300:]
    )


def import_file(source, progress):
    try:
        first = read_first_row(source)
        staging = Staging(source, first, progress)
        with transaction.atomic():
            police_month = replace_month(source, first)
            staging.load()
            staging.check()
            fill = fill_street if source.kind == STREET else fill_outcomes
            read, kept, no_location, unknown, no_crime = (
                int(n or 0) for n in fill(staging, police_month)
            )
            staging.drop()
            police_month.rows_read, police_month.rows_kept = read, kept
            police_month.no_location, police_month.unknown_lsoa = no_location, unknown
            other = read - kept - no_location - unknown - no_crime  # no_crime: outcomes only
            left_out = {"other": other, "no_location": no_location, "unknown": unknown}
            if source.kind == OUTCOMES:
                left_out["no_crime"] = no_crime
            police_month.left_out = {LEFT_OUT[key]: n for key, n in left_out.items()}
            police_month.save()
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise BadFile(f"{source.name}: the archive is corrupt or truncated ({error})") from None
    except DataError as error:
        raise BadFile(f"{source.name}: {error}".splitlines()[0]) from None
    return police_month


def import_police(paths, progress=None):
    """Import police.uk files, folders of them and archive zips; each file in one transaction.

    progress(done, total, message) is called every few megabytes and after each file, with
    bytes read of the total.
    """
    result = PoliceImport()
    with ExitStack() as archives:
        sources = find_sources(paths, archives)
        total = sum(source.size for source in sources if source.kind != STOP_AND_SEARCH)
        done = reported = 0
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
            result.months.append(import_file(source, tick))
            done = start + source.size
            if progress:
                reported = done
                progress(done, total, source.name)
    return result
