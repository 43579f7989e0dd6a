"""`saferplan demo --no-serve` builds the sample partnerships; building twice changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from saferplan.partnerships import access
from saferplan.partnerships.models import Agency, Partnership, Person, Role

# The responsible authorities named in section 1.3 of the Working Party report (the seed document).
THANET_AUTHORITIES = {
    "Kent Police",
    "Thanet District Council",
    "Kent County Council",
    "Thanet Clinical Commissioning Group",
    "Kent Fire and Rescue Service",
    "Local Probation Services",
}


def build_demo():
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    return out.getvalue()


def everything():
    models = [Partnership, Agency, Person, Role]
    return {m.__name__: (m.objects.count(), m.history.count()) for m in models}


@pytest.mark.django_db
def test_demo_builds_thanet_with_its_six_responsible_authorities():
    out = build_demo()
    thanet = Partnership.objects.get(slug="thanet")
    assert thanet.is_sample
    assert thanet.district_codes == ["E07000114"]
    assert set(access.agencies_of(thanet).values_list("name", flat=True)) == THANET_AUTHORITIES
    assert "SAMPLE DATA" in out
    assert "coordinator@thanet.example" in out and "saferplan-demo" in out


@pytest.mark.django_db
def test_demo_people_match_the_issue_an_officer_per_agency_and_three_councillors():
    build_demo()
    thanet = Partnership.objects.get(slug="thanet")
    roles = Role.objects.filter(partnership=thanet)
    assert roles.filter(kind="coordinator").count() == 1
    assert roles.filter(kind="member").count() == 3
    officer_agencies = set(
        roles.filter(kind="officer").values_list("person__agency__name", flat=True)
    )
    assert officer_agencies == THANET_AUTHORITIES


@pytest.mark.django_db
def test_canterbury_shares_county_agencies_so_access_across_partnerships_is_exercised():
    build_demo()
    thanet, canterbury = (
        Partnership.objects.get(slug="thanet"),
        Partnership.objects.get(slug="canterbury"),
    )
    shared = set(access.agencies_of(thanet)) & set(access.agencies_of(canterbury))
    assert {"Kent Police", "Kent County Council"} <= {a.name for a in shared}
    assert Person.objects.get(email="police.officer@kent.example").roles.count() == 2


@pytest.mark.django_db
def test_building_twice_duplicates_nothing():
    build_demo()
    first = everything()
    build_demo()
    assert everything() == first


@pytest.mark.django_db
def test_demo_logins_work(client):
    build_demo()
    response = client.post(
        "/account/sign-in/",
        {"username": "coordinator@thanet.example", "password": "saferplan-demo"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/"
