import unicodedata

from django import forms
from django.db import transaction
from django.utils import timezone

from saferplan.partnerships import access

from .marks import strip_old_mark
from .models import Paragraph, Report


class DateInput(forms.DateInput):
    input_type = "date"


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = [
            "kind",
            "year",
            "title",
            "meeting",
            "committee",
            "meeting_date",
            "author",
            "author_post",
            "classification",
            "ward",
            "purpose",
            "contact_officer",
            "contact_phone",
            "reporting_to",
            "reporting_to_phone",
        ]
        widgets = {
            "meeting_date": DateInput,
            "classification": forms.RadioSelect,
            "purpose": forms.RadioSelect,
        }
        help_texts = {
            "committee": "Used when no meeting is chosen.",
            "meeting_date": "Used when no meeting is chosen.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meetings = access.meetings_of(self.instance.partnership)
        self.fields["meeting"].queryset = meetings
        self.fields["meeting"].empty_label = "No meeting"


PART_HINTS = {
    Paragraph.Part.OPTIONS: "One option or action per box.",
    Paragraph.Part.RECOMMENDATIONS: "One recommendation per box.",
}


class ParagraphForm(forms.ModelForm):
    """One paragraph and its classification. An empty box is no paragraph: emptying the box of
    a paragraph removes it."""

    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))

    class Meta:
        model = Paragraph
        fields = ["text", "classification"]
        widgets = {"classification": forms.RadioSelect}

    def __init__(self, *args, name, **kwargs):
        super().__init__(*args, **kwargs)
        self.name = name
        self.fields["text"].label = name
        classification = self.fields["classification"]
        classification.label = f"Classification of {name.lower()}"
        classification.required = False  # required only where there is text: see clean()
        classification.choices = Report.Classification.choices

    def has_changed(self):
        """A new box with text in it is a paragraph to save, even if its text was suggested."""
        if self.instance.pk:
            return super().has_changed()
        return bool(self.data.get(self.add_prefix("text"), "").strip())

    def clean_text(self):
        text = self.cleaned_data["text"]
        if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for c in text):
            raise forms.ValidationError(
                f"{self.name} holds a control character, which cannot be printed: retype it."
            )
        return text

    def clean(self):
        text = self.cleaned_data.get("text")
        classification = self.cleaned_data.get("classification")
        if text and not classification:
            self.add_error(
                "classification", f"Choose Unrestricted or Restricted for {self.name.lower()}."
            )
        marked, _ = strip_old_mark(text or "")
        if marked and classification == Report.Classification.UNRESTRICTED:
            self.add_error(
                "classification",
                f"{self.name} starts with 'Restricted' but is classified Unrestricted, so "
                "everyone would read it: choose Restricted, or take the word out.",
            )
        return self.cleaned_data


class BaseParagraphFormSet(forms.BaseModelFormSet):
    """The paragraphs of one part of a report, in order, with an empty box to add one."""

    def __init__(self, *args, part, paragraphs, **kwargs):
        self.part = Paragraph.Part(part)
        self.saved = paragraphs
        super().__init__(*args, prefix=part, **kwargs)

    def get_queryset(self):
        """The part's saved paragraphs in order, read with the other parts' in one query."""
        return self.saved

    def get_form_kwargs(self, index):
        if index is not None and index < self.initial_form_count():
            return {"name": f"{self.part.label}, paragraph {index + 1}"}
        return {"name": f"{self.part.label}, new paragraph"}

    def clean(self):
        if any(form.instance.pk is None for form in self.initial_forms):
            raise forms.ValidationError(
                f"{self.part.label}: a paragraph on this page has been removed since it was "
                "opened. Open the report again to see its paragraphs as they are now."
            )

    @property
    def hint(self):
        return PART_HINTS.get(self.part, "One paragraph per box.")

    def paragraphs(self):
        """The forms that hold a paragraph once saved, in order."""
        return [form for form in self.forms if form.cleaned_data.get("text")]

    def save_paragraphs(self, report):
        for form in self.forms:
            if form.instance.pk and not form.cleaned_data.get("text"):
                form.instance.delete()
        for position, form in enumerate(self.paragraphs(), start=1):
            paragraph = form.instance
            if paragraph.pk and paragraph.position == position and not form.has_changed():
                continue  # unchanged: no new line in its history
            paragraph.report, paragraph.part, paragraph.position = report, self.part, position
            paragraph.save()


ParagraphFormSet = forms.modelformset_factory(
    Paragraph, form=ParagraphForm, formset=BaseParagraphFormSet, extra=1
)


class ReportWithParagraphs:
    """The report's form and, for each part of its text, the formset of its paragraphs: checked
    and saved together. It answers like one form (errors, fields), so that the page's error
    summary lists the errors of every paragraph."""

    def __init__(self, data=None, *, instance, suggested=()):
        """`suggested`: unsaved paragraphs that fill the empty boxes of a new report."""
        self.report = ReportForm(data, instance=instance)
        self.parts = []
        saved = list(instance.paragraphs.all()) if instance.pk else []
        for part in Paragraph.Part:
            initial = [
                {"text": p.text, "classification": p.classification}
                for p in suggested
                if p.part == part
            ]
            paragraphs = [p for p in saved if p.part == part]
            self.parts.append(
                ParagraphFormSet(data, paragraphs=paragraphs, part=part, initial=initial)
            )

    def is_valid(self):
        valid = all([self.report.is_valid(), *(formset.is_valid() for formset in self.parts)])
        return valid and self.has_a_summary()

    def has_a_summary(self):
        """At least one summary paragraph, and one that everyone may read in an unrestricted
        report."""
        summary_part = next(f for f in self.parts if f.part == Paragraph.Part.SUMMARY)
        summary = [form.cleaned_data for form in summary_part.paragraphs()]
        readable = [p for p in summary if p["classification"] == Report.Classification.UNRESTRICTED]
        if not summary:
            self.report.add_error(None, "Write the summary: at least one paragraph.")
        elif not readable and not self.report.instance.is_restricted:
            self.report.add_error(
                "classification",
                "An Unrestricted report needs a summary paragraph classified Unrestricted.",
            )
        return not self.report.errors

    @property
    def errors(self):
        return self.report.errors or any(formset.total_error_count() for formset in self.parts)

    def non_field_errors(self):
        return [
            *self.report.non_field_errors(),
            *(error for formset in self.parts for error in formset.non_form_errors()),
        ]

    def __iter__(self):
        yield from self.report
        for formset in self.parts:
            for form in formset:
                yield from form

    @transaction.atomic
    def save(self):
        report = self.report.save()
        for formset in self.parts:
            formset.save_paragraphs(report)
        return report


def current_plan_year():
    today = timezone.localdate()
    return today.year if today.month >= 4 else today.year - 1


class ChooseReportForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which report", choices=Report.Kind.choices, widget=forms.RadioSelect
    )
    year = forms.IntegerField(
        label="Plan year",
        min_value=2000,
        max_value=2100,
        initial=current_plan_year,
        help_text="The year the plan starts: 2014 for April 2014 to March 2015.",
    )
