"""The plan's pages with hostile input: a bad query string is a form error or a 400, and text a
charting library could read as TeX is drawn as typed."""

import time_machine

from .conftest import at


def test_progress_as_at_the_end_of_the_calendar_is_a_form_error(client, world, plans):
    client.force_login(world.councillor)
    with time_machine.travel(at(2015, 1, 10), tick=False):
        response = client.get("/p/thanet/plan/2014/progress/?as_at=9999-12-31")
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and "Enter a date up to 31 December 2100." in page
    assert "Progress as at 10 January 2015" in page


def test_new_issue_and_action_links_with_a_bad_id_are_bad_requests(client, world, plans):
    client.force_login(world.coordinator)
    for query in [
        "priority=abc",
        "priority=",
        f"priority={plans.canterbury_action.issue.priority.pk}",
    ]:
        response = client.get(f"/p/thanet/plan/2014/issues/new/?{query}")
        assert response.status_code == (200 if query == "priority=" else 400), query
    assert client.get("/p/thanet/plan/2014/actions/new/?issue=1'").status_code == 400
    other = plans.canterbury_action.issue.pk
    assert client.get(f"/p/thanet/plan/2014/actions/new/?issue={other}").status_code == 400
    good = client.get(f"/p/thanet/plan/2014/actions/new/?issue={plans.issue.pk}")
    assert good.status_code == 200
    assert f'<option value="{plans.issue.pk}" selected>' in good.content.decode()


def test_a_priority_titled_like_tex_is_drawn_as_typed(client, world, plans):
    plans.priority.title = r"Drugs $\x$ and $£$"
    plans.priority.save()
    client.force_login(world.councillor)
    response = client.get("/p/thanet/plan/2014/progress/")
    assert response.status_code == 200
    chart = response.content.decode().split('<svg role="img"', 1)[1]
    svg = chart.split("</svg>", 1)[0]
    assert r"Drugs $\x$ and $£$" in svg
