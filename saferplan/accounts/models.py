"""Recovery codes: the second step of sign-in for a person whose authenticator app is lost.

A django-otp device of its own, so that a code signs the session in exactly as the app's code
does. Codes are random (about 50 bits each), so a plain SHA-256 digest keeps them safe at rest
and lets a code be found in one query; a code is deleted as it is used, so each works once.
"""

import hashlib
import secrets

from django.db import models
from django_otp.models import Device

RECOVERY_CODES = 10
ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i to misread


def digest(code):
    normalised = "".join(code.lower().split()).replace("-", "")
    return hashlib.sha256(normalised.encode()).hexdigest()


def new_code():
    letters = "".join(secrets.choice(ALPHABET) for _ in range(10))
    return f"{letters[:5]}-{letters[5:]}"


class RecoveryCodes(Device):
    class Meta(Device.Meta):
        verbose_name = "recovery codes"
        verbose_name_plural = "recovery codes"

    def renew(self):
        """Replace every code by new ones; returns them, the only time they are readable."""
        codes = [new_code() for _ in range(RECOVERY_CODES)]
        self.codes.all().delete()
        RecoveryCode.objects.bulk_create(RecoveryCode(device=self, digest=digest(c)) for c in codes)
        return codes

    def verify_token(self, token):
        # Deleting is the check: of two requests with the same code, only one deletes it.
        deleted, _ = self.codes.filter(digest=digest(token)).delete()
        return deleted > 0


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodes, models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, db_index=True)

    def __str__(self):
        return f"A recovery code of {self.device.user}"
