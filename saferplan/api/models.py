"""Personal API tokens: a person reads their partnerships' data through the API with a token they
create and revoke on their account page. Only the token's SHA-256 digest is kept: the secret is
shown once, when it is made."""

from django.db import models

from saferplan.partnerships.models import Person


class ApiToken(models.Model):
    person = models.ForeignKey(Person, models.CASCADE, related_name="api_tokens")
    name = models.CharField(
        max_length=100, help_text="What it is for, such as the council's dashboard."
    )
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True, editable=False)
    revoked = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.person})"
