from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db import transaction
from django.urls import reverse

from saferplan.partnerships.forms import ChoosePasswordForm
from saferplan.reminders import outbox, tasks

from . import lockout, two_factor

WRONG_CODE = (
    "That code is not right. Check that your phone's clock is right and type the code the app "
    "shows now; after several wrong codes each try waits longer than the last."
)


def check_not_waiting(device):
    if wait := two_factor.seconds_to_wait(device):
        raise forms.ValidationError(
            f"Too many wrong codes: wait {wait} second{'s' if wait > 1 else ''}, then type "
            "the code your app shows then."
        )


class SignInForm(AuthenticationForm):
    """People sign in with their email address: phones show the email keyboard and password
    managers fill it in (WCAG 1.3.5, input purpose)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].widget = forms.EmailInput(
            attrs={"autofocus": True, "autocomplete": "username"}
        )


class ResetPasswordForm(PasswordResetForm):
    """The link starts with SITE_URL, never with the Host header of the request (which anyone
    can set), and the email goes through the outbox: logged, and retried if the mail server
    refuses. The page says the same whether or not the address has an account."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        path = reverse("password_reset_confirm", args=[context["uid"], context["token"]])
        outbox.queue_password_reset(person=context["user"], link=settings.SITE_URL + path)
        # Sent by the next worker that looks, not a minute later by the schedule.
        transaction.on_commit(tasks.deliver_emails.enqueue)


class CodeField(forms.CharField):
    def __init__(self, **kwargs):
        super().__init__(
            max_length=20,
            widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
            **kwargs,
        )


class ConfirmAppForm(forms.Form):
    code = CodeField(
        label="The 6-digit code your app shows",
        error_messages={"required": "Type the 6-digit code your authenticator app shows."},
    )

    def __init__(self, *args, device, **kwargs):
        super().__init__(*args, **kwargs)
        self.device = device
        self.recovery_codes = None

    def clean_code(self):
        check_not_waiting(self.device)
        self.recovery_codes = two_factor.confirm_app(
            device=self.device, code=self.cleaned_data["code"]
        )
        if self.recovery_codes is None:
            raise forms.ValidationError(WRONG_CODE)
        return self.cleaned_data["code"]


class SecondStepForm(forms.Form):
    code = CodeField(
        label="Code",
        help_text="The 6 digits your authenticator app shows, or one of your recovery codes.",
        error_messages={"required": "Type the code your authenticator app shows."},
    )

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.device = None

    def clean_code(self):
        if self.cleaned_data["code"].strip().isdigit():
            check_not_waiting(two_factor.app_of(self.person))
        self.device = two_factor.device_for_code(self.person, self.cleaned_data["code"])
        if self.device is None:
            raise forms.ValidationError(WRONG_CODE + " A recovery code works once.")
        return self.cleaned_data["code"]


class NewPasswordForm(ChoosePasswordForm):
    """A password chosen through an emailed link also lifts a pause on the account's sign-in:
    the link proved the account is theirs."""

    def save(self, commit=True):
        person = super().save(commit)
        lockout.unlock(person)
        return person
