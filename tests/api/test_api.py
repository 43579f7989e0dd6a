"""The JSON API: without a token what partnerships publish, the public page's figures; with a
personal token what its person reads on the site."""

import csv
import io

from saferplan.plans import selectors
from tests.api.conftest import REWORDED, api_get


def titles(plan):
    return [
        action["title"]
        for priority in plan["priorities"]
        for issue in priority["issues"]
        for action in issue["actions"]
    ]


def test_without_a_token_only_published_partnerships_and_adopted_plans(client, published):
    assert [p["slug"] for p in api_get(client, "/partnerships").json()] == ["thanet"]
    plans = api_get(client, "/partnerships/thanet/plans").json()
    assert [(p["year"], p["status"]) for p in plans] == [(2014, "adopted")]
    plan = api_get(client, "/partnerships/thanet/plans/2014").json()
    assert plan["version"] == "as adopted"
    assert titles(plan)[0] == "Joint patrols"
    assert REWORDED not in titles(plan)
    assert api_get(client, "/partnerships/thanet/plans/2015").status_code == 404  # consultation
    assert api_get(client, "/partnerships/canterbury/plans").status_code == 404


def test_the_progress_is_the_public_pages_and_the_reports(client, published):
    served = api_get(client, "/partnerships/thanet/plans/2014/progress").json()
    report = selectors.plan_progress(published.plans.plan, by="priority")
    assert [
        (g["label"], g["completed"], g["underway"], g["not_started"]) for g in served["groups"]
    ] == [(g.label, g.completed, g.underway, g.not_started) for g in report.groups]
    assert served["total"] == {
        "label": "All actions",
        "completed": 2,
        "underway": 1,
        "not_started": 1,
        "total": 4,
    }
    body = client.get("/p/thanet/public/progress.csv").content.decode()
    assert [row[0] for row in list(csv.reader(io.StringIO(body)))[1:-1]] == [
        g["label"] for g in served["groups"]
    ]


def test_case_studies_and_meetings_public_or_by_role(client, world, published, token_of):
    public_studies = api_get(client, "/partnerships/thanet/case-studies").json()
    assert [s["title"] for s in public_studies] == ["Taking back the square"]
    councillor = token_of(world.councillor)
    studies = api_get(client, "/partnerships/thanet/case-studies", councillor).json()
    assert [(s["title"], s["publishable"]) for s in studies] == [
        ("Named family support", False),
        ("Taking back the square", True),
    ]
    public_meetings = api_get(client, "/partnerships/thanet/meetings").json()
    assert [m["id"] for m in public_meetings] == [published.meetings.meeting.pk]
    assert public_meetings[0]["url"].endswith(
        f"/p/thanet/meetings/public/{published.meetings.meeting.pk}/"
    )
    every = api_get(client, "/partnerships/thanet/meetings", councillor).json()
    assert published.meetings.private_meeting.pk in {m["id"] for m in every}


def test_a_token_reads_the_plans_as_they_are_now_and_unpublished_partnerships(
    client, world, published, token_of
):
    coordinator = token_of(world.coordinator)
    plans = api_get(client, "/partnerships/thanet/plans", coordinator).json()
    assert [p["year"] for p in plans] == [2015, 2014]
    plan = api_get(client, "/partnerships/thanet/plans/2014", coordinator).json()
    assert plan["version"] == "as it is now"
    assert REWORDED in titles(plan)
    # Canterbury publishes nothing: its coordinator reads it, Thanet's coordinator does not.
    outsider = token_of(world.outsider)
    assert api_get(client, "/partnerships/canterbury/plans/2014", outsider).status_code == 200
    assert api_get(client, "/partnerships/canterbury/plans", coordinator).status_code == 404
    listed = api_get(client, "/partnerships", outsider).json()
    assert [(p["slug"], p["role"]) for p in listed] == [
        ("canterbury", "coordinator"),
        ("thanet", None),
    ]
    # In Thanet, where they have no role, the outsider reads only what Thanet publishes.
    assert (
        api_get(client, "/partnerships/thanet/plans", outsider).json()
        == api_get(client, "/partnerships/thanet/plans").json()
    )


def test_unpublished_the_public_reads_nothing(client, world, published, token_of):
    world.thanet.public_page = False
    world.thanet.save()
    for path in ["/plans", "/plans/2014", "/plans/2014/progress", "/case-studies", "/crime"]:
        assert api_get(client, f"/partnerships/thanet{path}").status_code == 404
        signed = api_get(client, f"/partnerships/thanet{path}", token_of(world.councillor))
        assert signed.status_code == 200
    assert api_get(client, "/partnerships").json() == []


def test_hostile_addresses_are_refused_not_failed(client, published):
    for path in [
        "/partnerships/thanet/plans/99999999999999999999999",
        "/partnerships/thanet/plans/-1",
        "/partnerships/thanet/plans/abc",
        "/partnerships/th%00anet/plans",
        "/partnerships/%F0%9F%92%A9/crime",
    ]:
        assert api_get(client, path).status_code in (404, 422), path


def test_the_crime_summary_is_the_public_pages_tables(client, world, published, kent):
    served = api_get(client, "/partnerships/thanet/crime").json()
    assert served["latest_month"] == "2019-02-01"
    assert any("Police.uk publishes" in caveat for caveat in served["caveats"])
    for table in served["tables"]:
        body = client.get(f"/p/thanet/public/{table['name']}.csv").content.decode()
        rows = list(csv.reader(io.StringIO(body)))
        assert rows[0] == table["headers"]
        as_text = [["" if cell is None else str(cell) for cell in row] for row in table["rows"]]
        assert rows[1:] == as_text
