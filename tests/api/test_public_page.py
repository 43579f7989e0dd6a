"""The public page: what a partnership publishes, only once it chose to, with the reports'
figures; each table as CSV."""

import csv
import io

from saferplan.plans import selectors
from tests.api.conftest import REWORDED, api_get


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_public_page_shows_the_plan_as_adopted_not_as_amended_since(client, published):
    page = client.get("/p/thanet/public/").content.decode()
    assert "Joint patrols" in page
    assert REWORDED not in page
    actions = csv_rows(client.get("/p/thanet/public/plan.csv"))
    assert actions[0][:2] == ["Action", "Title"]
    assert [row[:2] for row in actions[1:]] == [
        ["1.1.1", "Joint patrols"],
        ["1.1.2", "Designated public place order"],
        ["1.2.1", "Summer sports sessions"],
        ["2.1.1", "Theatre for sixth formers"],
    ]


def test_its_progress_is_the_reports_figures(client, published):
    """The counts a progress report gives (plan_progress), priority by priority."""
    report = selectors.plan_progress(published.plans.plan, by="priority")
    expected = [
        [g.label, str(g.completed), str(g.underway), str(g.not_started), str(g.total)]
        for g in [*report.groups, report.total]
    ]
    rows = csv_rows(client.get("/p/thanet/public/progress.csv"))
    assert rows[0] == ["Priority", "Completed", "Underway", "Not started", "Total"]
    assert rows[1:] == expected
    assert rows[-1] == ["All actions", "2", "1", "1", "4"]
    page = client.get("/p/thanet/public/").content.decode()
    assert "2 of 4 completed, 1 underway and 1 not started" in page


def test_only_publishable_case_studies_are_shown(client, published):
    page = client.get("/p/thanet/public/").content.decode()
    assert "Taking back the square" in page
    assert "Named family support" not in page
    rows = csv_rows(client.get("/p/thanet/public/case-studies.csv"))
    assert [row[0] for row in rows[1:]] == ["Taking back the square"]


def test_the_public_meetings_are_listed_and_linked(client, published):
    page = client.get("/p/thanet/public/").content.decode()
    assert 'href="/p/thanet/meetings/public/"' in page
    rows = csv_rows(client.get("/p/thanet/public/meetings.csv"))
    # The board meets in private: only the Working Party's published meeting.
    working_party = "Community Safety Working Party"
    assert rows[1:] == [["2015-03-03", working_party, "19:00", "Council Chamber, Margate", "Held"]]


def test_a_partnership_that_publishes_nothing_has_no_public_page(client, published):
    for path in ["/p/canterbury/public/", "/p/canterbury/public/progress.csv", "/p/none/public/"]:
        assert client.get(path).status_code == 404
    for path in ["/p/thanet/public/no-such-table.csv", "/p/thanet/public/crime-comparison.csv"]:
        assert client.get(path).status_code == 404  # no police data loaded for Thanet here


def test_the_coordinator_publishes_and_takes_down_the_page(client, world, published):
    client.force_login(world.coordinator)
    response = client.post("/p/thanet/public/publish/", {"public_page": "off"})
    assert response.status_code == 302
    client.logout()
    assert client.get("/p/thanet/public/").status_code == 404
    assert client.get("/p/thanet/public/plan.csv").status_code == 404
    client.force_login(world.coordinator)
    assert "Publish the public page" in client.get("/p/thanet/").content.decode()
    client.post("/p/thanet/public/publish/", {"public_page": "on"})
    client.logout()
    assert client.get("/p/thanet/public/").status_code == 200


def test_the_crime_summary_is_the_crime_pages_figures(client, world, published, kent):
    """The real Kent months: the public tables are the Crime and ASB page's, byte for byte,
    with the caveats."""
    page = client.get("/p/thanet/public/").content.decode()
    assert "up to February 2019" in page
    assert "Police.uk publishes each month" in page
    assert "beyond chance" in page
    public = {
        name: client.get(f"/p/thanet/public/crime-{name}.csv").content
        for name in ["comparison", "year-to-date"]
    }
    client.force_login(world.councillor)
    for name, body in public.items():
        assert body == client.get(f"/p/thanet/crime/{name}.csv").content
    assert b"Anti-social behaviour" in public["comparison"]


def test_a_published_partnership_with_nothing_yet_says_so(client, world, published):
    world.canterbury.public_page = True
    world.canterbury.save()
    page = client.get("/p/canterbury/public/").content.decode()
    assert "The partnership has no adopted plan yet." in page  # its 2014 plan is a draft
    assert "No case studies have been published." in page
    assert "No police.uk figures are loaded" in page
    assert client.get("/p/canterbury/public/progress.csv").status_code == 404


def test_its_progress_names_the_priorities_as_adopted_not_as_amended_since(
    client, world, published, token_of
):
    plan = published.plans.plan
    renamed = plan.priorities.get(number=1)
    renamed.title = "Renamed after adoption"
    renamed.save()
    plan.priorities.create(number=3, title="Added after adoption")
    page = client.get("/p/thanet/public/").content.decode()
    rows = csv_rows(client.get("/p/thanet/public/progress.csv"))
    served = api_get(client, "/partnerships/thanet/plans/2014/progress").json()
    for shown in [page, str(rows), str(served)]:
        assert "Renamed after adoption" not in shown and "Added after adoption" not in shown
    assert [row[0] for row in rows[1:]] == [
        "Priority 1: Anti-Social Behaviour",
        "Priority 2: Road Safety",
        "Priority 3",
        "All actions",
    ]
    assert [g["label"] for g in served["groups"]] == [row[0] for row in rows[1:-1]]
    # Someone with a role in Thanet reads the plan as it is now, through the API as on the site.
    mine = api_get(client, "/partnerships/thanet/plans/2014/progress", token_of(world.councillor))
    assert mine.json()["groups"][0]["label"] == "Priority 1: Renamed after adoption"
