import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render

from saferplan.crime import districts
from saferplan.crime.charts import trend_chart
from saferplan.crime.tables import csv_download
from saferplan.partnerships import access as rules
from saferplan.plans.spreadsheet import BadSpreadsheet
from saferplan.storage import atomic_with_files
from saferplan.ui import charts
from saferplan.ui.middleware import accepts_uploads

from . import choosing, removing, selectors
from . import surveys as survey_files
from .files import MAX_BYTES, read_dataset, read_peers, read_weights, save_dataset
from .forms import (
    ISSUE_TAKEN,
    NAME_TAKEN,
    SURVEY_TAKEN,
    CandidateIssueForm,
    ChooseForm,
    ConcernLinkForm,
    DatasetForm,
    HarmWeightsForm,
    PeersFileForm,
    PeersForm,
    ScoreForm,
    SurveyForm,
    WeightsForm,
)
from .models import (
    ConcernLink,
    Dimension,
    DimensionWeight,
    HarmWeight,
    HarmWeights,
    PeerDistrict,
    Score,
)


@login_required
def overview(request, slug):
    access = rules.access_for(request, slug)
    context = {
        "access": access,
        "datasets": rules.datasets_of(access),
        "may_manage": rules.may_manage_datasets(access),
        "weights": rules.harm_weights_of(access.partnership),
    }
    return render(request, "assessment/overview.html", context)


@login_required
def dataset(request, slug, dataset_id):
    access = rules.access_for(request, slug)
    dataset = rules.dataset_for(access, dataset_id)
    figures = selectors.dataset_figures(dataset)
    context = {
        "access": access,
        "dataset": dataset,
        "may_manage": rules.may_manage_datasets(access),
    }
    if figures:
        context["chart"] = trend_chart(selectors.monthly_table(dataset, figures))
        context["categories_table"] = selectors.category_table(dataset, figures)
        context["others"] = selectors.chart_lines(figures)[1]
    return render(request, "assessment/dataset.html", context)


@login_required
def dataset_download(request, slug, dataset_id, table):
    access = rules.access_for(request, slug)
    dataset = rules.dataset_for(access, dataset_id)
    figures = selectors.dataset_figures(dataset)
    if table not in DATASET_TABLES or figures is None:
        raise Http404("No such table")
    found = DATASET_TABLES[table](dataset, figures)
    return csv_download(found, f"{slug}-dataset-{dataset.pk}-{found.name}")


DATASET_TABLES = {"months": selectors.monthly_table, "categories": selectors.category_table}


@login_required
@accepts_uploads(MAX_BYTES)
def dataset_new(request, slug):
    return dataset_form(request, slug, None)


@login_required
@accepts_uploads(MAX_BYTES)
def dataset_edit(request, slug, dataset_id):
    return dataset_form(request, slug, dataset_id)


def dataset_form(request, slug, dataset_id):
    access = rules.access_for(request, slug)
    rules.require_dataset_manager(access)
    instance = rules.dataset_for(access, dataset_id) if dataset_id else None
    form = DatasetForm(
        request.POST or None, request.FILES or None, instance=instance, access=access
    )
    if request.method == "POST" and form.is_valid():
        try:
            dataset, loaded = save_dataset_form(form, access, request.user)
        except BadSpreadsheet as bad:
            add_problems(form, bad)
        except IntegrityError:
            # Another dataset took the name between the form's check and this save.
            form.add_error("name", NAME_TAKEN)
        else:
            done = f"{dataset} is saved" + (f": {loaded.summary}." if loaded else ".")
            messages.success(request, done)
            return redirect(dataset)
    title = f"Change {instance}" if instance else "Add a dataset"
    context = {"access": access, "form": form, "title": title, "dataset": instance}
    return render(request, "assessment/dataset_form.html", context)


def save_dataset_form(form, access, person):
    """The dataset and its counts, with the file they came from, all saved or none."""
    upload = form.cleaned_data["file"]
    with atomic_with_files():
        dataset = form.save(commit=False)
        dataset.partnership = access.partnership
        if not upload:
            dataset.save()
            return dataset, None
        replaced = dataset.source_file.name
        dataset.source_file.save(upload.name, upload, save=False)
        loaded = read_dataset(default_storage.path(dataset.source_file.name), access.partnership)
        save_dataset(dataset, loaded, loaded_by=person)
        if replaced:
            transaction.on_commit(lambda: default_storage.delete(replaced))
    return dataset, loaded


