"""The plan's forms; each is scoped to one partnership (or one plan) by its caller."""

import datetime
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone

from saferplan import financial_years
from saferplan.partnerships import access as rules
from saferplan.ui.forms import ModelMultipleChoiceField

from .models import (
    Action,
    CaseStudy,
    Comment,
    CorporateObjective,
    EmergingIssue,
    FinalStatus,
    Plan,
    PlanSettings,
    Priority,
    Status,
    lead_officer_person_named,
)
from .spreadsheet import MAX_ROWS

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024
# All the files of one progress update together.
MAX_EVIDENCE_TOTAL_BYTES = 100 * 1024 * 1024
EARLIEST_AS_AT, LATEST_AS_AT = datetime.date(2000, 1, 1), datetime.date(2100, 12, 31)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class GroupedCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose choices are grouped: each group a fieldset, its name the legend."""

    template_name = "plans/widgets/grouped_checkboxes.html"


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["year", "title", "introduction"]
        labels = {"year": "First year", "title": "Title (optional)"}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean_year(self):
        year = self.cleaned_data["year"]
        others = rules.plans_of(self.partnership).filter(year=year).exclude(pk=self.instance.pk)
        if others.exists():
            raise ValidationError(f"There is already a plan for {financial_years.label(year)}.")
        return year

    def save(self, commit=True):
        self.instance.partnership = self.partnership
        return super().save(commit)


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label="Spreadsheet",
        help_text=f"A .xlsx or .csv (UTF-8) file, one row per action (at most {MAX_ROWS:,}), "
        "with the columns Priority, Emerging issue, Action and Lead agency, and optionally "
        "Supporting agencies, Lead officer, Target date, How success will be measured, Status, "
        "Latest update and Updated on.",
    )
    year = forms.IntegerField(
        label="First year",
        min_value=2000,
        max_value=2100,
        help_text="The year it starts: 2014 for the plan from April 2014 to March 2015.",
    )
    status = forms.ChoiceField(
        label="Stage", choices=Plan.Stage.choices, initial=Plan.Stage.ADOPTED
    )

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership = partnership

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError("Choose a .xlsx or .csv file.")
        if upload.size > MAX_EVIDENCE_BYTES:
            raise ValidationError(f"{upload.name} is larger than 20 MB.")
        return upload

    def clean_year(self):
        year = self.cleaned_data["year"]
        if rules.plans_of(self.partnership).filter(year=year).exists():
            raise ValidationError(f"There is already a plan for {financial_years.label(year)}.")
        return year


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["number", "title", "description", "objectives"]
        labels = {"objectives": "Corporate plan objectives"}
        widgets = {"objectives": forms.CheckboxSelectMultiple}
        field_classes = {"objectives": ModelMultipleChoiceField}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.plan = plan
        self.fields["objectives"].queryset = rules.objectives_of(plan.partnership)


class EmergingIssueForm(forms.ModelForm):
    class Meta:
        model = EmergingIssue
        fields = ["priority", "number", "title", "description"]

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = plan.priorities.all()
        self.fields["priority"].empty_label = "Choose a priority"


class IssueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, issue):
        return f"{issue.code} {issue.title} ({issue.priority.title})"


class ActionForm(forms.ModelForm):
    issue = IssueChoiceField(EmergingIssue.objects.none(), label="Emerging issue")

    class Meta:
        model = Action
        fields = [
            "issue",
            "number",
            "title",
            "lead_agency",
            "supporting_agencies",
            "lead_officer",
            "lead_officer_person",
            "target_date",
            "success_measure",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 3}),
            "supporting_agencies": forms.CheckboxSelectMultiple,
            "target_date": DateInput,
            "success_measure": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"supporting_agencies": ModelMultipleChoiceField}

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["issue"].queryset = EmergingIssue.objects.filter(
            priority__plan=plan
        ).select_related("priority")
        agencies = rules.agencies_of(plan.partnership)
        self.fields["lead_agency"].queryset = agencies
        self.fields["lead_agency"].empty_label = "Choose an agency"
        self.fields["supporting_agencies"].queryset = agencies
        self.people = rules.people_who_update(plan.partnership)
        self.fields["lead_officer_person"].queryset = self.people
        self.fields["lead_officer_person"].empty_label = "None: every officer of the lead agency"
        self.fields["lead_officer_person"].label_from_instance = lambda p: f"{p} ({p.agency})"
        self.fields["target_date"].required = False
        self.fields[
            "target_date"
        ].help_text = f"Leave it empty for the end of the plan's year, {plan.ends:%-d %B %Y}."

    def clean_target_date(self):
        return self.cleaned_data["target_date"] or self.plan.ends

    def clean(self):
        data = super().clean()
        lead, supporting = data.get("lead_agency"), data.get("supporting_agencies") or []
        if lead in supporting:
            self.add_error("supporting_agencies", f"{lead} is already the lead agency.")
        person = data.get("lead_officer_person")
        if person and lead and person.agency_id != lead.pk:
            self.add_error(
                "lead_officer_person",
                f"{person} is not of {lead}: choose a person of the lead agency, or none.",
            )
        elif person is None and lead:
            data["lead_officer_person"] = lead_officer_person_named(
                data.get("lead_officer", ""), agency=lead, people=self.people
            )
        return data


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Any number of files, each at most MAX_EVIDENCE_BYTES (the view refuses more than
    MAX_EVIDENCE_TOTAL_BYTES in all before reading them)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        cleaned = [super(EvidenceField, self).clean(upload, initial) for upload in files]
        for upload in cleaned:
            if upload.size > MAX_EVIDENCE_BYTES:
                raise ValidationError(f"{upload.name} is larger than 20 MB.")
        return cleaned


class ProgressUpdateForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices, widget=forms.RadioSelect)
    note = forms.CharField(
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What has happened since the last update, and what comes next.",
        error_messages={"required": "Say what was done."},
    )
    evidence = EvidenceField(
        label="Evidence",
        required=False,
        help_text="Minutes, photographs, leaflets or figures; each file up to 20 MB, "
        "100 MB in all.",
    )


class CommentForm(forms.Form):
    about = forms.ChoiceField(label="What is your comment about?")
    body = forms.CharField(label="Your comment", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.targets = {"plan": ("The plan as a whole", None, None)}
        for priority in plan.priorities.all():
            self.targets[f"priority-{priority.pk}"] = (str(priority), priority, None)
        for action in Action.objects.of_plan(plan).select_related("issue__priority"):
            self.targets[f"action-{action.pk}"] = (f"Action {action}", None, action)
        self.fields["about"].choices = [(key, label) for key, (label, _, _) in self.targets.items()]

    def save(self, *, author):
        about, priority, action = self.targets[self.cleaned_data["about"]]
        return Comment.objects.create(
            plan=self.plan,
            priority=priority,
            action=action,
            about=about[:600],
            author=author,
            body=self.cleaned_data["body"],
        )


class ResponseForm(forms.Form):
    response = forms.ChoiceField(
        label="Your answer", choices=Comment.Response.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label="What you say to the commenter",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="How the plan was amended, or why not. Required when you decline.",
    )

    def clean(self):
        data = super().clean()
        if data.get("response") == Comment.Response.DECLINED and not data.get("note"):
            self.add_error("note", "Give the reason for declining.")
        return data


class RollForwardForm(forms.Form):
    actions = ModelMultipleChoiceField(
        Action.objects.none(),
        label="Actions to carry over",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The actions not completed. Each carried action links back to this one.",
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        incomplete = (
            Action.objects.of_plan(plan)
            .with_status_as_at(timezone.localdate())
            .exclude(status=Status.COMPLETED)
            .select_related("issue__priority")  # the code of each action
        )
        self.fields["actions"].queryset = incomplete
        self.fields["actions"].label_from_instance = lambda a: f"{a.code} {a.title}"
        self.initial.setdefault("actions", incomplete)


# A plain summary, the OSARA fields (objective ... assessment) and the outcome.
CASE_STUDY_TEXT = [
    "summary",
    "objective",
    "scanning",
    "analysis",
    "response",
    "assessment",
    "outcome",
]


class CaseStudyForm(forms.ModelForm):
    class Meta:
        model = CaseStudy
        fields = ["title", "plan", *CASE_STUDY_TEXT, "actions", "agencies", "publishable"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in CASE_STUDY_TEXT} | {
            "actions": GroupedCheckboxes,
            "agencies": forms.CheckboxSelectMultiple,
        }
        field_classes = {"actions": ModelMultipleChoiceField, "agencies": ModelMultipleChoiceField}

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership
        self.fields["plan"].queryset = rules.plans_of(partnership)
        self.current_plan = case_study_plan(self.instance, partnership)
        actions = self.fields["actions"]
        if self.current_plan is None:
            actions.queryset = Action.objects.none()
            actions.help_text = "The partnership has no plan yet, so no action to choose."
        else:
            self.initial.setdefault("plan", self.current_plan.pk)
            actions.queryset = Action.objects.of_plan(self.current_plan).select_related(
                "issue__priority"
            )
            actions.choices = by_priority(actions.queryset)
            actions.help_text = f"The actions of {self.current_plan} that the project served."
        self.fields["agencies"].queryset = rules.agencies_of(partnership)

    def clean(self):
        data = super().clean()
        chosen = data.get("plan")
        if data.get("actions") and chosen is None:
            data["plan"] = self.current_plan  # the plan of the actions chosen
        elif data.get("actions") and chosen != self.current_plan:
            self.add_error(
                "actions",
                f"These actions are of {self.current_plan}: choose that plan, or no actions.",
            )
        return data


def case_study_plan(study, partnership):
    """The plan whose actions a case study's form offers: its own plan, or that of the actions
    it already has; for a new one, the plan of the year running, or else the latest."""
    if study.plan_id:
        return study.plan
    if study.pk and (action := study.actions.select_related("issue__priority__plan").first()):
        return action.plan
    plans = rules.plans_of(partnership)
    running = plans.filter(year=financial_years.of(timezone.localdate())).first()
    return running or plans.order_by("-year").first()


def by_priority(actions):
    """Choices of `actions` grouped under their priority, each action labelled with its code."""
    groups = {}
    for action in actions:
        priority = action.issue.priority
        groups.setdefault(f"{priority.number}. {priority.title}", []).append(
            (action.pk, f"{action.code} {action.title}")
        )
    return list(groups.items())


class CorporateObjectiveForm(forms.ModelForm):
    class Meta:
        model = CorporateObjective
        fields = ["corporate_plan", "number", "title"]

    def __init__(self, *args, partnership, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.partnership = partnership


class PlanSettingsForm(forms.ModelForm):
    class Meta:
        model = PlanSettings
        fields = ["stale_after_days"]


class ProgressFilterForm(forms.Form):
    """Which grouping, and the day the figures are as at (today when empty)."""

    by = forms.ChoiceField(
        label="Group by",
        choices=[("priority", "Priority"), ("issue", "Emerging issue"), ("agency", "Lead agency")],
        required=False,
    )
    as_at = forms.DateField(
        label="As at",
        required=False,
        widget=DateInput,
        help_text="The status each action had at the end of this day. Empty: today.",
        # The figures count to the end of the day: a date near the calendar's end overflows.
        validators=[
            MinValueValidator(EARLIEST_AS_AT, "Enter a date from 1 January 2000."),
            MaxValueValidator(LATEST_AS_AT, "Enter a date up to 31 December 2100."),
        ],
    )

    def choice(self):
        """(by, as_at) when the form is valid; the defaults when it is not or was not sent."""
        if not self.is_bound or not self.is_valid():
            return "priority", None
        return self.cleaned_data["by"] or "priority", self.cleaned_data["as_at"]


class AdoptPlanForm(forms.Form):
    """The decision that adopts a plan: when and by whom it was taken. Recorded perhaps days
    after the meeting, so the day may be earlier than today, never later, nor before the plan
    was set up or put out for consultation."""

    adopted_on = forms.DateField(
        label="Date of the decision",
        widget=DateInput,
        help_text="The day the plan was adopted, for example 19 March 2015. It may be earlier "
        "than today.",
    )
    adopted_by = forms.CharField(
        label="Adopted by",
        max_length=200,
        help_text="The body whose decision adopted it: for example Cabinet, Council or the "
        "partnership board.",
        error_messages={"required": "Enter who adopted the plan, for example Cabinet."},
    )

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["adopted_on"].initial = timezone.localdate()

    def clean_adopted_on(self):
        day = self.cleaned_data["adopted_on"]
        today = timezone.localdate()
        if day > today:
            raise ValidationError(
                f"The date of the decision must be today ({today:%-d %B %Y}) or earlier."
            )
        if day < self.plan.drafted_on:
            raise ValidationError(
                f"The date of the decision cannot be before the plan was drafted, on "
                f"{self.plan.drafted_on:%-d %B %Y}."
            )
        opened = self.plan.consultation_opened
        if opened and day < opened:
            raise ValidationError(
                f"The date of the decision cannot be before the consultation opened, on "
                f"{opened:%-d %B %Y}."
            )
        return day

    def clean_adopted_by(self):
        return " ".join(self.cleaned_data["adopted_by"].split())


class ClosePlanForm(forms.Form):
    """The final status of each action unfinished when the plan year closes, and the
    coordinator's confirmation. An action carried over is copied into next year's draft plan,
    under the priority chosen (by default the one of the same title), unless it already is."""

    confirm = forms.BooleanField(
        label="Close this plan year",
        help_text="Its actions stop being overdue or stale, and only a coordinator can record a "
        "late update. This cannot be undone.",
        error_messages={"required": "Tick the box to confirm that the plan year closes."},
    )

    def __init__(self, *args, plan, following, **kwargs):
        super().__init__(*args, **kwargs)
        self.following = following
        already = set()
        if following is not None:
            already = set(
                Action.objects.of_plan(following).values_list("carried_from_id", flat=True)
            )
        draft = following if following and following.status == Plan.Stage.DRAFT else None
        priorities = list(draft.priorities.all()) if draft else []
        self.unfinished = list(
            Action.objects.of_plan(plan)
            .with_status_as_at(timezone.localdate())
            .exclude(status=Status.COMPLETED)
            .select_related("issue__priority")
        )
        for action in self.unfinished:
            action.already_carried = action.pk in already
            self.fields[f"final_{action.pk}"] = forms.ChoiceField(
                label=f"{action.code} {action.title}",
                choices=FinalStatus.choices,
                widget=forms.RadioSelect,
                initial=FinalStatus.CARRIED_OVER if action.already_carried else None,
                help_text=f"{Status(action.status).label}; due {action.target_date:%-d %B %Y}"
                + (f"; already in {following}" if action.already_carried else ""),
                error_messages={"required": f"Choose what became of action {action.code}."},
            )
            if priorities and not action.already_carried:
                same = [p for p in priorities if p.title == action.issue.priority.title]
                self.fields[f"priority_{action.pk}"] = forms.ModelChoiceField(
                    draft.priorities.all(),
                    label=f"If carried over, the priority of {draft} it goes under",
                    required=False,
                    initial=same[0] if same else None,
                )
            self.fields[f"reason_{action.pk}"] = forms.CharField(
                label=f"If not achieved, why ({action.code})",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.order_fields([name for name in self.fields if name != "confirm"] + ["confirm"])

    def clean(self):
        data = super().clean()
        for action in self.unfinished:
            final = data.get(f"final_{action.pk}")
            if final == FinalStatus.NOT_ACHIEVED and not data.get(f"reason_{action.pk}"):
                self.add_error(
                    f"reason_{action.pk}", f"Say why action {action.code} was not achieved."
                )
            if (
                final == FinalStatus.CARRIED_OVER
                and f"priority_{action.pk}" in self.fields
                and not data.get(f"priority_{action.pk}")
            ):
                self.add_error(
                    f"priority_{action.pk}",
                    f"Choose the priority of {self.following} for action {action.code}.",
                )
        return data

    def outcomes(self):
        """[(action, final status, reason, priority to copy it under or None)]: for
        close_plan_year."""
        data = self.cleaned_data
        found = []
        for action in self.unfinished:
            final = data[f"final_{action.pk}"]
            carried = final == FinalStatus.CARRIED_OVER
            found.append(
                (
                    action,
                    final,
                    "" if carried else data[f"reason_{action.pk}"],
                    data.get(f"priority_{action.pk}") if carried else None,
                )
            )
        return found


class ChaseEmailForm(forms.Form):
    """Whom to email the chase list to (each `ChaseRecipient`), ticked but those chased
    recently, and a few words of the coordinator's own. `batch` names this page's emails, so
    that sending it twice writes each once."""

    people = forms.MultipleChoiceField(
        label="Send it to",
        widget=forms.CheckboxSelectMultiple,
        help_text="Each gets one email listing their actions. Those chased in the last 7 days "
        "are not ticked: tick them to chase them again.",
    )
    message = forms.CharField(
        label="A few words of your own",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Put at the top of every email.",
    )
    batch = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, recipients, **kwargs):
        super().__init__(*args, **kwargs)
        self.recipients = {str(r.person.pk): r for r in recipients}
        self.fields["people"].choices = [
            (pk, recipient_label(r)) for pk, r in self.recipients.items()
        ]
        self.initial.setdefault(
            "people", [pk for pk, r in self.recipients.items() if not r.chased_recently]
        )
        self.initial.setdefault("batch", uuid.uuid4())

    def chosen(self):
        return [self.recipients[pk] for pk in self.cleaned_data["people"]]


def recipient_label(recipient):
    codes = ", ".join(action.code for action in recipient.actions)
    count = len(recipient.actions)
    label = f"{recipient.person} ({recipient.person.agency}): {count} action{'s' * (count > 1)}"
    label += f" ({codes})"
    if recipient.chased_recently:
        when = timezone.localtime(recipient.last_chased)
        label += f". Already chased on {when:%-d %B %Y at %H:%M}"
    return label
