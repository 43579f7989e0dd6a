from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("datasets/new/", views.dataset_new, name="dataset_new"),
    path("datasets/<int:dataset_id>/", views.dataset, name="dataset"),
    path("datasets/<int:dataset_id>/edit/", views.dataset_edit, name="dataset_edit"),
    path("datasets/<int:dataset_id>/delete/", views.dataset_delete, name="dataset_delete"),
    path(
        "datasets/<int:dataset_id>/<slug:table>.csv",
        views.dataset_download,
        name="dataset_download",
    ),
    path("harm/", views.harm, name="harm"),
    path("harm.csv", views.harm_download, name="harm_download"),
    path("harm/load/", views.harm_load, name="harm_load"),
    path("peers/", views.peers, name="peers"),
    path("peers/choose/", views.peers_choose, name="peers_choose"),
    path("peers/load/", views.peers_load, name="peers_load"),
    path("issues/", views.ranking, name="ranking"),
    path("issues/ranking.csv", views.ranking_download, name="ranking_download"),
    path("issues/new/", views.issue_new, name="issue_new"),
    path("issues/weights/", views.weights, name="weights"),
    path("issues/<int:issue_id>/", views.issue, name="issue"),
    path("issues/<int:issue_id>/score/", views.issue_score, name="issue_score"),
    path("issues/<int:issue_id>/concern/", views.issue_concern, name="issue_concern"),
    path("surveys/", views.surveys, name="surveys"),
    path("surveys/new/", views.survey_new, name="survey_new"),
    path("issues/<int:issue_id>/edit/", views.issue_edit, name="issue_edit"),
    path("issues/<int:issue_id>/delete/", views.issue_delete, name="issue_delete"),
    path("issues/choose/", views.choose, name="choose"),
]
