"""The meeting page and the register run a number of queries that does not grow with the agenda."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferplan.meetings.models import Recommendation

from .conftest import make_paper

M = "/p/thanet/meetings"


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def grow(world, meetings, extra):
    for position in range(3, 3 + extra):
        item = meetings.meeting.items.create(
            position=position, title=f"Item {position}", purpose="information"
        )
        item.papers.add(make_paper(world.thanet, f"Paper {position}"))
        for made_to in ("partnership", "agency", "committee"):
            Recommendation.objects.create(
                item=item,
                kind="recommendation",
                text=f"To act on {position}.",
                made_to=made_to,
                to_agency=world.police if made_to == "agency" else None,
                to_committee=meetings.scrutiny if made_to == "committee" else None,
            )


def test_queries_do_not_grow_with_items_and_recommendations(client, world, meetings):
    client.force_login(world.councillor)
    pages = [
        f"{M}/{meetings.meeting.pk}/",
        f"{M}/recommendations/",
        f"{M}/public/{meetings.meeting.pk}/",
    ]
    before = [queries(client, page) for page in pages]
    grow(world, meetings, 10)
    assert [queries(client, page) for page in pages] == before
