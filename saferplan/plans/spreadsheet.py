"""A plan as a spreadsheet (CSV or XLSX): one row per action, the form councils keep plans in.

Reading streams the file (at most MAX_ROWS rows) and checks every row before anything is saved,
naming the first MAX_PROBLEMS bad ones (row, column, why) and counting the rest; `save_plan` then
writes the whole plan in one transaction. Writing reads the figures from
`selectors.plan_progress`, so an export shows the status the pages show. Export then import gives
back the same priorities, emerging issues and actions, each with its latest status and update.
"""

import codecs
import csv
import datetime
import io
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from saferplan import financial_years, safe_cells
from saferplan.partnerships import access as rules

from .changes import take_version
from .models import (
    Action,
    EmergingIssue,
    Plan,
    Priority,
    ProgressUpdate,
    Status,
    lead_officer_person_named,
)
from .selectors import plan_progress

COLUMNS = [
    "Priority",
    "Emerging issue",
    "Action",
    "Lead agency",
    "Supporting agencies",
    "Lead officer",
    "Target date",
    "How success will be measured",
    "Status",
    "Latest update",
    "Updated on",
]
DATE_COLUMNS = ["Target date", "Updated on"]
REQUIRED = ["Priority", "Emerging issue", "Action", "Lead agency"]
LIMITS = {"Priority": 200, "Emerging issue": 300, "Action": 500, "Lead officer": 150}
STATUS_WORDS = {
    word: status
    for status in Status
    for word in {status.value, status.label.lower(), status.value.replace("_", "-")}
}
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"]


MAX_ROWS = 20_000  # rows below the header: a plan of a few thousand actions, with room to spare
MAX_PROBLEMS = 100  # problems listed; beyond these a bad file is only counted
MAX_COLUMNS = 100  # columns of the header row searched for the plan's columns
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # any one part of an XLSX (a zip), once unpacked


class BadSpreadsheet(Exception):
    """The file cannot be imported; `problems` names the first bad rows (column and why), and
    `more` counts the problems found beyond them."""

    def __init__(self, problems, more=0):
        super().__init__(problems[0])
        self.problems = problems
        self.more = more

    @property
    def count(self):
        return len(self.problems) + self.more

    def lines(self):
        """Every problem listed, then how many more there are."""
        if not self.more:
            return list(self.problems)
        return [*self.problems, f"and {self.more:,} more problem{'s' * (self.more > 1)}"]

    def summary(self, name):
        """One line: how many problems, that nothing was saved, and the first."""
        return (
            f"{name}: {self.count:,} problem{'s' * (self.count > 1)}, nothing was imported "
            f"(first: {self.problems[0]})"
        )


@dataclass
class ActionRow:
    row: int
    priority: str
    issue: str
    title: str
    lead_agency: object
    supporting_agencies: list
    lead_officer: str
    target_date: datetime.date | None
    success_measure: str
    status: str
    note: str
    updated_on: datetime.date | None


# Reading


