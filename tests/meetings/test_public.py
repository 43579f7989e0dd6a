"""The public meeting pages: no sign-in, and only unrestricted items of published agendas of
committees that meet in public. A restricted item's title, papers and decisions never show."""

from saferplan.meetings.models import Meeting

M = "/p/thanet/meetings/public"


def test_the_public_page_shows_only_unrestricted_items(client, meetings):
    response = client.get(f"{M}/{meetings.meeting.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    item, restricted = meetings.item, meetings.restricted_item
    assert item.title in page
    assert meetings.paper.title in page and f"/public/papers/{meetings.paper.pk}/" in page
    assert meetings.recommendation.text in page
    for secret in [
        restricted.title,
        restricted.restriction_reason,
        meetings.restricted_paper.title,
        meetings.restricted_recommendation.text,
    ]:
        assert secret not in page
    # Notes are the partnership's working notes, not published minutes.
    assert item.notes not in page
    assert [i.pk for i in response.context["items"]] == [item.pk]


def test_members_see_the_restricted_item_on_the_meeting_page(client, world, meetings):
    client.force_login(world.councillor)
    page = client.get(f"/p/thanet/meetings/{meetings.meeting.pk}/").content.decode()
    assert meetings.restricted_item.title in page and "Restricted" in page
    assert meetings.restricted_paper.title in page and meetings.item.notes in page


def test_the_public_list_has_published_meetings_of_public_committees(client, meetings):
    draft = Meeting.objects.create(
        committee=meetings.committee,
        date="2015-06-16",
        starts="19:00",
        place="Margate",
        agenda_status="draft",
    )
    response = client.get(f"{M}/")
    listed = [*response.context["upcoming"], *response.context["past"]]
    assert listed == [meetings.meeting]
    assert client.get(f"{M}/{draft.pk}/").status_code == 404
    assert client.get(f"{M}/{meetings.private_meeting.pk}/").status_code == 404


def test_public_papers_are_those_of_unrestricted_items(client, meetings):
    response = client.get(f"{M}/papers/{meetings.paper.pk}/")
    assert b"".join(response.streaming_content) == b"Draft plan presentation"
    assert client.get(f"{M}/papers/{meetings.restricted_paper.pk}/").status_code == 404
    # A paper on both a restricted and an unrestricted item is public through the latter.
    meetings.item.papers.add(meetings.restricted_paper)
    assert client.get(f"{M}/papers/{meetings.restricted_paper.pk}/").status_code == 200


def test_unpublishing_an_agenda_hides_its_papers_too(client, meetings):
    Meeting.objects.filter(pk=meetings.meeting.pk).update(agenda_status="draft")
    assert client.get(f"{M}/papers/{meetings.paper.pk}/").status_code == 404
