"""Loading the geography from ONS files: LSOA → ward → district lookups, population, boundaries.

ONS publishes each lookup in many vintages whose columns differ (`WD19CD` or `WD23CD`, `LAD19CD` or
`LAD22CD`, 2011 or 2021 LSOA codes, an `FID`/`ObjectId` first, last or absent, a byte-order mark or
not), so columns are found by name pattern, never by position. Every import is an upsert: loading
a file again updates the areas in place. Each file is saved in one transaction or not at all.
"""

import csv
import json
import re
from dataclasses import dataclass

from django.db import connection, transaction

from saferplan.crime.files import BadFile, find_column, open_csv, read_header
from saferplan.crime.models import Area, Boundary
from saferplan.crime.selectors import geography_changed
from saferplan.safe_cells import UNWRITABLE

LSOA_CODE = re.compile(r"[EW]01\d{6}")
WARD_CODE = re.compile(r"[EWSN]05\d{6}")
DISTRICT_CODE = re.compile(r"[EWSN]0[6-9]\d{6}")
NAME_LENGTH = Area._meta.get_field("name").max_length
GEOGRAPHY_FIELDS = ["name", "vintage", "ward_code", "ward_name", "district_code", "district_name"]


@dataclass
class Imported:
    """What one file did, for the command to print."""

    name: str
    what: str
    read: int = 0
    created: int = 0
    updated: int = 0
    left_out: int = 0


@dataclass
class LookupColumns:
    """Where a lookup's columns are: {vintage: (code, name)} for LSOAs, then ward and district."""

    lsoa: dict
    ward: tuple
    district: tuple

    @property
    def is_bridge(self):
        return len(self.lsoa) == 2


def lookup_columns(header, name):
    """Find the LSOA, ward and district columns of an ONS lookup, or say which are missing."""
    lsoa = {}
    for vintage in (2011, 2021):
        code, _ = find_column(header, rf"LSOA{vintage % 100}CD")
        if code is not None:
            lsoa[vintage] = (code, find_column(header, rf"LSOA{vintage % 100}NM")[0])
    ward = (find_column(header, r"WD\d\dCD")[0], find_column(header, r"WD\d\dNM")[0])
    district = (find_column(header, r"LAD\d\dCD")[0], find_column(header, r"LAD\d\dNM")[0])
    missing = []
    if not lsoa:
        missing.append("LSOA11CD or LSOA21CD")
    if len(lsoa) < 2 and ward[0] is None:
        missing.append("WDyyCD (ward)")
    if district[0] is None:
        missing.append("LADyyCD (district)")
    if missing:
        raise BadFile(
            f"{name}: not an ONS LSOA lookup: no column {', '.join(missing)} "
            f"(its columns: {', '.join(header) or 'none'})"
        )
    return LookupColumns(lsoa, ward, district)


def cell(row, position):
    if position is None or position >= len(row):
        return ""
    # Control characters are no part of a code or name, and PostgreSQL refuses NUL.
    return UNWRITABLE.sub("", row[position]).strip()


def checked_name(row, position, what, where):
    value = cell(row, position)
    if len(value) > NAME_LENGTH:
        raise BadFile(f"{where}: {what} is longer than {NAME_LENGTH} characters")
    return value


def checked_code(row, position, pattern, what, where):
    value = cell(row, position)
    if not pattern.fullmatch(value):
        raise BadFile(f"{where}: {what} {value!r} is not an ONS code")
    return value


def read_lookup(path):
    """(columns, rows) of an ONS lookup; each row a list of stripped cells with its line."""
    with open_csv(path) as handle:
        reader = csv.reader(handle)
        columns = lookup_columns(read_header(reader, path), path)
        try:
            rows = [(reader.line_num, row) for row in reader if any(row)]
        except (csv.Error, UnicodeDecodeError) as error:
            raise BadFile(f"{path}: line {reader.line_num + 1}: {error}") from None
    if not rows:
        raise BadFile(f"{path}: the lookup has no rows")
    return columns, rows


