"""The crime section of the progress update and the end-of-year report: the police.uk figures for
the partnership's area as they stood on the report's day, equal to a count of the real files."""

import csv
import io
import re
from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferplan.crime.police import import_police
from saferplan.partnerships.models import Partnership
from saferplan.plans.models import Plan
from saferplan.reports import kinds, render
from saferplan.reports.models import IssuedReport, Report
from saferplan.reports.services import new_report
from tests.reports.conftest import docx_text

THANET = "E07000114"
MONTHS = ["2018-10", "2018-11", "2018-12", "2019-01", "2019-02"]


def thanet_counts(data, months):
    """Crimes (ASB aside) and ASB incidents in Thanet in `months`, counted from the files alone:
    every row whose LSOA the ONS lookup puts in Thanet, duplicates and all."""
    with open(data / "ons/LSOA11_to_WD19_LAD19_EW.csv", encoding="utf-8-sig") as lookup:
        lsoas = {row["LSOA11CD"] for row in csv.DictReader(lookup) if row["LAD19CD"] == THANET}
    crimes = asb = 0
    for month in months:
        with open(data / f"police/kent/{month}-kent-street.csv", encoding="utf-8") as street:
            for row in csv.DictReader(street):
                if row["LSOA code"] in lsoas:
                    if row["Crime type"] == "Anti-social behaviour":
                        asb += 1
                    else:
                        crimes += 1
    return crimes, asb


@pytest.fixture
def kent_loaded(thanet_geography, world):
    import_police([thanet_geography / f"police/kent/{month}-kent-street.csv" for month in MONTHS])
    return thanet_geography


def progress_report(world, **fields):
    Plan.objects.create(partnership=world.thanet, year=2018, title="Community Safety Plan")
    report = new_report(
        partnership=world.thanet, kind=Report.Kind.PROGRESS, year=2018, author=world.coordinator
    )
    for name, value in fields.items():
        setattr(report, name, value)
    return report


def crime_section(document):
    return next(s for s in document.sections if s.heading == kinds.CRIME_HEADING)


def test_figures_are_those_of_the_files_up_to_the_last_month_ended(kent_loaded, world):
    report = progress_report(world)  # no meeting: as at the end of 2018-19
    section = crime_section(kinds.build(report))
    crimes, asb = thanet_counts(kent_loaded, MONTHS)
    assert "The latest police.uk figures for the partnership's area are for February 2019" in (
        section.blocks[0].text
    )
    assert section.blocks[1].text.startswith(
        f"In Mar 2018 to Feb 2019 (5 of 12 months loaded) police.uk recorded {crimes:,} crimes "
        f"(excluding anti-social behaviour) and {asb:,} incidents of anti-social behaviour"
    )
    # With only 5 months loaded there is nothing to compare the year with.
    assert "Against the 12 months before" not in section.blocks[1].text
    rows = {row[0]: row for row in section.blocks[1].table.rows}
    assert rows["All crime (excluding ASB)"][1] == crimes
    assert rows["Anti-social behaviour"][1] == asb
    assert section.blocks[1].chart.series["Anti-social behaviour"][-5:] == [
        thanet_counts(kent_loaded, [month])[1] for month in MONTHS
    ]


def test_a_meeting_sees_only_the_months_ended_before_it(kent_loaded, world):
    report = progress_report(world)
    report.meeting_date = date(2019, 1, 15)
    section = crime_section(kinds.build(report))
    crimes, asb = thanet_counts(kent_loaded, MONTHS[:3])
    assert "are for December 2018" in section.blocks[0].text
    assert f"{crimes:,} crimes" in section.blocks[1].text
    assert f"{asb:,} incidents" in section.blocks[1].text


def test_the_section_reads_the_crime_datas_version_once(kent_loaded, world):
    report = progress_report(world)
    kinds.crime_sections(report)  # its figures are kept
    with CaptureQueriesContext(connection) as queries:
        kinds.crime_sections(report)
    versions = [query for query in queries if "MAX(imported_at)" in query["sql"]]
    assert len(versions) == 1, f"{len(versions)} reads of the version of the figures"


def test_word_report_carries_the_same_figures(kent_loaded, world):
    report = progress_report(world)
    text = docx_text(render.to_docx(kinds.build(report)))
    crimes, asb = thanet_counts(kent_loaded, MONTHS)
    assert "Crime and anti-social behaviour" in text
    assert f"{crimes:,} crimes (excluding anti-social behaviour) and {asb:,} incidents" in text


def test_no_police_data_no_crime_section(world):
    report = progress_report(world)
    headings = [section.heading for section in kinds.build(report).sections]
    assert kinds.CRIME_HEADING not in headings
    assert "Progress of the plan" in headings


def test_the_demo_progress_update_quotes_the_sample_crime_of_its_meeting(db):
    call_command("demo", "--no-serve", stdout=io.StringIO())
    report = new_report(
        partnership=Partnership.objects.get(slug="thanet"),
        kind=Report.Kind.PROGRESS,
        year=2014,
        author=None,
    )
    report.meeting_date = date(2015, 3, 3)
    document = kinds.build(report)
    section = crime_section(document)
    assert "are for January 2015" in section.blocks[0].text
    sentence = section.blocks[1].text
    # A change is called a rise or a fall only beyond chance, the test named, with its p.
    assert re.search(
        r"Against the 12 months before, crime is (up|down) [\d.]+% "
        r"\((a rise|a fall|no change beyond chance), p [=<] [\d.]+\)",
        sentence,
    )
    assert "beyond chance (Exact test for two Poisson counts, two-sided" in sentence
    changes = [row[3] for row in section.blocks[1].table.rows]
    assert all(re.fullmatch(r"([+\u2212][\d.]+%|0\.0%) \(.+, p [=<] [\d.]+\)", c) for c in changes)
    # The analyst's checks are in the annex at the end, not in what members read.
    assert not any(block.items for block in section.blocks)
    assert any("December 2014" in note for note in document.sections[-1].blocks[0].items)


def test_a_report_issued_before_changes_were_tested_still_shows_them_as_issued(client, world):
    """Issued reports keep what they quoted, arrows on any 5% and all: their stored page is shown
    as it was, whatever the page's rules are now."""
    report = progress_report(world)
    report.save()
    issued = IssuedReport.objects.create(
        report=report,
        version=1,
        content={"title": report.title, "sections": []},
        html="<article><td>+5.3%</td><td>\u22126.1%</td></article>",
    )
    client.force_login(world.coordinator)
    page = client.get(f"/p/thanet/reports/issued/{issued.pk}/").content.decode()
    assert "<td>+5.3%</td><td>\u22126.1%</td>" in page
