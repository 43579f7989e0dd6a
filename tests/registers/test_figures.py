"""The figures s.104 of the Act requires equal the register counted by hand, on the page, in the
CSV download and in the selector the public pages and the end-of-year report read."""

import csv
import io
import re
from datetime import date

import pytest

from saferplan.registers.selectors import (
    AsbFigures,
    asb_case_review_figures,
    asb_figures_of_year,
)

from .conftest import make_case

# received, threshold decision, review meeting, number of recommendations
REGISTER = [
    (date(2014, 4, 1), "met", date(2014, 5, 1), 1),
    (date(2014, 6, 10), "not_met", None, 0),
    (date(2015, 3, 31), "met", date(2015, 4, 15), 0),  # received in 2014-15, reviewed in 2015-16
    (date(2015, 4, 1), "undecided", None, 0),
    (date(2015, 9, 9), "met", date(2015, 10, 1), 2),
    (date(2016, 1, 5), "not_met", None, 0),
]

# Counted by hand from REGISTER: applications and not-met by the year received (1 April to 31
# March), reviews and those with recommendations by the year of the review meeting.
BY_HAND = [
    AsbFigures(2014, applications=3, threshold_not_met=1, reviews_carried_out=1,
               reviews_with_recommendations=1),
    AsbFigures(2015, applications=3, threshold_not_met=1, reviews_carried_out=2,
               reviews_with_recommendations=1),
]  # fmt: skip


@pytest.fixture
def register(world):
    for number, (received, decision, meeting, recommendations) in enumerate(REGISTER, 1):
        case = make_case(
            world.thanet,
            f"ASB-{number}",
            received,
            threshold_decision=decision,
            why_not_met="Too few complaints." if decision == "not_met" else "",
            review_meeting=meeting,
        )
        for n in range(recommendations):
            case.recommendations.create(text=f"Do {n}", owner=world.council, due=date(2016, 3, 31))
    # Another partnership's application counts only there.
    make_case(world.canterbury, "ASB-1", date(2014, 5, 5), threshold_decision="not_met")


def test_the_selector_equals_the_register_counted_by_hand(register, world):
    assert asb_case_review_figures(world.thanet) == BY_HAND
    assert asb_figures_of_year(world.thanet, 2015) == BY_HAND[1]
    assert asb_figures_of_year(world.thanet, 2019) == AsbFigures(2019, 0, 0, 0, 0)
    assert [f.as_row() for f in asb_case_review_figures(world.canterbury)] == [
        ["2014-15", 1, 1, 0, 0]
    ]


def test_every_member_sees_the_figures_as_a_table_and_downloads_them(register, world, client):
    client.force_login(world.councillor)  # a member with no case shared: counts only
    page = client.get("/p/thanet/registers/").content.decode()
    table = page.split('id="asb-figures"')[1].split("</table>")[0]
    cells = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>")
    rows = [cells.findall(row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
    assert rows[1:] == [[str(cell) for cell in f.as_row()] for f in BY_HAND]
    response = client.get("/p/thanet/registers/asb/figures.csv")
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="thanet-asb-case-reviews.csv"' in response["Content-Disposition"]
    downloaded = list(csv.reader(io.StringIO(response.content.decode())))
    assert downloaded == [
        ["Year", "Applications", "Threshold not met", "Reviews carried out",
         "Reviews with recommendations"],
        ["2014-15", "3", "1", "1", "1"],
        ["2015-16", "3", "1", "2", "1"],
    ]  # fmt: skip


def test_a_partnership_with_no_applications_says_so(world, client):
    client.force_login(world.coordinator)
    page = client.get("/p/thanet/registers/").content.decode()
    assert "No applications for an ASB case review are recorded yet." in page
    downloaded = client.get("/p/thanet/registers/asb/figures.csv").content.decode()
    assert downloaded.splitlines()[1:] == []


def test_the_public_page_and_the_api_publish_the_figures_counted_by_hand(register, world, client):
    world.thanet.public_page = True
    world.thanet.save(update_fields=["public_page"])
    page = client.get("/p/thanet/public/").content.decode()  # anyone, not signed in
    section = page.split('id="case-reviews"')[1].split("</section>")[0]
    cells = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>")
    rows = [cells.findall(row) for row in re.findall(r"<tr>(.*?)</tr>", section, re.S)]
    assert rows[1:] == [[str(cell) for cell in f.as_row()] for f in BY_HAND]
    assert "ASB-1" not in page  # counts, never a case
    downloaded = client.get("/p/thanet/public/asb-case-reviews.csv").content.decode()
    assert list(csv.reader(io.StringIO(downloaded)))[1:] == [
        [str(cell) for cell in f.as_row()] for f in BY_HAND
    ]
    served = client.get("/api/v1/partnerships/thanet/case-reviews").json()["asb_case_reviews"]
    assert [list(year.values()) for year in served] == [f.as_row() for f in BY_HAND]


def test_an_unpublished_partnership_publishes_no_figures(register, client):
    assert client.get("/p/thanet/public/asb-case-reviews.csv").status_code == 404
    assert client.get("/api/v1/partnerships/thanet/case-reviews").status_code == 404
