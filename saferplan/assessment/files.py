"""Reading partners' CSV files: a dataset's monthly counts, and a partnership's harm weights.

Every row is checked before anything is saved, as the plan import does (its `csv_rows` reads the
file line by line, its `BadSpreadsheet` names the first problems and counts the rest); the views
then save in one transaction, so a bad file changes nothing.
"""

import datetime
import difflib
import functools
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.utils import timezone

from saferplan.crime.areas import DISTRICT_CODE, LSOA_CODE, WARD_CODE
from saferplan.crime.models import Area
from saferplan.crime.selectors import ALL_CATEGORIES, ALL_CRIME, TOTAL
from saferplan.partnerships import access as rules
from saferplan.plans.spreadsheet import MAX_PROBLEMS, BadSpreadsheet, csv_rows, shown
from saferplan.safe_cells import UNWRITABLE

from .models import DatasetCount

DATASET_COLUMNS = ["month", "area code", "category", "count"]
WEIGHT_COLUMNS = ["category", "weight", "source"]
# Five years of 40 categories in each of a district's 80-odd LSOAs is about 192,000 rows.
MAX_ROWS = 200_000
MAX_BYTES = 20 * 1024 * 1024
CATEGORY_LENGTH = DatasetCount._meta.get_field("category").max_length
SOURCE_LENGTH = 300
MONTH_FORMATS = ["%Y-%m", "%Y-%m-%d", "%d/%m/%Y", "%m/%Y", "%b %Y", "%B %Y"]
WHOLE_NUMBER = re.compile(r"[0-9]+")
# The totals the crime selectors add up by these names; a category of one would be read as it.
RESERVED = {name.lower() for name in (ALL_CATEGORIES, ALL_CRIME, TOTAL)}


class Problems:
    """The problems of a file, the first MAX_PROBLEMS kept word for word, the rest counted."""

    def __init__(self):
        self.listed, self.found = [], 0

    def add(self, message):
        self.found += 1
        if len(self.listed) < MAX_PROBLEMS:
            self.listed.append(message)

    def raise_any(self):
        if self.found:
            raise BadSpreadsheet(self.listed, more=self.found - len(self.listed))


def rows_of(path, columns, optional=()):
    """[(line, {column: text})] of a UTF-8 CSV whose header has `columns` (in any order, any
    case, "area_code" for "area code"), and those of `optional` it has; blank rows are
    skipped."""
    path = Path(path)
    if path.suffix.lower() != ".csv":
        raise BadSpreadsheet([f"{path.name}: choose a .csv file"])
    rows = csv_rows(path)
    header = next(rows, None)
    if header is None:
        raise BadSpreadsheet([f"{path.name} is empty"])
    names = [" ".join(re.split(r"[\s_-]+", cell.strip().lower())) for cell in header]
    missing = [name for name in columns if name not in names]
    if missing:
        raise BadSpreadsheet(
            [
                f"line 1: no column {', '.join(repr(n) for n in missing)}: the columns must be "
                f"{', '.join(columns)} (this file's are {', '.join(map(repr, header)) or 'none'})"
            ]
        )
    where = {name: names.index(name) for name in [*columns, *optional] if name in names}
    table = []
    for line, values in enumerate(rows, start=2):
        if line > MAX_ROWS + 1:
            raise BadSpreadsheet([f"{path.name} has more than {MAX_ROWS:,} rows below its header"])
        cells = {
            name: UNWRITABLE.sub("", values[index]).strip() if index < len(values) else ""
            for name, index in where.items()
        }
        if any(cells.values()):
            table.append((line, cells))
    if not table:
        raise BadSpreadsheet([f"{path.name} has no rows below its header"])
    return table


# A file names a few months thousands of times each, and strptime is half the cost of a row.
@functools.lru_cache(maxsize=1024)
def parse_month(text):
    """The first day of the month `text` names (2019-01, 2019-01-01, 01/2019, Jan 2019…)."""
    for month_format in MONTH_FORMATS:
        try:
            day = datetime.datetime.strptime(text, month_format).date()
        except ValueError:
            continue
        if day.day != 1:
            raise ValueError(f"{shown(text)} is a day, not a month (write it as {day:%Y-%m})")
        return day
    raise ValueError(f"{shown(text)} is not a month (write it as YYYY-MM, e.g. 2019-01)")