def add_problems(form, bad):
    """Each problem of a refused file under its field, so the error summary lists them all."""
    form.add_error("file", f"{bad.count:,} problem{'s' * (bad.count > 1)}: nothing was saved.")
    for line in bad.lines():
        form.add_error("file", line)


@login_required
def harm(request, slug):
    access = rules.access_for(request, slug)
    weights = rules.harm_weights_of(access.partnership)
    figures = selectors.police_harm(access.partnership, weights=weights)
    context = {
        "access": access,
        "weights": weights,
        "rows": [
            (row.category, selectors.number(row.weight), row.source)
            for row in (weights.rows.all() if weights else [])
        ],
        "harm": figures,
        "harm_table": selectors.harm_table(figures) if figures else None,
        "may_manage": rules.may_manage_datasets(access),
    }
    return render(request, "assessment/harm.html", context)


@login_required
def harm_download(request, slug):
    access = rules.access_for(request, slug)
    figures = selectors.police_harm(access.partnership)
    if figures is None:
        raise Http404("No harm weights or no police data are loaded")
    harm = selectors.harm_table(figures)
    return csv_download(harm, f"{slug}-{harm.name}")


@login_required
@accepts_uploads(MAX_BYTES)
def harm_load(request, slug):
    access = rules.access_for(request, slug)
    rules.require_dataset_manager(access)
    form = HarmWeightsForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = save_weights(form.cleaned_data["file"], access, request.user)
        except BadSpreadsheet as bad:
            add_problems(form, bad)
        else:
            messages.success(request, f"{count:,} harm weights are loaded.")
            return redirect("assessment:harm", slug)
    return render(request, "assessment/harm_load.html", {"access": access, "form": form})


def save_weights(upload, access, person):
    """Replace the partnership's harm weights with those of the file, kept with them."""
    with atomic_with_files():
        replaced = rules.harm_weights_of(access.partnership)
        weights = HarmWeights(partnership=access.partnership, loaded_by=person)
        weights.source_file.save(upload.name, upload, save=False)
        rows = read_weights(
            default_storage.path(weights.source_file.name), selectors.known_categories(access)
        )
        if replaced:
            old_file = replaced.source_file.name
            replaced.delete()
            if old_file:
                transaction.on_commit(lambda: default_storage.delete(old_file))
        weights.save()
        HarmWeight.objects.bulk_create(
            HarmWeight(weights=weights, category=r.category, weight=r.weight, source=r.source)
            for r in rows
        )
    return len(rows)


# Candidate issues and their scores


@login_required
def ranking(request, slug):
    access = rules.access_for(request, slug)
    ranked = selectors.ranking(access.partnership, access=access)
    context = {
        "access": access,
        "ranking": ranked,
        "table": selectors.ranking_table(ranked),
        "may_manage": rules.may_manage_issues(access),
    }
    if rules.may_choose_for_plans(access) and ranked.issues:
        context["choose_form"] = choose_form(None, access, ranked)
    return render(request, "assessment/ranking.html", context)


@login_required
def ranking_download(request, slug):
    access = rules.access_for(request, slug)
    ranking = selectors.ranking_table(selectors.ranking(access.partnership, access=access))
    return csv_download(ranking, f"{slug}-{ranking.name}")


@login_required
def issue_new(request, slug):
    return issue_form(request, slug, None)


@login_required
def issue_edit(request, slug, issue_id):
    return issue_form(request, slug, issue_id)


def issue_form(request, slug, issue_id):
    access = rules.access_for(request, slug)
    rules.require_issue_manager(access)
    instance = rules.candidate_issue_for(access, issue_id) if issue_id else None
    form = CandidateIssueForm(
        request.POST or None,
        instance=instance,
        access=access,
        categories=selectors.known_categories(access),
    )
    if request.method == "POST" and form.is_valid():
        issue = form.save(commit=False)
        issue.partnership = access.partnership
        issue.added_by = issue.added_by if instance else request.user
        try:
            with transaction.atomic():
                issue.save()
        except IntegrityError:
            # Another issue took the name between the form's check and this save.
            form.add_error("name", ISSUE_TAKEN)
        else:
            done = "is saved" if instance else "is added to the candidate issues"
            messages.success(request, f"{issue} {done}.")
            return redirect(issue)
    context = {"access": access, "form": form, "issue": instance}
    return render(request, "assessment/issue_form.html", context)


