"""Making, checking and revoking personal API tokens (models.ApiToken)."""

import hashlib
import secrets

from django.utils import timezone

from .models import ApiToken

PREFIX = "sp_"  # says what the secret is, where one is found in a script or a log


def digest_of(secret):
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(*, person, name):
    """A new token and its secret, which is never stored and cannot be shown again."""
    secret = PREFIX + secrets.token_urlsafe(32)
    return ApiToken.objects.create(person=person, name=name, digest=digest_of(secret)), secret


def person_for(secret):
    """The active person whose token, not revoked, has this secret; None for any other."""
    token = (
        ApiToken.objects.select_related("person")
        .filter(digest=digest_of(secret), revoked=None, person__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used=timezone.now())
    return token.person


def revoke(token):
    if token.revoked is None:
        token.revoked = timezone.now()
        token.save(update_fields=["revoked"])
