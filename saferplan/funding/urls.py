from django.urls import path

from . import views

app_name = "funding"

grant = "grants/<int:grant_id>/"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("grants/new/", views.grant_new, name="grant_new"),
    path(grant, views.grant, name="grant"),
    path(grant + "edit/", views.grant_edit, name="grant_edit"),
    path(grant + "return-dates/new/", views.return_date_new, name="return_date_new"),
    path(grant + "allocations/new/", views.allocation_new, name="allocation_new"),
    path(grant + "allocations/<int:allocation_id>/", views.allocation_edit, name="allocation_edit"),
    path(grant + "projects/new/", views.project_new, name="project_new"),
    path(grant + "projects/<int:project_id>/", views.project_edit, name="project_edit"),
    path(grant + "spend/new/", views.spend_new, name="spend_new"),
    path(grant + "applications/", views.applications, name="applications"),
    path(grant + "applications/new/", views.application_new, name="application_new"),
    path(grant + "applications/<int:application_id>/", views.application, name="application"),
    path(grant + "return.csv", views.monitoring_return, {"file_format": "csv"}, name="return_csv"),
    path(
        grant + "return.xlsx", views.monitoring_return, {"file_format": "xlsx"}, name="return_xlsx"
    ),
]
