"""One name per page: the link to a page, its title and its heading call it the same, and the
council's objectives are "Corporate plan objectives" wherever they are shown."""

import re

import pytest

from saferplan.reports.kinds import coverage_sentence


def title_and_heading(page):
    title = re.search(r"<title>(.*?) – ", page).group(1)
    heading = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1))
    return title, heading.strip()


@pytest.mark.parametrize(
    ("path", "title", "heading"),
    [
        ("/p/thanet/plan/", "Community Safety Plans", "Community Safety Plans"),
        ("/p/thanet/plan/objectives/", "Corporate plan objectives", "Corporate plan objectives"),
        (
            "/p/thanet/plan/2014/objectives/",
            "Corporate plan objectives of Community Safety Plan 2014-15",
            "Corporate plan objectives",
        ),
        (
            "/p/thanet/plan/2015/changes/",
            "What changed after consultation: Community Safety Plan 2015-16",
            "What changed after consultation",
        ),
    ],
)
def test_a_page_is_called_what_its_links_call_it(client, world, plans, path, title, heading):
    client.force_login(world.coordinator)
    page = client.get(path).content.decode()
    assert title_and_heading(page) == (title, heading)
    plan_page = client.get("/p/thanet/plan/2015/").content.decode()
    links = re.findall(r'<a href="[^"]+"[^>]*>([^<]+)</a>', plan_page)
    if "/2014/" in path or "/2015/" in path:
        assert heading in links, "the plan's own menu names the page as its heading does"


def test_the_objectives_are_corporate_plan_objectives_on_every_page(client, world, plans):
    client.force_login(world.coordinator)
    for path in [
        "/p/thanet/plan/",
        "/p/thanet/plan/objectives/",
        "/p/thanet/plan/objectives/new/",
        f"/p/thanet/plan/objectives/{plans.objective.pk}/",
        "/p/thanet/plan/2014/",
        "/p/thanet/plan/2014/objectives/",
        f"/p/thanet/plan/2014/priorities/{plans.priority.pk}/",
        "/p/thanet/plan/2015/changes/",
    ]:
        page = client.get(path).content.decode()
        assert not re.search(r"corporate objective|council objective", page, re.I), path
    form = client.get(f"/p/thanet/plan/2014/priorities/{plans.priority.pk}/").content.decode()
    assert '<legend class="sp-label">Corporate plan objectives (optional)</legend>' in form
    assert (
        "Add a corporate plan objective"
        in client.get("/p/thanet/plan/objectives/new/").content.decode()
    )
    assert coverage_sentence([]) == (
        "Every corporate plan objective is served by at least one action."
    )
