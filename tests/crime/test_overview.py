"""The Crime and ASB page: every section with its numbers, the chooser, the empty states."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferplan.crime import maps
from saferplan.crime.areas import import_population
from saferplan.crime.selectors import ASB, add_months
from saferplan.crime.tasks import draw_crime_charts
from saferplan.ui import charts

from .factory import area, counts, made_up_districts, month, ward_boundary

PAGE = "/p/thanet/crime/"


@pytest.fixture
def world(world):
    return made_up_districts(world)


@pytest.fixture
def loaded(world, client):
    area("E01999001", "E05999001", "Cliftonville West", population=2000)
    area("E01999003", "E05999002", "Margate Central", population=1000)
    ward_boundary("E05999001", "Cliftonville West", 1.38, 51.38)
    ward_boundary("E05999002", "Margate Central", 1.39, 51.38)
    for n in range(24):
        when = f"{add_months(month('2017-03'), n):%Y-%m}"
        if when != "2018-03":  # a month missing from the file
            counts(when, "E01999001", {"Burglary": 3, ASB: 2}, outcome="Under investigation")
            counts(when, "E01999003", {"Shoplifting": 5})
    client.force_login(world.councillor)
    return client


def text_of(response):
    return response.content.decode()


def test_the_page_states_the_latest_month_and_its_lag(loaded):
    page = text_of(loaded.get(PAGE))
    assert "Kent Police: the latest month loaded is <strong>February 2019</strong>" in page
    assert "Out of date" in page


def test_every_section_is_there_with_a_csv_download(loaded):
    page = text_of(loaded.get(PAGE))
    for heading in [
        "Latest month loaded",
        "By category",
        "Month by month",
        "Financial year 2018-19 to date",
        "By ward",
        "Outcomes",
        "Data quality",
    ]:
        assert f">{heading}</h2>" in page
    for table in ["forces", "comparison", "trend", "year-to-date", "wards", "outcomes"]:
        assert f"/p/thanet/crime/{table}.csv" in page
    assert "still under investigation" in page
    assert "no file loaded for March 2018" in page


def test_the_ward_map_has_a_path_per_ward_with_its_name_and_count(loaded):
    page = text_of(loaded.get(PAGE))
    assert page.count('stroke-width="0.8"><title>') == 2
    assert "<title>Cliftonville West: 55 (27.5 per 1,000 people)</title>" in page


def test_choosing_a_category_adds_it_to_the_chart_wards_and_map(loaded):
    page = text_of(loaded.get(PAGE, {"category": "Shoplifting"}))
    assert '<option value="Shoplifting" selected>' in page
    assert "<title>Margate Central: 55 (55.0 per 1,000 people)</title>" in page
    rows = list(
        csv.reader(io.StringIO(text_of(loaded.get(PAGE + "trend.csv?category=Shoplifting"))))
    )
    assert rows[0] == ["Month", "All crime (excluding ASB)", ASB, "Shoplifting"]
    assert rows[-1] == ["Feb 2019", "8", "2", "5"]


def test_an_unknown_category_is_ignored(loaded):
    response = loaded.get(PAGE, {"category": "<script>"})
    assert response.status_code == 200 and "<script>" not in text_of(response)


def test_the_comparison_csv_has_the_changes_as_numbers(loaded):
    response = loaded.get(PAGE + "comparison.csv")
    assert response["Content-Disposition"] == 'attachment; filename="thanet-crime-comparison.csv"'
    header, *rest = csv.reader(io.StringIO(text_of(response)))
    assert header[1] == "Mar 2018 to Feb 2019 (11 of 12 months loaded)"
    rows = {row[0]: row for row in rest}
    # March 2018 is missing: the latest 12 months are not all there, the 12 before are.
    assert header[3:6] == ["Change (%)", "p-value", "Verdict"]
    assert rows["Burglary"][1:6] == ["33", "36", "", "", ""]
    assert rows["Burglary"][6:] == ["9", "9", "0.0", "1.0", "no change beyond chance"]
    assert rows["All crime and ASB"][1] == str(11 * 10)


def test_the_page_reads_in_few_queries(loaded):
    loaded.get(PAGE, {"category": "Burglary"})  # its chart is drawn and stored once, not here
    with CaptureQueriesContext(connection) as queries:
        loaded.get(PAGE, {"category": "Burglary"})
    # One reads the districts (once, for every figure), one the police data's version (once),
    # then the figures, the chart and the map kept for that version, one each.
    assert len(queries) <= 19, [q["sql"] for q in queries]


def test_after_the_workers_drawing_the_page_draws_no_chart(loaded, monkeypatch):
    draw_crime_charts.call()  # what the import leaves to the worker
    monkeypatch.setattr(charts, "line_chart", None)  # drawing now would fail the page
    monkeypatch.setattr(charts, "to_svg", None)  # as would any chart's picture, control charts'
    monkeypatch.setattr(maps, "rings", None)  # nor would drawing the ward map
    for chosen in [{}, {"category": "Burglary"}, {"category": "Shoplifting"}]:
        with CaptureQueriesContext(connection) as queries:
            page = text_of(loaded.get(PAGE, chosen))
        assert "<svg" in page and "month by month" in page and 'class="sp-map__image"' in page
        control = text_of(loaded.get(PAGE, {**chosen, "view": "control"}))
        assert "Control chart" in control and control.count("<svg") >= 2, chosen
        # Nor is any count summed: the worker kept every figure of the page.
        assert not [q["sql"] for q in queries if "SUM(" in q["sql"]]


def test_figures_kept_for_the_page_change_with_the_police_data(loaded):
    wards = text_of(loaded.get(PAGE + "wards.csv", {"category": "Burglary"}))
    assert "Cliftonville West,E05999001,33," in wards
    counts("2019-02", "E01999001", {"Burglary": 4})  # more rows of a month already loaded
    wards = text_of(loaded.get(PAGE + "wards.csv", {"category": "Burglary"}))
    assert "Cliftonville West,E05999001,37," in wards
    counts("2019-03", "E01999003", {"Shoplifting": 7})  # a new month
    page = text_of(loaded.get(PAGE))
    assert "the latest month loaded is <strong>March 2019</strong>" in page


def test_without_areas_it_says_which_command_to_run(world, client):
    client.force_login(world.coordinator)
    page = text_of(client.get(PAGE))
    assert "saferplan import_areas" in page


def test_without_police_data_it_says_which_command_to_run(world, client):
    area("E01999001", "E05999001", "Cliftonville West")
    client.force_login(world.coordinator)
    page = text_of(client.get(PAGE))
    assert "No police data is loaded" in page and "saferplan import_police" in page
    assert client.get(PAGE + "wards.csv").status_code == 404


def test_the_navigation_links_to_the_page(world, client):
    client.force_login(world.coordinator)
    page = text_of(client.get("/p/thanet/"))
    assert f'href="{PAGE}">Crime and ASB</a>' in page


@pytest.fixture
def varied(world, client):
    """Burglary of 10, 12, 11, 9 a month, but 30 in October 2018 and 2 in December 2018; vehicle
    crime 5 a month, then 6 (+20%); shoplifting 5 a month, then 10."""
    area("E01999001", "E05999001", "Cliftonville West", population=2000)
    for n in range(24):
        burglary = {19: 30, 21: 2}.get(n, [10, 12, 11, 9][n % 4])
        later = n >= 12
        counts(
            f"{add_months(month('2017-03'), n):%Y-%m}",
            "E01999001",
            {"Burglary": burglary, "Vehicle crime": 5 + later, "Shoplifting": 5 + 5 * later},
        )
    client.force_login(world.councillor)
    return client


def test_a_change_is_called_a_rise_only_beyond_chance(varied):
    page = text_of(varied.get(PAGE))
    assert "beyond chance (Exact test for two Poisson counts, two-sided" in page
    # 60 to 72: +20%, which the page once showed red, is within chance.
    assert 'sp-tag--grey">+20.0% (no change beyond chance, p = 0.34)</strong>' in page
    assert 'sp-tag--red">+100.0% (rise, p &lt; 0.001)</strong>' in page
    assert "(fall, " not in page


def html_row(label, *cells):
    return f'<th scope="row">{label}</th>' + "".join(
        f'<td class="sp-numeric">{cell}</td>' for cell in cells
    )


def test_the_control_chart_view_flags_the_months_outside_the_limits(varied):
    page = text_of(varied.get(PAGE, {"category": "Burglary", "view": "control"}))
    assert '<option value="control" selected>' in page
    title = "Burglary against its control limits: mean and limits from Mar 2017 to Feb 2018"
    assert f'aria-label="{title}"' in page
    # Baseline 10, 12, 11, 9 three times: mean 10.5; moving ranges 2, 1, 2, 1, ... (11 of them,
    # summing 17); limits 10.5 ± 2.66 * 17 / 11 = 6.4 and 14.6.
    assert html_row("Oct 2018", 30, 10.5, 6.4, 14.6, "Above") in page
    assert html_row("Dec 2018", 2, 10.5, 6.4, 14.6, "Below") in page
    assert html_row("Nov 2018", 10, 10.5, 6.4, 14.6, "") in page
    assert page.count("sp-chart__image") == 3  # all crime, ASB (none: 0 every month) and burglary
    assert "Crime and ASB month by month" not in page  # the line chart gives way
    assert " style=" not in page and "<style" not in page


def test_without_a_baseline_the_control_view_says_why(world, client):
    area("E01999001", "E05999001", "Cliftonville West")
    for n in range(12):
        counts(f"{add_months(month('2018-03'), n):%Y-%m}", "E01999001", {"Burglary": 3})
    client.force_login(world.councillor)
    page = text_of(client.get(PAGE, {"view": "control"}))
    assert (
        "No control chart of All crime (excluding ASB): fewer than 5 months of its baseline, "
        "Mar 2017 to Feb 2018, are loaded." in page
    )


def test_an_unknown_view_shows_the_counts(loaded):
    response = loaded.get(PAGE, {"view": "<script>"})
    assert response.status_code == 200
    assert "Crime and ASB month by month" in text_of(response)


def test_figures_kept_for_the_page_change_with_an_import_of_areas(loaded, tmp_path):
    assert "Cliftonville West,E05999001,55,2000," in text_of(loaded.get(PAGE + "wards.csv"))
    population = tmp_path / "population.csv"
    population.write_text("LSOA21CD,Population\nE01999001,4000\n")
    import_population(population)  # updates the area in place
    assert "Cliftonville West,E05999001,55,4000," in text_of(loaded.get(PAGE + "wards.csv"))


def test_the_partnership_overview_leads_with_the_latest_figures(loaded):
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text_of(loaded.get("/p/thanet/"))))
    assert "Police.uk figures up to February 2019" in page
    # March 2018 is missing, so the latest 12 months are compared with nothing.
    assert (
        "All crime (excluding ASB): 88 in Mar 2018 to Feb 2019, against 96 in Mar 2017 to "
        "Feb 2018. no comparison" in page
    )
    assert "Anti-social behaviour: 22 in Mar 2018 to Feb 2019, against 24" in page
