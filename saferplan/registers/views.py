"""The registers' pages. Who sees which case is asked of `partnerships/access.py`."""

import io
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from saferplan import safe_cells
from saferplan.partnerships import access as rules

from . import selectors
from .forms import (
    AsbCaseReviewForm,
    AsbRecommendationForm,
    DeathReviewForm,
    DeathReviewRecommendationForm,
    RecommendationActionForm,
    RegisterEntryForm,
)


@dataclass(frozen=True)
class Register:
    """What differs between the two registers' pages, given to the views they share by their
    URLs: how a case and a recommendation are found (access.py), their forms, and the pages of
    a case and of the list."""

    case_for: Callable
    recommendation_for: Callable
    case_form: type
    recommendation_form: type
    case_page: str
    list_page: str
    adding: str


ASB = Register(
    case_for=rules.asb_case_review_for,
    recommendation_for=rules.asb_recommendation_for,
    case_form=AsbCaseReviewForm,
    recommendation_form=AsbRecommendationForm,
    case_page="registers:asb_case",
    list_page="registers:asb_list",
    adding="Add an ASB case review",
)
DEATH_REVIEWS = Register(
    case_for=rules.death_review_for,
    recommendation_for=rules.death_review_recommendation_for,
    case_form=DeathReviewForm,
    recommendation_form=DeathReviewRecommendationForm,
    case_page="registers:death_review",
    list_page="registers:death_review_list",
    adding="Add a death review",
)


def form_page(request, access, form, *, title, then, cancel, caption=None):
    """Save a valid POST and go to `then(saved)`; otherwise show the form with its errors. A
    rule checked only on saving (ValidationError) shows in the error summary, saving nothing."""
    if request.method == "POST" and form.is_valid():
        try:
            saved = form.save()
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{saved} is saved.")
            return redirect(then(saved))
    context = {"access": access, "form": form, "title": title, "cancel": cancel}
    context["caption"] = caption or access.partnership
    return render(request, "registers/form.html", context)


@login_required
def overview(request, slug):
    """The ASB case review figures the Act requires, for everyone in the partnership."""
    access = rules.access_for(request, slug)
    return render(
        request,
        "registers/overview.html",
        {
            "access": access,
            "figures": selectors.asb_case_review_figures(access.partnership),
            "headers": selectors.ASB_FIGURES_HEADERS,
            "published": selectors.published_reviews(access.partnership),
            "asb_open": rules.asb_case_reviews_for(access).count(),
            "reviews_open": rules.death_reviews_for(access).count(),
        },
    )


@login_required
def asb_figures_csv(request, slug):
    access = rules.access_for(request, slug)
    out = io.StringIO()
    writer = safe_cells.csv_writer(out)
    writer.writerow(selectors.ASB_FIGURES_HEADERS)
    for figures in selectors.asb_case_review_figures(access.partnership):
        writer.writerow(figures.as_row())
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-asb-case-reviews.csv"'
    return response


# ASB case reviews


@login_required
def asb_list(request, slug):
    access = rules.access_for(request, slug)
    cases = rules.asb_case_reviews_for(access).prefetch_related("recommendations")
    return render(
        request,
        "registers/asb_list.html",
        {
            "access": access,
            "cases": cases,
            "total": rules.asb_case_reviews_of(access.partnership).count(),
        },
    )


@login_required
def asb_case(request, slug, review_id):
    access = rules.access_for(request, slug)
    case = rules.asb_case_review_for(access, review_id)
    return render(
        request,
        "registers/asb_case.html",
        {
            "access": access,
            "case": case,
            "recommendations": case.recommendations.select_related(
                "owner", "action__issue__priority__plan", "register_entry"
            ),
            "plan": rules.plan_for_recommendations(access.partnership),
        },
    )