def read_table(path):
    """[(row number, {column: value}), ...] of a CSV or XLSX file; the header is row 1.
    Rows are read one at a time, and a file of more than MAX_ROWS rows is refused when the
    first row beyond them is read, so a hostile file costs no more than an allowed one."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = csv_rows(path)
    elif suffix == ".xlsx":
        rows = xlsx_rows(path)
    else:
        raise BadSpreadsheet([f"{path.name}: a plan is imported from a .csv or .xlsx file"])
    header = next(rows, None)
    if header is None:
        raise BadSpreadsheet([f"{path.name} is empty"])
    headers = [str(h or "").strip().lower() for h in header[:MAX_COLUMNS]]
    missing = [c for c in REQUIRED if c.lower() not in headers]
    if missing:
        raise BadSpreadsheet(
            [
                f"row 1: missing column{'s' * (len(missing) > 1)} "
                + ", ".join(repr(c) for c in missing)
            ]
        )
    columns = {c: headers.index(c.lower()) for c in COLUMNS if c.lower() in headers}
    table = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            raise too_many_rows(path)
        cells = {c: clean_cell(values, index, c in DATE_COLUMNS) for c, index in columns.items()}
        if any(cells.values()):
            table.append((number, cells))
    if not table:
        raise BadSpreadsheet([f"{path.name} has no actions below its header row"])
    return table


def too_many_rows(path):
    return BadSpreadsheet(
        [
            f"{path.name} has more than {MAX_ROWS:,} rows below its header row: a plan "
            f"spreadsheet may have at most {MAX_ROWS:,} actions"
        ]
    )


def csv_rows(path):
    """The rows of a UTF-8 CSV file, decoded line by line so a bad byte is named by its line."""

    def lines(handle):
        for number, line in enumerate(handle, start=1):
            if number == 1 and line.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                raise BadSpreadsheet([f"{path.name} is UTF-16 text: {SAVE_AS_UTF8}"])
            try:
                yield line.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise BadSpreadsheet(
                    [
                        f"{path.name}, line {number}: byte {line[error.start]:#04x} is not "
                        f"UTF-8 text: {SAVE_AS_UTF8}"
                    ]
                ) from None

    with path.open("rb") as handle:
        reader = csv.reader(lines(handle))
        try:
            yield from reader
        except csv.Error as error:
            raise BadSpreadsheet([f"{path.name}, line {reader.line_num}: {error}"]) from None


SAVE_AS_UTF8 = 'save it again as "CSV UTF-8" (Excel) or "Text CSV" with UTF-8 (LibreOffice)'


def xlsx_rows(path):
    """The rows of the first sheet of an XLSX workbook, as values, streamed from the file."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = max(part.file_size for part in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise BadSpreadsheet([f"{path.name} is not an Excel workbook (.xlsx)"]) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise BadSpreadsheet(
            [f"{path.name} unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB: too big a plan"]
        )
    from openpyxl import load_workbook  # imported when used: it takes a second

    # openpyxl reports a damaged workbook with whatever its parsers raise, so any error while
    # reading the file is the file's.
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:
        raise unreadable(path, error) from None
    try:
        if not workbook.worksheets:
            raise BadSpreadsheet([f"{path.name} has no worksheet"])
        sheet = workbook.worksheets[0]
        if (sheet.max_row or 0) > MAX_ROWS + 1:  # the size the sheet declares, read cheaply
            raise too_many_rows(path)
        sheet.reset_dimensions()  # a declared size can also be too small: read every row
        yield from sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    except BadSpreadsheet:
        raise
    except Exception as error:
        raise unreadable(path, error) from None
    finally:
        workbook.close()


def unreadable(path, error):
    return BadSpreadsheet(
        [f"{path.name} is damaged or not an Excel workbook ({type(error).__name__})"]
    )


def clean_cell(values, index, is_date):
    """The cell as text; in a date column, a date the workbook holds stays a date."""
    value = values[index] if index < len(values) else None
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value if is_date else value.isoformat()
    if value is None:
        return ""
    # Control characters cannot be exported to XLSX, and PostgreSQL refuses NUL; an apostrophe
    # that an export put before text a spreadsheet would take for a formula is dropped.
    return safe_cells.original_text(safe_cells.UNWRITABLE.sub("", str(value))).strip()


def parse_date(value):
    if isinstance(value, datetime.date) or value == "":
        return value or None
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, date_format).date()
        except ValueError:
            continue
    raise ValueError(f"{shown(value)} is not a date (write it as YYYY-MM-DD or DD/MM/YYYY)")


