from django.urls import path

from . import views

app_name = "registers"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("asb/figures.csv", views.asb_figures_csv, name="asb_figures_csv"),
    path("asb/", views.asb_list, name="asb_list"),
    path("asb/new/", views.asb_edit, name="asb_new"),
    path("asb/<int:review_id>/", views.asb_case, name="asb_case"),
    path("asb/<int:review_id>/edit/", views.asb_edit, name="asb_edit"),
    path(
        "asb/<int:review_id>/recommendations/new/",
        views.asb_recommendation_new,
        name="asb_recommendation_new",
    ),
    path(
        "asb/recommendations/<int:recommendation_id>/action/",
        views.asb_action,
        name="asb_action",
    ),
    path(
        "asb/recommendations/<int:recommendation_id>/register/",
        views.asb_register_entry,
        name="asb_register_entry",
    ),
    path("dardr/", views.death_review_list, name="death_review_list"),
    path("dardr/new/", views.death_review_edit, name="death_review_new"),
    path("dardr/<int:review_id>/", views.death_review, name="death_review"),
    path("dardr/<int:review_id>/edit/", views.death_review_edit, name="death_review_edit"),
    path(
        "dardr/<int:review_id>/recommendations/new/",
        views.death_review_recommendation_new,
        name="death_review_recommendation_new",
    ),
    path(
        "dardr/recommendations/<int:recommendation_id>/action/",
        views.death_review_action,
        name="death_review_action",
    ),
]
