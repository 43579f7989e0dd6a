"""Forms shared by the pages and the commands, so both reject the same bad input the same way."""

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.db import transaction

from .access import ROLE_PURPOSE
from .models import (
    Agency,
    Partnership,
    PartnershipAgency,
    PartnershipDistrict,
    Person,
    Role,
    validate_district_code,
)


class PartnershipForm(forms.ModelForm):
    districts = forms.CharField(
        label="District codes",
        help_text="The ONS codes of the local authority districts the partnership covers, "
        "separated by commas, for example E07000114.",
    )

    class Meta:
        model = Partnership
        fields = ["name", "slug", "districts"]
        error_messages = {
            "slug": {"unique": "A partnership with this slug already exists."},
            "name": {"unique": "A partnership with this name already exists."},
        }

    def clean_districts(self):
        codes = [code.strip().upper() for code in self.cleaned_data["districts"].split(",")]
        codes = [code for code in codes if code]
        if not codes:
            raise forms.ValidationError("Give at least one district code.")
        for code in codes:
            validate_district_code(code)
        return sorted(set(codes))

    @transaction.atomic
    def save(self):
        partnership = super().save()
        for code in self.cleaned_data["districts"]:
            PartnershipDistrict.objects.get_or_create(partnership=partnership, code=code)
        return partnership


class AgencyForm(forms.ModelForm):
    partnerships = forms.ModelMultipleChoiceField(
        Partnership.objects.all(), required=False, to_field_name="slug"
    )

    class Meta:
        model = Agency
        fields = ["name", "kind", "is_responsible_authority"]
        error_messages = {"name": {"unique": "An agency with this name already exists."}}

    @transaction.atomic
    def save(self):
        agency = super().save()
        for partnership in self.cleaned_data["partnerships"]:
            PartnershipAgency.objects.get_or_create(partnership=partnership, agency=agency)
        return agency


def role_choices():
    return [(kind, f"{label}: {ROLE_PURPOSE[kind]}") for kind, label in Role.Kind.choices]


class InviteForm(forms.Form):
    """A coordinator invites a new person into their partnership with an agency and a role."""

    name = forms.CharField(label="Full name", max_length=150)
    email = forms.EmailField(label="Email address", help_text="The invitation is sent here.")
    job_title = forms.CharField(label="Job title", max_length=150, required=False)
    agency = forms.ModelChoiceField(Agency.objects.none(), empty_label="Choose an agency")
    role = forms.ChoiceField(choices=role_choices, widget=forms.RadioSelect)

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership
        self.fields["agency"].queryset = Agency.objects.filter(partnerships=partnership)

    def clean_email(self):
        email = Person.objects.normalize_email(self.cleaned_data["email"]).lower()
        if Person.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                f"{email} already has a SaferPlan account: ask your SaferPlan administrator to "
                "add them to this partnership."
            )
        return email

    @transaction.atomic
    def save(self):
        data = self.cleaned_data
        person = Person(
            email=data["email"],
            name=data["name"],
            job_title=data["job_title"],
            agency=data["agency"],
        )
        # No password until they follow their invitation link.
        person.set_unusable_password()
        person.save()
        Role.objects.create(person=person, partnership=self.partnership, kind=data["role"])
        return person


class RoleForm(forms.ModelForm):
    kind = forms.ChoiceField(label="Role", choices=role_choices, widget=forms.RadioSelect)

    class Meta:
        model = Role
        fields = ["kind"]


class ChoosePasswordForm(SetPasswordForm):
    """Setting a first password from an invitation, with the rules shown up front."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = password_validators_help_text_html()
