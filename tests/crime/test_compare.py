"""The partnership beside the force area and its peer districts: counts, rates, the force area
made of the districts whose rows come mostly from the partnership's force, the page and its CSV."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command

from saferplan.assessment.models import PeerDistrict
from saferplan.crime import districts
from saferplan.crime.models import Area
from saferplan.crime.selectors import ASB, TOTAL
from saferplan.crime.statistics import compare_counts

from .factory import CANTERBURY, THANET, area, counts, made_up_districts, month

DOVER, WEALDEN, LEEDS = "E07999108", "E07999065", "E08999035"
FIRST, SECOND = (
    f"{place} highest rate per 1,000 people of 2 (the partnership and its 1 peer district)"
    for place in ("1st", "2nd")
)


@pytest.fixture
def kent(world):
    """Thanet, Canterbury and Dover in Kent's files; Wealden in Sussex's, with two of its rows
    in Kent's (over the border); Leeds, a peer, in West Yorkshire's; one row of Thanet in
    British Transport Police's. January 2019, and Thanet's and Leeds's January 2018."""
    made_up_districts(world)
    area("E01999001", "E05999001", "Cliftonville", population=1000)
    area("E01999101", "E05999101", "Westgate", district=CANTERBURY, population=2000)
    area("E01999201", "E05999201", "Town", district=DOVER, population=500)
    area("E01999301", "E05999301", "Crowborough", district=WEALDEN, population=3000)
    area("E01999401", "E05999401", "City", district=LEEDS, population=4000)
    counts("2019-01", "E01999001", {"Burglary": 10, ASB: 5})
    counts("2019-01", "E01999001", {"Burglary": 1}, force="British Transport Police")
    counts("2019-01", "E01999101", {"Burglary": 4}, district=CANTERBURY)
    counts("2019-01", "E01999201", {ASB: 1}, district=DOVER)
    counts("2019-01", "E01999301", {"Burglary": 2}, district=WEALDEN)
    counts("2019-01", "E01999301", {"Burglary": 30}, district=WEALDEN, force="Sussex Police")
    counts("2019-01", "E01999401", {"Burglary": 60}, district=LEEDS, force="West Yorkshire Police")
    counts("2018-01", "E01999001", {"Burglary": 2, ASB: 4})
    counts("2018-01", "E01999401", {"Burglary": 50}, district=LEEDS, force="West Yorkshire Police")
    PeerDistrict.objects.create(partnership=world.thanet, code=LEEDS, group="Most similar")
    return world


def test_the_force_area_is_the_districts_whose_rows_come_mostly_from_its_force(kent):
    area, forces = districts.force_area(
        ["British Transport Police", "Kent Police"], month("2019-01")
    )
    # Wealden's two rows in Kent's files do not make it Kent's; BTP is the main source of none.
    assert area == sorted([THANET, CANTERBURY, DOVER])
    assert forces == ["Kent Police"]


def test_a_district_with_a_few_rows_over_the_border_is_not_the_forces(kent):
    # No Surrey file is loaded: Kent's files are the main source of Tandridge's rows all the same.
    area("E01999501", "E05999501", "Lingfield", district="E07999215", population=2000)
    for lsoa, district, count in [
        ("E01999001", THANET, 100),
        ("E01999101", CANTERBURY, 80),
        ("E01999201", DOVER, 90),
        ("E01999501", "E07999215", 8),  # under a tenth of the median district's 85
    ]:
        counts("2019-02", lsoa, {"Burglary": count}, district=district)
    area_codes, _ = districts.force_area(["Kent Police"], month("2019-02"))
    assert area_codes == sorted([THANET, CANTERBURY, DOVER])


def test_the_partnership_beside_the_force_area_and_its_peers(kent):
    found = districts.compare_areas(kent.thanet, months=1, against="year")
    assert found.category == TOTAL
    assert (found.partnership.count, found.partnership.before) == (16, 6)
    assert found.partnership.population == 1000 and found.partnership.rate == 16.0
    assert found.force.name == "Kent Police area"
    assert (found.force.count, found.force.population) == (16 + 4 + 1, 3500)
    assert (found.rest.count, found.rest.population, found.rest.rate) == (5, 2500, 2.0)
    assert [(r.name, r.count) for r in found.force_districts] == [
        (CANTERBURY, 4),
        (DOVER, 1),
        (THANET, 16),
    ]
    [leeds] = found.peers
    assert (leeds.count, leeds.before, leeds.rate, leeds.group) == (60, 50, 15.0, "Most similar")
    # Thanet's 16 per 1,000 is above Leeds's 15.
    assert str(found.peer_position) == FIRST
    assert found.versus_rest == compare_counts(16, 5, now_length=1000, before_length=2500)
    assert found.versus_rest.verdict == "rise"


