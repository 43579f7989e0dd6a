"""Forms of the meetings pages. Each is given the partnership (or the object it belongs to) and
offers only that partnership's committees, meetings, papers and people."""

from django import forms
from django.core.validators import FileExtensionValidator
from django.db import transaction
from django.db.models import Max

from saferplan import financial_years
from saferplan.partnerships import access as rules
from saferplan.partnerships.models import Person
from saferplan.storage import atomic_with_files
from saferplan.ui.forms import ModelMultipleChoiceField

from .models import (
    PAPER_OF_ANOTHER_PARTNERSHIP,
    AgendaItem,
    Attendance,
    Committee,
    CommitteeMember,
    Meeting,
    Paper,
    Recommendation,
    TermsOfReference,
    Topic,
)
from .services import record_recommendation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")

PAPER_EXTENSIONS = ["pdf", "docx", "doc", "odt", "pptx", "ppt", "odp", "xlsx", "xls", "ods", "csv"]
PAPER_EXTENSIONS += ["txt", "png", "jpg", "jpeg"]
PAPER_MAX_MB = 20


def radios_without_blank(form, *names):
    """A required radio list offers only real answers, none chosen (no "---------" choice)."""
    for name in names:
        field = form.fields[name]
        field.choices = [choice for choice in field.choices if choice[0] != ""]


