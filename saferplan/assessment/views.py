import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
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
from saferplan.ui.middleware import accepts_uploads

from . import selectors
from .files import MAX_BYTES, read_dataset, read_peers, read_weights, save_dataset
from .forms import (
    ISSUE_TAKEN,
    NAME_TAKEN,
    CandidateIssueForm,
    DatasetForm,
    HarmWeightsForm,
    PeersFileForm,
    PeersForm,
    ScoreForm,
    WeightsForm,
)
from .models import Dimension, DimensionWeight, HarmWeight, HarmWeights, PeerDistrict, Score


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
    figures = selectors.police_harm(access.partnership)
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
    ranked = selectors.ranking(access.partnership)
    context = {
        "access": access,
        "ranking": ranked,
        "table": selectors.ranking_table(ranked),
        "may_manage": rules.may_manage_issues(access),
    }
    return render(request, "assessment/ranking.html", context)


@login_required
def ranking_download(request, slug):
    access = rules.access_for(request, slug)
    ranking = selectors.ranking_table(selectors.ranking(access.partnership))
    return csv_download(ranking, f"{slug}-{ranking.name}")


@login_required
def issue_new(request, slug):
    access = rules.access_for(request, slug)
    rules.require_issue_manager(access)
    form = CandidateIssueForm(
        request.POST or None, access=access, categories=selectors.known_categories(access)
    )
    if request.method == "POST" and form.is_valid():
        issue = form.save(commit=False)
        issue.partnership, issue.added_by = access.partnership, request.user
        try:
            with transaction.atomic():
                issue.save()
        except IntegrityError:
            # Another issue took the name between the form's check and this save.
            form.add_error("name", ISSUE_TAKEN)
        else:
            messages.success(request, f"{issue} is added to the candidate issues.")
            return redirect(issue)
    return render(request, "assessment/issue_form.html", {"access": access, "form": form})


@login_required
def issue(request, slug, issue_id):
    access = rules.access_for(request, slug)
    issue = rules.candidate_issue_for(access, issue_id)
    evidence = selectors.evidence_on(access.partnership, issue.category)
    scores = issue.scores.select_related("scorer").order_by("given_at")
    context = {
        "access": access,
        "issue": issue,
        "dimensions": [
            (label, evidence.get(key), [s for s in scores if s.dimension == key])
            for key, label in Dimension.choices
        ],
        "may_score": rules.may_score(access),
    }
    return render(request, "assessment/issue.html", context)


@login_required
def issue_score(request, slug, issue_id):
    access = rules.access_for(request, slug)
    rules.require_scorer(access)
    issue = rules.candidate_issue_for(access, issue_id)
    mine = dict(issue.scores.filter(scorer=request.user).values_list("dimension", "value"))
    form = ScoreForm(
        request.POST or None,
        initial=mine,
        evidence=selectors.evidence_on(access.partnership, issue.category),
    )
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