def check_rows(table, partnership, progress=None):
    """Every row as an ActionRow, or BadSpreadsheet naming the first MAX_PROBLEMS problems in
    the file and counting the rest. `progress(rows checked)` hears of each row."""
    agencies = {a.name.lower(): a for a in rules.agencies_of(partnership)}
    known = ", ".join(sorted(a.name for a in agencies.values()))
    problems, parsed = [], []
    found = 0

    def problem(message):
        nonlocal found
        found += 1
        if len(problems) < MAX_PROBLEMS:
            problems.append(message)

    def agency(name, row, column):
        match = agencies.get(name.lower())
        if match is None:
            problem(
                f"row {row}, column {column!r}: unknown agency {shown(name)} "
                f"(the agencies of {partnership} are {known})"
            )
        return match

    for checked, (row, cells) in enumerate(table, start=1):
        if progress:
            progress(checked)
        before = found
        for column in REQUIRED:
            if not cells.get(column):
                problem(f"row {row}, column {column!r}: is empty")
        for column, limit in LIMITS.items():
            if len(cells.get(column, "")) > limit:
                problem(f"row {row}, column {column!r}: longer than {limit} characters")
        lead = agency(cells["Lead agency"], row, "Lead agency") if cells["Lead agency"] else None
        names = cells.get("Supporting agencies", "").replace("\n", ";").split(";")
        supporting = [agency(n.strip(), row, "Supporting agencies") for n in names if n.strip()]
        dates = {}
        for column in DATE_COLUMNS:
            try:
                dates[column] = parse_date(cells.get(column, ""))
            except ValueError as error:
                problem(f"row {row}, column {column!r}: {error}")
        status_word = cells.get("Status", "").lower() or Status.NOT_STARTED.value
        if status_word not in STATUS_WORDS:
            problem(
                f"row {row}, column 'Status': {shown(cells['Status'])} is not one of "
                "completed, underway, not started"
            )
        if found == before:
            parsed.append(
                ActionRow(
                    row=row,
                    priority=cells["Priority"],
                    issue=cells["Emerging issue"],
                    title=cells["Action"],
                    lead_agency=lead,
                    supporting_agencies=[a for a in dict.fromkeys(supporting) if a != lead],
                    lead_officer=cells.get("Lead officer", ""),
                    target_date=dates["Target date"],
                    success_measure=cells.get("How success will be measured", ""),
                    status=STATUS_WORDS[status_word],
                    note=cells.get("Latest update", ""),
                    updated_on=dates["Updated on"],
                )
            )
    if problems:
        raise BadSpreadsheet(problems, more=found - len(problems))
    return parsed


def shown(text, most=60):
    """A cell's text quoted in a problem, cut short: a problem names the cell, not all of it."""
    return repr(text if len(text) <= most else text[: most - 1] + "…")


def read_plan(path, partnership):
    return check_rows(read_table(path), partnership)


def target_date_warnings(rows, year):
    """The rows whose target date falls outside the plan's year (the first MAX_PROBLEMS, then
    how many more): imported as written, since a date may be meant, but named to be checked."""
    starts, ends = financial_years.starts(year), financial_years.ends(year)
    outside = [row for row in rows if row.target_date and not starts <= row.target_date <= ends]
    lines = [
        f"row {row.row}: target date {row.target_date:%-d %B %Y} is outside the plan's year "
        f"({starts:%-d %B %Y} to {ends:%-d %B %Y})"
        for row in outside[:MAX_PROBLEMS]
    ]
    more = len(outside) - len(lines)
    if more:
        lines.append(f"and {more:,} more row{'s' * (more > 1)} with a target date outside it")
    return lines


def save_plan(*, partnership, year, rows, status=Plan.Stage.ADOPTED):
    """Create the plan for `year` from checked rows, in one transaction; BadSpreadsheet if the
    year has a plan, also when another import of it finished first."""
    try:
        return create_plan(partnership=partnership, year=year, rows=rows, status=status)
    except IntegrityError:
        if not rules.plans_of(partnership).filter(year=year).exists():
            raise
    raise already_planned(partnership, year)


def already_planned(partnership, year):
    return BadSpreadsheet([f"{partnership} already has a plan for {financial_years.label(year)}"])


