from datetime import date
from decimal import Decimal

import pytest

from saferplan.funding.models import Allocation, FundedProject, Grant, Spend


@pytest.fixture
def grant(world):
    """Thanet's 2014-15 PCC grant of £34,317 split three ways, a commissioned project and spend."""
    grant = Grant.objects.create(
        partnership=world.thanet,
        funder="Kent Police and Crime Commissioner",
        year=2014,
        amount=Decimal("34317.00"),
    )
    kinds = Allocation.Kind
    commissioning = Allocation.objects.create(
        grant=grant, name="Commissioning", kind=kinds.COMMISSIONING, budget=Decimal("20000")
    )
    Allocation.objects.create(
        grant=grant, name="Small grants", kind=kinds.SMALL_GRANTS, budget=Decimal("8317")
    )
    publicity = Allocation.objects.create(
        grant=grant, name="Publicity", kind=kinds.PUBLICITY, budget=Decimal("6000")
    )
    advocacy = FundedProject.objects.create(
        allocation=commissioning,
        organisation="Advocacy Service",
        title="Advocacy",
        amount_awarded=Decimal("12000"),
        status=FundedProject.Status.RUNNING,
    )
    for month in (4, 7, 10):
        Spend.objects.create(
            allocation=commissioning,
            project=advocacy,
            date=date(2014, month, 30),
            amount=Decimal("3000"),
            payee="Advocacy Service",
        )
    Spend.objects.create(
        allocation=publicity, date=date(2014, 9, 3), amount=Decimal("1850.50"), payee="Printer"
    )
    return grant
