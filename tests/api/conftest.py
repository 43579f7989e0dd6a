"""Thanet publishes its public page: the plans of tests/plans (its 2014-15 plan adopted, its
adopted version taken, then an action reworded after adoption, which the public must not read),
a case study not cleared for publication beside the publishable one, and the meetings of
tests/meetings. Canterbury publishes nothing."""

from dataclasses import dataclass

import pytest

from saferplan.plans.changes import take_version
from saferplan.plans.models import CaseStudy, Plan
from tests.crime.conftest import kent  # noqa: F401 (a fixture)
from tests.meetings.conftest import Meetings, meetings  # noqa: F401 (a fixture)
from tests.plans.conftest import PlanWorld, plans  # noqa: F401 (a fixture)

REWORDED = "Joint patrols, reworded after adoption"


@dataclass
class Published:
    plans: PlanWorld
    meetings: Meetings
    secret_study: CaseStudy

    def ids(self, world):
        return {
            **self.plans.ids(world),
            "meeting": self.meetings.meeting.pk,
            "secret_study": self.secret_study.pk,
        }


@pytest.fixture
def published(world, plans, meetings):  # noqa: F811 (the fixtures imported above)
    take_version(plans.plan, stage=Plan.Stage.ADOPTED)
    plans.police_action.title = REWORDED
    plans.police_action.save()
    secret_study = CaseStudy.objects.create(
        partnership=world.thanet,
        plan=plans.plan,
        title="Named family support",
        summary="Not for the public.",
        outcome="Kept private.",
        publishable=False,
    )
    world.thanet.public_page = True
    world.thanet.save()
    return Published(plans, meetings, secret_study)


@pytest.fixture
def token_of(world):
    """token_of(person): the secret of a new API token of theirs."""
    from saferplan.api.tokens import create_token

    def make(person):
        return create_token(person=person, name="Test script")[1]

    return make


def api_get(client, path, secret=None):
    headers = {"Authorization": f"Bearer {secret}"} if secret else {}
    return client.get(f"/api/v1{path}", headers=headers)
