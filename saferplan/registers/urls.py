from django.urls import path

from . import views
from .views import ASB, DEATH_REVIEWS

app_name = "registers"

asb, death_reviews = {"register": ASB}, {"register": DEATH_REVIEWS}

urlpatterns = [
    path("", views.overview, name="overview"),
    path("asb/figures.csv", views.asb_figures_csv, name="asb_figures_csv"),
    path("asb/", views.asb_list, name="asb_list"),
    path("asb/new/", views.case_edit, asb, name="asb_new"),
    path("asb/<int:review_id>/", views.asb_case, name="asb_case"),
    path("asb/<int:review_id>/edit/", views.case_edit, asb, name="asb_edit"),
    path(
        "asb/<int:review_id>/recommendations/new/",
        views.recommendation_new,
        asb,
        name="asb_recommendation_new",
    ),
    path(
        "asb/recommendations/<int:recommendation_id>/action/",
        views.recommendation_action,
        asb,
        name="asb_action",
    ),
    path(
        "asb/recommendations/<int:recommendation_id>/register/",
        views.asb_register_entry,
        name="asb_register_entry",
    ),
    path("dardr/", views.death_review_list, name="death_review_list"),
    path("dardr/new/", views.case_edit, death_reviews, name="death_review_new"),
    path("dardr/<int:review_id>/", views.death_review, name="death_review"),
    path("dardr/<int:review_id>/edit/", views.case_edit, death_reviews, name="death_review_edit"),
    path(
        "dardr/<int:review_id>/recommendations/new/",
        views.recommendation_new,
        death_reviews,
        name="death_review_recommendation_new",
    ),
    path(
        "dardr/recommendations/<int:recommendation_id>/action/",
        views.recommendation_action,
        death_reviews,
        name="death_review_action",
    ),
]
