"""The monitoring return a Police and Crime Commissioner asks for: per allocation, budget, spend to
date, forecast and variance; per project, what was delivered. As CSV (two tables, one after the
other, as a finance officer opens it in a spreadsheet) and as XLSX (one sheet each)."""

import io
from dataclasses import dataclass

from saferplan import safe_cells

from .figures import grant_figures, project_figures, quarter_end
from .models import ReturnDate

ALLOCATION_HEADERS = ["Allocation", "Budget", "Spend to date", "Forecast to 31 March", "Variance"]
PROJECT_HEADERS = [
    "Allocation",
    "Organisation",
    "Project",
    "Priority served",
    "Status",
    "Awarded",
    "Spend to date",
    "People reached",
    "Outputs",
    "Outcomes",
]
MONEY_FORMAT = '"£"#,##0.00'


@dataclass
class MonitoringReturn:
    grant: object
    period: str
    as_at: object
    allocations: list
    projects: list

    @property
    def title(self):
        return f"{self.grant.partnership}: {self.grant} monitoring return, {self.period}"


def monitoring_return(grant, quarter=0):
    """The return for quarter 1-4 of the grant's year, or 0 for the whole year."""
    as_at = quarter_end(grant.year, quarter)
    rows, total = grant_figures(grant, until=as_at)
    allocations = [
        [row.name, row.budget, row.spent, row.forecast, row.variance] for row in [*rows, total]
    ]
    projects = [
        [
            p.project.allocation.name,
            p.project.organisation,
            p.project.title,
            p.project.priority.title if p.project.priority else "",
            p.project.get_status_display(),
            p.project.amount_awarded,
            p.spent,
            p.project.people_reached,
            p.project.outputs,
            p.project.outcomes,
        ]
        for p in project_figures(grant, until=as_at)
    ]
    period = ReturnDate.Period(quarter).label
    return MonitoringReturn(grant, period, as_at, allocations, projects)


def as_csv(monitoring):
    out = io.StringIO()
    writer = safe_cells.csv_writer(out)
    writer.writerow([monitoring.title])
    writer.writerow(["Spend up to", monitoring.as_at.isoformat()])
    writer.writerow([])
    writer.writerows([ALLOCATION_HEADERS, *monitoring.allocations])
    writer.writerow([])
    writer.writerows([PROJECT_HEADERS, *monitoring.projects])
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read £ and accents right


def as_xlsx(monitoring):
    from openpyxl import Workbook  # imported when used: it takes a second
    from openpyxl.styles import Font

    book = Workbook()
    summary = book.active
    summary.title = "Allocations"
    safe_cells.append_row(summary, [monitoring.title])
    safe_cells.append_row(summary, ["Spend up to", monitoring.as_at])
    safe_cells.append_row(summary, [])
    add_table(summary, ALLOCATION_HEADERS, monitoring.allocations, money_columns="BCDE")
    projects = book.create_sheet("Projects")
    add_table(projects, PROJECT_HEADERS, monitoring.projects, money_columns="FG")
    summary["A1"].font = Font(bold=True, size=14)
    summary["B2"].number_format = "d mmmm yyyy"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def add_table(sheet, headers, rows, money_columns):
    from openpyxl.styles import Font

    safe_cells.append_row(sheet, headers)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    first = sheet.max_row + 1
    for row in rows:
        safe_cells.append_row(sheet, row)
    for column in money_columns:
        for number in range(first, sheet.max_row + 1):
            sheet[f"{column}{number}"].number_format = MONEY_FORMAT
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 22
