"""The meeting page, the register and the consultation on the plan run a number of queries that
does not grow with the agenda, its papers of every kind and its recommendations on the plan."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from saferplan.meetings.models import Paper, Recommendation
from saferplan.meetings.services import record_recommendation

from .conftest import make_linked_paper, make_paper

M = "/p/thanet/meetings"


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def grow(world, meetings, links, extra):
    for position in range(3, 3 + extra):
        item = meetings.meeting.items.create(
            position=position, title=f"Item {position}", purpose="information"
        )
        item.papers.add(make_paper(world.thanet, f"Paper {position}"))
        item.papers.add(make_linked_paper(links.consultation, Paper.Kind.PLAN))
        item.papers.add(make_linked_paper(links.issued, Paper.Kind.REPORT))
        record_recommendation(
            recommendation=Recommendation(
                item=item,
                kind="plan",
                text=f"To amend the plan at {position}.",
                made_to="partnership",
                plan=links.consultation,
            ),
            by=world.coordinator,
        )
        for made_to in ("partnership", "agency", "committee"):
            Recommendation.objects.create(
                item=item,
                kind="recommendation",
                text=f"To act on {position}.",
                made_to=made_to,
                to_agency=world.police if made_to == "agency" else None,
                to_committee=meetings.scrutiny if made_to == "committee" else None,
            )


def test_queries_do_not_grow_with_items_and_recommendations(client, world, meetings, links):
    client.force_login(world.councillor)
    pages = [
        f"{M}/{meetings.meeting.pk}/",
        f"{M}/recommendations/",
        f"{M}/public/{meetings.meeting.pk}/",
        "/p/thanet/plan/2015/consultation/",
    ]
    before = [queries(client, page) for page in pages]
    grow(world, meetings, links, 10)
    assert [queries(client, page) for page in pages] == before
