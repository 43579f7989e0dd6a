"""A plan as a spreadsheet (CSV or XLSX): one row per action, the form councils keep plans in.

Reading checks every row before anything is saved and names each bad one (row, column, why);
`save_plan` then writes the whole plan in one transaction. Writing reads the figures from
`selectors.plan_progress`, so an export shows the status the pages show. Export then import gives
back the same priorities, emerging issues and actions, each with its latest status and update.
"""

import csv
import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from saferplan import financial_years
from saferplan.partnerships import access as rules

from .models import (
    Action,
    EmergingIssue,
    Plan,
    Priority,
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
REQUIRED = ["Priority", "Emerging issue", "Action", "Lead agency"]
LIMITS = {"Priority": 200, "Emerging issue": 300, "Action": 500, "Lead officer": 150}
STATUS_WORDS = {
    word: status
    for status in Status
    for word in {status.value, status.label.lower(), status.value.replace("_", "-")}
}
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"]


class BadSpreadsheet(Exception):
    """The file cannot be imported; `problems` names each bad row, column and why."""

    def __init__(self, problems):
        super().__init__(problems[0])
        self.problems = problems


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
    """[(row number, {column: value}), ...] of a CSV or XLSX file; the header is row 1."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    elif suffix == ".xlsx":
        from openpyxl import load_workbook  # imported when used: it takes a second

        workbook = load_workbook(path, read_only=True, data_only=True)
        rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        workbook.close()
    else:
        raise BadSpreadsheet([f"{path.name}: a plan is imported from a .csv or .xlsx file"])
    if not rows:
        raise BadSpreadsheet([f"{path.name} is empty"])
    headers = [str(h or "").strip().lower() for h in rows[0]]
    missing = [c for c in REQUIRED if c.lower() not in headers]
    if missing:
        raise BadSpreadsheet(
            [
                f"row 1: missing column{'s' * (len(missing) > 1)} "
                + ", ".join(repr(c) for c in missing)
            ]
        )
    table = []
    for number, values in enumerate(rows[1:], start=2):
        cells = {
            c: clean_cell(values, headers.index(c.lower())) for c in COLUMNS if c.lower() in headers
        }
        if any(cells.values()):
            table.append((number, cells))
    if not table:
        raise BadSpreadsheet([f"{path.name} has no actions below its header row"])
    return table


def clean_cell(values, index):
    value = values[index] if index < len(values) else None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return "" if value is None else str(value).strip()


def parse_date(value):
    if isinstance(value, datetime.date) or value == "":
        return value or None
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, date_format).date()
        except ValueError:
            continue
    raise ValueError(f"{value!r} is not a date (write it as YYYY-MM-DD or DD/MM/YYYY)")


def check_rows(table, partnership, progress=None):
    """Every row as an ActionRow, or BadSpreadsheet naming every problem in the file.
    `progress(rows checked)` hears of each row."""
    agencies = {a.name.lower(): a for a in rules.agencies_of(partnership)}
    known = ", ".join(sorted(a.name for a in agencies.values()))
    problems, parsed = [], []

    def agency(name, row, column):
        found = agencies.get(name.lower())
        if found is None:
            problems.append(
                f"row {row}, column {column!r}: unknown agency {name!r} "
                f"(the agencies of {partnership} are {known})"
            )
        return found

    for checked, (row, cells) in enumerate(table, start=1):
        if progress:
            progress(checked)
        before = len(problems)
        for column in REQUIRED:
            if not cells.get(column):
                problems.append(f"row {row}, column {column!r}: is empty")
        for column, limit in LIMITS.items():
            if len(str(cells.get(column, ""))) > limit:
                problems.append(f"row {row}, column {column!r}: longer than {limit} characters")
        lead = agency(cells["Lead agency"], row, "Lead agency") if cells["Lead agency"] else None
        names = str(cells.get("Supporting agencies", "")).replace("\n", ";").split(";")
        supporting = [agency(n.strip(), row, "Supporting agencies") for n in names if n.strip()]
        dates = {}
        for column in ["Target date", "Updated on"]:
            try:
                dates[column] = parse_date(cells.get(column, ""))
            except ValueError as error:
                problems.append(f"row {row}, column {column!r}: {error}")
        status_word = str(cells.get("Status", "")).lower() or Status.NOT_STARTED.value
        if status_word not in STATUS_WORDS:
            problems.append(
                f"row {row}, column 'Status': {cells['Status']!r} is not one of "
                "completed, underway, not started"
            )
        if len(problems) == before:
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
        raise BadSpreadsheet(problems)
    return parsed


def read_plan(path, partnership):
    return check_rows(read_table(path), partnership)


@transaction.atomic
def save_plan(*, partnership, year, rows, status=Plan.Stage.ADOPTED):
    """Create the plan for `year` from checked rows, in one transaction."""
    if rules.plans_of(partnership).filter(year=year).exists():
        raise BadSpreadsheet(
            [f"{partnership} already has a plan for {financial_years.label(year)}"]
        )
    plan = Plan.objects.create(partnership=partnership, year=year, status=status)
    people = list(rules.people_who_update(partnership))
    priorities, issues, in_issue = {}, {}, {}
    for row in rows:
        if row.priority not in priorities:
            priorities[row.priority] = Priority.objects.create(
                plan=plan, number=len(priorities) + 1, title=row.priority
            )
        priority = priorities[row.priority]
        if (row.priority, row.issue) not in issues:
            issues[row.priority, row.issue] = EmergingIssue.objects.create(
                priority=priority,
                number=1 + sum(key[0] == row.priority for key in issues),
                title=row.issue,
            )
        issue = issues[row.priority, row.issue]
        in_issue[issue.pk] = in_issue.get(issue.pk, 0) + 1
        action = Action.objects.create(
            issue=issue,
            number=in_issue[issue.pk],
            title=row.title,
            lead_agency=row.lead_agency,
            lead_officer=row.lead_officer,
            lead_officer_person=lead_officer_person_named(
                row.lead_officer, agency=row.lead_agency, people=people
            ),
            target_date=row.target_date or plan.ends,
            success_measure=row.success_measure,
        )
        action.supporting_agencies.set(row.supporting_agencies)
        if row.status != Status.NOT_STARTED or row.note:
            action.record_update(
                status=row.status, note=row.note, by=None, when=noon(row.updated_on)
            )
    return plan


def noon(day):
    """An update dated only by its day is taken as made at midday of it."""
    if day is None:
        return None
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


def write_csv(plan, handle):
    writer = csv.writer(handle)
    writer.writerow(COLUMNS)
    for row in plan_rows(plan):
        writer.writerow(
            ["" if v is None else v.isoformat() if isinstance(v, datetime.date) else v for v in row]
        )


def xlsx_bytes(plan):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"Plan {plan.label}"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in plan_rows(plan):
        sheet.append(row)
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
