"""import_plan, export_plan and progress: round trips, bad files, and the same numbers as pages."""

import csv
import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from saferplan.plans import selectors, spreadsheet
from saferplan.plans.models import Action, Plan, ProgressUpdate

HEADER = [
    "Priority",
    "Emerging issue",
    "Action",
    "Lead agency",
    "Supporting agencies",
    "Lead officer",
    "Target date",
    "Status",
    "Latest update",
]


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue()


def export(tmp_path, fmt, name):
    path = tmp_path / f"{name}.{fmt}"
    run(
        "export_plan",
        "--partnership",
        "thanet",
        "--year",
        "2014",
        "--format",
        fmt,
        "--out",
        str(path),
    )
    return path


def write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([HEADER, *rows])
    return path


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_then_import_gives_back_the_same_plan(plans, tmp_path, fmt):
    first = export(tmp_path, fmt, "first")
    plans.plan.delete()
    out = run("import_plan", str(first), "--partnership", "thanet", "--year", "2014")
    assert "4 actions read and saved, under 3 emerging issues and 2 priorities" in out
    second = export(tmp_path, fmt, "second")
    assert spreadsheet.read_table(second) == spreadsheet.read_table(first)
    if fmt == "csv":
        assert second.read_bytes() == first.read_bytes()
    plan = Plan.objects.get(partnership__slug="thanet", year=2014)
    action = Action.objects.of_plan(plan).get(title="Joint patrols")
    assert [a.name for a in action.supporting_agencies.all()] == ["Thanet District Council"]
    assert action.lead_officer == "Sgt Barker"


def test_import_fills_in_the_default_target_date_and_no_update_for_not_started(world, tmp_path):
    path = write_csv(
        tmp_path / "plan.csv",
        [
            ["Road Safety", "Young drivers", "Theatre", "kent county council", "", "", "", "", ""],
            [
                "Road Safety",
                "Young drivers",
                "Speed checks",
                "Kent Police",
                "Thanet District Council",
                "Sgt Roads",
                "30/09/2014",
                "Underway",
                "Volunteers trained",
            ],
        ],
    )
    run("import_plan", str(path), "--partnership", "thanet", "--year", "2014")
    theatre, checks = Action.objects.order_by("number")
    assert theatre.target_date == datetime.date(2015, 3, 31)
    assert not theatre.updates.exists()
    assert checks.target_date == datetime.date(2014, 9, 30)
    assert checks.updates.get().status == "underway"
    assert (theatre.code, checks.code) == ("1.1.1", "1.1.2")


def test_a_bad_spreadsheet_names_every_bad_row_and_changes_nothing(world, tmp_path):
    path = write_csv(
        tmp_path / "bad.csv",
        [
            ["ASB", "Street drinking", "Patrols", "Kent Polce", "", "", "", "", ""],
            [
                "ASB",
                "Street drinking",
                "Order",
                "Thanet District Council",
                "",
                "",
                "31/13/2014",
                "",
                "",
            ],
            ["ASB", "Street drinking", "Outreach", "Kent Police", "", "", "", "done", ""],
            ["ASB", "", "Leaflets", "Kent Police", "Canterbury City Council", "", "", "", ""],
            ["ASB", "Street drinking", "Good row", "Kent Police", "", "", "", "", ""],
        ],
    )
    err = StringIO()
    with pytest.raises(CommandError, match=r"bad\.csv: 5 problems, nothing was imported"):
        call_command(
            "import_plan", str(path), "--partnership", "thanet", "--year", "2014", stderr=err
        )
    problems = err.getvalue().splitlines()
    assert problems[0].startswith("row 2, column 'Lead agency': unknown agency 'Kent Polce'")
    assert problems[1] == (
        "row 3, column 'Target date': '31/13/2014' is not a date "
        "(write it as YYYY-MM-DD or DD/MM/YYYY)"
    )
    assert problems[2] == (
        "row 4, column 'Status': 'done' is not one of completed, underway, not started"
    )
    assert problems[3] == "row 5, column 'Emerging issue': is empty"
    assert problems[4].startswith(
        "row 5, column 'Supporting agencies': unknown agency 'Canterbury City Council'"
    )
    assert not Plan.objects.exists() and not Action.objects.exists()


def test_a_spreadsheet_without_a_required_column_is_refused(world, tmp_path):
    workbook = Workbook()
    workbook.active.append(["Priority", "Action"])
    workbook.active.append(["ASB", "Patrols"])
    workbook.save(tmp_path / "plan.xlsx")
    with pytest.raises(
        CommandError, match="row 1: missing columns 'Emerging issue', 'Lead agency'"
    ):
        run("import_plan", str(tmp_path / "plan.xlsx"), "--partnership", "thanet", "--year", "2014")


def test_import_into_a_year_that_has_a_plan_is_refused(plans, tmp_path):
    path = export(tmp_path, "csv", "plan")
    updates = ProgressUpdate.objects.count()
    with pytest.raises(CommandError, match="already has a plan for 2014-15"):
        run("import_plan", str(path), "--partnership", "thanet", "--year", "2014")
    assert ProgressUpdate.objects.count() == updates


def test_unknown_partnership_or_year_is_one_line(plans, tmp_path):
    with pytest.raises(CommandError, match="--partnership: there is no partnership 'dover'"):
        run("progress", "--partnership", "dover", "--year", "2014")
    with pytest.raises(CommandError, match="has no plan for 2019-20"):
        run("progress", "--partnership", "thanet", "--year", "2019")
    with pytest.raises(CommandError, match="'31/12/2014' is not a date in the form YYYY-MM-DD"):
        run("progress", "--partnership", "thanet", "--year", "2014", "--as-at", "31/12/2014")


@pytest.mark.parametrize("by", ["priority", "issue", "agency"])
def test_progress_prints_the_numbers_the_selector_gives(plans, by):
    as_at = datetime.date(2014, 12, 31)
    expected = selectors.plan_progress(plans.plan, by=by, as_at=as_at)
    out = run(
        "progress",
        "--partnership",
        "thanet",
        "--year",
        "2014",
        "--by",
        by,
        "--as-at",
        "2014-12-31",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert data["total"] == expected.total.as_dict()
    assert [g["name"] for g in data["groups"]] == [g.label for g in expected.groups]
    assert [g["completed"] for g in data["groups"]] == [g.completed for g in expected.groups]
    rows = list(
        csv.DictReader(
            StringIO(
                run(
                    "progress",
                    "--partnership",
                    "thanet",
                    "--year",
                    "2014",
                    "--by",
                    by,
                    "--as-at",
                    "2014-12-31",
                )
            )
        )
    )
    assert list(rows[0]) == [by, "completed", "underway", "not_started", "total"]
    assert rows[-1] == {
        by: "All actions",
        "completed": "2",
        "underway": "1",
        "not_started": "1",
        "total": "4",
    }
