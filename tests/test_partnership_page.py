"""The partnership's overview and its directory: its agencies, their people and roles, and the
navigation."""

import re

import time_machine

from saferplan.partnerships.models import Role
from tests.plans.conftest import at
from tests.reminders.conftest import cycle  # noqa: F401 (a fixture)


def test_directory_lists_each_agency_with_its_people_and_roles(client, world):
    client.force_login(world.police_officer)
    page = client.get("/p/thanet/people/").content.decode()
    for agency in ["Kent Police", "Thanet District Council", "Kent County Council"]:
        assert f">{agency}</h2>" in page
    assert "Canterbury City Council" not in page
    assert "Bob Police" in page and "Alice Coordinator" in page
    assert "Member (councillor)" in page
    assert "Erin Canterbury" not in page, "a person of another partnership is listed"


def test_section_navigation_is_there_for_later_features(client, world):
    client.force_login(world.councillor)
    page = client.get("/p/thanet/").content.decode()
    for section in [
        "Overview",
        "Plan",
        "Crime and ASB",
        "Funding",
        "Meetings",
        "Reports",
        "People",
    ]:
        assert section in page
    assert 'aria-current="page">Overview' in page


def test_only_a_coordinator_is_offered_the_invite_button(client, world):
    client.force_login(world.coordinator)
    assert "Invite a person" in client.get("/p/thanet/people/").content.decode()
    client.force_login(world.councillor)
    assert "Invite a person" not in client.get("/p/thanet/people/").content.decode()


def test_person_in_one_partnership_has_a_home_that_links_to_it(client, world):
    client.force_login(world.coordinator)
    page = client.get("/").content.decode()
    assert 'href="/p/thanet/">Overview of Thanet Community Safety Partnership</a>' in page


def test_person_in_several_partnerships_sees_each_on_their_home(client, world):
    Role.objects.create(
        person=world.police_officer, partnership=world.canterbury, kind=Role.Kind.OFFICER
    )
    client.force_login(world.police_officer)
    page = client.get("/").content.decode()
    assert "Thanet Community Safety Partnership" in page
    assert "Canterbury Community Safety Partnership" in page
    assert client.get("/p/canterbury/").status_code == 200


def test_switcher_lists_only_the_persons_own_partnerships(client, world):
    client.force_login(world.coordinator)
    page = client.get("/?choose").content.decode()
    assert "Thanet Community Safety Partnership" in page
    assert "Canterbury" not in page


def test_coordinator_changes_a_persons_role(client, world):
    client.force_login(world.coordinator)
    response = client.post(f"/p/thanet/people/{world.councillor.pk}/", {"kind": "viewer"})
    assert response.status_code == 302
    assert Role.objects.get(person=world.councillor).kind == "viewer"
    assert Role.objects.get(person=world.councillor).history.count() == 2


def test_coordinator_cannot_demote_themselves(client, world):
    client.force_login(world.coordinator)
    response = client.post(f"/p/thanet/people/{world.coordinator.pk}/", {"kind": "viewer"})
    assert response.status_code == 200
    assert "You cannot take away your own coordinator role" in response.content.decode()
    assert Role.objects.get(person=world.coordinator).kind == "coordinator"


def test_a_role_that_is_not_one_of_the_four_is_refused(client, world):
    client.force_login(world.coordinator)
    response = client.post(f"/p/thanet/people/{world.councillor.pk}/", {"kind": "admin"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and "Select a valid choice" in page
    assert Role.objects.get(person=world.councillor).kind == "member"


def test_coordinator_removes_a_person_who_keeps_their_other_partnerships(client, world):
    Role.objects.create(
        person=world.police_officer, partnership=world.canterbury, kind=Role.Kind.OFFICER
    )
    client.force_login(world.coordinator)
    response = client.post(f"/p/thanet/people/{world.police_officer.pk}/remove/", follow=True)
    assert "Bob Police no longer has a role" in response.content.decode()
    assert list(world.police_officer.roles.values_list("partnership__slug", flat=True)) == [
        "canterbury"
    ]
    client.force_login(world.police_officer)
    assert client.get("/p/thanet/").status_code == 404


def test_coordinator_cannot_remove_themselves(client, world):
    client.force_login(world.coordinator)
    client.post(f"/p/thanet/people/{world.coordinator.pk}/remove/")
    assert world.coordinator.roles.filter(partnership=world.thanet).exists()


def test_resend_when_the_mail_server_is_down_says_so(client, world, settings):
    world.police_officer.set_unusable_password()
    world.police_officer.save()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9
    client.force_login(world.coordinator)
    response = client.post(f"/p/thanet/people/{world.police_officer.pk}/resend/", follow=True)
    assert "could not be sent" in response.content.decode()


@time_machine.travel(at(2015, 2, 12, 10), tick=False)
def test_overview_leads_with_the_plan_the_next_meeting_and_crime(client, world, cycle):  # noqa: F811
    client.force_login(world.councillor)
    page = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", client.get("/p/thanet/").content.decode()))
    assert page.index("The plan's progress") < page.index("Next meeting")
    assert "1 completed, 3 underway, 1 not started of 5" in page
    assert "1 overdue, 3 with no update for over 90 days" in page
    assert "Community Safety Working Party, Tuesday 3 March 2015 , 19:00, Council Chamber" in page
    assert "No police data is loaded for the partnership's area yet." in page
    assert "Bob Police" not in page, "the directory is on its own page"


def test_a_role_changed_goes_back_to_the_directory(client, world):
    client.force_login(world.coordinator)
    response = client.post(f"/p/thanet/people/{world.councillor.pk}/", {"kind": "viewer"})
    assert response.url == "/p/thanet/people/"