def parse_count(text):
    if not WHOLE_NUMBER.fullmatch(text):
        raise ValueError(f"{shown(text)} is not a whole number of 0 or more")
    count = int(text)
    if count > 2**31 - 1:
        raise ValueError(f"{shown(text)} is too large a count")
    return count


# Datasets


@dataclass(frozen=True)
class Place:
    level: str
    district: str


def places_of(codes):
    """{code: Place} of the LSOA (either vintage), ward and district codes known to the loaded
    geography; codes not in it are absent."""
    found = {}
    lsoas = [code for code in codes if LSOA_CODE.fullmatch(code)]
    wards = [code for code in codes if WARD_CODE.fullmatch(code)]
    districts = [code for code in codes if DISTRICT_CODE.fullmatch(code)]
    Level = DatasetCount.Level
    for code, district in Area.objects.filter(code__in=lsoas).values_list("code", "district_code"):
        found[code] = Place(Level.LSOA, district)
    for code, district in (
        Area.objects.filter(ward_code__in=wards)
        .values_list("ward_code", "district_code")
        .distinct()
    ):
        found[code] = Place(Level.WARD, district)
    for code in (
        Area.objects.filter(district_code__in=districts)
        .values_list("district_code", flat=True)
        .distinct()
    ):
        found[code] = Place(Level.DISTRICT, code)
    return found


@dataclass
class DatasetFile:
    counts: list  # of unsaved DatasetCount, without their dataset
    read: int  # rows below the header
    left_out: dict  # {reason: rows}

    @property
    def summary(self):
        text = f"{len(self.counts):,} of {self.read:,} rows kept"
        for reason, rows in self.left_out.items():
            text += f"; {rows:,} left out ({reason})"
        return text


def read_dataset(path, partnership):
    """The counts of a dataset file in the partnership's districts, or BadSpreadsheet naming
    each bad line. Rows of other districts are left out and counted, as the police import does."""
    table = rows_of(path, DATASET_COLUMNS)
    places = places_of({cells["area code"].upper() for _, cells in table})
    own = set(rules.districts_of(partnership))
    problems, counts, seen = Problems(), [], {}
    left_out = Counter()
    for line, cells in table:
        before = problems.found
        month = count = None
        try:
            month = parse_month(cells["month"])
        except ValueError as error:
            problems.add(f"line {line}, column 'month': {error}")
        code = cells["area code"].upper()
        place = places.get(code)
        if place is None:
            problems.add(f"line {line}, column 'area code': {unknown_area(code)}")
        category = cells["category"]
        if not category:
            problems.add(f"line {line}, column 'category': is empty")
        elif len(category) > CATEGORY_LENGTH:
            problems.add(
                f"line {line}, column 'category': longer than {CATEGORY_LENGTH} characters"
            )
        elif category.lower() in RESERVED:
            problems.add(
                f"line {line}, column 'category': {shown(category)} is the name of a total on "
                "the crime page: call the category something else"
            )
        try:
            count = parse_count(cells["count"])
        except ValueError as error:
            problems.add(f"line {line}, column 'count': {error}")
        key = (month, code, category.lower())
        if problems.found == before:
            if key in seen:
                problems.add(
                    f"line {line}: the same month, area code and category as line {seen[key]} "
                    "(add the two counts up in one row)"
                )
                continue
            seen[key] = line
            if place.district not in own:
                left_out["other districts"] += 1
                continue
            counts.append(
                DatasetCount(
                    month=month,
                    area_code=code,
                    level=place.level,
                    district_code=place.district,
                    category=category,
                    count=count,
                )
            )
    problems.raise_any()
    if not counts:
        raise BadSpreadsheet(
            [
                f"none of its {len(table):,} rows is in the partnership's districts "
                f"({', '.join(sorted(own))})"
            ]
        )
    return DatasetFile(counts, len(table), dict(left_out))


def unknown_area(code):
    if not code:
        return "is empty"
    if not any(p.fullmatch(code) for p in (LSOA_CODE, WARD_CODE, DISTRICT_CODE)):
        return (
            f"{shown(code)} is not an LSOA, ward or district code (such as E01024662, E05005071 "
            "or E07000114)"
        )
    return f"{shown(code)} is in no area lookup loaded"


