"""The monitoring return as CSV and XLSX, from the page and from `saferplan funding_return`."""

import csv
import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from saferplan.funding.models import Spend
from tests.test_safe_cells import HYPERLINK, csv_cells


def csv_tables(content):
    """The return's two tables: rows after each header line."""
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    starts = [i for i, row in enumerate(lines) if row[:1] == ["Allocation"]]
    allocations = lines[starts[0] + 1 : starts[1] - 1]
    projects = lines[starts[1] + 1 :]
    return allocations, projects


def test_quarter_two_return_counts_spend_up_to_30_september(client, world, grant):
    client.force_login(world.councillor)
    response = client.get(f"/p/thanet/funding/grants/{grant.pk}/return.csv?quarter=2")
    assert response["Content-Disposition"] == 'attachment; filename="thanet-grant-2014-15-q2.csv"'
    allocations, projects = csv_tables(response.content)
    spent = {row[0]: Decimal(row[2]) for row in allocations}
    paid_by_q2 = Spend.objects.filter(allocation__grant=grant, date__lte="2014-09-30")
    assert spent["Total"] == sum(s.amount for s in paid_by_q2)
    assert spent["Commissioning"] == Decimal("6000.00")
    assert spent["Publicity"] == Decimal("1850.50")
    budgets = {row[0]: Decimal(row[1]) for row in allocations}
    assert budgets["Total"] == grant.amount == sum(v for k, v in budgets.items() if k != "Total")
    assert [row[2] for row in projects] == ["Advocacy"]


def test_xlsx_return_has_the_same_figures_as_numbers(client, world, grant):
    client.force_login(world.coordinator)
    response = client.get(f"/p/thanet/funding/grants/{grant.pk}/return.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["Allocations"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]}
    assert Decimal(str(rows["Total"][2])) == Decimal("10850.50")
    assert sheet["C5"].number_format == '"£"#,##0.00'
    assert book["Projects"]["C2"].value == "Advocacy"


def test_a_quarter_that_does_not_exist_is_not_found(client, world, grant):
    client.force_login(world.coordinator)
    url = f"/p/thanet/funding/grants/{grant.pk}/return.csv"
    assert client.get(url + "?quarter=5").status_code == 404
    assert client.get(url + "?quarter=two").status_code == 404


def test_command_writes_the_return(grant, tmp_path):
    out = tmp_path / "return.xlsx"
    call_command(
        "funding_return",
        "--partnership",
        "thanet",
        "--year",
        "2014",
        "--quarter",
        "3",
        "--format",
        "xlsx",
        "--out",
        str(out),
        stdout=io.StringIO(),
    )
    sheet = openpyxl.load_workbook(out)["Allocations"]
    assert sheet["A1"].value.endswith("Quarter 3 (October to December)")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--partnership", "thanet", "--year", "2013"], "thanet has no grant for 2013"),
        (["--partnership", "nowhere", "--year", "2014"], "there is no partnership 'nowhere'"),
    ],
)
def test_command_says_what_is_missing(grant, tmp_path, args, message):
    out = tmp_path / "r.csv"
    with pytest.raises(CommandError, match=message):
        call_command("funding_return", *args, "--format", "csv", "--out", str(out))
    assert not out.exists()


def test_the_funding_return_neutralises_names_and_keeps_negative_amounts_as_numbers(
    client,
    world,
    grant,
):
    project = grant.allocations.get(name="Commissioning").projects.get()
    project.organisation = "@Advocacy"
    project.outputs = HYPERLINK
    project.save()
    publicity = grant.allocations.get(name="Publicity")
    publicity.name = "-Publicity"
    publicity.save()
    Spend.objects.create(
        allocation=publicity, date=date(2014, 10, 1), amount=Decimal("9000"), payee="Printer"
    )
    client.force_login(world.coordinator)

    text = client.get(f"/p/thanet/funding/grants/{grant.pk}/return.csv").content.decode("utf-8-sig")
    cells = csv_cells(text)
    assert {"'@Advocacy", "'" + HYPERLINK, "'-Publicity"} <= set(cells)
    negative = [cell for cell in cells if cell.startswith("-")]
    assert negative and all(Decimal(cell) < 0 for cell in negative), "only amounts start with -"

    book = openpyxl.load_workbook(
        io.BytesIO(client.get(f"/p/thanet/funding/grants/{grant.pk}/return.xlsx").content)
    )
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert {"'@Advocacy", "'" + HYPERLINK, "'-Publicity"} <= {c.value for c in cells}
    assert [c.value for c in cells if isinstance(c.value, (int, float)) and c.value < 0]
