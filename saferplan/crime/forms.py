from django import forms
from django.core.exceptions import ValidationError

from . import districts

# Larger files (a national archive) are for `saferplan import_police` on the server.
MAX_UPLOAD_BYTES = 500 * 1024 * 1024


class PoliceImportForm(forms.Form):
    file = forms.FileField(
        label="Police.uk file",
        help_text="A monthly street or outcomes file (.csv) as data.police.uk publishes it, or "
        "the archive it gives for download (.zip, up to 500 MB). Outcomes are linked only to "
        "the crimes of the street files loaded with them: upload both in the archive.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".zip")):
            raise ValidationError("Choose a .csv or .zip file from data.police.uk.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                f"{upload.name} is larger than 500 MB: import it on the server with "
                "saferplan import_police."
            )
        return upload


DEFAULTS = {"category": None, "months": 12, "against": "year"}


class AreaComparisonForm(forms.Form):
    """What the comparison with the area around the partnership is of: a GET form."""

    category = forms.CharField(max_length=60, required=False)
    months = forms.TypedChoiceField(
        label="Period",
        choices=list(districts.PERIODS.items()),
        coerce=int,
        required=False,
        empty_value=DEFAULTS["months"],
    )
    against = forms.ChoiceField(
        label="Compared with", choices=list(districts.AGAINST.items()), required=False
    )

    def values(self):
        """The choices made, or the defaults where the form is not filled in or is wrong."""
        if not (self.is_bound and self.is_valid()):
            return DEFAULTS
        return {**self.cleaned_data, "against": self.cleaned_data["against"] or "year"}