def save_dataset(dataset, parsed, *, loaded_by):
    """Save the dataset with the counts of `parsed` in place of any it had; call inside a
    transaction."""
    dataset.rows_read, dataset.rows_kept = parsed.read, len(parsed.counts)
    dataset.left_out = parsed.left_out
    dataset.loaded_by, dataset.loaded_at = loaded_by, timezone.now()
    dataset.save()
    dataset.rows.all().delete()
    for row in parsed.counts:
        row.dataset = dataset
    DatasetCount.objects.bulk_create(parsed.counts, batch_size=2000)


# Harm weights


@dataclass(frozen=True)
class WeightRow:
    category: str
    weight: Decimal
    source: str


def read_weights(path, known):
    """The weights of a CSV (category, weight, source), or BadSpreadsheet naming each bad line;
    a category not in `known` (the police.uk categories loaded and the datasets') is one."""
    table = rows_of(path, WEIGHT_COLUMNS)
    by_lower = {name.lower(): name for name in known}
    problems, weights, seen = Problems(), [], {}
    for line, cells in table:
        before = problems.found
        category = by_lower.get(cells["category"].lower())
        if not cells["category"]:
            problems.add(f"line {line}, column 'category': is empty")
        elif category is None:
            problems.add(f"line {line}, column 'category': {unknown_category(cells, by_lower)}")
        elif category in seen:
            problems.add(f"line {line}: {shown(category)} has a weight on line {seen[category]}")
        weight = parse_weight(cells["weight"], line, problems)
        source = cells["source"]
        if not source:
            problems.add(f"line {line}, column 'source': is empty (say where the weight is from)")
        elif len(source) > SOURCE_LENGTH:
            problems.add(f"line {line}, column 'source': longer than {SOURCE_LENGTH} characters")
        if problems.found == before:
            seen[category] = line
            weights.append(WeightRow(category, weight, source))
    problems.raise_any()
    return weights


def unknown_category(cells, by_lower):
    text = f"{shown(cells['category'])} is not a category of the police.uk data or of the datasets"
    close = difflib.get_close_matches(cells["category"].lower(), by_lower, n=1)
    return text + (f" (did you mean {by_lower[close[0]]!r}?)" if close else "")


def parse_weight(text, line, problems):
    try:
        weight = Decimal(text)
    except InvalidOperation:
        weight = None
    if weight is None or not weight.is_finite() or weight < 0:
        problems.add(f"line {line}, column 'weight': {shown(text)} is not a number of 0 or more")
        return None
    if weight >= 10**8 or weight != weight.quantize(Decimal("0.0001")):
        problems.add(
            f"line {line}, column 'weight': {shown(text)} has more than 8 digits before the "
            "point or 4 after it"
        )
        return None
    return weight


# Peer districts

PEER_COLUMNS = ["district code"]
PEER_OPTIONAL = ["name", "group"]
MAX_PEERS = 60
PEER_NAME_LENGTH = 100


@dataclass(frozen=True)
class PeerRow:
    code: str
    name: str
    group: str


def read_peers(path, known, own):
    """The peer districts of a CSV (district code; optional name and group), or BadSpreadsheet
    naming each bad line: a code that is no district of the loaded area lookup (`known`), one of
    the partnership's own districts (`own`), or one given twice."""
    table = rows_of(path, PEER_COLUMNS, PEER_OPTIONAL)
    if len(table) > MAX_PEERS:
        raise BadSpreadsheet([f"{len(table):,} districts: at most {MAX_PEERS} peers"])
    problems, peers, seen = Problems(), [], {}
    for line, cells in table:
        code = cells["district code"].upper()
        name, group = cells.get("name", ""), cells.get("group", "")
        before = problems.found
        if not code:
            problems.add(f"line {line}, column 'district code': is empty")
        elif not DISTRICT_CODE.fullmatch(code):
            problems.add(
                f"line {line}, column 'district code': {shown(cells['district code'])} is not a "
                "district code (such as E07000114)"
            )
        elif code not in known:
            problems.add(
                f"line {line}, column 'district code': {shown(code)} is in no area lookup loaded"
            )
        elif code in own:
            problems.add(f"line {line}: {code} is one of the partnership's own districts")
        elif code in seen:
            problems.add(f"line {line}: {code} is on line {seen[code]} already")
        for column, text in (("name", name), ("group", group)):
            if len(text) > PEER_NAME_LENGTH:
                problems.add(
                    f"line {line}, column '{column}': longer than {PEER_NAME_LENGTH} characters"
                )
        if problems.found == before:
            seen[code] = line
            peers.append(PeerRow(code, name, group))
    problems.raise_any()
    return peers
