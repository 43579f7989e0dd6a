"""The plan import page: a template to start from, links back from the job's page, and target
dates outside the plan's year imported but named."""

import csv
import io
from io import StringIO

import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from openpyxl import load_workbook

from saferplan.jobs.models import Job
from saferplan.plans.spreadsheet import COLUMNS
from tests.plans.conftest import at
from tests.reminders.conftest import run_worker

IMPORT = "/p/thanet/plan/import/"


def upload(client, name, content, year="2016"):
    return client.post(
        IMPORT,
        {"file": SimpleUploadedFile(name, content), "year": year, "status": "adopted"},
    )


def imported_page(client, response):
    assert response.status_code == 302, response.content.decode()
    run_worker()
    return client.get(response.url).content.decode()


def test_the_import_page_offers_the_template_in_both_formats(client, world):
    client.force_login(world.coordinator)
    page = client.get(IMPORT).content.decode()
    assert 'href="/p/thanet/plan/import/template/?format=xlsx" download>' in page
    assert 'href="/p/thanet/plan/import/template/" download>' in page


def test_the_csv_template_has_the_columns_and_one_example_row_that_imports(
    client, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.coordinator)
    with time_machine.travel(at(2016, 5, 1), tick=False):
        response = client.get("/p/thanet/plan/import/template/")
    assert response["Content-Disposition"] == 'attachment; filename="thanet-plan-template.csv"'
    header, example = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert header == COLUMNS
    row = dict(zip(header, example, strict=True))
    assert row["Lead agency"] == "Kent County Council"
    assert row["Supporting agencies"] == "Kent Police"
    assert row["Target date"] == "2017-03-31", "the end of the year running"
    page = imported_page(client, upload(client, "template.csv", response.content))
    assert "Imported Community Safety Plan 2016-17: 1 actions." in page
    action = world.thanet.plans.get(year=2016).priorities.get().issues.get().actions.get()
    assert action.title == "Joint patrols on Friday and Saturday nights"
    assert action.lead_agency == world.county


def test_the_xlsx_template_imports_as_it_is(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.coordinator)
    with time_machine.travel(at(2016, 5, 1), tick=False):
        response = client.get("/p/thanet/plan/import/template/?format=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS and len(rows) == 2
    page = imported_page(client, upload(client, "template.xlsx", response.content))
    assert "Imported Community Safety Plan 2016-17: 1 actions." in page
    assert "What to check" not in page, "the example's target date is in the plan's year"
    assert '<a href="/p/thanet/plan/import/">Import another file</a>' in page


def test_a_failed_import_links_back_to_the_form(client, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.coordinator)
    bad = b"Priority,Emerging issue,Action,Lead agency\nASB,Drinking,Patrols,Kent Constabulary\n"
    page = imported_page(client, upload(client, "plan.csv", bad))
    assert "Stopped with a problem" in page and "What needs correcting" in page
    assert '<a class="sp-button" href="/p/thanet/plan/import/">Try again with a corrected file' in (
        page
    )


TARGETS = (
    "Priority,Emerging issue,Action,Lead agency,Target date\n"
    "ASB,Drinking,Patrols,Kent Police,2016-04-01\n"
    "ASB,Drinking,Order,Thanet District Council,01/05/2018\n"
    "ASB,Drinking,CCTV,Kent Police,2017-03-31\n"
    "ASB,Drinking,Leaflets,Kent Police,2016-03-31\n"
    "ASB,Drinking,Signs,Kent Police,\n"
)


def test_target_dates_outside_the_plans_year_are_imported_and_named(
    client, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(world.coordinator)
    page = imported_page(client, upload(client, "plan.csv", TARGETS.encode()))
    assert "Finished" in page
    assert "Imported Community Safety Plan 2016-17: 5 actions. Some target dates are outside" in (
        page
    )
    assert "What to check" in page
    year = "(1 April 2016 to 31 March 2017)"
    assert Job.objects.get().problems == [
        f"row 3: target date 1 May 2018 is outside the plan's year {year}",
        f"row 5: target date 31 March 2016 is outside the plan's year {year}",
    ]
    assert f"row 3: target date 1 May 2018 is outside the plan&#x27;s year {year}" in page
    targets = dict(
        world.thanet.plans.get(year=2016)
        .priorities.get()
        .issues.get()
        .actions.values_list("title", "target_date__year")
    )
    assert targets == {
        "Patrols": 2016,
        "Order": 2018,
        "CCTV": 2017,
        "Leaflets": 2016,
        "Signs": 2017,
    }


def test_the_command_names_target_dates_outside_the_year_too(world, tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(TARGETS)
    out = StringIO()
    call_command("import_plan", str(path), "--partnership", "thanet", "--year", "2016", stdout=out)
    assert out.getvalue().splitlines()[1:] == [
        "Check row 3: target date 1 May 2018 is outside the plan's year "
        "(1 April 2016 to 31 March 2017)",
        "Check row 5: target date 31 March 2016 is outside the plan's year "
        "(1 April 2016 to 31 March 2017)",
    ]
