"""Peer districts: loaded from a CSV of district codes (a bad line named, nothing saved) or
picked from the districts of the area lookup, and the partnership's rate placed among theirs in
a candidate issue's evidence."""

import pytest

from saferplan.assessment.models import CandidateIssue, Dimension, PeerDistrict
from saferplan.assessment.selectors import ranking
from tests.crime.factory import CANTERBURY, area, counts

from .conftest import csv_upload

DOVER = "E07999108"


@pytest.fixture
def peers(places):
    area("E01999201", "E05999201", "Town", district=DOVER, population=500)
    return places


def load(client, world, text, name="peers.csv"):
    client.force_login(world.coordinator)
    return client.post("/p/thanet/assessment/peers/load/", {"file": csv_upload(text, name)})


def chosen(world):
    return list(world.thanet.peer_districts.values_list("code", "name", "group"))


def test_a_csv_of_district_codes_with_names_and_a_group(client, peers):
    text = f"District code,Name,Group\n{CANTERBURY},Canterbury,Most similar\n{DOVER.lower()},,\n"
    response = load(client, peers, text)
    assert response.status_code == 302
    # A name left blank is the lookup's (the factory's areas have none: the code).
    assert sorted(chosen(peers)) == [(CANTERBURY, "Canterbury", "Most similar"), (DOVER, DOVER, "")]
    # A new file replaces the peers.
    load(client, peers, f"district code\n{DOVER}\n")
    assert chosen(peers) == [(DOVER, DOVER, "")]
    page = client.get("/p/thanet/assessment/peers/").content.decode()
    assert f"<td>{DOVER}</td>" in page


def test_a_bad_file_names_each_bad_line_and_saves_nothing(client, peers):
    PeerDistrict.objects.create(partnership=peers.thanet, code=DOVER)
    text = (
        "district code,group\n"
        f"{CANTERBURY},Most similar\n"
        "E07999999,\n"
        "Margate,\n"
        f"{peers.thanet.district_codes[0]},\n"
        f"{CANTERBURY},\n"
        ",\n"  # blank: skipped
        f"{DOVER},{'x' * 101}\n"
    )
    assert load(client, peers, text).context["form"].errors["file"] == [
        "5 problems: nothing was saved.",
        "line 3, column 'district code': 'E07999999' is in no area lookup loaded",
        "line 4, column 'district code': 'Margate' is not a district code (such as E07000114)",
        "line 5: E07999114 is one of the partnership's own districts",
        "line 6: E07999106 is on line 2 already",
        "line 8, column 'group': longer than 100 characters",
    ]
    assert chosen(peers) == [(DOVER, "", "")]


@pytest.mark.parametrize(
    ("text", "name", "problem"),
    [
        ("code\nE07999106\n", "peers.csv", "no column &#x27;district code&#x27;"),
        ("district code\n", "peers.csv", "has no rows below its header"),
        ("district code\nE07999106\n", "peers.xlsx", "Choose a .csv file."),
        ("district code\n" + "E07999106\n" * 61, "peers.csv", "at most 60 peers"),
    ],
)
def test_a_file_that_is_no_list_of_districts(client, peers, text, name, problem):
    response = load(client, peers, text, name)
    assert response.status_code == 200 and problem in response.content.decode()
    assert not PeerDistrict.objects.exists()


def test_peers_are_picked_from_the_districts_of_the_lookup(client, peers):
    peers.police_officer.user_permissions.add(*data_manager())
    client.force_login(peers.police_officer)
    form = client.get("/p/thanet/assessment/peers/choose/").content.decode()
    assert f'value="{DOVER}"' in form and 'value="E07999114"' not in form  # not its own
    response = client.post(
        "/p/thanet/assessment/peers/choose/", {"districts": [DOVER, CANTERBURY], "group": "Kent"}
    )
    assert response.status_code == 302
    assert sorted(chosen(peers)) == [(CANTERBURY, CANTERBURY, "Kent"), (DOVER, DOVER, "Kent")]
    refused = client.post("/p/thanet/assessment/peers/choose/", {"districts": ["E07999114"]})
    assert refused.status_code == 200 and "Select a valid choice" in refused.content.decode()
    assert len(chosen(peers)) == 2


def data_manager():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(codename="load_police_data")


def test_the_peer_position_is_in_the_evidence_of_an_issue(peers):
    # Thanet 3 burglaries for 1,500 people (2.0 per 1,000); Dover 2 for 500 (4.0); Canterbury's
    # population is not loaded, so it is left out.
    counts("2019-01", "E01999002", {"Burglary": 3})
    counts("2019-01", "E01999201", {"Burglary": 2}, district=DOVER)
    for code in (DOVER, CANTERBURY):
        PeerDistrict.objects.create(partnership=peers.thanet, code=code)
    CandidateIssue.objects.create(partnership=peers.thanet, name="Burglary", category="Burglary")
    [issue] = ranking(peers.thanet).issues
    assert issue.evidence[Dimension.FREQUENCY.value] == (
        "3 in Feb 2018 to Jan 2019 (police.uk); the 2nd highest rate per 1,000 people of 2 "
        "(the partnership and its 1 peer district; 1 without a population loaded left out)"
    )