@login_required
def issue(request, slug, issue_id):
    access = rules.access_for(request, slug)
    issue = rules.candidate_issue_for(access, issue_id)
    evidence = selectors.evidence_on(access, issue)
    scores = issue.scores.select_related("scorer").order_by("given_at")
    suggested = survey_files.suggested_score(issue)
    context = {
        "access": access,
        "issue": issue,
        "source": source_of(access, issue),
        "dimensions": [
            (
                label,
                evidence.get(key),
                [s for s in scores if s.dimension == key],
                suggested if key == Dimension.PUBLIC_CONCERN else None,
            )
            for key, label in Dimension.choices
        ],
        "may_score": rules.may_score(access),
        "suggestion_rule": survey_files.SUGGESTION_RULE,
        "may_manage": rules.may_manage_issues(access),
        "chosen": removing.chosen_from(issue),
    }
    return render(request, "assessment/issue.html", context)


def source_of(access, issue):
    """The dataset the issue is about, if the person may read it; None for police.uk's."""
    if issue.dataset_id is None:
        return None
    return rules.datasets_of(access).filter(pk=issue.dataset_id).first()


@login_required
def issue_score(request, slug, issue_id):
    access = rules.access_for(request, slug)
    rules.require_scorer(access)
    issue = rules.candidate_issue_for(access, issue_id)
    mine = dict(issue.scores.filter(scorer=request.user).values_list("dimension", "value"))
    evidence = selectors.evidence_on(access, issue)
    suggested = survey_files.suggested_score(issue)
    if suggested:
        # The survey's suggestion is offered until the person gives a score of their own.
        mine.setdefault(Dimension.PUBLIC_CONCERN.value, suggested.value)
        evidence = {**evidence, Dimension.PUBLIC_CONCERN.value: suggested.sentence()}
    form = ScoreForm(request.POST or None, initial=mine, evidence=evidence)
    if request.method == "POST" and form.is_valid():
        save_scores(issue, request.user, form.cleaned_data)
        messages.success(request, f"Your scores of {issue} are saved.")
        return redirect(issue)
    context = {"access": access, "issue": issue, "form": form}
    return render(request, "assessment/issue_score.html", context)


def save_scores(issue, person, values):
    """The person's score of each dimension given; a dimension left unscored loses theirs."""
    with transaction.atomic():
        for dimension, value in values.items():
            mine = Score.objects.filter(issue=issue, dimension=dimension, scorer=person)
            if value is None:
                mine.delete()
            else:
                Score.objects.update_or_create(
                    issue=issue, dimension=dimension, scorer=person, defaults={"value": value}
                )


@login_required
def weights(request, slug):
    access = rules.access_for(request, slug)
    rules.require_issue_manager(access)
    form = WeightsForm(request.POST or None, initial=selectors.weights_of(access.partnership))
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            for dimension, weight in form.cleaned_data.items():
                DimensionWeight.objects.update_or_create(
                    partnership=access.partnership,
                    dimension=dimension,
                    defaults={"weight": weight, "changed_by": request.user},
                )
        messages.success(request, "The weights are saved.")
        return redirect("assessment:ranking", slug)
    return render(request, "assessment/weights.html", {"access": access, "form": form})


# Residents' surveys


@login_required
def surveys(request, slug):
    access = rules.access_for(request, slug)
    found = rules.surveys_of(access.partnership).prefetch_related("results")
    context = {
        "access": access,
        "surveys": [(survey, survey_groups(survey)) for survey in found],
        "links": rules.concern_links_of(access.partnership).select_related("issue"),
        "may_manage": rules.may_manage_datasets(access),
        "score_rule": survey_files.SCORE_RULE,
        "suggestion_rule": survey_files.SUGGESTION_RULE,
    }
    return render(request, "assessment/surveys.html", context)


