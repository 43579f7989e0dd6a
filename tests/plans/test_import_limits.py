"""A plan spreadsheet of any size or shape: refused in one line when it cannot be imported, with
at most 100 problems listed, never more than MAX_ROWS rows read, never a traceback."""

import io
import re
import zipfile
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from saferplan.plans import spreadsheet
from saferplan.plans.models import Action, Plan
from tests.reminders.conftest import run_worker

HEADER = "Priority,Emerging issue,Action,Lead agency\n"


def import_plan(path, year="2016"):
    out, err = StringIO(), StringIO()
    call_command(
        "import_plan", str(path), "--partnership", "thanet", "--year", year, stdout=out, stderr=err
    )
    return out.getvalue()


def refusal(path):
    """The one-line reason `import_plan` gives, and what it printed before it."""
    err = StringIO()
    with pytest.raises(CommandError) as raised:
        call_command(
            "import_plan", str(path), "--partnership", "thanet", "--year", "2016", stderr=err
        )
    assert "\n" not in str(raised.value)
    assert not Plan.objects.filter(year=2016).exists()
    return str(raised.value), err.getvalue()


def test_a_plan_of_thousands_of_actions_imports(world, tmp_path):
    path = tmp_path / "big.csv"
    rows = [
        f"Priority {n // 1000},Issue {n // 50},Action {n},Kent Police,Kent County Council\n"
        for n in range(3000)
    ]
    path.write_text(HEADER.replace("\n", ",Supporting agencies\n") + "".join(rows))
    assert "3000 actions read and saved, under 60 emerging issues and 3 priorities" in (
        import_plan(path)
    )
    assert Action.objects.count() == 3000
    action = Action.objects.get(title="Action 2999")
    assert [a.name for a in action.supporting_agencies.all()] == ["Kent County Council"]
    [created] = action.history.all()  # its history says whom it was created with
    assert [row.agency.name for row in created.supporting_agencies.all()] == ["Kent County Council"]


def test_more_rows_than_the_limit_are_refused_however_the_sheet_describes_itself(world, tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(HEADER + "ASB,Drinking,Patrols,Kent Police\n" * (spreadsheet.MAX_ROWS + 1))
    message, _ = refusal(path)
    assert message.endswith(
        "/long.csv: 1 problem, nothing was imported (first: long.csv has more than 20,000 rows "
        "below its header row: a plan spreadsheet may have at most 20,000 actions)"
    )
    # An XLSX whose declared size is small but whose rows go on: every row is counted.
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADER.strip().split(","))
    for _ in range(spreadsheet.MAX_ROWS + 1):
        sheet.append(["ASB", "Drinking", "Patrols", "Kent Police"])
    book.save(tmp_path / "long.xlsx")
    lying = rewrite_dimension(tmp_path / "long.xlsx", "A1:D2")
    assert "more than 20,000 rows" in refusal(lying)[0]


def test_a_sheet_that_declares_a_million_rows_is_refused_before_reading_them(world, tmp_path):
    book = Workbook()
    book.active.append(HEADER.strip().split(","))
    book.active.append(["ASB", "Drinking", "Patrols", "Nobody"])
    book.save(tmp_path / "million.xlsx")
    path = rewrite_dimension(tmp_path / "million.xlsx", "A1:D1000001")
    message, printed = refusal(path)
    assert "more than 20,000 rows" in message and printed == ""


def rewrite_dimension(path, ref):
    """A copy of the workbook whose first sheet declares `ref` as its size."""
    out = path.with_name("declared-" + path.name)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), data)
                if b"<dimension" not in data:
                    data = data.replace(
                        b"<sheetData", f'<dimension ref="{ref}"/><sheetData'.encode()
                    )
            target.writestr(item, data)
    return out


def test_only_the_first_100_problems_are_listed_and_the_rest_counted(
    client, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    bad = HEADER + "ASB,Drinking,Patrols,Nobody\n" * 5000
    client.force_login(world.coordinator)
    response = client.post(
        "/p/thanet/plan/import/",
        {"file": SimpleUploadedFile("bad.csv", bad.encode()), "year": "2016", "status": "adopted"},
    )
    run_worker()
    page = client.get(response.url).content.decode()
    assert "bad.csv: 5,000 problems, nothing was imported." in page
    assert page.count("unknown agency &#x27;Nobody&#x27;") == 100
    assert "and 4,900 more problems" in page
    assert len(page) < 100_000

    message, printed = refusal(write(tmp_path, bad))
    assert "/plan.csv: 5,000 problems, nothing was imported (first: row 2," in message
    assert len(printed.splitlines()) == 101 and printed.splitlines()[-1] == (
        "and 4,900 more problems"
    )


def write(folder, text, name="plan.csv", encoding="utf-8"):
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    "name, content, expected",
    [
        (
            "plan.csv",
            (
                HEADER
                + "ASB,Drinking,Patrols,Kent Police\n" * 4
                + "ASB,Caf\xe9,Patrols,Kent Police\n"
            ).encode("cp1252"),
            'plan.csv, line 6: byte 0xe9 is not UTF-8 text: save it again as "CSV UTF-8"',
        ),
        ("plan.csv", (HEADER).encode("utf-16"), "plan.csv is UTF-16 text: save it again as"),
        ("plan.xlsx", b"PK\x03\x04 not really a zip", "plan.xlsx is not an Excel workbook (.xlsx)"),
        ("plan.csv", HEADER.encode() + b'"ASB,"x"y' + b"x" * 200_000, "plan.csv, line 2:"),
        ("plan.csv", b"", "plan.csv is empty"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_line(world, tmp_path, name, content, expected):
    path = tmp_path / name
    path.write_bytes(content)
    message, printed = refusal(path)
    assert expected in message and printed == ""


def test_a_damaged_workbook_is_one_line(world, tmp_path):
    book = Workbook()
    book.active.append(HEADER.strip().split(","))
    saved = io.BytesIO()
    book.save(saved)
    path = tmp_path / "plan.xlsx"
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(item, data[: len(data) // 2] if "sheet1" in item.filename else data)
    message, _ = refusal(path)
    assert "plan.xlsx is damaged or not an Excel workbook" in message


def test_a_workbook_that_unpacks_to_more_than_the_limit_is_refused_unread(world, tmp_path):
    book = Workbook()
    book.active.append(HEADER.strip().split(","))
    path = tmp_path / "bomb.xlsx"
    book.save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.xml", b" " * (spreadsheet.MAX_UNPACKED_BYTES + 1))
    assert path.stat().st_size < 1_000_000
    message, _ = refusal(path)
    assert "bomb.xlsx unpacks to more than 100 MB: too big a plan" in message
