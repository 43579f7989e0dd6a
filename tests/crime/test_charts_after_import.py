"""After an import the worker, not the next page, draws the partnerships' trend charts."""

from django_tasks_db.models import DBTaskResult

from saferplan.crime.tasks import draw_crime_charts
from saferplan.ui import charts
from tests.crime.commands import run


def test_the_import_leaves_the_chart_to_the_worker(thanet_geography, client, world, monkeypatch):
    run("import_police", str(thanet_geography / "police/kent/2019-01-kent-street.csv"))
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "saferplan.crime.tasks.draw_crime_charts"
    draw_crime_charts.call()  # as the worker runs it
    monkeypatch.setattr(charts, "line_chart", None)  # drawing now would fail the page
    client.force_login(world.coordinator)
    page = client.get("/p/thanet/crime/").content.decode()
    assert "<svg" in page and "Crime and ASB month by month" in page
