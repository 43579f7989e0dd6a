"""A small grant's path: received, assessed, approved or declined, paid, monitoring received."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from saferplan.funding.figures import grant_figures
from saferplan.funding.models import Allocation, Application, Spend


@pytest.fixture
def application(grant):
    return Application.objects.create(
        allocation=Allocation.objects.get(name="Small grants"),
        organisation="Residents' Association",
        title="Watch signs",
        amount_requested=Decimal("750"),
        received=date(2014, 5, 2),
    )


def small_grants(grant):
    return next(row for row in grant_figures(grant)[0] if row.name == "Small grants")


def test_the_whole_path_moves_the_money(client, world, grant, application):
    client.force_login(world.coordinator)
    url = f"/p/thanet/funding/grants/{grant.pk}/applications/{application.pk}/"
    steps = [
        {"stage": "assessed", "on": "2014-05-20", "note": "Good value"},
        {"stage": "approved", "on": "2014-06-03", "amount": "700"},
        {"stage": "paid", "on": "2014-06-20"},
        {"stage": "monitoring_received", "on": "2014-11-05", "note": "40 signs up"},
    ]
    for step in steps[:2]:
        assert client.post(url, step).status_code == 302
    assert small_grants(grant).committed == Decimal("700.00")
    assert small_grants(grant).spent == 0
    for step in steps[2:]:
        assert client.post(url, step).status_code == 302
    application.refresh_from_db()
    assert application.stage == "monitoring_received"
    payment = Spend.objects.get(project=application.project)
    assert (payment.amount, payment.date, payment.payee) == (
        Decimal("700.00"),
        date(2014, 6, 20),
        "Residents' Association",
    )
    assert application.project.outputs == "40 signs up"
    assert small_grants(grant).spent == Decimal("700.00")
    assert [m.stage for m in application.moves.all()] == [s["stage"] for s in steps]
    assert "Approved 3 June 2014 by Alice Coordinator" in client.get(url).content.decode()


def test_declining_needs_a_reason(grant, application, world):
    application.move_to("assessed", on=date(2014, 5, 20), by=world.coordinator)
    with pytest.raises(ValidationError, match="Give the reason"):
        application.move_to("declined", on=date(2014, 6, 1), by=world.coordinator, note=" ")
    application.refresh_from_db()
    assert application.stage == "assessed"


def test_a_stage_cannot_be_skipped(client, world, grant, application):
    client.force_login(world.coordinator)
    url = f"/p/thanet/funding/grants/{grant.pk}/applications/{application.pk}/"
    response = client.post(url, {"stage": "paid", "on": "2014-06-20"})
    assert "Select a valid choice" in response.content.decode()
    assert Spend.objects.filter(project__isnull=False, allocation__name="Small grants").count() == 0


def test_payment_outside_the_grants_year_saves_nothing(grant, application, world):
    application.move_to("assessed", on=date(2014, 5, 20), by=world.coordinator)
    application.move_to("approved", on=date(2014, 6, 3), by=world.coordinator)
    with pytest.raises(ValidationError):
        application.move_to("paid", on=date(2015, 5, 1), by=world.coordinator)
    application.refresh_from_db()
    assert application.stage == "approved"
    assert application.moves.count() == 2


def test_pipeline_page_shows_where_each_application_stands(client, world, grant, application):
    client.force_login(world.councillor)
    text = client.get(f"/p/thanet/funding/grants/{grant.pk}/applications/").content.decode()
    assert "Received (1)" in text and "Watch signs" in text and "Paid (0)" in text
    assert "Record an application" not in text
