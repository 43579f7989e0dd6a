"""The plan's CSV and XLSX open in a spreadsheet without running what officers typed, and a plan
of hostile text exported and imported again is the same plan (see saferplan/safe_cells.py)."""

import io
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command

from saferplan.plans import spreadsheet
from saferplan.plans.models import Action, Plan, Status
from tests.plans.test_commands_plans import export
from tests.test_safe_cells import HOSTILE, HYPERLINK, csv_cells, written_as_formula


def test_the_plan_export_writes_an_officers_formula_as_text(client, world, plans):
    plans.police_action.record_update(
        status=Status.UNDERWAY, note=HYPERLINK, by=world.police_officer
    )
    client.force_login(world.councillor)

    book = openpyxl.load_workbook(
        io.BytesIO(client.get("/p/thanet/plan/2014/export/?format=xlsx").content)
    )
    cells = [cell for row in book.active.iter_rows() for cell in row]
    [update] = [cell for cell in cells if "HYPERLINK" in str(cell.value)]
    assert update.data_type == "s"
    assert update.value == "'" + HYPERLINK
    assert not [c for c in cells if c.data_type == "f"]

    text = client.get("/p/thanet/plan/2014/export/").content.decode("utf-8-sig")
    assert "'" + HYPERLINK in csv_cells(text)
    assert not [cell for cell in csv_cells(text) if written_as_formula(cell)]


def test_a_control_character_does_not_break_the_export(client, world, plans):
    plans.police_action.record_update(
        status=Status.UNDERWAY, note="Bell\x07 and escape\x1b[31m red", by=world.police_officer
    )
    client.force_login(world.coordinator)
    response = client.get("/p/thanet/plan/2014/export/?format=xlsx")
    assert response.status_code == 200
    values = [
        c.value
        for row in openpyxl.load_workbook(io.BytesIO(response.content)).active.rows
        for c in row
    ]
    assert "Bell and escape[31m red" in values
    assert "Bell and escape[31m red" in csv_cells(
        client.get("/p/thanet/plan/2014/export/").content.decode("utf-8-sig")
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_hostile_text_survives_export_then_import(world, plans, tmp_path, fmt):
    action = Action.objects.get(pk=plans.county_action.pk)
    for number, text in enumerate(HOSTILE):
        action.title = f"{text} {number}"
        action.save()
        action.record_update(status=Status.UNDERWAY, note=text, by=world.coordinator)
        path = export(tmp_path, fmt, f"plan{number}")
        rows = spreadsheet.read_plan(path, world.thanet)
        [row] = [r for r in rows if r.title == action.title.strip()]
        assert row.note == text.strip(), f"{text!r} came back as {row.note!r}"
    # And a whole plan of hostile text is imported as the same plan.
    before = [(a.title, a.updates.last().note) for a in Action.objects.of_plan(plans.plan)]
    plans.plan.delete()
    call_command(
        "import_plan", str(path), "--partnership", "thanet", "--year", "2014", stdout=StringIO()
    )
    plan = Plan.objects.get(partnership=world.thanet, year=2014)
    after = [
        (a.title, a.updates.last().note if a.updates.exists() else "")
        for a in Action.objects.of_plan(plan)
    ]
    assert sorted(after) == sorted((title.strip(), note.strip()) for title, note in before)


def test_the_command_line_csvs_are_neutralised(plans):
    plans.police_action.lead_agency.name = "=1+1"
    plans.police_action.lead_agency.save()
    out = StringIO()
    call_command(
        "progress", "--partnership", "thanet", "--year", "2014", "--by", "agency", stdout=out
    )
    assert "'=1+1" in csv_cells(out.getvalue())