def lookup_areas(columns, rows, path):
    """{code: Area} from a lookup of one LSOA vintage to wards and districts."""
    ((vintage, (code_at, name_at)),) = columns.lsoa.items()
    areas = {}
    for line, row in rows:
        where = f"{path}: line {line}"
        code = checked_code(row, code_at, LSOA_CODE, "LSOA code", where)
        areas[code] = Area(
            code=code,
            name=checked_name(row, name_at, "LSOA name", where),
            vintage=vintage,
            ward_code=checked_code(row, columns.ward[0], WARD_CODE, "ward code", where),
            ward_name=checked_name(row, columns.ward[1], "ward name", where),
            district_code=checked_code(
                row, columns.district[0], DISTRICT_CODE, "district code", where
            ),
            district_name=checked_name(row, columns.district[1], "district name", where),
        )
    return areas


def bridged_areas(columns, rows, path):
    """{code: Area} for the 2021 LSOAs of a 2011 → 2021 bridge, placed where their parent is.

    A 2021 LSOA takes the ward and district of its 2011 parent (the first, when 2011 LSOAs were
    merged), so police rows coded in either vintage are attributed alike. A 2011 LSOA the ward
    lookup did not give is added with the bridge's district and no ward.
    """
    known = {area.code: area for area in Area.objects.all()}
    old_code_at, old_name_at = columns.lsoa[2011]
    new_code_at, new_name_at = columns.lsoa[2021]
    areas = {}
    for line, row in rows:
        where = f"{path}: line {line}"
        old = checked_code(row, old_code_at, LSOA_CODE, "2011 LSOA code", where)
        new = checked_code(row, new_code_at, LSOA_CODE, "2021 LSOA code", where)
        district = checked_code(row, columns.district[0], DISTRICT_CODE, "district code", where)
        parent = known.get(old) or areas.get(old)
        if parent is None:
            parent = areas[old] = Area(
                code=old,
                name=checked_name(row, old_name_at, "2011 LSOA name", where),
                vintage=Area.Vintage.LSOA_2011,
                district_code=district,
                district_name=checked_name(row, columns.district[1], "district name", where),
            )
        # A 2021 LSOA that kept a 2011 code (one that others merged into) is that 2011 area.
        if new in areas or getattr(known.get(new), "vintage", None) == Area.Vintage.LSOA_2011:
            continue
        areas[new] = Area(
            code=new,
            name=checked_name(row, new_name_at, "2021 LSOA name", where),
            vintage=Area.Vintage.LSOA_2021,
            ward_code=parent.ward_code,
            ward_name=parent.ward_name,
            district_code=parent.district_code,
            district_name=parent.district_name,
        )
    return areas


def upsert(model, rows, key, update):
    """INSERT … ON CONFLICT (key) DO UPDATE, one executemany: the ORM's bulk_create is ten times
    slower on 35,000 areas. Rows are tuples in the order key + update."""
    table = model._meta.db_table
    columns = [*key, *update]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"VALUES ({', '.join(['%s'] * len(columns))}) "
            f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET "
            + ", ".join(f"{column} = excluded.{column}" for column in update),
            rows,
        )


def upsert_areas(areas):
    """Create or update areas by code, never touching their population; (created, updated)."""
    existing = set(Area.objects.filter(code__in=list(areas)).values_list("code", flat=True))
    upsert(
        Area,
        [
            (area.code, *(getattr(area, field) for field in GEOGRAPHY_FIELDS))
            for area in areas.values()
        ],
        key=["code"],
        update=GEOGRAPHY_FIELDS,
    )
    return len(areas) - len(existing), len(existing)


def import_areas(paths):
    """Import ONS lookups; 2011 lookups first, then bridges, then 2021 lookups, which win."""
    read = [(path, *read_lookup(path)) for path in paths]

    def order(item):
        columns = item[1]
        return 1 if columns.is_bridge else (2 if 2021 in columns.lsoa else 0)

    results = []
    for path, columns, rows in sorted(read, key=order):
        with transaction.atomic():
            if columns.is_bridge:
                areas, what = bridged_areas(columns, rows, path), "LSOA 2011 → 2021 bridge"
            else:
                areas, what = lookup_areas(columns, rows, path), "LSOA → ward → district lookup"
            created, updated = upsert_areas(areas)
        results.append(Imported(str(path), what, len(rows), created, updated))
    geography_changed()
    return results