def survey_groups(survey):
    """Each question's answers (the themes as one group) as a chart with its table, or a table
    alone where a question has one answer."""
    groups = {}
    for result in survey.results.all():
        groups.setdefault(result.question, []).append(result)
    drawn = []
    for question, results in groups.items():
        title = f"{survey}: {question}" if question else f"{survey}: themes of free-text answers"
        rows = [
            [result.answer, result.count, selectors.share(result.count, survey.respondents)]
            for result in results
        ]
        headers = ["Theme" if not question else "Answer", "People", "Share of respondents"]
        chart = None
        if len(results) > 1:
            svg = charts.drawn_svg(
                charts.stacked_bars,
                title,
                labels=[result.answer for result in results],
                series={"People": [result.count for result in results]},
            )
            chart = charts.Chart(title, svg, headers, rows)
        drawn.append({"title": title, "chart": chart, "headers": headers, "rows": rows})
    return drawn


# Peer districts


@login_required
def peers(request, slug):
    access = rules.access_for(request, slug)
    context = {
        "access": access,
        "peers": rules.peer_districts_of(access.partnership),
        "may_manage": rules.may_choose_peers(access),
    }
    return render(request, "assessment/peers.html", context)


@login_required
def peers_choose(request, slug):
    access = rules.access_for(request, slug)
    rules.require_peer_manager(access)
    own = set(rules.districts_of(access.partnership))
    known = districts.districts()
    chosen = rules.peer_districts_of(access.partnership)
    choices = sorted(
        (f"{district.name} ({code})", code) for code, district in known.items() if code not in own
    )
    choices = [(code, label) for label, code in choices]
    form = PeersForm(
        request.POST or None,
        choices=choices,
        initial={
            "districts": [peer.code for peer in chosen],
            "group": next((peer.group for peer in chosen if peer.group), ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        group = form.cleaned_data["group"]
        rows = [(code, known[code].name, group) for code in form.cleaned_data["districts"]]
        save_peers(access.partnership, rows, request.user)
        messages.success(request, f"{len(rows)} peer district{'s' * (len(rows) != 1)} chosen.")
        return redirect("assessment:peers", slug)
    return render(request, "assessment/peers_choose.html", {"access": access, "form": form})


@login_required
@accepts_uploads(MAX_BYTES)
def survey_new(request, slug):
    access = rules.access_for(request, slug)
    rules.require_dataset_manager(access)
    form = SurveyForm(request.POST or None, request.FILES or None, access=access)
    if request.method == "POST" and form.is_valid():
        try:
            survey, count = save_survey_form(form, access, request.user)
        except BadSpreadsheet as bad:
            add_problems(form, bad)
        except IntegrityError:
            form.add_error("title", SURVEY_TAKEN)
        else:
            messages.success(request, f"{survey} is saved: {count:,} answers and themes.")
            return redirect(survey)
    return render(request, "assessment/survey_form.html", {"access": access, "form": form})


def save_survey_form(form, access, person):
    """The survey, its results and the file they came from, all saved or none."""
    upload = form.cleaned_data["file"]
    with atomic_with_files():
        survey = form.save(commit=False)
        survey.partnership = access.partnership
        survey.source_file.save(upload.name, upload, save=False)
        results = survey_files.read_results(
            default_storage.path(survey.source_file.name), survey.respondents
        )
        survey_files.save_results(survey, results, loaded_by=person)
    return survey, len(results)


@login_required
def issue_concern(request, slug, issue_id):
    access = rules.access_for(request, slug)
    rules.require_issue_manager(access)
    issue = rules.candidate_issue_for(access, issue_id)
    linked = rules.concern_links_of(access.partnership).filter(issue=issue).first()
    form = ConcernLinkForm(
        request.POST or None,
        initial={"result": linked.result_id if linked else None},
        results=rules.survey_results_of(access.partnership),
    )
    if request.method == "POST" and form.is_valid():
        result = form.cleaned_data["result"]
        with transaction.atomic():
            if result is None:
                ConcernLink.objects.filter(issue=issue).delete()
            else:
                ConcernLink.objects.update_or_create(
                    issue=issue, defaults={"result": result, "linked_by": request.user}
                )
        messages.success(request, f"The survey evidence of {issue} is saved.")
        return redirect(issue)
    context = {
        "access": access,
        "issue": issue,
        "form": form,
        "score_rule": survey_files.SCORE_RULE,
    }
    return render(request, "assessment/issue_concern.html", context)


# Into the plan


def choose_form(data, access, ranked):
    plans = rules.plans_open_to_the_assessment(access.partnership).prefetch_related("priorities")
    return ChooseForm(
        data,
        ranking=ranked,
        plans=list(plans.order_by("year")),
        new_year=choosing.next_draft_year(access.partnership),
    )


@login_required
def choose(request, slug):
    """The ticked candidate issues into a plan not yet adopted, each with why it was chosen."""
    access = rules.access_for(request, slug)
    rules.require_plan_chooser(access)
    form = choose_form(request.POST or None, access, selectors.ranking(access.partnership))
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data
        try:
            with transaction.atomic():
                plan = chosen["plan"] or choosing.new_draft(access.partnership, form.new_year)
                made = choosing.choose_for_plan(
                    plan=plan, issues=chosen["issues"], under=chosen["under"]
                )
        except ValidationError as refused:
            form.add_error(None, refused)
        else:
            added = "; ".join(str(item) for item in made)
            messages.success(request, f"Added to {plan} from the assessment: {added}.")
            return redirect(plan)
    return render(request, "assessment/choose.html", {"access": access, "form": form})


# Deleting, after a confirmation


@login_required
def issue_delete(request, slug, issue_id):
    access = rules.access_for(request, slug)
    rules.require_issue_manager(access)
    issue = rules.candidate_issue_for(access, issue_id)
    refused = None
    if request.method == "POST":
        try:
            removing.remove_issue(issue)
        except removing.NotRemoved as problem:
            refused = str(problem)
        else:
            messages.success(request, f"{issue} is deleted, with its scores.")
            return redirect("assessment:ranking", slug)
    context = {"access": access, "removal": removing.issue_removal(issue), "refused": refused}
    return render(request, "assessment/issue_delete.html", context)


@login_required
def dataset_delete(request, slug, dataset_id):
    access = rules.access_for(request, slug)
    rules.require_dataset_manager(access)
    dataset = rules.dataset_for(access, dataset_id)
    refused = None
    if request.method == "POST":
        try:
            removing.remove_dataset(dataset)
        except removing.NotRemoved as problem:
            refused = str(problem)
        else:
            messages.success(request, f"{dataset} is deleted, with its counts.")
            return redirect("assessment:overview", slug)
    context = {"access": access, "removal": removing.dataset_removal(dataset), "refused": refused}
    return render(request, "assessment/dataset_delete.html", context)


@login_required
@accepts_uploads(MAX_BYTES)
def peers_load(request, slug):
    access = rules.access_for(request, slug)
    rules.require_peer_manager(access)
    form = PeersFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        known = districts.districts()
        try:
            rows = read_upload(form.cleaned_data["file"], known, access.partnership)
        except BadSpreadsheet as bad:
            add_problems(form, bad)
        else:
            rows = [(row.code, row.name or known[row.code].name, row.group) for row in rows]
            save_peers(access.partnership, rows, request.user)
            messages.success(request, f"{len(rows)} peer district{'s' * (len(rows) != 1)} loaded.")
            return redirect("assessment:peers", slug)
    return render(request, "assessment/peers_load.html", {"access": access, "form": form})


def read_upload(upload, known, partnership):
    """The peer districts of an uploaded CSV, read from a file of its own (the reader reads a
    path); the file is not kept: the districts are the record."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / Path(upload.name).name  # messages name the file as uploaded
        with copy.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        return read_peers(copy, known, set(rules.districts_of(partnership)))


def save_peers(partnership, rows, person):
    """Replace the partnership's peer districts with `rows` (code, name, group), all or none."""
    with transaction.atomic():
        rules.peer_districts_of(partnership).delete()
        for code, name, group in rows:
            PeerDistrict.objects.create(
                partnership=partnership, code=code, name=name, group=group, added_by=person
            )