@transaction.atomic
def create_plan(*, partnership, year, rows, status):
    """The plan and all its records, each kind (and its history) written in a few bulk inserts
    whatever the number of rows: a record at a time, 10,000 rows took minutes."""
    if rules.plans_of(partnership).filter(year=year).exists():
        raise already_planned(partnership, year)
    plan = Plan.objects.create(partnership=partnership, year=year, status=status)
    people = list(rules.people_who_update(partnership))
    priorities, issues = {}, {}
    for row in rows:
        if row.priority not in priorities:
            priorities[row.priority] = Priority(
                plan=plan, number=len(priorities) + 1, title=row.priority
            )
    create_with_history(Priority, priorities.values())
    in_priority, in_issue, actions = Counter(), Counter(), []
    for row in rows:
        key = (row.priority, row.issue)
        if key not in issues:
            in_priority[row.priority] += 1
            issues[key] = EmergingIssue(
                priority=priorities[row.priority], number=in_priority[row.priority], title=row.issue
            )
        in_issue[key] += 1
        actions.append(
            Action(
                issue=issues[key],
                number=in_issue[key],
                title=row.title,
                lead_agency=row.lead_agency,
                lead_officer=row.lead_officer,
                lead_officer_person=lead_officer_person_named(
                    row.lead_officer, agency=row.lead_agency, people=people
                ),
                target_date=row.target_date or plan.ends,
                success_measure=row.success_measure,
            )
        )
    create_with_history(EmergingIssue, issues.values())
    Action.objects.bulk_create(actions)
    # The supporting agencies and their history are most of the rows: written as plain rows
    # (executemany), not as model instances, which would double the time of the whole import.
    supporting = Action.supporting_agencies.through
    insert_rows(
        supporting,
        ["action", "agency"],
        [
            (action.pk, agency.pk)
            for action, row in zip(actions, rows, strict=True)
            for agency in row.supporting_agencies
        ],
    )
    history = {record.id: record.pk for record in Action.history.bulk_history_create(actions)}
    # Each action's supporting agencies in its history, as simple-history records them when
    # they are set one action at a time.
    supporting_history = Action.history.model._meta.get_field(
        "historicalaction_supporting_agencies"
    ).related_model
    insert_rows(
        supporting_history,
        ["history", "id", "action", "agency"],
        [
            (history[action_id], pk, action_id, agency_id)
            for pk, action_id, agency_id in supporting.objects.filter(
                action__issue__priority__plan=plan
            ).values_list("pk", "action_id", "agency_id")
        ],
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            action=action, status=row.status, note=row.note, recorded_at=noon(row.updated_on)
        )
        for action, row in zip(actions, rows, strict=True)
        if row.status != Status.NOT_STARTED or row.note
    )
    if status != Plan.Stage.DRAFT:
        # Imported as adopted or out for consultation: frozen as such, as the stage change would.
        take_version(plan, stage=status)
    return plan


def insert_rows(model, fields, rows):
    """INSERT `rows` (tuples of values of `fields`) into the model's table, in one executemany."""
    columns = ", ".join(model._meta.get_field(name).column for name in fields)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {model._meta.db_table} ({columns}) "
            f"VALUES ({', '.join(['%s'] * len(fields))})",
            rows,
        )


def create_with_history(model, objects):
    model.objects.bulk_create(objects)
    model.history.bulk_history_create(objects)


def noon(day):
    """An update dated only by its day is taken as made at midday of it; undated, as made now."""
    if day is None:
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


# Writing


def plan_rows(plan):
    """The plan's actions as spreadsheet rows, with each one's latest status and update today."""
    for action in plan_progress(plan).actions:
        updated = action.last_update_at
        yield [
            action.issue.priority.title,
            action.issue.title,
            action.title,
            action.lead_agency.name,
            "; ".join(a.name for a in action.supporting),
            action.lead_officer,
            action.target_date,
            action.success_measure,
            Status(action.status).label,
            action.last_note or "",
            timezone.localtime(updated).date() if updated else None,
        ]


def template_rows(partnership, year):
    """The one example row of the spreadsheet offered to fill in: an action of the plan for
    `year`, led and supported by agencies of the partnership, as an import would take it."""
    agencies = [agency.name for agency in rules.agencies_of(partnership).order_by("name")[:2]]
    lead, supporting = [*agencies, "", ""][:2]
    yield [
        "Anti-social behaviour",
        "Street drinking in the town centre",
        "Joint patrols on Friday and Saturday nights",
        lead,
        supporting,
        "Sam Patel, ASB Officer",
        financial_years.ends(year),
        "Fewer calls about street drinking than last year",
        Status.NOT_STARTED.label,
        "",
        None,
    ]


def write_csv(plan, handle):
    write_csv_rows(plan_rows(plan), handle)


def write_csv_rows(rows, handle):
    writer = safe_cells.csv_writer(handle)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow(
            ["" if v is None else v.isoformat() if isinstance(v, datetime.date) else v for v in row]
        )


def xlsx_bytes(plan):
    return xlsx_of(plan_rows(plan), title=f"Plan {plan.label}")


def xlsx_of(rows, *, title):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        safe_cells.append_row(sheet, row)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    for letter, width in zip(
        "ABCDEFGHIJK", [24, 36, 60, 28, 36, 28, 12, 40, 12, 60, 12], strict=True
    ):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