def import_population(path):
    """Set each LSOA's population from a file of LSOA code and population."""
    with open_csv(path) as handle:
        reader = csv.reader(handle)
        header = read_header(reader, path)
        code_at, _ = find_column(header, r"lsoa(11|21)?cd")
        population_at, _ = find_column(header, r"population")
        missing = [
            column
            for column, at in (("lsoacd", code_at), ("population", population_at))
            if at is None
        ]
        if missing:
            raise BadFile(
                f"{path}: not a population file: no column {', '.join(missing)} "
                f"(its columns: {', '.join(header) or 'none'})"
            )
        populations = {}
        for row in reader:
            where = f"{path}: line {reader.line_num}"
            code = checked_code(row, code_at, LSOA_CODE, "LSOA code", where)
            value = cell(row, population_at).replace(",", "")
            if not value.isdigit():
                raise BadFile(f"{where}: population {value!r} is not a whole number")
            populations[code] = int(value)
    if not populations:
        raise BadFile(f"{path}: the file has no rows")
    with transaction.atomic():
        areas = [area for area in Area.objects.all() if area.code in populations]
        for area in areas:
            area.population = populations[area.code]
        # An upsert on the code is one statement per batch; bulk_update's CASE is ten times slower.
        Area.objects.bulk_create(
            areas,
            batch_size=2000,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["population"],
        )
    geography_changed()
    return Imported(
        str(path),
        "population",
        len(populations),
        updated=len(areas),
        left_out=len(populations) - len(areas),
    )


def read_geojson(path):
    try:
        with open(path, encoding="utf-8-sig") as handle:
            data = json.load(handle)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BadFile(f"{path}: not GeoJSON: {error}") from None
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or not features:
        raise BadFile(f"{path}: not a GeoJSON FeatureCollection with features")
    return features


def boundary_kind(properties, path):
    """(kind, code property, name property) from the ONS property names of the first feature."""
    keys = list(properties)
    for kind, prefix in ((Boundary.Kind.WARD, r"WD\d\d"), (Boundary.Kind.LSOA, r"LSOA\d\d")):
        _, code = find_column(keys, prefix + "CD")
        if code:
            return kind, code, find_column(keys, prefix + "NM")[1]
    raise BadFile(
        f"{path}: the features have no ward (WDyyCD) or LSOA (LSOAyyCD) code property "
        f"(their properties: {', '.join(keys) or 'none'})"
    )


def area_districts(kind):
    """{ward or LSOA code: district code} from the areas loaded, for files without LADyyCD."""
    field = "ward_code" if kind == Boundary.Kind.WARD else "code"
    return dict(Area.objects.values_list(field, "district_code"))


def import_boundaries(path):
    """Create or update ward or LSOA polygons from an ONS GeoJSON file."""
    features = read_geojson(path)
    first = features[0].get("properties") if isinstance(features[0], dict) else None
    kind, code_key, name_key = boundary_kind(first or {}, path)
    pattern = WARD_CODE if kind == Boundary.Kind.WARD else LSOA_CODE
    district_key = find_column(list(first), r"LAD\d\dCD")[1]
    districts = None if district_key else area_districts(kind)
    boundaries = {}
    for number, feature in enumerate(features, start=1):
        where = f"{path}: feature {number}"
        properties = feature.get("properties") or {}
        geometry = feature.get("geometry")
        code = str(properties.get(code_key) or "").strip()
        if not pattern.fullmatch(code):
            raise BadFile(f"{where}: {code_key} {code!r} is not an ONS code")
        if not isinstance(geometry, dict) or geometry.get("type") not in {
            "Polygon",
            "MultiPolygon",
        }:
            raise BadFile(f"{where}: {code} has no polygon")
        district = properties.get(district_key) if district_key else districts.get(code)
        boundaries[code] = Boundary(
            kind=kind,
            code=code,
            name=str(properties.get(name_key) or "").strip(),
            district_code=district or "",
            geometry=geometry,
        )
    with transaction.atomic():
        existing = Boundary.objects.filter(kind=kind, code__in=list(boundaries)).count()
        Boundary.objects.bulk_create(
            boundaries.values(),
            update_conflicts=True,
            unique_fields=["kind", "code"],
            update_fields=["name", "district_code", "geometry"],
        )
    geography_changed()
    return Imported(
        str(path),
        f"{kind.label.lower()} boundaries",
        len(features),
        len(boundaries) - existing,
        existing,
    )
