from django import forms
from django.core.exceptions import ValidationError

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