@login_required
def asb_register_entry(request, slug, recommendation_id):
    """Put an ASB case review's recommendation in the recommendations register, once."""
    access = rules.access_for(request, slug)
    access.require("manage_registers")
    access.require("manage_meetings")
    recommendation = rules.asb_recommendation_for(access, recommendation_id)
    back = reverse("registers:asb_case", args=[slug, recommendation.review_id])
    if recommendation.register_entry is not None:
        messages.error(request, "This recommendation is already in the recommendations register.")
        return redirect(back)
    form = RegisterEntryForm(
        request.POST or None,
        recommendation=recommendation,
        by=request.user,
        initial={"text": recommendation.text},
    )
    return form_page(
        request,
        access,
        form,
        title="Add it to the recommendations register",
        caption=recommendation.review,
        then=lambda saved: reverse("meetings:recommendation", args=[slug, saved.pk]),
        cancel=back,
    )


# Domestic Abuse Related Death Reviews


@login_required
def death_review_list(request, slug):
    access = rules.access_for(request, slug)
    today = timezone.localdate()
    reviews = list(rules.death_reviews_for(access).prefetch_related("panel_agencies"))
    for review in reviews:
        review.late = review.is_late(today)
    return render(
        request,
        "registers/death_review_list.html",
        {
            "access": access,
            "reviews": reviews,
            "published": selectors.published_reviews(access.partnership),
        },
    )


@login_required
def death_review(request, slug, review_id):
    access = rules.access_for(request, slug)
    review = rules.death_review_for(access, review_id)
    return render(
        request,
        "registers/death_review.html",
        {
            "access": access,
            "review": review,
            "milestones": review.milestones(timezone.localdate()),
            "recommendations": review.recommendations.select_related(
                "owner", "action__issue__priority__plan"
            ),
            "plan": rules.plan_for_recommendations(access.partnership),
        },
    )


# The pages both registers have, each told its register by its URL.


@login_required
def case_edit(request, slug, register, review_id=None):
    access = rules.access_for(request, slug)
    access.require("manage_registers")
    case = register.case_for(access, review_id) if review_id else None
    form = register.case_form(request.POST or None, instance=case, partnership=access.partnership)
    return form_page(
        request,
        access,
        form,
        title=f"Edit {case}" if case else register.adding,
        then=lambda saved: reverse(register.case_page, args=[slug, saved.pk]),
        cancel=reverse(register.case_page, args=[slug, case.pk])
        if case
        else reverse(register.list_page, args=[slug]),
    )


@login_required
def recommendation_new(request, slug, register, review_id):
    access = rules.access_for(request, slug)
    access.require("manage_registers")
    case = register.case_for(access, review_id)
    back = reverse(register.case_page, args=[slug, case.pk])
    form = register.recommendation_form(request.POST or None, review=case)
    return form_page(
        request,
        access,
        form,
        title="Add a recommendation",
        caption=case,
        then=lambda saved: back,
        cancel=back,
    )


@login_required
def recommendation_action(request, slug, register, recommendation_id):
    """The plan's action form, filled in from the recommendation: its text, owner agency and
    target date; the coordinator chooses the emerging issue. Once only."""
    access = rules.access_for(request, slug)
    access.require("manage_registers")
    access.require("manage_plan")
    recommendation = register.recommendation_for(access, recommendation_id)
    back = reverse(register.case_page, args=[slug, recommendation.review_id])
    if recommendation.action_id is not None:
        messages.error(request, "This recommendation is already an action of the plan.")
        return redirect(back)
    plan = rules.plan_for_recommendations(access.partnership)
    if plan is None:
        messages.error(request, "There is no plan whose year is open: add the plan first.")
        return redirect(back)
    form = RecommendationActionForm(
        request.POST or None,
        plan=plan,
        recommendation=recommendation,
        initial={
            "title": recommendation.text,
            "lead_agency": recommendation.owner_id,
            "target_date": recommendation.due,
            "number": 1,
        },
    )
    return form_page(
        request,
        access,
        form,
        title=f"Make it an action of {plan}",
        caption=recommendation.review,
        then=lambda saved: saved.get_absolute_url(),
        cancel=back,
    )