def test_one_category_and_the_months_just_before(kent):
    found = districts.compare_areas(kent.thanet, category="Burglary", months=1, against="before")
    assert found.category == "Burglary"
    assert (found.partnership.count, found.partnership.before) == (11, 0)
    assert str(found.before) == "December 2018" and not found.before.complete
    assert found.peers[0].count == 60
    # Thanet's burglary rate, 11 per 1,000, is below Leeds's 15.
    assert str(found.peer_position) == SECOND
    unknown = districts.compare_areas(kent.thanet, category="Nothing like it", months=1)
    assert unknown.category == TOTAL


def test_a_peer_with_no_population_is_left_out_of_the_position(kent):
    PeerDistrict.objects.create(partnership=kent.thanet, code=DOVER)
    kent.thanet.peer_districts.filter(code=LEEDS).delete()
    Area.objects.filter(district_code=DOVER).update(population=None)
    found = districts.compare_areas(kent.thanet, months=1)
    assert found.peers[0].population is None
    assert found.peer_position is None


def test_peer_positions_by_category(kent):
    positions = districts.peer_positions(kent.thanet, months=1)
    assert str(positions["Burglary"]) == SECOND
    assert str(positions[TOTAL]) == FIRST
    assert str(positions[ASB]) == FIRST  # Leeds has none: a rate of 0
    assert districts.peer_positions(kent.canterbury) == {}


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_page_and_its_csv(client, kent):
    client.force_login(kent.councillor)
    page = client.get("/p/thanet/crime/compared/?months=1&against=year")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Kent Police area" in text and "1st highest rate per 1,000 people of 2" in text
    assert "higher</strong> beyond chance" in text
    rows = read_csv(client.get("/p/thanet/crime/compared/areas.csv?months=1&category=Burglary"))
    assert rows[0][:6] == [
        "Area",
        "Which",
        "District codes",
        "Population",
        "January 2019",
        "Rate per 1,000 people",
    ]
    assert rows[1][:4] == ["Thanet Community Safety Partnership", "Partnership", THANET, "1000"]
    assert rows[1][4:6] == ["11", "11.0"]
    force = read_csv(client.get("/p/thanet/crime/compared/force-districts.csv?months=1"))
    assert [row[0] for row in force[1:]] == [CANTERBURY, DOVER, THANET]


@pytest.mark.parametrize("query", ["months=7", "against=ever", "category=" + "x" * 200])
def test_bad_choices_are_said_and_the_defaults_shown(client, kent, query):
    client.force_login(kent.councillor)
    response = client.get(f"/p/thanet/crime/compared/?{query}")
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert response.context["comparison"].current.months == 12


def test_no_police_data(client, world):
    client.force_login(world.councillor)
    response = client.get("/p/thanet/crime/compared/")
    assert "No police data is loaded" in response.content.decode()
    assert client.get("/p/thanet/crime/compared/areas.csv").status_code == 404


def crime_stats(*args):
    out = io.StringIO()
    call_command("crime_stats", *args, stdout=out)
    return read_text(out.getvalue())


def read_text(text):
    return list(csv.reader(io.StringIO(text)))


def test_crime_stats_of_any_district_in_the_files(kent):
    assert crime_stats("--district", WEALDEN.lower()) == [
        ["month", "category", "count"],
        ["2019-01", "Burglary", "32"],
    ]
    assert crime_stats("--district", THANET, "--by", "month,category,ward", "--to", "2018-12") == [
        ["month", "category", "ward_code", "ward_name", "count"],
        ["2018-01", ASB, "E05999001", "Cliftonville", "4"],
        ["2018-01", "Burglary", "E05999001", "Cliftonville", "2"],
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--district", "Thanet"],
            "--district: 'Thanet' is not a district code (such as E07000114)",
        ),
        (["--district", "E07999999"], "--district: E07999999 is in no area lookup loaded"),
        (["--district", LEEDS, "--partnership", "thanet"], "not allowed with argument"),
        ([], "one of the arguments --partnership --district is required"),
    ],
)
def test_crime_stats_refuses_a_district_it_cannot_count_in_one_line(kent, args, message):
    with pytest.raises(CommandError) as refused:
        call_command("crime_stats", *args, stdout=io.StringIO())
    assert message in str(refused.value) and "\n" not in str(refused.value)


def test_crime_stats_of_a_district_with_no_rows(kent):
    area("E01999501", "E05999501", "Nowhere", district="E07999001")
    with pytest.raises(CommandError, match=r"files loaded have no rows in E07999001"):
        call_command("crime_stats", "--district", "E07999001", stdout=io.StringIO())
