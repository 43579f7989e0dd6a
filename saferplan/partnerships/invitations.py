"""One-time links that let an invited person choose their first password."""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    """Like a password-reset token, it dies once a password is set or after INVITATION_DAYS;
    its own salt keeps invitation and reset links from standing in for each other."""

    key_salt = "saferplan.partnerships.invitations"


invitation_tokens = InvitationTokenGenerator()


def invitation_link(person):
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    path = reverse("accept_invitation", args=[uid, invitation_tokens.make_token(person)])
    return settings.SITE_URL + path


def send_invitation(*, person, partnership, invited_by=None):
    context = {
        "person": person,
        "partnership": partnership,
        "invited_by": invited_by,
        "role": person.roles.get(partnership=partnership).get_kind_display(),
        "link": invitation_link(person),
        "days": settings.INVITATION_DAYS,
    }
    send_mail(
        subject=f"You are invited to {partnership} on SaferPlan",
        message=render_to_string("partnerships/email/invitation.txt", context),
        html_message=render_to_string("partnerships/email/invitation.html", context),
        from_email=None,
        recipient_list=[person.email],
    )
    return context["link"]


class InvitationNotSent(Exception):
    """The mail server refused or could not be reached; nothing was saved."""


def invite(form, *, invited_by=None):
    """Save a valid InviteForm and email the invitation, both or neither."""
    try:
        with transaction.atomic():
            person = form.save()
            link = send_invitation(
                person=person, partnership=form.partnership, invited_by=invited_by
            )
    except OSError as error:  # smtplib's errors are OSErrors, as are refused connections
        raise InvitationNotSent(
            f"The invitation email to {form.cleaned_data['email']} could not be sent ({error}). "
            "Nothing was saved: try again later."
        ) from error
    return person, link
