"""Personal API tokens: made and revoked on the account page, shown once, stored as a digest; a
wrong or revoked token is refused."""

import hashlib
import re

from saferplan.api.models import ApiToken
from tests.api.conftest import api_get


def test_a_person_makes_a_token_reads_with_it_and_revokes_it(client, world, published):
    client.force_login(world.councillor)
    assert "Create an API token" in client.get("/account/").content.decode()
    made = client.post("/account/api-tokens/new/", {"name": "Ward dashboard"})
    assert made.status_code == 200
    assert "no-cache" in made["Cache-Control"] or "no-store" in made["Cache-Control"]
    secret = re.search(r"<code>(sp_[^<]+)</code>", made.content.decode()).group(1)
    token = ApiToken.objects.get(person=world.councillor)
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.name, token.digest}
    client.logout()

    assert api_get(client, "/partnerships/thanet/plans", secret).json()[0]["year"] == 2015
    token.refresh_from_db()
    assert token.last_used is not None

    client.force_login(world.councillor)
    account = client.get("/account/").content.decode()
    assert "Ward dashboard" in account and secret not in account
    assert client.post(f"/account/api-tokens/{token.pk}/revoke/").status_code == 302
    client.logout()
    assert api_get(client, "/partnerships/thanet/plans", secret).status_code == 401


def test_wrong_tokens_are_refused(client, world, published, token_of):
    secret = token_of(world.coordinator)
    for header in [f"Bearer {secret}x", "Bearer ", f"Basic {secret}", secret, "Bearer \u00e9"]:
        response = client.get("/api/v1/partnerships", headers={"Authorization": header})
        assert response.status_code == 401, header
    world.coordinator.is_active = False
    world.coordinator.save()
    assert api_get(client, "/partnerships", secret).status_code == 401


def test_a_token_name_is_required_and_nobody_revokes_anothers(client, world, published, token_of):
    client.force_login(world.councillor)
    refused = client.post("/account/api-tokens/new/", {"name": ""})
    assert refused.status_code == 200 and "Error:" in refused.content.decode()
    assert not ApiToken.objects.filter(person=world.councillor).exists()
    token_of(world.coordinator)
    theirs = ApiToken.objects.get(person=world.coordinator)
    assert client.post(f"/account/api-tokens/{theirs.pk}/revoke/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked is None
    client.logout()
    assert client.post(f"/account/api-tokens/{theirs.pk}/revoke/").status_code == 302  # sign in