class CommitteeForm(forms.ModelForm):
    class Meta:
        model = Committee
        fields = ["name", "kind", "purpose", "meets_in_public"]
        widgets = {"kind": forms.RadioSelect, "purpose": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        radios_without_blank(self, "kind")

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        others = rules.committees_of(self.instance.partnership).exclude(pk=self.instance.pk)
        if others.filter(name__iexact=name).exists():
            raise forms.ValidationError("The partnership already has a committee of this name.")
        return name


class MemberForm(forms.ModelForm):
    class Meta:
        model = CommitteeMember
        fields = ["person", "capacity", "is_chair"]
        labels = {"is_chair": "Chair of the committee"}
        help_texts = {"is_chair": "The present chair, if any, stops being chair."}
        widgets = {"capacity": forms.RadioSelect}

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.committee = committee
        radios_without_blank(self, "capacity")
        self.fields["person"].queryset = (
            Person.objects.filter(roles__partnership=committee.partnership)
            .exclude(committee_seats__committee=committee)
            .order_by("name")
        )
        self.fields["person"].help_text = "People with a role in the partnership, not members yet."

    @transaction.atomic
    def save(self):
        member = super().save(commit=False)
        chair = member.is_chair
        member.is_chair = False
        member.save()
        if chair:
            member.committee.set_chair(member)
        return member


class TermsForm(forms.ModelForm):
    class Meta:
        model = TermsOfReference
        fields = ["year", "agreed_on", "text"]
        widgets = {"agreed_on": DATE, "text": forms.Textarea(attrs={"rows": 10})}

    def __init__(self, *args, committee, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.committee = committee

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError("Give the first year of the financial year, e.g. 2014.")
        others = self.instance.committee.terms.exclude(pk=self.instance.pk)
        if others.filter(year=year).exists():
            raise forms.ValidationError(
                f"The committee already has terms of reference for {financial_years.label(year)}."
            )
        return year


class TopicForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["title", "description", "planned_meeting"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        labels = {"planned_meeting": "Planned for the meeting of"}

    def __init__(self, *args, terms, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.terms = terms
        self.fields["planned_meeting"].queryset = terms.meetings()
        self.fields["planned_meeting"].empty_label = "Not planned yet"
        self.fields["planned_meeting"].label_from_instance = lambda m: f"{m.date:%d/%m/%Y}"


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = ["committee", "date", "starts", "ends", "place", "status", "agenda_status"]
        widgets = {
            "date": DATE,
            "starts": TIME,
            "ends": TIME,
            "status": forms.RadioSelect,
            "agenda_status": forms.RadioSelect,
        }
        labels = {"agenda_status": "Agenda"}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = rules.committees_of(partnership)
        self.fields["committee"].empty_label = "Choose a committee"


class ItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "position",
            "title",
            "presenter",
            "purpose",
            "classification",
            "restriction_reason",
            "topic",
            "papers",
            "notes",
        ]
        widgets = {
            "purpose": forms.RadioSelect,
            "classification": forms.RadioSelect,
            "papers": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {"topic": "Topic of the terms of reference"}
        field_classes = {"papers": ModelMultipleChoiceField}
        help_texts = {"papers": "Papers already uploaded; upload a new one from the item's page."}
        error_messages = {
            "papers": {
                "invalid_choice": "Paper %(value)s is not a paper of this partnership: choose "
                "from the list."
            }
        }

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.meeting = meeting
        radios_without_blank(self, "purpose")
        self.fields["topic"].queryset = meeting.topics()
        self.fields["topic"].empty_label = "None"
        self.fields["papers"].queryset = rules.papers_of(meeting.committee.partnership)
        if self.instance.pk is None:
            last = meeting.items.aggregate(last=Max("position"))["last"] or 0
            self.initial.setdefault("position", last + 1)

    def clean_position(self):
        position = self.cleaned_data["position"]
        others = self.instance.meeting.items.exclude(pk=self.instance.pk)
        if others.filter(position=position).exists():
            raise forms.ValidationError(f"Item {position} already exists on this agenda.")
        return position

    @transaction.atomic
    def save(self):
        item = super().save(commit=False)
        item.save()
        item.link_papers(list(self.cleaned_data["papers"]))
        return item


class PaperForm(forms.ModelForm):
    file = forms.FileField(
        validators=[FileExtensionValidator(PAPER_EXTENSIONS)],
        help_text=f"Up to {PAPER_MAX_MB} MB: PDF, Word, PowerPoint, a spreadsheet, text or an "
        "image.",
    )

    class Meta:
        model = Paper
        fields = ["title", "kind", "file"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, item, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        self.instance.partnership = item.meeting.committee.partnership
        self.instance.uploaded_by = by
        radios_without_blank(self, "kind")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > PAPER_MAX_MB * 1024 * 1024:
            raise forms.ValidationError(f"The file is larger than {PAPER_MAX_MB} MB.")
        return upload

    @atomic_with_files()
    def save(self):
        """Upload the paper and put it on the item's agenda: both or neither."""
        paper = super().save()
        self.item.papers.add(paper)
        return paper


class PaperLinkForm(forms.ModelForm):
    """Put a plan or an issued report of the partnership on an item, as a paper that opens the
    plan or the report's PDF; one that is already a paper is reused."""

    class Meta:
        model = Paper
        fields = ["plan", "issued_report"]
        labels = {"plan": "A plan", "issued_report": "Or an issued report"}
        help_texts = {
            "plan": "The public meeting pages show a plan only once it is out for consultation "
            "or adopted.",
            "issued_report": "The public meeting pages show a report only if it was issued "
            "Unrestricted.",
        }
        error_messages = {
            field: {"invalid_choice": message}
            for field, message in PAPER_OF_ANOTHER_PARTNERSHIP.items()
        }

    def __init__(self, *args, item, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        partnership = item.meeting.committee.partnership
        self.instance.partnership = partnership
        self.instance.uploaded_by = by
        self.fields["plan"].queryset = rules.plans_of(partnership)
        self.fields["plan"].empty_label = "None"
        self.fields["plan"].label_from_instance = lambda plan: (
            f"{plan} ({plan.get_status_display().lower()})"
        )
        self.fields["issued_report"].queryset = rules.issued_reports_of(partnership)
        self.fields["issued_report"].empty_label = "None"
        self.fields["issued_report"].label_from_instance = lambda issued: (
            f"{issued}, issued {issued.issued_at:%-d %B %Y} "
            f"({issued.report.get_classification_display()})"
        )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if bool(data.get("plan")) == bool(data.get("issued_report")):
            raise forms.ValidationError("Choose a plan or an issued report: one of the two.")
        self.instance.title = str(data.get("plan") or data["issued_report"])[:200]
        self.instance.kind = Paper.Kind.PLAN if data.get("plan") else Paper.Kind.REPORT
        return data

    @transaction.atomic
    def save(self):
        """Put the plan or report on the item, as the paper it already is or a new one."""
        source = {"plan": self.instance.plan, "issued_report": self.instance.issued_report}
        source = {name: value for name, value in source.items() if value is not None}
        paper = Paper.objects.filter(partnership=self.instance.partnership, **source).first()
        if paper is None:
            paper = super().save()
        self.item.papers.add(paper)
        return paper


NOT_RECORDED = ""


class AttendanceForm(forms.Form):
    """One choice per committee member and per anyone else already recorded, plus one more."""

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        recorded = {a.person_id: a for a in meeting.attendance.select_related("person")}
        members = meeting.committee.members.select_related("person")
        self.people = [m.person for m in members]
        self.people += [a.person for a in recorded.values() if a.person not in self.people]
        capacity = {m.person_id: m.get_capacity_display() for m in members}
        choices = [(NOT_RECORDED, "Not recorded"), *Attendance.Status.choices]
        for person in self.people:
            self.fields[f"person_{person.pk}"] = forms.ChoiceField(
                label=f"{person} ({capacity.get(person.pk, 'attending')})",
                choices=choices,
                required=False,
                initial=recorded[person.pk].status if person.pk in recorded else NOT_RECORDED,
            )
        self.fields["also_present"] = forms.ModelChoiceField(
            Person.objects.filter(roles__partnership=meeting.committee.partnership)
            .exclude(pk__in=[p.pk for p in self.people])
            .order_by("name"),
            required=False,
            label="Also present",
            help_text="Someone else of the partnership who attended, e.g. a presenter.",
            empty_label="Nobody else",
        )

    @transaction.atomic
    def save(self):
        """Record each choice; "not recorded" removes a row."""
        for person in self.people:
            status = self.cleaned_data[f"person_{person.pk}"]
            if status == NOT_RECORDED:
                Attendance.objects.filter(meeting=self.meeting, person=person).delete()
            else:
                Attendance.objects.update_or_create(
                    meeting=self.meeting, person=person, defaults={"status": status}
                )
        if self.cleaned_data["also_present"]:
            Attendance.objects.update_or_create(
                meeting=self.meeting,
                person=self.cleaned_data["also_present"],
                defaults={"status": Attendance.Status.PRESENT},
            )


class RecommendationForm(forms.ModelForm):
    made_to = forms.ChoiceField(
        label="Made to",
        choices=[("", "Nobody: it is a decision of the committee"), *Recommendation.MadeTo.choices],
        widget=forms.RadioSelect,
        required=False,
    )

    class Meta:
        model = Recommendation
        fields = ["number", "kind", "text", "plan", "made_to", "to_committee", "to_agency", "due"]
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 3}),
            "due": DATE,
        }
        help_texts = {
            "plan": "For a recommendation on the draft plan: it goes to the plan's consultation "
            "as a comment from the committee, and the plan cannot be adopted until it is answered."
        }
        error_messages = {
            "plan": {
                "invalid_choice": "Choose a draft plan of this partnership, or one out for "
                "consultation."
            }
        }

    def __init__(self, *args, item, by, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.item = item
        self.by = by
        radios_without_blank(self, "kind")
        partnership = item.meeting.committee.partnership
        self.fields["plan"].queryset = rules.plans_open_to_recommendations(partnership)
        self.fields["plan"].empty_label = "None"
        self.fields["to_committee"].queryset = rules.committees_of(partnership)
        self.fields["to_agency"].queryset = rules.agencies_of(partnership)
        self.fields["to_committee"].help_text = "Where it is made to a committee."
        self.fields["to_agency"].help_text = "Where it is made to an agency."

    def save(self):
        return record_recommendation(recommendation=self.instance, by=self.by)


class ResponseForm(forms.Form):
    """A move of a recommendation's status with the response; `Recommendation.record_response`
    checks it again, so a command or a stale form cannot skip a rule."""

    status = forms.ChoiceField(label="New status", widget=forms.RadioSelect)
    response = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="What was answered or done. Needed when it is declined or implemented.",
    )
    reported_at = forms.ModelChoiceField(
        Meeting.objects.none(),
        required=False,
        label="Reported to the meeting of",
        empty_label="Not reported to a meeting",
    )

    def __init__(self, *args, recommendation, **kwargs):
        super().__init__(*args, **kwargs)
        self.recommendation = recommendation
        meeting = recommendation.item.meeting
        self.fields["status"].choices = [
            (status, Recommendation.Status(status).label)
            for status in recommendation.next_statuses()
        ]
        self.fields["reported_at"].queryset = rules.meetings_of(
            meeting.committee.partnership
        ).filter(date__gte=meeting.date)

    def save(self, *, by):
        """Record the response; a ValidationError from the model becomes this form's errors."""
        try:
            return self.recommendation.record_response(by=by, **self.cleaned_data)
        except forms.ValidationError as error:
            self.add_error(None, error)
            return None


class RegisterFilterForm(forms.Form):
    OUTSTANDING = "outstanding"

    status = forms.ChoiceField(
        required=False,
        choices=[
            ("", "Any status"),
            (OUTSTANDING, "Outstanding (open or accepted)"),
            *Recommendation.Status.choices,
        ],
    )
    committee = forms.ModelChoiceField(
        Committee.objects.none(), required=False, empty_label="Any committee"
    )
    made_to = forms.ChoiceField(
        label="Made to",
        required=False,
        choices=[("", "Anyone"), *Recommendation.MadeTo.choices],
    )
    year = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    overdue = forms.BooleanField(required=False, label="Only overdue")

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = rules.committees_of(partnership)
        dates = rules.meetings_of(partnership).select_related(None).values_list("date", flat=True)
        years = sorted({financial_years.of(day) for day in dates}, reverse=True)
        self.fields["year"].choices = [("", "Any year")] + [
            (y, financial_years.label(y)) for y in years
        ]

    def apply(self, recommendations, today):
        data = self.cleaned_data
        if data["status"] == self.OUTSTANDING:
            recommendations = recommendations.outstanding()
        elif data["status"]:
            recommendations = recommendations.filter(status=data["status"])
        if data["committee"]:
            recommendations = recommendations.filter(item__meeting__committee=data["committee"])
        if data["made_to"]:
            recommendations = recommendations.filter(made_to=data["made_to"])
        if data["year"] is not None:
            recommendations = recommendations.in_year(data["year"])
        if data["overdue"]:
            recommendations = recommendations.overdue(today)
        return recommendations
